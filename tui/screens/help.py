"""Every key of Sendoff, the current screen's first, then what the glyphs and colours mean."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.bindings import own_bindings
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import DISCARD_QUESTION, FormDialog
from tui.dialogs.handover import PresetsDialog
from tui.dialogs.message import MessageDialog
from tui.screens.agenda import AgendaScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.outcome import OutcomeScreen
from tui.screens.overview import OverviewScreen
from tui.screens.search import SearchScreen
from tui.screens.step import StepScreen
from tui.screens.steps import STEP_SCREENS
from tui.screens.timeline import TimelineScreen
from tui.widgets.follow_up_cells import freshness_legend
from tui.widgets.footer import Footer
from tui.widgets.progress_segments import progress_legend

ESCAPE_RULE = ("Escape leaves, keeping what is saved: a field (what you typed in it is saved), "
               f"a dialog (when you typed something it asks first: “{DISCARD_QUESTION}”), "
               "a screen. Enter confirms.")


def help_screens() -> list[type[Screen]]:
    """Every screen whose keys `?` lists, in the order a client goes through them; each holds
    its keys in BINDINGS and those of its widgets in HELP_WIDGETS."""
    return [DashboardScreen, OverviewScreen, StepScreen, *STEP_SCREENS.values(), AgendaScreen,
            TimelineScreen, OutcomeScreen, SearchScreen, MessageDialog, FormDialog, PresetsDialog,
            ConfirmDialog]


def help_widgets(screen: type[Screen]) -> tuple[type, ...]:
    """The widgets of ``screen`` with keys of their own (see HELP_WIDGETS on the screen)."""
    return getattr(screen, "HELP_WIDGETS", ())


def screen_title(screen: type[Screen]) -> str:
    step = vars(screen).get("STEP")
    return f"Step {int(step)}: {step.title}" if step is not None else vars(screen)["HELP_TITLE"]


def _key_table(title: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", show_header=False,
                  box=None, padding=(0, 2, 0, 0), expand=True)
    table.add_column("key", style="bold", no_wrap=True, min_width=12)
    table.add_column("does", ratio=1)
    return table


class _Sections:
    """The keys of one screen after another. A screen's section leaves out the keys already
    listed on the current screen's, everywhere's, or a base class's section (the keys of every
    step); a widget's keys are listed once, then named."""

    def __init__(self, app, here: type) -> None:
        self.app = app
        self.here = here
        self.listed: dict[type, list[Binding]] = {}  # each section's keys
        self.widgets: dict[type, str] = {}  # the widgets listed, and where

    def section(self, title: str, screen: type) -> Table | None:
        before = [binding for owner, bindings in self.listed.items()
                  if owner in (self.here, type(self.app)) or owner in screen.__mro__[1:]
                  for binding in bindings]
        own = [binding for binding in own_bindings(screen)
               if binding.description and binding not in before]
        self.listed[screen] = own
        table = _key_table(title)
        self._add_keys(table, own)
        for widget in help_widgets(screen):
            if widget in self.widgets:
                table.add_row("", Text(f"{widget.HELP_TITLE}: {self.widgets[widget]}",
                                       style="italic"))
                continue
            self.widgets[widget] = ("the keys on this screen, above" if screen is self.here
                                    else f"as under {title}")
            table.add_row("", Text(widget.HELP_TITLE, style="italic"))
            self._add_keys(table, [binding for binding in own_bindings(widget)
                                   if binding.description])
        return table if table.row_count else None

    def _add_keys(self, table: Table, bindings: list[Binding]) -> None:
        for binding in bindings:
            keys = " / ".join(self.app.get_key_display(Binding(key.strip(), binding.action))
                              for key in binding.key.split(","))
            does = Text(binding.description)
            if binding.tooltip and binding.tooltip != binding.description:
                does.append(f" — {binding.tooltip}", style="dim")
            table.add_row(keys, does)


def _legend(title: str, rows: list[tuple[Text, str]]) -> Table:
    table = _key_table(title)
    for glyph, meaning in rows:
        table.add_row(glyph, meaning)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened from, the app-wide ones, every other
    screen's, then the legends of the dashboard's step glyphs and the follow-ups' states."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", key_display="esc/?/q",
                        id="help.close", tooltip="Close the list of keys")]

    def __init__(self, beneath: Screen) -> None:
        super().__init__()
        self.beneath = beneath

    def compose(self) -> ComposeResult:
        here = type(self.beneath)
        sections = _Sections(self.app, here)
        title = (screen_title(here) if here in help_screens()
                 else self.beneath.sub_title or "This screen")
        tables = [sections.section(f"{title} (this screen)", here),
                  sections.section("Everywhere", type(self.app))]
        tables += [sections.section(screen_title(screen), screen)
                   for screen in help_screens() if screen is not here]
        with VerticalScroll(id="help"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            yield Static(Text("Every key is also a command: press ctrl+p and type what you want.",
                              style="italic"))
            yield Static(Text(ESCAPE_RULE), id="help-escape")
            for table in tables:
                if table is not None:
                    yield Static(table)
            yield Static(Group(
                _legend("The dashboard's Steps 1-5 column: a segment a step",
                        progress_legend(self.app)),
                Text(""),
                _legend("A follow-up's state (its next date is shown in its colour)",
                        freshness_legend(self.app)),
            ), id="help-legends")
        yield Footer()
