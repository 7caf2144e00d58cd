"""Progress of each step, derived from a client's data each time it is saved or shown.

Only the counts are stored with the client (see `storage.views.glance`), for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from storage.records.client import Client
from storage.records.contract import ContractKind
from storage.records.handover import HandoverStatus
from storage.records.interview import TestimonialStatus
from storage.records.work import WorkStatus
from storage.rules.steps import Step
from storage.views.summary import StepTally
from storage.words import counted


@dataclass(frozen=True)
class Check:
    """One thing a step needs, phrased as what is still to do when it is not done."""

    label: str
    done: bool


@dataclass(frozen=True)
class StepProgress:
    step: Step
    checks: tuple[Check, ...]

    @property
    def done(self) -> int:
        return sum(check.done for check in self.checks)

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def complete(self) -> bool:
        return bool(self.checks) and all(check.done for check in self.checks)

    @property
    def tally(self) -> StepTally:
        return StepTally(self.step, self.done, self.total)

    @property
    def open_items(self) -> list[str]:
        return [check.label for check in self.checks if not check.done]


def _stand(client: Client) -> list[Check]:
    contract = client.contract
    no_notice_needed = contract.kind is ContractKind.NONE and contract.notice.amount == 0
    checks = [
        Check("Record who gave notice and when", no_notice_needed or contract.notice_given_on is not None),
        Check("Set the last day of the engagement", contract.last_day is not None),
    ]
    if contract.notice_sufficient is False:
        checks.append(
            Check(
                f"Agree an arrangement: notice falls {counted(contract.shortfall_days, 'day')} short",
                bool(contract.arrangement.strip()),
            )
        )
    return checks


def _work(client: Client) -> list[Check]:
    items = [item for item in client.work if item.status is not WorkStatus.DROPPED]
    if not items:
        return [Check("List the outstanding work", False)]
    return [Check(f"Finish “{item.title}”", item.status is WorkStatus.DONE) for item in items]


def _handover(client: Client) -> list[Check]:
    if not client.handover:
        return [Check("List what the client needs handed over", False)]
    return [
        Check(f"Hand over “{item.what}”", item.status is not HandoverStatus.PENDING)
        for item in client.handover
    ]


def _interview(client: Client) -> list[Check]:
    """Before the interview the answers are to ask for; once it was held, to note down."""
    interview = client.interview
    status = interview.testimonial_status
    settled = status in (TestimonialStatus.RECEIVED, TestimonialStatus.DECLINED)
    answer = "Note" if interview.held else "Ask"
    if status in (TestimonialStatus.ASKED, TestimonialStatus.DRAFT_OFFERED):
        testimonial = "Paste the testimonial they send, or note that they declined"
    else:
        testimonial = "Ask for a testimonial"
    return [
        Check("Note the day the exit interview was held" if interview.held
              else "Schedule the exit interview", interview.on is not None),
        Check("Hold the exit interview", interview.held),
        Check(f"{answer} what they liked", bool(interview.liked.strip())),
        Check(f"{answer} what they disliked", bool(interview.disliked.strip())),
        Check(f"{answer} what they would improve", bool(interview.improve.strip())),
        Check(testimonial, settled),
    ]


def _keep_in_touch(client: Client) -> list[Check]:
    return [Check("Set up at least one follow-up", bool(client.follow_ups))]


_STEP_CHECKS = {
    Step.STAND: _stand,
    Step.WORK: _work,
    Step.HANDOVER: _handover,
    Step.INTERVIEW: _interview,
    Step.KEEP_IN_TOUCH: _keep_in_touch,
}


def step_progress(client: Client, step: Step) -> StepProgress:
    return StepProgress(step, tuple(_STEP_CHECKS[step](client)))


def progress(client: Client) -> list[StepProgress]:
    """Progress of the five steps, in order."""
    return [step_progress(client, step) for step in Step]
