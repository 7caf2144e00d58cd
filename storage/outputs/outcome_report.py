"""`sendoff outcomes`: what goodbyes led to, in words, as aligned lines, or as JSON. The words
of the totals, the charts' labels and each row's cells are the app's too (`OutcomeScreen`);
names are printed literally (see `printable`)."""

from __future__ import annotations

import json

from storage.outputs.printable import display_width, printable
from storage.outputs.sparkline import sparkline
from storage.views.outcome import FormerClient, OutcomeReport, PeriodCount
from storage.words import counted

NONE = "—"
HEADINGS = ("Testimonials", "Referrals", "Re-hired", "Last contact")
NO_FORMER_CLIENTS = ("No former clients yet: a client counts here once an engagement has ended, "
                     "its last day is past, or steps 1 to 3 are done.")
NO_REFERRALS = "No referrals yet"


def totals_lines(report: OutcomeReport) -> list[str]:
    """The totals, a line each: former clients, testimonials, referrals, re-hires."""
    rows = report.former_clients
    if not rows:
        return [NO_FORMER_CLIENTS]
    archived = sum(row.archived for row in rows)
    lines = [counted(len(rows), "former client") + (f", {archived} of them archived"
                                                     if archived else "")]
    if report.testimonials:
        uses = ", ".join(f"{use.value} {count}" for use, count in report.testimonial_uses.items())
        lines.append(f"Testimonials: {report.testimonials} received"
                     + (f"; may be used: {uses}" if uses else ""))
    else:
        lines.append("Testimonials: none received yet")
    if report.referrals:
        lines.append(f"Referrals: {report.referrals} given, {_became(report.became_clients)}")
    else:
        lines.append("Referrals: none yet")
    if report.rehired:
        lines.append(f"Re-hired: {counted(report.rehired, 'client')}, "
                     f"{counted(report.rehires, 'engagement')} after the first")
    else:
        lines.append("Re-hired: none yet")
    return lines


def _became(count: int) -> str:
    return f"{count} became {'a client' if count == 1 else 'clients'}"


def _span(series: tuple[PeriodCount, ...]) -> str:
    return f"{series[0].period} to {series[-1].period}"


def contacts_label(report: OutcomeReport) -> str:
    """What the monthly chart shows: its months, how many in all and the most in one."""
    months = report.contacts_per_month
    most = max(month.count for month in months)
    counts = (f"{report.contacts_shown} in all, at most {most} in a month" if most
              else "none")
    return f"Contacts per month, {_span(months)}: {counts}"


def referrals_label(report: OutcomeReport) -> str:
    """What the yearly chart shows, or that there is nothing to show."""
    years = report.referrals_per_year
    if not years:
        return NO_REFERRALS
    return (f"Referrals per year, {_span(years)}: at most "
            f"{max(year.count for year in years)} in a year")


def row_cells(row: FormerClient) -> list[str]:
    """A row's testimonials, referrals, re-hires and last contact, as the headings name them."""
    count = len(row.testimonials)
    uses = ", ".join(use.value for use in row.usable_on) or "use not agreed"
    testimonials = NONE if not count else uses if count == 1 else f"{count}: {uses}"
    referrals = NONE if not row.referrals else str(row.referrals) + (
        f", {_became(row.became_clients)}" if row.became_clients else "")
    rehired = {0: NONE, 1: "once"}.get(row.rehires, f"{row.rehires} times")
    last = row.last_contact.isoformat() if row.last_contact else NONE
    return [testimonials, referrals, rehired, last]


def _name(row: FormerClient) -> str:
    return printable(row.name) + (" (archived)" if row.archived else "")


def outcome_lines(report: OutcomeReport) -> list[str]:
    """The totals, each series that has a count as its label and a line of blocks, then a row
    each, aligned under headings."""
    lines = [*totals_lines(report), "", contacts_label(report),
             "  " + sparkline([month.count for month in report.contacts_per_month])]
    if report.referrals_per_year:  # else the totals said there are none
        lines += [referrals_label(report),
                  "  " + sparkline([year.count for year in report.referrals_per_year])]
    if not report.former_clients:
        return lines
    table = [("", "Former client", *HEADINGS)] + [
        (f"#{row.client_id}", _name(row), *row_cells(row)) for row in report.former_clients]
    widths = [max(display_width(cells[column]) for cells in table)
              for column in range(len(table[0]))]
    lines.append("")
    lines += ["  ".join(cell + " " * (width - display_width(cell))
                        for cell, width in zip(cells, widths, strict=True)).rstrip()
              for cells in table]
    return lines


def outcome_json(report: OutcomeReport) -> str:
    """The report as a JSON object: today, the totals, both series and a record per former
    client (its id, as `'#ID'` names it)."""
    return json.dumps({
        "today": report.today.isoformat(),
        "totals": {
            "former_clients": len(report.former_clients),
            "testimonials": report.testimonials,
            "testimonial_uses": {use.value: count
                                 for use, count in report.testimonial_uses.items()},
            "referrals": report.referrals,
            "became_clients": report.became_clients,
            "rehired_clients": report.rehired,
            "rehires": report.rehires,
        },
        "contacts_per_month": [{"month": month.period, "contacts": month.count}
                               for month in report.contacts_per_month],
        "referrals_per_year": [{"year": int(year.period), "referrals": year.count}
                               for year in report.referrals_per_year],
        "former_clients": [{
            "id": row.client_id,
            "name": row.name,
            "archived": row.archived,
            "testimonials": [{"received_on": (testimonial.received_on.isoformat()
                                              if testimonial.received_on else None),
                              "uses": [use.value for use in testimonial.uses]}
                             for testimonial in row.testimonials],
            "referrals": row.referrals,
            "became_clients": row.became_clients,
            "rehires": row.rehires,
            "last_contact": row.last_contact.isoformat() if row.last_contact else None,
        } for row in report.former_clients],
    }, indent=2)
