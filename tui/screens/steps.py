"""Which screen shows which step."""

from __future__ import annotations

from storage.rules.steps import Step
from tui.screens.handover import HandoverScreen
from tui.screens.in_touch import InTouchScreen
from tui.screens.interview import InterviewScreen
from tui.screens.stand import StandScreen
from tui.screens.step import StepScreen
from tui.screens.work import WorkScreen

STEP_SCREENS: dict[Step, type[StepScreen]] = {
    Step.STAND: StandScreen,
    Step.WORK: WorkScreen,
    Step.HANDOVER: HandoverScreen,
    Step.INTERVIEW: InterviewScreen,
    Step.KEEP_IN_TOUCH: InTouchScreen,
}
