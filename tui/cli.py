"""The `sendoff` command line. Arguments are parsed before anything heavy is imported:
only the bare `sendoff` (the app) imports textual."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date

    from storage.persistence.repository import Repository
    from storage.records.client import Client
    from storage.records.follow_up import FollowUp
    from storage.records.person import Person
    from storage.views.summary import ListOrder


def _version() -> str:
    """The installed package's version; a checkout run without installing has none to give."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"sendoff {version('sendoff')}"
    except PackageNotFoundError:
        return "sendoff (version unknown: not installed as a package)"


class _VersionAction(argparse.Action):
    """``--version``, reading the package metadata only when it is asked for."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(_version())
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    from storage.views.summary import LOST_TOUCH_MONTHS

    parser = argparse.ArgumentParser(
        prog="sendoff",
        description="Say goodbye to a client well: close, finish, hand over, interview, stay in touch.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--db", metavar="PATH", help="data file (default: $SENDOFF_DB or your data folder)")
    parser.add_argument("--theme", metavar="NAME",
                        help="the app's theme for this run, not kept (default: $SENDOFF_THEME "
                             "or the theme last picked in the app)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="write a realistic demo data set")
    demo.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    demo.add_argument("--clients", type=int, default=12, metavar="N", help="how many clients (default 12)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    demo.add_argument("--force", action="store_true", help="replace a file that already holds clients")

    check = commands.add_parser("check", help="validate a data file")
    check.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)

    listing = commands.add_parser(
        "clients", help="list the clients with the numbers that name them ('#ID'), by name")
    listing.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    listing.add_argument("--archived", action="store_true", help="archived clients too")
    listing.add_argument("--sort", choices=list(_sort_options()), default="name", help="by name (the default), by last contact (the "
                         "longest since first), by next follow-up (the soonest first) or by "
                         "staleness (the furthest past its grace days first)")
    listing.add_argument("--lost-touch", type=_months, nargs="?", const=LOST_TOUCH_MONTHS,
                         metavar="MONTHS", help="only the clients with no contact in MONTHS "
                         f"months ({LOST_TOUCH_MONTHS} if not given), or no follow-up coming")
    listing.add_argument("--json", action="store_true", help="print a JSON list instead of lines")
    _add_follow_up_commands(commands)
    _add_capture_commands(commands)
    _add_notify_command(commands)

    timeline = commands.add_parser(
        "timeline", help="a client's timeline: everything dated, newest first")
    timeline.add_argument("client", metavar="CLIENT",
                          help="client name, its start, or its number as '#ID'")
    timeline.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    timeline.add_argument("--json", action="store_true", help="print a JSON list instead of lines")

    listed_templates = commands.add_parser(
        "templates", help="the message templates: each one's name, where it comes from, and "
                          "the fields a template can use")
    listed_templates.add_argument("--json", action="store_true",
                                  help="print a JSON object instead of lines")
    message = commands.add_parser("message", help="a message to a client, written from their "
                                                  "record with a template")
    message.add_argument("client", metavar="CLIENT",
                         help="client name, its start, or its number as '#ID'")
    message.add_argument("template", metavar="TEMPLATE", help="a name `sendoff templates` lists")
    message.add_argument("--person", metavar="NAME",
                         help="whom it is to, of the client's people (the main contact if not "
                              "given): a name or its start")
    message.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    message.add_argument("-o", "--output", metavar="FILE",
                         help="file to write, private to you (mode 0600); the message is "
                              "printed when not given")
    message.add_argument("--force", action="store_true", help="replace an existing FILE")

    outcomes = commands.add_parser(
        "outcomes", help="what goodbyes led to: testimonials, referrals, re-hires, last contact")
    outcomes.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    outcomes.add_argument("--json", action="store_true",
                          help="print a JSON object instead of lines")
    search = commands.add_parser(
        "search", help="search every text about the clients, archived ones too, and say where "
                       "each word was found")
    search.add_argument("query", nargs="+", metavar="WORD",
                        help="what to find: every word, in any case, as part of a word too")
    search.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    search.add_argument("--json", action="store_true", help="print a JSON list instead of lines")

    export_handover = commands.add_parser(
        "export-handover", help="write a client's handover manifest as Markdown"
    )
    export_handover.add_argument("client", metavar="CLIENT",
                                 help="client name, its start, or its number as '#ID'")
    export_handover.add_argument("-o", "--output", metavar="FILE",
                                 help="file to write, private to you: mode 0600 "
                                      "(default: print to stdout)")
    export_handover.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    export_handover.add_argument("--force", action="store_true", help="replace an existing FILE")
    return parser


def _listed(items: Sequence[Any], as_json: bool, json_of: Callable[[Sequence[Any]], str],
            lines: Callable[[], list[str]]) -> int:
    """Print a command's list: as JSON (an empty list too), else a line each, nothing at all
    when it is empty (for a shell prompt or cron mail)."""
    if as_json:
        print(json_of(items))
    elif items:
        print("\n".join(lines()))
    return 0


def _fail(message: str) -> int:
    print(f"sendoff: {message}", file=sys.stderr)
    return 1


def _existing(path: Path) -> Path:
    """``path``, which a command that reads the data file needs: for a cron job or a script a
    missing file is an error, not an empty book (`check` says so in its own words)."""
    from storage.errors import DataFileMissing

    if not path.exists():
        raise DataFileMissing(path)
    return path


def _output(output: str | None, path: Path, what: str) -> Path | None:
    """The file an export (``what``) is to be written to, or None when it is printed; raises
    SendoffError for one it may never be written to: Sendoff's own files, a folder."""
    from storage.outputs.destination import export_destination

    return None if output is None else export_destination(output, path, what)


def _written(output: Path, write: Callable[[], Any], said: Callable[[Any], str]) -> int:
    """``write()`` the file ``output`` and say ``said`` of what it returned; a file that is
    there already (without --force) or cannot be written is told, and nothing is."""
    try:
        done = write()
    except FileExistsError:
        return _fail(f"{output} already exists; nothing was written (use --force to replace it)")
    except OSError as error:
        return _fail(f"could not write {output}: {error.strerror or error}")
    print(said(done))
    return 0


def _demo(path: Path, args: argparse.Namespace) -> int:
    from storage.demo import write_demo
    from storage.words import counted

    if args.clients < 1:
        return _fail("--clients must be at least 1")
    count = write_demo(path, clients=args.clients, seed=args.seed, force=args.force)
    print(f"Wrote {counted(count, 'demo client')} to {path}")
    return 0


def _check(path: Path) -> int:
    from storage.outputs.check import check_file

    report = check_file(path)
    print(report.summary())
    return 0 if report.ok else 1


def _sort_options() -> dict[str, ListOrder]:
    """``--sort``'s words for the dashboard's orders: ``next-follow-up`` and the like."""
    from storage.views.summary import ListOrder

    return {order.value.replace(" ", "-"): order for order in ListOrder}


def _clients(path: Path, args: argparse.Namespace) -> int:
    from storage.clock import today
    from storage.outputs.client_list import client_lines, clients_json
    from storage.views.listing import clients_in_file
    from storage.views.summary import out_of_touch_since

    day = today()
    since = None if args.lost_touch is None else out_of_touch_since(day, args.lost_touch)
    summaries = clients_in_file(_existing(path), day, include_archived=args.archived,
                                order=_sort_options()[args.sort],
                                out_of_touch_since=since)
    return _listed(summaries, args.json, clients_json, lambda: client_lines(summaries, day))


def _timeline(path: Path, args: argparse.Namespace) -> int:
    from storage.outputs.timeline_report import timeline_json, timeline_lines
    from storage.persistence.repository import Repository
    from storage.views.timeline import timeline

    with Repository(_existing(path), writable=False) as repo:
        moments = timeline(repo.find_client(args.client))
    return _listed(moments, args.json, timeline_json, lambda: timeline_lines(moments))


def _templates(args: argparse.Namespace) -> int:
    import json

    from storage.messages.fields import FIELDS
    from storage.messages.templates import templates, templates_folder
    from storage.outputs.printable import aligned, printable

    found = templates()
    if args.json:
        print(json.dumps({"folder": str(templates_folder()),
                          "templates": [{"name": template.name, "source": template.source,
                                         "step": template.step and int(template.step)}
                                        for template in found.values()],
                          "fields": FIELDS}, ensure_ascii=False, indent=2))
        return 0
    rows = [(printable(template.name), template.source,
             f"step {int(template.step)}" if template.step else "") for template in found.values()]
    print("\n".join(aligned(rows)))
    print(f"\nYour own go in {templates_folder()} as NAME.txt (the same name overrides a ready "
          "one). The fields:")
    print("\n".join(aligned([(f"{{{{ {name} }}}}", what) for name, what in FIELDS.items()])))
    return 0


def _message(path: Path, args: argparse.Namespace) -> int:
    from storage.clock import today
    from storage.messages.fields import message_fields
    from storage.messages.templates import render, templates
    from storage.outputs.printable import printable
    from storage.persistence.replace_file import replace_file
    from storage.persistence.repository import Repository

    output = _output(args.output, _existing(path), "message")
    found = templates()
    template = found.get(args.template)
    if template is None:
        return _fail(f"there is no template {args.template!r}; `sendoff templates` lists "
                     f"them: {', '.join(found)}")
    with Repository(path, writable=False) as repo:
        client = repo.find_client(args.client)
    person = client.main_person if args.person is None else _person(client, args.person)
    message = render(template, message_fields(client, person, today()))
    text = message.text
    if output is None:
        print("\n".join(printable(line) for line in text.splitlines()))
        return 0
    return _written(output, lambda: replace_file(output, text.encode("utf-8"), mode=0o600,
                                                 overwrite=args.force),
                    lambda _: f"Wrote the {template.name} message for {printable(client.name)} "
                              f"to {output}")


def _person(client: Client, wanted: str) -> Person:
    """The client's person ``wanted`` names: exactly, else the only one whose name starts so."""
    from storage.outputs.printable import printable

    return _named(client.people, lambda person: person.known_as, wanted,
                  f"people at {printable(client.name)}", "nobody yet")


def _named(items: Sequence[Any], name_of: Callable[[Any], str], wanted: str, among: str,
           none_yet: str) -> Any:
    """The one of ``items`` that ``wanted`` names (by ``name_of``, in any case): exactly, else
    the only one whose name starts so; raises SendoffError naming them all (``among``)."""
    from storage.errors import SendoffError
    from storage.outputs.printable import printable
    from storage.rules.names import name_key

    key = name_key(wanted)
    exact = [item for item in items if name_key(name_of(item)) == key]
    found = exact or [item for item in items if name_key(name_of(item)).startswith(key)]
    if len(found) == 1:
        return found[0]
    known = ", ".join(printable(name_of(item)) for item in items) or none_yet
    raise SendoffError(f"{printable(wanted)!r} is {'several' if found else 'none'} of the "
                       f"{among}: {known}")


def _outcomes(path: Path, args: argparse.Namespace) -> int:
    from storage.clock import today
    from storage.outputs.outcome_report import outcome_json, outcome_lines
    from storage.persistence.repository import Repository
    from storage.views.outcome import outcome_report

    with Repository(_existing(path), writable=False) as repo:
        report = outcome_report(repo.clients(include_archived=True), today())
    print(outcome_json(report) if args.json else "\n".join(outcome_lines(report)))
    return 0


def _search(path: Path, args: argparse.Namespace) -> int:
    from storage.outputs.search_results import search_json, search_lines
    from storage.persistence.repository import Repository

    with Repository(_existing(path), writable=False) as repo:
        hits = repo.search(" ".join(args.query))
    return _listed(hits, args.json, search_json, lambda: search_lines(hits))


def _export_handover(path: Path, args: argparse.Namespace) -> int:
    from storage.clock import today
    from storage.outputs.manifest import handover_manifest, write_manifest
    from storage.outputs.printable import printable
    from storage.persistence.repository import Repository

    output = _output(args.output, _existing(path), "manifest")
    # Read-only: no writer lock, so it works while the app has the file open.
    with Repository(path, writable=False) as repo:
        client = repo.find_client(args.client)
    if output is None:
        print(handover_manifest(client, today()), end="")
        return 0
    return _written(output, lambda: write_manifest(client, output, today(),
                                                   overwrite=args.force),
                    lambda _: f"Wrote the handover manifest for {printable(client.name)} to "
                              f"{output}")


# -- staying in touch: `due` and `export-ics` ------------------------------------------------------

_LONGEST_WINDOW = 3660  # days: about ten years, like the longest follow-up interval
_MOST_MONTHS = 1200  # a hundred years without a word


def _whole_number(unit: str, lowest: int, highest: int, lowest_means: str = ""
                  ) -> Callable[[str], int]:
    """An argparse ``type``: a whole number of ``unit`` from ``lowest`` to ``highest``."""
    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number of {unit}") from None
        if not lowest <= number <= highest:
            raise argparse.ArgumentTypeError(
                f"{number} {unit}: give {lowest}{lowest_means} up to {highest}")
        return number

    return parse


_months = _whole_number("months", 1, _MOST_MONTHS)
_window_days = _whole_number("days", 0, _LONGEST_WINDOW, " (overdue and today only)")
_chase_days = _whole_number("days", 1, 365)
_KINDS = ("follow-up", "work", "last-day", "notice-end", "interview", "release", "chase",
          "thanks")  # as `storage.views.promises.PromiseKind`, which is not imported to parse


def _kinds(text: str) -> frozenset[str]:
    """An argparse ``type``: kinds of promise, separated by commas ("release,work")."""
    kinds = frozenset(word.strip() for word in text.split(",") if word.strip())
    unknown = sorted(kinds - set(_KINDS))
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(
            f"{', '.join(map(repr, unknown)) or 'nothing'}: give one or more of "
            f"{', '.join(_KINDS)}, separated by commas")
    return kinds


def _add_follow_up_commands(commands: argparse._SubParsersAction) -> None:
    due = commands.add_parser(
        "due", help="list what is overdue and what is coming: follow-ups, work due, last "
                    "days, ends of notice, interviews, releases, testimonials to chase, "
                    "thank-yous (prints nothing when none)"
    )
    due.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    due.add_argument("--within", type=_window_days, default=14, metavar="DAYS",
                     help="how many days ahead to look (default 14; 0: overdue and today)")
    due.add_argument("--kind", type=_kinds, metavar="KIND[,KIND...]",
                     help=f"only these kinds: {', '.join(_KINDS)} (default: every kind)")
    due.add_argument("--chase-after", type=_chase_days, metavar="DAYS",
                     help="days a testimonial asked for waits for an answer before it is "
                          "chased (default: chase_after_days in the preferences file, else 14)")
    due.add_argument("--json", action="store_true", help="print a JSON list instead of lines")

    export_ics = commands.add_parser(
        "export-ics", help="write the follow-ups and every other dated promise as an "
                           "iCalendar (.ics) file"
    )
    export_ics.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    export_ics.add_argument("--client", metavar="NAME",
                            help="only this client: its name, its start, or its number as "
                                 "'#ID' (default: every client)")
    export_ics.add_argument("-o", "--output", metavar="FILE", required=True,
                            help="file to write (private to you: mode 0600)")
    export_ics.add_argument("--force", action="store_true", help="replace an existing FILE")
    export_ics.add_argument("--chase-after", type=_chase_days, metavar="DAYS",
                            help="as for `due`")


def _chase_after(given: int | None) -> int:
    """``--chase-after``, else the preferences file's, else the default; a preferences file
    that cannot be read is told, and the default used."""
    from storage.persistence.preferences import chase_after_days, preferences_path
    from storage.views.promises import CHASE_AFTER_DAYS

    if given is not None:
        return given
    days, problem = chase_after_days(preferences_path(), CHASE_AFTER_DAYS)
    if problem is not None:
        print(f"sendoff: {problem}", file=sys.stderr)
    return days


def _due(path: Path, args: argparse.Namespace) -> int:
    import gc

    from storage.clock import today
    from storage.outputs.due_report import due_json, due_lines
    from storage.views.due import due_in_file
    from storage.views.promises import of_kinds

    # Every row made is kept until it is printed and the process ends: a collection would find
    # nothing to free, and at ten thousand clients (65,000 rows) collections took 40% of it.
    gc.disable()
    day = today()
    items = of_kinds(due_in_file(_existing(path), day, args.within,
                                 _chase_after(args.chase_after)),
                     args.kind)
    return _listed(items, args.json, due_json, lambda: due_lines(items, day))


def _export_ics(path: Path, args: argparse.Namespace) -> int:
    from storage.clock import today
    from storage.outputs.calendar_export import write_calendar
    from storage.outputs.printable import printable
    from storage.persistence.repository import Repository
    from storage.words import counted

    output = _output(args.output, _existing(path), "calendar")
    with Repository(path, writable=False) as repo:
        if args.client is None:
            clients = repo.clients()
        else:
            clients = [repo.find_client(args.client)]
            if clients[0].archived:
                return _fail(f"{printable(clients[0].name)} is archived, so its follow-ups are "
                             "paused; nothing was written")
    chase_after = _chase_after(args.chase_after)
    return _written(output, lambda: write_calendar(clients, output, today(),
                                                   overwrite=args.force, chase_after=chase_after),
                    lambda count: f"Wrote {counted(count, 'dated promise')} to {output}")


# -- capturing from the shell: `log`, `done`, `snooze`, `forward`, `add` ---------------------------

_CLIENT_HELP = "client name, its start, or its number as '#ID'"
_DEFAULT_CHANNEL = "email"  # as the app's forms have it


def _day_argument(text: str) -> date:
    """An argparse ``type``: a date as YYYY-MM-DD (checked as the app checks it)."""
    from storage.errors import ValidationError
    from storage.records.fields import parse_date

    try:
        return parse_date("date", text, required=True)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _add_capture_commands(commands: argparse._SubParsersAction) -> None:
    def capture(name: str, what: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=what, description=(
            f"{what[0].upper()}{what[1:]}. While the app has the file open, the change goes to "
            "an inbox beside it, which the app applies within a second."))

    log = capture("log", "log a contact with a client")
    log.add_argument("client", metavar="CLIENT", help=_CLIENT_HELP)
    log.add_argument("note", metavar="NOTE", help="what was said")
    log.add_argument("--person", metavar="NAME", help="whom, of the client's people: a name "
                                                      "or its start")
    log.add_argument("--channel", metavar="HOW", default=_DEFAULT_CHANNEL,
                     help=f"how you were in touch (default {_DEFAULT_CHANNEL})")
    log.add_argument("--on", type=_day_argument, metavar="DATE",
                     help="the day, YYYY-MM-DD (default today)")

    done = capture("done", "mark a follow-up done: you were in touch today")
    done.add_argument("client", metavar="CLIENT", help=_CLIENT_HELP)
    done.add_argument("follow_up", metavar="FOLLOW-UP", nargs="?",
                      help="its name or the start of it (default: the one due first)")
    done.add_argument("--channel", metavar="HOW", default=_DEFAULT_CHANNEL,
                      help=f"how you were in touch (default {_DEFAULT_CHANNEL})")

    snooze = capture("snooze", "move a follow-up's next date")
    snooze.add_argument("client", metavar="CLIENT", help=_CLIENT_HELP)
    snooze.add_argument("follow_up", metavar="FOLLOW-UP", help="its name or the start of it")
    snooze.add_argument("--to", type=_day_argument, metavar="DATE", required=True,
                        help="the new date, YYYY-MM-DD")

    forward = capture("forward", "keep something to pass on at the next contact")
    forward.add_argument("client", metavar="CLIENT", help=_CLIENT_HELP)
    forward.add_argument("text", metavar="TEXT", help="what to pass on")
    forward.add_argument("--link", metavar="URL", default="", help="where it is")

    add = capture("add", "add a client")
    add.add_argument("client", metavar="NAME", help="the client's name")
    add.add_argument("--person", metavar="NAME", default="", help="the main contact's name")
    add.add_argument("--email", metavar="E", default="", help="the main contact's email")
    add.add_argument("--phone", metavar="P", default="", help="the main contact's phone")
    add.add_argument("--industry", metavar="TEXT", default="", help="the client's industry")
    for parser in (log, done, snooze, forward, add):
        parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)


def _follow_up(client: Client, wanted: str | None) -> FollowUp:
    """The client's follow-up ``wanted`` names: exactly, else the only one whose name starts
    so; when not given, the one due first."""
    from storage.errors import SendoffError
    from storage.outputs.printable import printable

    if wanted is None:
        dated = [(follow_up.next_due(last_contact=client.last_contact), index)
                 for index, follow_up in enumerate(client.follow_ups)]
        dated = sorted((day, index) for day, index in dated if day is not None)
        if dated:
            return client.follow_ups[dated[0][1]]
        raise SendoffError(f"{printable(client.name)} has no follow-up with a date to come")
    return _named(client.follow_ups, lambda follow_up: follow_up.label, wanted,
                  f"follow-ups of {printable(client.name)}", "none yet")


def _follow_up_due(repo: Repository, args: argparse.Namespace
                   ) -> tuple[Client, FollowUp, date]:
    """The client ``args`` name, their follow-up, and its next date, which the change is for."""
    from storage.errors import SendoffError
    from storage.outputs.printable import printable

    client = repo.find_client(args.client)
    follow_up = _follow_up(client, args.follow_up)
    day = follow_up.next_due(last_contact=client.last_contact)
    if day is None:
        raise SendoffError(f"“{printable(follow_up.label)}” of {printable(client.name)} has "
                           "no dates left")
    return client, follow_up, day


Captured = tuple[dict[str, Any], "Client | None"]  # an inbox entry, the client it changes


def _log_entry(repo: Repository, args: argparse.Namespace) -> Captured:
    from storage.changes.captured import entry
    from storage.clock import today

    client = repo.find_client(args.client)
    on = args.on or today()
    person = None if args.person is None else _person(client, args.person)
    whom = client.name if person is None else f"{person.known_as} of {client.name}"
    return entry("log", client.id, f"Logged a contact with {whom} on {on} ({args.channel})",
                 on=on, channel=args.channel, note=args.note,
                 person=None if person is None else person.id), client


def _done_entry(repo: Repository, args: argparse.Namespace) -> Captured:
    from storage.changes.captured import entry
    from storage.clock import today

    client, follow_up, due = _follow_up_due(repo, args)
    return entry("done", client.id, f"Marked “{follow_up.label}” of {client.name} done (it was "
                                    f"due {due})",
                 follow_up=follow_up.id, on=today(), channel=args.channel), client


def _snooze_entry(repo: Repository, args: argparse.Namespace) -> Captured:
    from storage.changes.captured import entry

    client, follow_up, due = _follow_up_due(repo, args)
    return entry("snooze", client.id, f"Snoozed “{follow_up.label}” of {client.name} from "
                                      f"{due} to {args.to}",
                 follow_up=follow_up.id, occurrence=due, to=args.to), client


def _forward_entry(repo: Repository, args: argparse.Namespace) -> Captured:
    from storage.changes.captured import entry
    from storage.clock import today

    client = repo.find_client(args.client)
    link = f" ({args.link})" if args.link.strip() else ""
    return entry("forward", client.id, f"Queued “{args.text}”{link} to forward to "
                                       f"{client.name} at the next contact",
                 text=args.text, link=args.link.strip(), added_on=today()), client


def _add_entry(repo: Repository, args: argparse.Namespace) -> Captured:
    from storage.changes.captured import entry
    from storage.records.client import Client

    client = Client.new(args.client.strip(), contact_person=args.person.strip(),
                        email=args.email.strip(), phone=args.phone.strip(),
                        industry=args.industry.strip())
    client.validate()
    clash = repo.name_clash(client.name)
    if clash is not None:
        raise clash
    return entry("add", None, f"Added {client.name}", client=client.to_dict()), None


_CAPTURES = {"log": _log_entry, "done": _done_entry, "snooze": _snooze_entry,
             "forward": _forward_entry, "add": _add_entry}


def _writer(path: Path) -> Repository | None:
    """The data file opened to write, when no other Sendoff holds it."""
    from storage.errors import DataFileInUse
    from storage.persistence.lock import held_elsewhere
    from storage.persistence.repository import Repository

    if held_elsewhere(path):
        return None
    try:
        return Repository(path, keep_journal=True)
    except DataFileInUse:  # taken between the look and now
        return None


def _capture(path: Path, args: argparse.Namespace) -> int:
    """Check the change against the file as it is, then put it in the inbox beside it: applied
    at once when no app has the file open (with what else was waiting), else by the app."""
    from storage.changes.captured import made, take_in
    from storage.errors import SendoffError
    from storage.outputs.printable import printable
    from storage.persistence import inbox
    from storage.persistence.repository import Repository

    if args.command != "add":
        _existing(path)
    with contextlib.ExitStack() as open_files:
        repo = _writer(path)
        if repo is not None:
            open_files.enter_context(repo)
        with Repository(path, writable=False) if repo is None else contextlib.nullcontext(
                repo) as opened:
            captured, client = _CAPTURES[args.command](opened, args)
        if client is not None:
            made(client, captured)  # on a copy, to refuse here what the change would refuse
        try:
            inbox.append(path, captured)
        except OSError as error:
            raise SendoffError(f"could not write {inbox.inbox_path(path)}: "
                               f"{error.strerror or error}; nothing was stored") from None
        if repo is None:
            repo = _writer(path)  # its holder may have let go meanwhile: a command like this
            if repo is None:
                print(f"{printable(captured['told'])} (queued: the app that has the file "
                      "open applies it)")
                return 0
            open_files.enter_context(repo)
        outcomes = take_in(path, repo)
    code = 0
    for outcome in outcomes:
        mine = outcome.entry["id"] == captured["id"]
        if outcome.refused:
            print(f"{'' if mine else 'Waiting in the inbox: '}{printable(outcome.entry['told'])}"
                  f": not done, {printable(outcome.refused)} (kept in "
                  f"{inbox.refused_path(path)})")
            code = code or int(mine)
        else:
            print(("" if mine else "Applied from the inbox: ") + printable(outcome.told))
    return code


# -- reminders that find you: `notify` -------------------------------------------------------------

def _add_notify_command(commands: argparse._SubParsersAction) -> None:
    notify = commands.add_parser(
        "notify", help="one desktop notification of what is overdue and due today (printed "
                       "where there is no desktop to show it; nothing when nothing is due)")
    notify.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)


def _notify(path: Path) -> int:
    """Send the digest through `notify-send` where there is one and it can reach a desktop;
    else print it (cron mails it)."""
    import shutil
    import subprocess

    from storage.clock import today
    from storage.outputs.digest import digest
    from storage.views.due import due_in_file

    day = today()
    found = digest(due_in_file(_existing(path), day, 0, _chase_after(None)), day)
    if found is None:
        return 0
    title, body = found
    sender = shutil.which("notify-send")
    if sender is not None:
        try:
            sent = subprocess.run([sender, "--app-name=Sendoff", title, body],
                                  capture_output=True, timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            sent = False
        if sent:
            print(title)
            return 0
    print(f"{title}\n{body}")
    return 0


def _open_app(path: Path, theme: str | None) -> int:
    from tui.app import run_app

    return run_app(path, theme)


def main(argv: list[str] | None = None) -> int:
    from storage.errors import SendoffError
    from storage.persistence.paths import resolve_db_path

    parser = _parser()
    args = parser.parse_args(argv)
    if args.command and args.theme is not None:
        parser.error(f"--theme is for the app; {args.command} has no theme")
    if args.command == "search" and not " ".join(args.query).split():
        parser.error("search: say what to find, a word at least")
    try:
        path = resolve_db_path(args.db)
        if args.command == "demo":
            return _demo(path, args)
        if args.command == "check":
            return _check(path)
        if args.command == "clients":
            return _clients(path, args)
        if args.command == "timeline":
            return _timeline(path, args)
        if args.command == "outcomes":
            return _outcomes(path, args)
        if args.command == "templates":
            return _templates(args)
        if args.command == "message":
            return _message(path, args)
        if args.command == "search":
            return _search(path, args)
        if args.command == "due":
            return _due(path, args)
        if args.command == "export-ics":
            return _export_ics(path, args)
        if args.command == "export-handover":
            return _export_handover(path, args)
        if args.command in _CAPTURES:
            return _capture(path, args)
        if args.command == "notify":
            return _notify(path)
        return _open_app(path, args.theme)
    except SendoffError as error:
        return _fail(str(error))
    except BrokenPipeError:  # `sendoff due | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
