"""`sendoff demo`: a realistic, varied and deterministic set of clients at every stage.

On average a client has about 20 work items, 10 handover items, 5 follow-ups and 50 logged
contacts; clients who left years ago have the longest histories.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from storage.clock import today
from storage.errors import SendoffError
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.contract import Contract, ContractKind, NoticeGivenBy, NoticePeriod, NoticeUnit
from storage.records.engagement import Engagement
from storage.records.follow_up import FollowUp, FollowUpKind
from storage.records.handover import PRESETS, AssetKind, HandoverItem, HandoverStatus, ProjectKind
from storage.records.interview import (
    ExitInterview,
    InterviewChannel,
    TestimonialStatus,
    TestimonialUse,
)
from storage.records.person import Person
from storage.records.referral import Referral, ReferralStatus, ReferredBy
from storage.records.work import WorkItem, WorkStatus
from storage.rules.testimonial import draft_testimonial

COMPANIES = [
    "Northwind Studio", "Blue Heron Bakery", "Acme Analytics", "Fjord & Finch", "Kestrel Legal",
    "Marigold Dental", "Quayside Books", "Orbit Robotics", "Tallow & Wick", "Greenway Transit",
    "Harbour Physio", "Lumen Architects", "Pebble Coffee Co.", "Saffron Kitchen", "Vantage Realty",
    "Willow Yoga", "Copperleaf Finance", "Driftwood Surf School", "Ember Games", "Juniper Health",
    "Alder Carpentry", "Beacon Charity Trust", "Cobalt Cycling", "Dovetail Furniture",
    "Evergreen Nursery", "Foxglove Florists", "Granite Climbing", "Hollow Oak Brewery",
]
PEOPLE = [
    "Ana Souza", "Ben Okafor", "Chloé Martin", "Dev Patel", "Erin Walsh", "Farah Haddad",
    "Gustav Lind", "Hana Sato", "Ivo Novak", "Jade Thompson", "Kofi Mensah", "Lena Vogel",
    "Mateo Rossi", "Nora Kelly", "Omar Farouk", "Priya Nair", "Rosa Delgado", "Sam Becker",
]
INDUSTRIES = ["hospitality", "healthcare", "retail", "software", "legal", "education",
              "non-profit", "construction", "finance", "tourism", "manufacturing"]
WORK = [
    "Fix the checkout bug", "Migrate the blog to the new CMS", "Write the launch newsletter",
    "Finish the accessibility audit", "Deliver the final logo files", "Optimise image loading",
    "Set up automated backups", "Update the privacy policy page", "Train staff on the editor",
    "Hand in the Q3 report", "Clean up the analytics events", "Redesign the booking form",
    "Translate the menu pages", "Record the walkthrough video", "Archive old campaigns",
    "Close the open support tickets", "Document the API", "Upgrade the framework",
    "Tidy the shared drive", "Review the SEO settings", "Replace the contact form plugin",
    "Finalise the style guide", "Test the mobile layout", "Export the mailing list",
]
EXTRAS = [
    "Write a one-page 'how to update the site' guide", "Record a 10-minute video tour",
    "Add a free uptime monitor", "Compress every image on the site",
    "Leave a list of trusted freelancers for later", "Set renewal reminders for the domain",
]
ROLES = ["Head of marketing", "CTO", "Office manager", "Founder", "Product owner", "Designer"]
EARLIER_WORK = ["Brand refresh", "First website", "Booking system", "Newsletter set-up"]
RETURN_WORK = ["Online shop", "Site relaunch", "Members' area", "Second phase"]
OUTSIDE = ["Hale & Sons Bakery", "Riverside Clinic", "Meadow Lane School", "Atlas Tours",
           "Nightjar Records", "Pinecrest Lodge"]
WORTH = ["A three-month retainer", "A new website", "A yearly maintenance contract"]
CHANNELS = ["email", "call", "coffee", "LinkedIn", "video call", "lunch", "conference"]
NOTES = [
    "Asked how the new hire is doing", "Sent congratulations on the award",
    "Shared an article on their industry", "Quick catch-up, all well",
    "They mentioned a possible new project", "Referred a contact to them",
    "Wished them a happy birthday", "Discussed the site's traffic since launch",
]
NEWS = [
    ("Accessibility rules for small shops, explained", "https://example.org/a11y-rules"),
    ("A case study they will like", "https://example.org/case-study"),
    ("Local grant for digital projects", "https://example.org/grant"),
    ("Conference talk on their sector", "https://example.org/talk"),
]
NOTICE_PERIODS = [
    NoticePeriod(30, NoticeUnit.DAYS), NoticePeriod(1, NoticeUnit.MONTHS),
    NoticePeriod(2, NoticeUnit.WEEKS), NoticePeriod(10, NoticeUnit.DAYS, business_days=True),
    NoticePeriod(3, NoticeUnit.MONTHS),
]
STAGES = 6  # deciding, finishing work, handing over, interview, done lately, done years ago


CLIENT_NOTES = (
    "Prefers email; decisions go through the founder.",
    "Calls before ten only. Invoices go to accounts@, not to the contact.",
    "",
    "Board meets on the first Monday: send anything for it the Thursday before.",
    "Met through a referral from the Harbour Physio team.",
    "Slow to answer in August. Likes a short written summary after every call.",
    "",
)


def _name(index: int) -> str:
    base = COMPANIES[index % len(COMPANIES)]
    round_ = index // len(COMPANIES)
    return base if round_ == 0 else f"{base} {round_ + 1}"


def _work(rng: random.Random, stage: int, start: date, last_day: date, day: date) -> list[WorkItem]:
    items = []
    for title in rng.sample(WORK, rng.randint(10, 24)):
        done_chance = (0.1, 0.4, 1.0, 1.0, 1.0, 1.0)[stage]
        status = WorkStatus.DONE if rng.random() < done_chance else WorkStatus.OPEN
        if rng.random() < 0.05:
            status = WorkStatus.DROPPED
        if status is WorkStatus.OPEN:  # still owed: due around now, a few of them late
            due = day + timedelta(days=rng.randint(-10, 40))
        else:
            due = start + timedelta(days=rng.randint(0, max(1, (min(last_day, day) - start).days)))
        items.append(WorkItem(title=title, due=due, status=status,
                              done_on=due if status is WorkStatus.DONE else None))
    for title in rng.sample(EXTRAS, rng.randint(1, 3) if stage else 1):
        done = stage >= 2
        items.append(WorkItem(title=title, due=last_day, extra=True,
                              status=WorkStatus.DONE if done else WorkStatus.OPEN,
                              done_on=min(last_day, day) if done else None))
    return items


def _handover(rng: random.Random, stage: int, kind: ProjectKind, slug: str,
              handed_on: date) -> list[HandoverItem]:
    if stage == 0:
        return []
    wanted = list(PRESETS[kind])
    others = [entry for project in ProjectKind for entry in PRESETS[project] if entry not in wanted]
    wanted += rng.sample(others, max(0, rng.randint(8, 14) - len(wanted)))
    items = []
    for what, asset in wanted:
        where = {
            AssetKind.SOURCE_CODE: f"GitHub: {slug}/main",
            AssetKind.ACCOUNT: f"Shared 1Password vault '{slug}'",
            AssetKind.DESIGN: f"Figma team '{slug}'",
        }.get(asset, f"Shared drive /{slug}/{what.lower().replace(' ', '-')}")
        handed = rng.random() < (0, 0.2, 0.5, 1.0, 1.0, 1.0)[stage]
        items.append(HandoverItem(what=what, kind=asset, location=where,
                                  status=HandoverStatus.HANDED_OVER if handed else HandoverStatus.PENDING,
                                  handed_over_on=handed_on if handed else None))
    if stage in (2, 3) and items:
        held = items[-1]
        held.status = HandoverStatus.WITHHELD
        held.withheld_reason = "Final invoice still open"
        held.release_condition = "Once the final invoice is paid"
        # Handing over, it is to be released in a fortnight; at the interview, the day has
        # passed: released, or not?
        held.release_on = handed_on + timedelta(days=14 if stage == 2 else -2)
    return items


def _interview(rng: random.Random, stage: int, last_day: date, day: date) -> ExitInterview:
    if stage == 2:  # planned for the last day
        return ExitInterview(on=last_day, channel=InterviewChannel.VIDEO)
    if stage < 3:
        return ExitInterview()
    if stage == 3:  # held last week; their testimonial is drafted for them to approve
        return ExitInterview(
            on=day - timedelta(days=4), channel=InterviewChannel.VIDEO, held=True,
            liked="How calmly the launch went, and the weekly notes we could forward to the board",
            disliked="Two evenings of late replies in the week before the launch",
            improve="A short written plan before each phase",
            testimonial_status=TestimonialStatus.DRAFT_OFFERED,
            testimonial_asked_on=day - timedelta(days=4),  # at the interview
        )
    return ExitInterview(
        on=last_day, channel=rng.choice(list(InterviewChannel)[1:]), held=True,
        liked="Clear weekly updates and no surprises on the invoice",
        disliked="Some replies took two days during the launch week",
        improve="A shared board to see progress at a glance",
        testimonial_status=TestimonialStatus.RECEIVED,
        testimonial_text="Working with them was the easiest part of our relaunch. Recommended.",
        testimonial_use=[TestimonialUse.WEBSITE, TestimonialUse.LINKEDIN],
        testimonial_received_on=min(last_day + timedelta(days=9), day),
    )


def _handled_until_lately(rng: random.Random, follow_up: FollowUp, day: date) -> None:
    """Handle every date up to a few weeks ago, as a freelancer who keeps in touch would: a few
    follow-ups end up overdue by some days, a few due this week, most ahead."""
    lately = day - timedelta(days=rng.randint(0, 45))
    if lately <= follow_up.start:
        return
    passed = follow_up.occurrences(follow_up.start, lately - timedelta(days=1), last_contact=None)
    if passed:
        follow_up.handled_through = passed[-1]


def _keep_in_touch(rng: random.Random, client: Client, last_day: date, day: date) -> None:
    if client.contract.notice_given_on is None:
        return
    presets = ["twice-a-year", "quarterly", "industry-news", "monthly"]
    if client.birthday:
        presets.append("birthday")
    for key in rng.sample(presets, rng.randint(3, len(presets))):
        follow_up = FollowUp.from_preset(key, start=last_day + timedelta(days=30),
                                         birthday=client.birthday)
        if key == "birthday":
            follow_up.person_id = client.main_contact
        _handled_until_lately(rng, follow_up, day)
        client.follow_ups.append(follow_up)
    client.follow_ups.append(FollowUp(label="Coffee when we have not spoken for a while",
                                      kind=FollowUpKind.CADENCE, start=last_day,
                                      cadence_days=rng.choice([60, 90, 120])))
    if rng.random() < 0.7:
        anniversary = FollowUp.from_rule("Anniversary of the launch", "FREQ=YEARLY", last_day)
        _handled_until_lately(rng, anniversary, day)
        client.follow_ups.append(anniversary)
    years_known = max(1, (day - client.contract.start).days // 365)
    count = min(180, rng.randint(8, 24) * years_known)
    span = max(1, (day - client.contract.start).days)
    for _ in range(count):
        on = client.contract.start + timedelta(days=rng.randint(0, span - 1))
        client.contacts.append(Contact(on=on, channel=rng.choice(CHANNELS), note=rng.choice(NOTES)))
    client.contacts.sort(key=lambda contact: contact.on)
    for text, link in rng.sample(NEWS, rng.randint(0, 2)):
        client.forward_queue.append(ForwardItem(text=text, link=link, added_on=day))


def demo_client(index: int, rng: random.Random, day: date) -> Client:
    """One client; ``index`` fixes its stage so every stage is represented."""
    stage = index % STAGES
    name = _name(index)
    slug = name.split()[0].lower().strip("&.")
    person = rng.choice(PEOPLE)
    kind = rng.choice(list(ProjectKind))
    years = (0.5, 1, 2, 3, 5, 8)[stage] * rng.uniform(0.8, 1.6)
    start = day - timedelta(days=int(365 * years))
    notice = rng.choice(NOTICE_PERIODS)
    given_on = None if stage == 0 else day - timedelta(days=(0, 10, 30, 60, 200, 900)[stage])
    contract = Contract(
        kind=rng.choice([ContractKind.RETAINER, ContractKind.FIXED_SCOPE, ContractKind.OPEN_ENDED]),
        start=start, notice=notice, notice_given_on=given_on,
        notice_given_by=rng.choice([NoticeGivenBy.ME, NoticeGivenBy.CLIENT]) if given_on else NoticeGivenBy.NOBODY,
        termination_terms="Either party may end it in writing with the notice above",
    )
    if given_on:
        end = notice.end_from(given_on)
        short = stage == 1 and index % 2 == 1
        contract.planned_last_day = end - timedelta(days=rng.randint(5, 12)) if short else end
        if short:
            contract.arrangement = "Two extra handover calls at no charge instead of the full notice"
    last_day = contract.last_day or day + timedelta(days=45)
    birthday = None if rng.random() < 0.3 else date(rng.randint(1960, 1995), rng.randint(1, 12), rng.randint(1, 28))
    client = Client.new(
        name, contact_person=person,
        email=f"{person.split()[0].lower()}@{slug}.example", phone=f"+44 20 7946 {rng.randint(0, 9999):04d}",
        birthday=birthday, industry=rng.choice(INDUSTRIES), project_kind=kind,
        notes=CLIENT_NOTES[index % len(CLIENT_NOTES)],
        archived=stage == 5 and index % 4 == 3,
        contract=contract,
        work=_work(rng, stage, start, last_day, day),
        handover=_handover(rng, stage, kind, slug, min(last_day, day)),
        interview=_interview(rng, stage, last_day, day),
    )
    _numbered(client)
    if client.interview.testimonial_status is TestimonialStatus.DRAFT_OFFERED:
        client.interview.testimonial_text = draft_testimonial(client)
    _keep_in_touch(rng, client, last_day, day)
    for item in (*client.work, *client.handover, *client.follow_ups, *client.contacts,
                 *client.forward_queue):
        item.id = f"{rng.getrandbits(32):08x}"  # the same seed gives the same file
    return client


def _numbered(client: Client) -> None:
    """Ids that the same seed gives again, for the people and engagements."""
    for number, person in enumerate(client.people, 1):
        if person.id == client.main_contact:
            client.main_contact = f"p{number}"
        for follow_up in client.follow_ups:
            if follow_up.person_id == person.id:
                follow_up.person_id = f"p{number}"
        person.id = f"p{number}"
    for number, engagement in enumerate(client.engagements, 1):
        engagement.id = f"e{number}"


def demo_clients(count: int, seed: int = 1, day: date | None = None) -> list[Client]:
    """``count`` demo clients, the same for the same seed and day."""
    rng = random.Random(seed)
    day = day or today()
    clients = [demo_client(index, rng, day) for index in range(count)]
    _relate(clients, random.Random(f"{seed}: people, earlier engagements, referrals"), day)
    return clients


def _relate(clients: list[Client], rng: random.Random, day: date) -> None:
    """What a book of clients over years holds beyond one engagement each: a second person at
    half of them (at a former client, now and then one who moved on), earlier engagements of
    those who came back, and referrals from former clients, some of which became clients in
    the book (each then referred by them). From an rng of its own: the rest is as before."""
    for index, client in enumerate(clients):
        stage = index % STAGES
        if rng.random() < 0.5:
            _second_person(rng, client, stage, day)
        if stage <= 1 and index % 3 == 0:
            _came_back(rng, client)
        if stage >= 4 and rng.random() < 0.6:
            _referrals(rng, clients, index, day)
    for client in clients:
        _numbered(client)
        for engagement in client.engagements[:-1]:
            for item in (*engagement.work, *engagement.handover):
                item.id = f"{rng.getrandbits(32):08x}"
        for referral in client.referrals:
            referral.id = f"{rng.getrandbits(32):08x}"


def _second_person(rng: random.Random, client: Client, stage: int, day: date) -> None:
    name = rng.choice([person for person in PEOPLE if person != client.contact_person])
    slug = client.email.partition("@")[2] or "example.com"
    person = Person(name, role=rng.choice(ROLES), email=f"{name.split()[0].lower()}@{slug}")
    if stage >= 4 and rng.random() < 0.4:
        person.moved_to = rng.choice([company for company in COMPANIES
                                      if company != client.name])
        person.moved_on = day - timedelta(days=rng.randint(30, 700))
    client.people.append(person)


def _came_back(rng: random.Random, client: Client) -> None:
    """An engagement before the current one, over a while before it began."""
    current = client.current
    began = current.contract.start
    ended = began - timedelta(days=rng.randint(60, 400))
    started = ended - timedelta(days=rng.randint(120, 500))
    work = [WorkItem(title, due=started + timedelta(days=30 * number), status=WorkStatus.DONE,
                     done_on=started + timedelta(days=30 * number))
            for number, title in enumerate(rng.sample(WORK, rng.randint(3, 6)), 1)]
    handover = [HandoverItem(what, kind=asset, location="Shared drive /handover",
                             status=HandoverStatus.HANDED_OVER, handed_over_on=ended)
                for what, asset in rng.sample(PRESETS[ProjectKind.WEBSITE], 3)]
    earlier = Engagement(
        title=rng.choice(EARLIER_WORK), started=started, ended=ended,
        project_kind=ProjectKind.WEBSITE,
        contract=Contract(kind=ContractKind.FIXED_SCOPE, start=started, planned_last_day=ended),
        work=work, handover=handover,
        interview=ExitInterview(on=ended, channel=InterviewChannel.PHONE, held=True,
                                liked="The care taken over the details"))
    current.title, current.started = rng.choice(RETURN_WORK), began
    client.engagements.insert(0, earlier)


def _referrals(rng: random.Random, clients: list[Client], index: int, day: date) -> None:
    """A former client's referrals: to someone outside the book, or to a client in it who came
    on their word (referred by them, a client since)."""
    client = clients[index]
    for _ in range(rng.randint(1, 2)):
        on = day - timedelta(days=rng.randint(20, 900))
        others = [place for place, other in enumerate(clients)
                  if place != index and not other.referred_by]
        if others and rng.random() < 0.5:
            place = rng.choice(others)
            clients[place].referred_by = ReferredBy(client_id=index + 1)  # ids follow the list
            client.referrals.append(Referral(clients[place].name, on=on,
                                             status=ReferralStatus.BECAME_CLIENT,
                                             client_id=place + 1, worth=rng.choice(WORTH)))
            continue
        status = rng.choice([ReferralStatus.INTRODUCED, ReferralStatus.CAME_TO_NOTHING])
        client.referrals.append(Referral(rng.choice(OUTSIDE), on=on, status=status))


def write_demo(path: Path, *, clients: int, seed: int = 1, force: bool = False) -> int:
    """Write the demo to ``path``; refuses a file that holds clients unless ``force``."""
    with Repository(path) as repository:
        if not repository.is_empty() and not force:
            raise SendoffError(
                f"{path} already holds clients; use --force to replace them with the demo."
            )
        repository.replace_all(demo_clients(clients, seed))
    return clients
