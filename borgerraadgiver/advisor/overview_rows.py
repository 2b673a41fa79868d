"""The forwarding overview's table rows, written in Python (issue 18), as `list_rows.py` does
for the inquiry list: the HTML `advisor/forwarding_overview.html` wrote before
(`tests/advisor/test_overview_rows.py` compares), each value escaped once, the link reversed
once a page."""

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.advisor.list_rows import ShortDates, reversed_with_id
from borgerraadgiver.core.escape import escape_text
from borgerraadgiver.core.text import first_words
from borgerraadgiver.forwarding.overview import Owed, OwedState


def _working_days(row: Owed) -> str:
    if row.overdue:
        overdue = row.working_days_overdue
        text = (
            ngettext("%(days)s working day overdue", "%(days)s working days overdue", overdue)
            % {"days": overdue}
            if overdue
            else _("Overdue")
        )
        return f'<strong class="owed-late">{escape_text(text)}</strong>'
    if row.working_days_left is None:
        return '<span class="text-muted">–</span>'
    left = row.working_days_left
    if not left:
        return escape_text(_("Due today"))
    return escape_text(
        ngettext("%(days)s working day left", "%(days)s working days left", left) % {"days": left}
    )


def owed_rows_html(rows: Iterable[Owed]) -> SafeString:
    """The `<tr>` of each forwarding on the overview page."""
    label = {
        key: escape_text(text)
        for key, text in (
            ("deadline", _("Deadline")),
            ("days", _("Working days")),
            ("place", _("Department or area")),
            ("case", _("Case")),
            ("type", _("Type")),
            ("sent", _("Sent")),
            ("answer", _("Answer")),
        )
    }
    # Each state's name translated once a page, not once a row.
    states = {state: escape_text(state.label) for state in OwedState}
    forwarding_url = reversed_with_id("advisor:forwarding_detail")
    short = ShortDates()
    html: list[str] = []
    for row in rows:
        forwarding = row.forwarding
        inquiry = forwarding.inquiry
        later = (
            '<br><span class="text-muted">'
            + escape_text(
                _("later date asked for; was %(date)s") % {"date": short[row.set_deadline_date]}
            )
            + "</span>"
            if row.later_date_asked
            else ""
        )
        about = (
            f'<br><span class="case-about">{escape_text(first_words(inquiry.summary))}</span>'
            if inquiry.summary
            else ""
        )
        answered = (
            f'<br><span class="text-muted">{short[forwarding.answered_date]}</span>'
            if forwarding.answered_date and row.state != OwedState.NO_ANSWER
            else ""
        )
        html.append(
            f'<tr class="owed-{row.state}{" owed-overdue" if row.overdue else ""}">'
            f'<td data-title="{label["deadline"]}"><time datetime="{row.deadline_date:%Y-%m-%d}">'
            f"{short[row.deadline_date]}</time>{later}</td>"
            f'<td data-title="{label["days"]}">{_working_days(row)}</td>'
            f'<td data-title="{label["place"]}">{escape_text(forwarding.place)}</td>'
            f'<td data-title="{label["case"]}"><a href="{forwarding_url.format(forwarding.pk)}">'
            f"{escape_text(inquiry.case_number)}</a>{about}</td>"
            f'<td data-title="{label["type"]}">{escape_text(forwarding.get_kind_display())}</td>'
            f'<td data-title="{label["sent"]}">{short[forwarding.sent_date]}</td>'
            f'<td data-title="{label["answer"]}">{states[row.state]}{answered}</td>'
            "</tr>\n"
        )
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped
