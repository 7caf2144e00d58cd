"""Valid JSON of the wrong shape, and values outside what Sendoff keeps: one validation decides,
for `check`, for every command and for the app on open. Each problem is named with the client and
the field, the command exits non-zero without a traceback, and the file is left as it was."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.errors import DataFileInvalid, ValidationError
from storage.persistence.repository import Repository
from storage.persistence.schema import SCHEMA_VERSION, migrate
from storage.persistence.validation import validate_tables
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.contract import Contract, NoticePeriod, NoticeUnit
from storage.records.fields import LAST_DAY, parse_date
from storage.records.follow_up import FollowUp
from storage.rules.recurrence.parser import normalise_rule
from storage.views.index_file import index_path, vouches_for

ROOT = Path(__file__).resolve().parent.parent
GOOD = {"name": "Acme", "contract": {"kind": "retainer"},
        "follow_ups": [], "contacts": [], "work": [{"title": "Logo", "due": "2026-04-01"}]}


def with_client(document: object, *, doc_id: str = "1", schema: object = 1) -> dict:
    return {"meta": {"1": {"schema": schema}}, "clients": {doc_id: document}}


# What the issue found, and the same root elsewhere: (file content, what the problem names).
WRONG = {
    "schema is text": (with_client(GOOD, schema="one"), "the file: schema"),
    "schema is negative": (with_client(GOOD, schema=-1), "the file: schema"),
    "name is a number": (with_client({**GOOD, "name": 5}), "client #1 (no name): name"),
    "contract is a list": (with_client({**GOOD, "contract": [1]}), "client #1 (Acme): contract"),
    "id is not a number": (with_client(GOOD, doc_id="x"), "client #x (Acme)"),
    "archived is text": (with_client({**GOOD, "archived": "no"}), "client #1 (Acme): archived"),
    "birthday is not a date": (with_client({**GOOD, "birthday": "2026-02-30"}),
                               "client #1 (Acme): birthday"),
    "birthday in year 0": (with_client({**GOOD, "birthday": "0000-01-01"}),
                           "client #1 (Acme): birthday"),
    "work is a record": (with_client({**GOOD, "work": {"title": "x"}}), "client #1 (Acme): work"),
    "a work item is text": (with_client({**GOOD, "work": ["Logo"]}),
                            "client #1 (Acme): work[0]"),
    "a due date is a number": (with_client({**GOOD, "work": [{"title": "Logo", "due": 3}]}),
                               "client #1 (Acme): work[0].due"),
    "a notice amount is text": (with_client({**GOOD, "contract": {"notice": {"amount": "2"}}}),
                                "client #1 (Acme): contract.notice_amount"),
    "a rule counts for ever": (
        with_client({**GOOD, "follow_ups": [{"label": "x", "kind": "rule", "start": "2026-01-01",
                                             "rule": "FREQ=MONTHLY;COUNT=1000000000000000000000"}]}),
        "client #1 (Acme): follow_ups[0].rule"),
    "a weekday ordinal past the month": (
        with_client({**GOOD, "follow_ups": [{"label": "x", "kind": "rule", "start": "2026-01-01",
                                             "rule": "FREQ=MONTHLY;BYDAY=99MO"}]}),
        "client #1 (Acme): follow_ups[0].rule"),
    "a contact in 9999": (with_client({**GOOD, "contacts": [{"on": "9999-12-31",
                                                             "channel": "email"}]}),
                          "client #1 (Acme): contacts[0].on"),
    "a testimonial use is a number": (
        with_client({**GOOD, "interview": {"testimonial_use": [1]}}),
        "client #1 (Acme): interview.testimonial_use"),
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


@pytest.mark.parametrize("case", sorted(WRONG))
def test_every_command_names_the_client_and_field_and_leaves_the_file(case, tmp_path):
    content, named = WRONG[case]
    path = tmp_path / "sendoff.json"
    path.write_text(json.dumps(content))
    before = path.read_bytes()
    commands = [["check"], ["due"], ["export-ics", "-o", str(tmp_path / "out.ics")],
                ["export-handover", "Acme"]]
    for command in commands:
        done = run("--db", str(path), *command)
        told = done.stdout + done.stderr
        assert done.returncode == 1, (command, told)
        assert named in told, (command, told)
        assert "Traceback" not in told, (command, told)
    assert path.read_bytes() == before
    assert not (tmp_path / "out.ics").exists()
    with pytest.raises(DataFileInvalid) as refused:
        Repository(path)
    assert any(problem.startswith(named) for problem in refused.value.problems)
    assert path.read_bytes() == before


def test_check_shows_a_damaged_name_literally(tmp_path):
    path = tmp_path / "sendoff.json"
    path.write_text(json.dumps(with_client({"name": "Evil\x1b[2J\x1b]0;owned\x07", "work": 5})))
    done = run("--db", str(path), "check")
    assert done.returncode == 1
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "Evil␛[2J␛]0;owned␇" in done.stdout


def test_every_problem_is_listed_not_only_the_first(tmp_path):
    path = tmp_path / "sendoff.json"
    path.write_text(json.dumps({"meta": {"1": {"schema": 1}}, "clients": {
        "1": {**GOOD, "email": 5}, "2": GOOD, "3": {**GOOD, "name": "Beta", "archived": 1}}}))
    done = run("--db", str(path), "check")
    assert done.returncode == 1
    assert "2 problem(s)" in done.stdout
    assert "client #1 (Acme): email" in done.stdout
    assert "client #3 (Beta): archived" in done.stdout


# -- what is derived and stored with each client is proved, not believed -----------------------


def test_a_stale_or_damaged_glance_is_made_again_from_the_client(db_path, pinned_today):
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Acme"))
    stored = json.loads(db_path.read_text())
    real = stored["clients"]["1"]["glance"]
    for glance in (5, {**real, "steps": [[9, 9]] * 5}, None):
        stored["clients"]["1"]["glance"] = glance
        db_path.write_text(json.dumps(stored))
        with Repository(db_path, writable=False) as repository:
            summary = repository.summary(1, pinned_today)
            assert [step.done for step in summary.steps] == [s[0] for s in real["steps"]]
        assert json.loads(db_path.read_text())["clients"]["1"]["glance"] == glance, "untouched"


def test_wrong_follow_up_dates_stored_with_a_client_are_not_what_due_says(db_path, pinned_today):
    follow_up = FollowUp.from_rule("Check-in", "FREQ=MONTHLY", pinned_today + timedelta(days=3))
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Acme", follow_ups=[follow_up]))
    stored = json.loads(db_path.read_text())
    stored["clients"]["1"]["follow_ups"][0].update(next_on="2026-03-16", upcoming=["2026-03-16"])
    db_path.write_text(json.dumps(stored))
    done = run("--db", str(db_path), "due", "--json")
    assert done.returncode == 0, done.stderr
    assert [item["date"] for item in json.loads(done.stdout)] == ["2026-03-18"]


def test_the_index_vouches_only_for_the_file_it_was_made_from(db_path):
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Acme"))
    index_path(db_path).unlink()
    with Repository(db_path) as repository:  # validated: found whole, so indexed
        assert vouches_for(db_path, repository.digest)
    stored = json.loads(db_path.read_text())
    stored["clients"]["1"]["archived"] = "no"  # another program's edit: the index no longer fits
    db_path.write_text(json.dumps(stored))
    with pytest.raises(DataFileInvalid, match="archived"):
        Repository(db_path, writable=False)


# -- the range of dates and rules Sendoff keeps ----------------------------------------------


@pytest.mark.parametrize("text", ["0000-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_dates_outside_the_years_1900_to_2199_are_refused(text):
    with pytest.raises(ValidationError, match="years 1900 to 2199"):
        parse_date("birthday", text)


def test_the_last_day_kept_still_computes_everything_after_it():
    last = LAST_DAY
    birthday = FollowUp.from_preset("birthday", last, birthday=last)
    rule = FollowUp.from_rule("Yearly", "FREQ=YEARLY", last)
    cadence = FollowUp.from_cadence("Every ten years", 3660, last)
    cadence.grace_days = 3660
    for follow_up in (birthday, rule, cadence):
        assert follow_up.due_window(last_contact=last) is not None
        assert follow_up.upcoming(last_contact=last)
        follow_up.mark_done(last, last_contact=last)
    for unit, most, business in ((NoticeUnit.DAYS, 3650, False), (NoticeUnit.DAYS, 2610, True),
                                 (NoticeUnit.WEEKS, 521, False), (NoticeUnit.MONTHS, 120, False)):
        contract = Contract(notice=NoticePeriod(most, unit, business), notice_given_on=last,
                            notice_given_by="me")
        contract.validate()
        assert contract.notice_end > last
        contract.notice.amount = most + 1
        with pytest.raises(ValidationError, match="over ten years"):
            contract.validate()


def test_a_rule_with_the_largest_count_gives_its_dates_quickly_from_any_day():
    sparse = FollowUp.from_rule("Leap days", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;COUNT=1000",
                                date(1900, 1, 1))
    dates = sparse.occurrences(date(1900, 1, 1), LAST_DAY, last_contact=None)
    assert dates[0] == date(1904, 2, 29) and dates[-1] == date(2196, 2, 29)
    assert sparse.next_after(date(2026, 3, 15), last_contact=None) == date(2028, 2, 29)


# -- every parser: what it is given is stored, or refused with a ValidationError ---------------

anything = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                     st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                         st.integers(), max_size=2))
CLIENT_FIELDS = ("name", "contact_person", "email", "phone", "birthday", "industry",
                 "project_kind", "notes", "archived", "contract", "work", "handover",
                 "interview", "follow_ups", "contacts", "forward_queue")  # as schema 1 has them
# A client as schema 2 stores it, and its fields that schema 1 did not have.
GOOD_2 = {"name": "Acme", "people": [{"id": "jo", "name": "Jo"}], "main_contact": "jo",
          "engagements": [{"id": "e1", "contract": {"kind": "retainer"}}],
          "referrals": [{"to": "Beta", "on": "2026-01-01"}]}
CLIENT_FIELDS_2 = ("people", "main_contact", "engagements", "referred_by", "referrals")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_any_text_as_a_rule_is_a_rule_or_a_validation_error(text):
    try:
        rule = normalise_rule(text)
    except ValidationError:
        return
    try:
        follow_up = FollowUp.from_rule("x", rule, date(2026, 1, 1))
    except ValidationError:
        return
    follow_up.upcoming(last_contact=None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_any_text_as_a_date_is_a_date_in_range_or_a_validation_error(text):
    try:
        day = parse_date("on", text)
    except ValidationError:
        return
    assert day is None or date(1900, 1, 1) <= day <= LAST_DAY


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(CLIENT_FIELDS), value=anything)
def test_any_value_in_any_client_field_is_read_or_named(field, value):
    tables = with_client({**GOOD, field: value})
    found = validate_tables(tables)
    if found.ok:
        migrate(tables)
        client = Client.from_dict(tables["clients"]["1"], 1)
        client.validate()
    else:
        assert [problem.where for problem in found.problems] == ["client #1 (Acme)"] or (
            field == "name")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(CLIENT_FIELDS_2), value=anything)
def test_any_value_in_any_new_client_field_is_read_or_named(field, value):
    found = validate_tables(with_client({**GOOD_2, field: value}, schema=SCHEMA_VERSION))
    if found.ok:
        Client.from_dict({**GOOD_2, field: value}, 1).validate()
    else:
        [problem] = found.problems
        assert problem.where == "client #1 (Acme)"
        assert problem.field.startswith((field, "main_contact")), "people gone: names no one"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["follow_ups", "contacts", "forward_queue", "work", "handover"]),
       key=st.sampled_from(["label", "kind", "start", "rule", "cadence_days", "grace_days",
                            "exdates", "rdates", "handled_through", "snoozed_from", "on",
                            "channel", "forwarded", "text", "added_on", "title", "due",
                            "status", "what", "location", "release_on", "id", "follow_up_id"]),
       value=anything)
def test_any_value_in_any_list_item_is_read_or_named(kind, key, value):
    items = {"follow_ups": {"label": "x", "kind": "cadence", "start": "2026-01-01",
                            "cadence_days": 30},
             "contacts": {"on": "2026-01-01", "channel": "email"},
             "forward_queue": {"text": "x", "added_on": "2026-01-01"},
             "work": {"title": "x"}, "handover": {"what": "x"}}
    document = {**GOOD, kind: [{**items[kind], key: value}]}
    found = validate_tables(with_client(document))
    if not found.ok:
        assert found.problems[0].field.startswith(f"{kind}[0]")


def test_typed_records_refuse_what_the_stored_ones_refuse():
    with pytest.raises(ValidationError, match="years 1900 to 2199"):
        Contact.from_dict({"on": "2300-01-01", "channel": "email"})
    with pytest.raises(ValidationError, match="should be text"):
        ForwardItem.from_dict({"text": ["x"], "added_on": "2026-01-01"})


@pytest.mark.parametrize("text", ["1_000", "+3", "١٢", "3.0", "-1", "three"])
def test_a_typed_whole_number_is_ascii_digits(text):
    from storage.records.fields import parse_whole_number

    with pytest.raises(ValidationError, match="is not a whole number of days"):
        parse_whole_number("cadence_days", text, unit="days")
    assert parse_whole_number("cadence_days", " 30 ", unit="days") == 30
    assert parse_whole_number("notice_amount", "", unit="weeks", empty=0) == 0
