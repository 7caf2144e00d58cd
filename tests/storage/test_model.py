"""Records: typed dates, handover rules, progress, and the whole model's round trip."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.errors import ValidationError
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.contract import Contract, ContractKind, NoticeGivenBy, NoticePeriod, NoticeUnit
from storage.records.engagement import Engagement
from storage.records.fields import parse_date
from storage.records.follow_up import FollowUp
from storage.records.handover import (
    PRESETS,
    AssetKind,
    HandoverItem,
    HandoverStatus,
    ProjectKind,
    looks_like_secret,
    preset_items,
)
from storage.records.interview import ExitInterview, TestimonialStatus, TestimonialUse
from storage.records.person import Person
from storage.records.referral import Referral, ReferralStatus, ReferredBy
from storage.records.work import WorkItem, WorkStatus
from storage.rules.progress import progress
from storage.rules.steps import Step, stage


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2028-02-30", "February 2028 has 29 days"),
        ("2026-13-01", "no month 13"),
        ("15/03/2026", "use the form YYYY-MM-DD"),
        ("tomorrow", "use the form YYYY-MM-DD"),
    ],
)
def test_bad_dates_are_explained(typed, message):
    with pytest.raises(ValidationError) as caught:
        parse_date("due", typed)
    assert caught.value.field == "due"
    assert message in caught.value.message


def test_dates_parse_and_empty_is_none():
    assert parse_date("due", " 2028-02-29 ") == date(2028, 2, 29)
    assert parse_date("due", "") is None
    with pytest.raises(ValidationError, match="required"):
        parse_date("due", "", required=True)


@pytest.mark.parametrize(
    "text",
    ["password: hunter2", "token=abc", "ghp_a8F3kd93JdkLs0dk3LdkeJ3kdL", "AKIAIOSFODNN7EXAMPLE"],
)
def test_secrets_are_recognised(text):
    assert looks_like_secret(text)


@pytest.mark.parametrize(
    "text",
    ["1Password vault 'Acme'", "https://github.com/acme/site-2024-redesign",
     "Bitwarden > Acme > hosting", "Shared drive /acme/design-files-2024-final"],
)
def test_locations_are_not_mistaken_for_secrets(text):
    assert not looks_like_secret(text)


def test_a_credential_is_recorded_by_where_it_lives_only():
    item = HandoverItem(what="Hosting", kind=AssetKind.ACCOUNT, location="password: hunter2")
    with pytest.raises(ValidationError) as caught:
        item.validate()
    assert caught.value.field == "location"
    assert "never the secret" in caught.value.message


def test_withheld_needs_a_reason_and_handed_over_needs_a_location():
    with pytest.raises(ValidationError) as caught:
        HandoverItem(what="Design files", status=HandoverStatus.WITHHELD).validate()
    assert caught.value.field == "withheld_reason"
    with pytest.raises(ValidationError) as caught:
        HandoverItem(what="Design files", status=HandoverStatus.HANDED_OVER).validate()
    assert caught.value.field == "location"


def test_presets_skip_items_already_listed():
    existing = [HandoverItem(what="site map")]
    added = preset_items(ProjectKind.WEBSITE, existing)
    assert "Site map" not in [item.what for item in added]
    assert len(added) == len(PRESETS[ProjectKind.WEBSITE]) - 1


def test_anonymised_only_cannot_be_combined_with_named_uses():
    interview = ExitInterview(testimonial_use=[TestimonialUse.ANONYMISED, TestimonialUse.WEBSITE])
    with pytest.raises(ValidationError) as caught:
        interview.validate()
    assert caught.value.field == "testimonial_use"


def test_progress_follows_the_data():
    client = Client(name="Acme")
    steps = progress(client)
    assert stage(steps) is Step.STAND
    # No notice is needed; the last day is unknown.
    assert [(step.done, step.total) for step in steps[:2]] == [(1, 2), (0, 1)]
    client.current.contract = Contract(
        kind=ContractKind.RETAINER, notice=NoticePeriod(1, NoticeUnit.MONTHS),
        notice_given_on=date(2026, 3, 1), notice_given_by=NoticeGivenBy.ME)
    client.work.extend([WorkItem(title="Logo", status=WorkStatus.DONE),
                        WorkItem(title="Dropped", status=WorkStatus.DROPPED)])
    client.handover.append(HandoverItem(what="Files", location="Drive",
                                        status=HandoverStatus.HANDED_OVER))
    steps = progress(client)
    assert [step.complete for step in steps] == [True, True, True, False, False]
    assert stage(steps) is Step.INTERVIEW
    assert "Hold the exit interview" in steps[3].open_items


def test_shortfall_is_an_open_item_until_an_arrangement_is_agreed():
    client = Client.new(name="Acme", contract=Contract(
        kind=ContractKind.RETAINER, notice=NoticePeriod(1, NoticeUnit.MONTHS),
        notice_given_on=date(2026, 3, 31), notice_given_by=NoticeGivenBy.ME,
        planned_last_day=date(2026, 4, 18)))
    [stand, *_] = progress(client)
    assert stand.open_items == ["Agree an arrangement: notice falls 12 days short"]
    client.contract.arrangement = "Paid in lieu"
    assert progress(client)[0].complete


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
names = text.filter(lambda value: value.strip())
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
work_items = st.builds(WorkItem, title=names, due=st.none() | days,
                       status=st.sampled_from(WorkStatus), extra=st.booleans(),
                       done_on=st.none() | days)
handover_items = st.builds(HandoverItem, what=names, kind=st.sampled_from(AssetKind),
                           location=st.sampled_from(["", "Drive /acme", "GitHub acme/site"]),
                           status=st.just(HandoverStatus.PENDING), release_condition=text,
                           release_on=st.none() | days, handed_over_on=st.none() | days,
                           released_on=st.none() | days)
contacts = st.builds(Contact, on=days, channel=names, note=text)
forwards = st.builds(ForwardItem, text=names, link=text, added_on=days)
follow_ups = st.builds(lambda label, start, key: FollowUp.from_preset(key, start, label=label),
                       names, days, st.sampled_from(["twice-a-year", "quarterly", "monthly"]))
people = st.builds(Person, name=names, role=text, email=st.just(""), phone=text,
                   birthday=st.none() | days, notes=text, moved_to=text,
                   moved_on=st.none() | days)
engagements = st.builds(
    Engagement, title=text, started=st.none() | days,
    project_kind=st.none() | st.sampled_from(ProjectKind),
    work=st.lists(work_items, max_size=4), handover=st.lists(handover_items, max_size=3),
    interview=st.builds(ExitInterview, on=st.none() | days, liked=text,
                        testimonial_received_on=st.none() | days,
                        testimonial_status=st.sampled_from(
                            [s for s in TestimonialStatus if s is not TestimonialStatus.RECEIVED])),
)
referrals = st.builds(Referral, to=names, on=days, status=st.sampled_from(ReferralStatus),
                      client_id=st.none() | st.integers(1, 10_000), worth=text)


@st.composite
def clients(draw: st.DrawFn) -> Client:
    """Any valid client: several people (one perhaps the main contact), engagements (all but the
    last perhaps ended), contacts with one of the people, and referrals both ways."""
    client = Client(
        name=draw(names), industry=draw(text), notes=draw(text), archived=draw(st.booleans()),
        people=draw(st.lists(people, max_size=3)),
        engagements=draw(st.lists(engagements, min_size=1, max_size=3)),
        follow_ups=draw(st.lists(follow_ups, max_size=2)),
        contacts=draw(st.lists(contacts, max_size=3)),
        forward_queue=draw(st.lists(forwards, max_size=2)),
        referred_by=draw(st.builds(ReferredBy, name=text,
                                   client_id=st.none() | st.integers(1, 10_000))),
        referrals=draw(st.lists(referrals, max_size=2)),
    )
    for engagement in client.engagements[:-1]:
        if draw(st.booleans()):
            engagement.ended = date(2041, 1, 1)
    if client.people:
        client.main_contact = draw(st.sampled_from([None, *(p.id for p in client.people)]))
        for contact in client.contacts:
            contact.person_id = draw(st.sampled_from([None, *(p.id for p in client.people)]))
    return client


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(client=clients())
def test_any_valid_client_survives_the_file_round_trip(client, tmp_path_factory):
    path = tmp_path_factory.mktemp("round") / "sendoff.json"
    client.validate()
    with Repository(path) as repository:
        repository.add_client(client)
    with Repository(path, writable=False) as repository:
        [stored] = repository.clients(include_archived=True)
    assert stored == client
    assert Client.from_dict(client.to_dict(), client.id) == client
