"""The person's page's table of inquiries, written in Python (issue 18).

Each row draws the inquiry with its forwardings, consents, declines and web-form messages: four
loops a row through the template language cost the page about a twelfth of its instructions.
Here each value is escaped once and the addresses are written from patterns reversed once a
process (`core.urls`). The HTML is the one `advisor/person_detail.html` wrote before
(`tests/advisor/test_person_rows.py` compares, byte for byte).
"""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from borgerraadgiver.advisor.list_rows import ShortDates, reversed_with_id
from borgerraadgiver.core.escape import escape_text
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import Inquiry


def person_inquiry_rows_html(inquiries: Iterable[Inquiry]) -> SafeString:
    """The `<tr>` of each inquiry (`privacy.person_page.person_inquiries_in_full`'s, with their
    lists read), with the column names repeated for the phone layout."""
    label = {
        key: escape_text(text)
        for key, text in (
            ("case", _("Case number")),
            ("received", _("Received")),
            ("place", _("Area and department")),
            ("status", _("Status")),
            ("forwarding", _("Forwarding and deadline")),
            ("consent", _("Consent")),
            ("messages", _("Web-form messages")),
        )
    }
    inquiry_url = reversed_with_id("advisor:inquiry_detail")
    forwarding_url = reversed_with_id("advisor:forwarding_detail")
    submission_url = reversed_with_id("intake:submission_detail")
    short = ShortDates()
    rows = []
    for inquiry in inquiries:
        closed = f" {short[inquiry.closed_date]}" if inquiry.closed_date else ""
        rows.append(
            "\n  <tr>\n"
            f'    <td data-title="{label["case"]}"><a href="{inquiry_url.format(inquiry.pk)}">'
            f"{escape_text(inquiry.case_number)}</a></td>\n"
            f'    <td data-title="{label["received"]}">{short[inquiry.received_date]}</td>\n'
            f'    <td data-title="{label["place"]}">{escape_text(inquiry.place)}</td>\n'
            f'    <td data-title="{label["status"]}">'
            f"{escape_text(inquiry.get_status_display())}{closed}</td>\n"
            f'    <td data-title="{label["forwarding"]}">'
            f"{_forwardings(inquiry, forwarding_url, short)}</td>\n"
            f'    <td data-title="{label["consent"]}">{_consents(inquiry, short)}</td>\n'
            f'    <td data-title="{label["messages"]}">'
            f"{_submissions(inquiry, submission_url, short)}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


def _forwardings(inquiry: Inquiry, url: str, short: ShortDates) -> str:
    parts = []
    for forwarding in inquiry.forwardings.all():
        due = ""
        if forwarding.deadline_date and forwarding.status == Forwarding.Status.SENT:
            due = ", " + _("answer by %(date)s") % {"date": short[forwarding.deadline_date]}
        parts.append(
            f'<a href="{url.format(forwarding.pk)}">{escape_text(forwarding.get_kind_display())}'
            f"</a>: {escape_text(forwarding.get_status_display().lower())}{due}"
        )
    return "<br>".join(parts) or "–"


def _consents(inquiry: Inquiry, short: ShortDates) -> str:
    consents = inquiry.consents.all()
    refusals = inquiry.consent_refusals.all()
    parts = [
        _("Given %(date)s") % {"date": short[consent.given_date]}
        if consent.is_in_force
        else _("Withdrawn %(date)s") % {"date": short[consent.withdrawn_date]}
        for consent in consents
    ]
    parts += [
        _("Declined %(date)s") % {"date": short[refusal.refused_date]} for refusal in refusals
    ]
    return "".join(f"{part}<br>" for part in parts) or "–"


def _submissions(inquiry: Inquiry, url: str, short: ShortDates) -> str:
    parts = [
        f'<a href="{url.format(submission.pk)}">{escape_text(submission.reference)}</a> '
        f"({short[timezone.localdate(submission.submitted_at)]})"
        for submission in inquiry.submissions.all()
    ]
    return "<br>".join(parts) or "–"
