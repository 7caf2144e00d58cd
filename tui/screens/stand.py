"""Step 1, where you stand: the contract, the notice served, and whether it covers the last day."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static

from storage.changes import stand
from storage.records.client import Client
from storage.records.contract import Contract, ContractKind, NoticeGivenBy, NoticePeriod, NoticeUnit
from storage.records.fields import parse_date, parse_whole_number
from storage.rules.progress import step_progress
from storage.rules.steps import Step
from tui.screens.form_step import FormStepScreen, form_date_input, form_text_input
from tui.text import literal
from tui.widgets.field_row import FieldRow
from tui.widgets.step_todo import StepTodo
from tui.widgets.tick_box import TickBox

KIND_CHOICES = [
    ("Fixed scope", ContractKind.FIXED_SCOPE),
    ("Retainer", ContractKind.RETAINER),
    ("Open-ended", ContractKind.OPEN_ENDED),
    ("No contract", ContractKind.NONE),
]
UNIT_CHOICES = [(unit.value, unit) for unit in NoticeUnit]
GIVEN_BY_CHOICES = [
    ("Not yet", NoticeGivenBy.NOBODY),
    ("Me", NoticeGivenBy.ME),
    ("The client", NoticeGivenBy.CLIENT),
]
DATE_FIELDS = ("start", "planned_last_day", "notice_given_on")
FieldDone = Input.Submitted | Input.Blurred | Select.Changed | Checkbox.Changed
ARRANGEMENT_HINT = "Agree something fair: pay in lieu, a shorter handover, extra days…"


def _field_name(widget: Widget) -> str:
    return (widget.id or "").removeprefix("field-")


def notice_end_line(contract: Contract) -> str:
    """When notice ends and how that was worked out, or why it cannot be known yet."""
    needs_notice = not (contract.kind is ContractKind.NONE and contract.notice.amount == 0)
    given_on = contract.notice_given_on
    if given_on is None:
        if not needs_notice:
            return "No contract and no notice period: nothing to serve"
        if contract.notice.amount:
            return f"Notice not given yet ({contract.notice.describe()} needed)"
        return "Notice not given yet"
    if contract.notice.amount == 0:
        return f"Notice ends {given_on} (no notice period)"
    return f"Notice ends {contract.notice_end} ({contract.notice.describe()} from {given_on})"


def sufficiency_line(contract: Contract) -> tuple[str, str]:
    """Whether notice covers the planned last day, and the class that colours the answer."""
    sufficient = contract.notice_sufficient
    if sufficient is None:
        return "", ""
    if sufficient:
        planned = contract.planned_last_day
        detail = f" for the planned last day {planned}" if planned else ""
        return f"Notice is sufficient{detail}", "-sufficient"
    days = contract.shortfall_days
    unit = "day" if days == 1 else "days"
    agreed = "; an arrangement is agreed" if contract.arrangement.strip() else ""
    return (
        f"Notice falls {days} {unit} short of the planned last day "
        f"{contract.planned_last_day}{agreed}",
        "-short",
    )


class StandScreen(FormStepScreen):
    """The contract form, saved field by field, beside a live answer to "when can this end?"."""

    STEP = Step.STAND
    CSS_PATH = "stand.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    FORM_SELECTOR = "#stand-form"

    def compose_step(self) -> ComposeResult:
        with Vertical(id="stand-body"):
            with Vertical(id="result") as result:
                result.border_title = "Where you stand"
                yield Static(id="notice-end")
                yield Static(id="sufficiency")
                yield StepTodo(id="todo")
            with VerticalScroll(id="stand-form"):
                yield FieldRow("kind", "Kind of contract",
                               Select(KIND_CHOICES, allow_blank=False, id="field-kind"))
                with Horizontal(classes="pair"):
                    yield FieldRow("start", "Started on", form_date_input("start"))
                    yield FieldRow("planned_last_day", "Planned last day",
                                   form_date_input("planned_last_day"))
                with Horizontal(classes="pair"):
                    yield FieldRow("notice_amount", "Notice period",
                                   Input(type="integer", max_length=4, id="field-notice_amount"))
                    yield FieldRow("notice_unit", "Counted in",
                                   Select(UNIT_CHOICES, allow_blank=False, id="field-notice_unit"))
                    yield FieldRow("notice_business_days", "Only",
                                   TickBox("business days", id="field-notice_business_days"))
                with Horizontal(classes="pair"):
                    yield FieldRow("notice_given_by", "Notice given by",
                                   Select(GIVEN_BY_CHOICES, allow_blank=False,
                                          id="field-notice_given_by"))
                    yield FieldRow("notice_given_on", "on", form_date_input("notice_given_on"))
                yield FieldRow("termination_terms", "Termination terms",
                               form_text_input("termination_terms",
                                               placeholder="What the contract says about ending it"))
                yield FieldRow("arrangement", "Arrangement agreed (when notice falls short)",
                               form_text_input("arrangement",
                                               placeholder="What you and the client agreed"),
                               hint=ARRANGEMENT_HINT)

    # Showing -------------------------------------------------------------------------------

    def fill_form(self, client: Client) -> None:
        contract = client.contract
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed):
            self._input("notice_amount").value = str(contract.notice.amount or "")
            for name in DATE_FIELDS:
                value: date | None = getattr(contract, name)
                self._input(name).value = value.isoformat() if value else ""
            self._input("termination_terms").value = contract.termination_terms
            self._input("arrangement").value = contract.arrangement
            self.query_one("#field-kind", Select).value = contract.kind
            self.query_one("#field-notice_unit", Select).value = contract.notice.unit
            self.query_one("#field-notice_given_by", Select).value = contract.notice_given_by
            business_days = self.query_one("#field-notice_business_days", Checkbox)
            business_days.value = contract.notice.business_days
        self._show_result(client)

    def _show_result(self, client: Client) -> None:
        """The result panel and the arrangement's emphasis, for ``client`` saved or as typed."""
        contract = client.contract
        self.query_one("#notice-end", Static).update(literal(notice_end_line(contract)))
        text, tone = sufficiency_line(contract)
        sufficiency = self.query_one("#sufficiency", Static)
        sufficiency.update(literal(text))
        sufficiency.display = bool(text)
        sufficiency.set_class(tone == "-sufficient", "-sufficient")
        sufficiency.set_class(tone == "-short", "-short")
        arrangement = self.query_one("#row-arrangement")
        arrangement.set_class(contract.notice_sufficient is False, "-needed")
        arrangement.set_class(bool(contract.arrangement.strip()), "-agreed")
        self.query_one("#todo", StepTodo).show(step_progress(client, Step.STAND))

    def _input(self, name: str) -> Input:
        return self.query_one(f"#field-{name}", Input)

    # Reading and saving ---------------------------------------------------------------------

    def change_from_form(self, client: Client, field: str) -> str:
        return stand.set_contract(client, self.contract_from_form(), field)

    def contract_from_form(self) -> Contract:
        """The contract as typed; raises ValidationError naming the field that cannot be read."""
        dates = {name: parse_date(name, self._input(name).value) for name in DATE_FIELDS}
        unit = self.query_one("#field-notice_unit", Select).value
        return Contract(
            kind=self.query_one("#field-kind", Select).value,
            notice=NoticePeriod(
                amount=parse_whole_number("notice_amount", self._input("notice_amount").value,
                                          unit=str(unit), empty=0),
                unit=unit,
                business_days=self.query_one("#field-notice_business_days", Checkbox).value,
            ),
            notice_given_by=self.query_one("#field-notice_given_by", Select).value,
            termination_terms=self._input("termination_terms").value.strip(),
            arrangement=self._input("arrangement").value.strip(),
            **dates,
        )

    @on(Input.Changed)
    def _preview(self) -> None:
        """Recompute the result as the user types, without saving."""
        self._show_result(self.as_typed())

    @on(Input.Submitted)
    @on(Input.Blurred)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _field_done(self, event: FieldDone) -> None:
        self.commit(_field_name(event.control))
