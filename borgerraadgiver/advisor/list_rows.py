"""The inquiry list's table rows, written in Python (issue 18).

Fifty rows of eight cells through the template language cost the list page more than half of its
time: every variable and tag is looked up and escaped on its own, and every link reversed.
Here each value is escaped once and the two addresses are written from patterns reversed once
a process (`core.urls`). The HTML is the one `advisor/inquiry_list.html` wrote before
(`tests/advisor/test_list_rows.py` compares).
"""

import datetime
from collections.abc import Iterable

from django.urls import NoReverseMatch
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from borgerraadgiver.core.escape import escape_text
from borgerraadgiver.core.text import first_words
from borgerraadgiver.core.urls import address_pattern
from borgerraadgiver.inquiries.rows import InquiryRow


def reversed_with_id(name: str) -> str:
    """The address of URL `name` taking one id, with `{0}` where the id goes (kept per process,
    `core.urls`)."""
    pattern = address_pattern(name, 1, None)
    if pattern is None:
        raise NoReverseMatch(f"{name} takes no single id")
    return pattern


class ShortDates(dict[datetime.date | None, str]):
    """Each date of one page in the language's short format (none: nothing), formatted once: a
    page's 50 rows show a few dozen different dates, and each `date_format` looks its format up
    again."""

    def __missing__(self, day: datetime.date | None) -> str:
        text = self[day] = date_format(day, "SHORT_DATE_FORMAT") if day else ""
        return text


def inquiry_rows_html(rows: Iterable[InquiryRow]) -> SafeString:
    """The `<tr>` of each row, with the column names repeated for the phone layout."""
    label = {
        key: escape_text(text)
        for key, text in (
            ("case", _("Case number")),
            ("received", _("Received")),
            ("person", _("Person")),
            ("place", _("Area and department")),
            ("reasons", _("Reasons")),
            ("handling", _("Handling")),
            ("status", _("Status")),
            ("due", _("Answer due")),
        )
    }
    inquiry_url = reversed_with_id("advisor:inquiry_detail")
    person_url = reversed_with_id("advisor:person_detail")
    short = ShortDates()
    html: list[str] = []
    for row in rows:
        about = (
            '<span class="case-about case-about-cell">'
            f"{escape_text(first_words(row.summary))}</span>"
            if row.summary
            else ""
        )
        person = (
            f'<a href="{person_url.format(row.person_id)}">{escape_text(row.person_name or "")}</a>'
            if row.person_id is not None
            else f'<span class="text-muted">{escape_text(row.complainant_kind_display)}</span>'
        )
        due = row.extra.get("nearest_deadline_date")
        due_cell = (
            f'<time datetime="{due:%Y-%m-%d}">{short[due]}</time>'
            if due
            else '<span class="text-muted">–</span>'
        )
        html.append(
            "<tr>"
            f'<td data-title="{label["case"]}"><a href="{inquiry_url.format(row.pk)}">'
            f"{escape_text(row.case_number)}</a>{about}</td>"
            f'<td data-title="{label["received"]}">'
            f"{short[row.received_date]}</td>"
            f'<td data-title="{label["person"]}">{person}</td>'
            f'<td data-title="{label["place"]}">{escape_text(row.place)}</td>'
            f'<td data-title="{label["reasons"]}">{escape_text("; ".join(row.reasons))}</td>'
            f'<td data-title="{label["handling"]}">{escape_text(row.handling_name)}</td>'
            f'<td data-title="{label["status"]}">{escape_text(row.status_display)}</td>'
            f'<td data-title="{label["due"]}">{due_cell}</td>'
            "</tr>\n"
        )
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped
