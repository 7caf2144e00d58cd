"""What the goodbyes led to (see `storage.views.outcome`): the totals, contacts a month and
referrals a year as charts, and a row a former client; opened with `o` on the list of clients."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Sparkline, Static

from storage.clock import today
from storage.outputs.outcome_report import (
    HEADINGS,
    NONE,
    contacts_label,
    referrals_label,
    row_cells,
    totals_lines,
)
from storage.views.outcome import OutcomeReport, PeriodCount, outcome_report
from tui.text import literal, one_line
from tui.widgets.footer import Footer
from tui.widgets.row_list import Column, RowList

COLUMNS = [Column("Former client", share=1), *(Column(heading) for heading in HEADINGS)]
READING = "Reading every client…"
CELLS_A_MONTH = 2  # the monthly chart's width: two cells a month
CELLS_A_YEAR = 4


class OutcomeScreen(Screen):
    """The outcome report, read from every client in a worker so the screen opens at once."""

    CSS_PATH = "outcome.tcss"
    HELP_TITLE = "Outcomes"
    BINDINGS = [
        Binding("escape", "back", "Back", id="outcome.back", tooltip="Back to the clients"),
    ]

    class Loaded(Message):
        """The report is made: every client has been read."""

        def __init__(self, report: OutcomeReport) -> None:
            super().__init__()
            self.report = report

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Outcomes"
        self.report: OutcomeReport | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READING, id="outcome-totals", markup=False)
        yield Static(id="contacts-label", classes="chart-label", markup=False)
        yield Sparkline(id="contacts-chart")
        yield Static(id="referrals-label", classes="chart-label", markup=False)
        yield Sparkline(id="referrals-chart")
        yield RowList(COLUMNS, self._row, fit_content=True, id="former-clients")
        yield Footer()

    def on_mount(self) -> None:
        for part in self.query(".chart-label, Sparkline, RowList"):
            part.display = False  # until the report is made
        self._read()

    @work(thread=True, exclusive=True)
    def _read(self) -> None:
        self.post_message(self.Loaded(outcome_report(self.app.changes.clients(), today())))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        report = self.report = message.report
        rows = report.former_clients
        self.sub_title = f"Outcomes: {len(rows)} former"
        self.query_one("#outcome-totals", Static).update("\n".join(totals_lines(report)))
        self._chart("contacts", contacts_label(report), report.contacts_per_month, CELLS_A_MONTH,
                    shown=bool(rows))
        self._chart("referrals", referrals_label(report), report.referrals_per_year,
                    CELLS_A_YEAR, shown=bool(rows))
        listed = self.query_one("#former-clients", RowList)
        listed.show(list(range(len(rows))))
        listed.display = bool(rows)
        listed.focus()

    def _chart(self, name: str, label: str, series: tuple[PeriodCount, ...], cells: int, *,
               shown: bool) -> None:
        """Show ``series`` under ``label``, ``cells`` wide a period; only the label when the
        series is empty ("No referrals yet")."""
        self.query_one(f"#{name}-label", Static).update(label)
        self.query_one(f"#{name}-label").display = shown
        chart = self.query_one(f"#{name}-chart", Sparkline)
        chart.data = [period.count for period in series]
        chart.styles.width = len(series) * cells
        chart.display = shown and bool(series)

    def _row(self, index: int) -> list[Text]:
        row = self.report.former_clients[index]
        name = one_line(row.name)
        if row.archived:
            name.append(" (archived)", style="dim italic")
        return [name, *(Text(cell, style="dim") if cell == NONE else literal(cell)
                        for cell in row_cells(row))]

    def action_back(self) -> None:
        self.app.pop_screen()
