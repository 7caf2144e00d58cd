"""What each step still needs, in words the freelancer acts on."""

from __future__ import annotations

from datetime import date

import pytest

from storage.records.client import Client
from storage.records.contract import Contract, ContractKind, NoticeGivenBy, NoticePeriod, NoticeUnit
from storage.records.interview import ExitInterview, TestimonialStatus
from storage.rules.progress import step_progress
from storage.rules.steps import Step


def interview_to_do(**answers) -> list[str]:
    return step_progress(Client.new("Acme", interview=ExitInterview(**answers)), Step.INTERVIEW).open_items


def test_a_shortfall_of_one_day_is_one_day():
    client = Client.new(name="Acme", contract=Contract(
        kind=ContractKind.RETAINER, notice=NoticePeriod(1, NoticeUnit.MONTHS),
        notice_given_on=date(2026, 3, 31), notice_given_by=NoticeGivenBy.ME,
        planned_last_day=date(2026, 4, 29)))

    assert step_progress(client, Step.STAND).open_items == [
        "Agree an arrangement: notice falls 1 day short"
    ]


def test_before_the_interview_step_4_lists_the_whole_conversation_to_have():
    assert interview_to_do() == [
        "Schedule the exit interview",
        "Hold the exit interview",
        "Ask what they liked",
        "Ask what they disliked",
        "Ask what they would improve",
        "Ask for a testimonial",
    ]


def test_once_held_what_is_missing_is_noting_the_answers():
    assert interview_to_do(held=True, liked="The weekly calls") == [
        "Note the day the exit interview was held",
        "Note what they disliked",
        "Note what they would improve",
        "Ask for a testimonial",
    ]


@pytest.mark.parametrize("status", [TestimonialStatus.ASKED, TestimonialStatus.DRAFT_OFFERED])
def test_an_asked_testimonial_waits_for_their_answer(status):
    done_but_the_testimonial = dict(on=date(2026, 3, 10), held=True, liked="a", disliked="b",
                                    improve="c", testimonial_status=status)

    assert interview_to_do(**done_but_the_testimonial) == [
        "Paste the testimonial they send, or note that they declined"
    ]


@pytest.mark.parametrize("status", [TestimonialStatus.RECEIVED, TestimonialStatus.DECLINED])
def test_a_received_or_declined_testimonial_completes_step_4(status):
    interview = ExitInterview(on=date(2026, 3, 10), held=True, liked="a", disliked="b",
                              improve="c", testimonial_status=status, testimonial_text="Great")

    progress = step_progress(Client.new("Acme", interview=interview), Step.INTERVIEW)

    assert progress.complete and progress.open_items == []
