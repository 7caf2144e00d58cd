"""Every key of Sendoff, the current screen's first."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.bindings import own_bindings
from tui.dialogs.form import DISCARD_QUESTION
from tui.widgets.footer import Footer

ESCAPE_RULE = ("Escape leaves, keeping what is saved: a field (what you typed in it is saved), "
               f"a dialog (when you typed something it asks first: “{DISCARD_QUESTION}”), "
               "a screen. Enter confirms.")


def _key_table(title: str, bindings: list[Binding], app) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", show_header=False,
                  box=None, padding=(0, 2, 0, 0), expand=True)
    table.add_column("key", style="bold", no_wrap=True, min_width=12)
    table.add_column("does", ratio=1)
    for binding in bindings:
        if not binding.description:
            continue
        keys = " / ".join(app.get_key_display(Binding(key.strip(), binding.action))
                          for key in binding.key.split(","))
        does = Text(binding.description)
        if binding.tooltip and binding.tooltip != binding.description:
            does.append(f" — {binding.tooltip}", style="dim")
        table.add_row(keys, does)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened from, then the app-wide ones."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", key_display="esc/?/q",
                        id="help.close", tooltip="Close the list of keys")]

    def __init__(self, beneath: Screen) -> None:
        super().__init__()
        self.beneath = beneath

    def compose(self) -> ComposeResult:
        sections = [(self.beneath.sub_title or "This screen", own_bindings(type(self.beneath)))]
        widgets = {type(widget) for widget in self.beneath.query("*")}
        sections += [(getattr(widget, "HELP_TITLE", widget.__name__), own_bindings(widget))
                     for widget in sorted(widgets, key=lambda cls: cls.__name__)
                     if "HELP_TITLE" in vars(widget)]
        with VerticalScroll(id="help"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            yield Static(Text("Every key is also a command: press ctrl+p and type what you want.",
                              style="italic"))
            yield Static(Text(ESCAPE_RULE), id="help-escape")
            for title, bindings in sections:
                yield Static(_key_table(title, bindings, self.app))
            yield Static(_key_table("Everywhere", own_bindings(type(self.app)), self.app))
        yield Footer()
