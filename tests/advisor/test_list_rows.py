"""The inquiry list's rows written in Python (`advisor/list_rows.py`, issue 18) are the rows the
template wrote: the same cells, links, dates and escaping, for every kind of row."""

import datetime
import re

import pytest
from django.db import connection
from django.template import engines
from django.utils import translation

from borgerraadgiver.advisor.list_rows import inquiry_rows_html
from borgerraadgiver.forwarding.selectors import nearest_deadline
from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from borgerraadgiver.inquiries.rows import inquiry_row_page
from borgerraadgiver.inquiries.selectors import InquiryFilters, inquiry_page
from borgerraadgiver.organisation.models import Reason
from tests.factories import AreaFactory, InquiryFactory, ReasonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]

# The template's loop before issue 18, word for word.
TEMPLATE_ROWS = """{% load i18n dkfds %}
{% translate "Case number" as label_case %}{% translate "Received" as label_received %}{% translate "Person" as label_person %}{% translate "Area and department" as label_place %}{% translate "Reasons" as label_reasons %}{% translate "Handling" as label_handling %}{% translate "Status" as label_status %}{% translate "Answer due" as label_due %}
    {% for inquiry in page.object_list %}
    <tr>
      <td data-title="{{ label_case }}"><a href="{% url 'advisor:inquiry_detail' inquiry.pk %}">{{ inquiry.case_number }}</a>{% if inquiry.summary %}<span class="case-about case-about-cell">{{ inquiry.summary|first_words }}</span>{% endif %}</td>
      <td data-title="{{ label_received }}">{{ inquiry.received_date|date:"SHORT_DATE_FORMAT" }}</td>
      <td data-title="{{ label_person }}">{% if inquiry.person %}<a href="{% url 'advisor:person_detail' inquiry.person.pk %}">{{ inquiry.person.name }}</a>{% else %}<span class="text-muted">{{ inquiry.get_complainant_kind_display }}</span>{% endif %}</td>
      <td data-title="{{ label_place }}">{{ inquiry.place }}</td>
      <td data-title="{{ label_reasons }}">{% for reason in inquiry.reasons.all %}{{ reason.name }}{% if not forloop.last %}; {% endif %}{% endfor %}</td>
      <td data-title="{{ label_handling }}">{{ inquiry.handling_type.name }}</td>
      <td data-title="{{ label_status }}">{{ inquiry.get_status_display }}</td>
      <td data-title="{{ label_due }}">{% if inquiry.nearest_deadline_date %}<time datetime="{{ inquiry.nearest_deadline_date|date:'Y-m-d' }}">{{ inquiry.nearest_deadline_date|date:"SHORT_DATE_FORMAT" }}</time>{% else %}<span class="text-muted">–</span>{% endif %}</td>
    </tr>
    {% endfor %}"""  # noqa: E501


def _tight(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def _both(user) -> tuple[str, str]:
    arguments = {
        "user": user,
        "filters": InquiryFilters(),
        "number": 1,
        "size": 50,
        "annotations": {"nearest_deadline_date": nearest_deadline()},
    }
    old = engines["django"].from_string(TEMPLATE_ROWS).render({"page": inquiry_page(**arguments)})
    new = inquiry_rows_html(inquiry_row_page(**arguments).object_list)
    return _tight(old), _tight(new)


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_rows_are_the_templates_rows_for_every_kind_of_row(advisor, make_sent, language):
    make_sent(datetime.date(2024, 3, 6))  # a forwarding awaiting an answer: a date due
    InquiryFactory(person=None, complainant_kind=ComplainantKind.ANONYMOUS, summary="")
    InquiryFactory(department=None, area=AreaFactory(name="Uden for <kompetence>"))
    InquiryFactory(
        status=Inquiry.Status.CLOSED,
        closed_date=datetime.date(2026, 1, 5),
        summary="Et langt resumé med & og <b>mærker</b> " + "ord " * 30,
        reasons=[
            ReasonFactory(name="Sagsbehandlingstid"),
            ReasonFactory(name="Afgørelse & <klage>"),
        ],
        received_date=datetime.date(2025, 12, 31),
    )
    InquiryFactory(reasons=[])
    with translation.override(language):
        old, new = _both(advisor)
    assert new.count("<tr>") == Inquiry.objects.count() == 5
    assert new == old
    assert "&lt;b&gt;mærker&lt;/b&gt;" in new and "Afgørelse &amp; &lt;klage&gt;" in new


def test_no_rows_give_no_html(advisor):
    assert inquiry_rows_html([]) == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a Danish collation of PostgreSQL's")
def test_the_reasons_are_in_the_databases_order_of_their_names(advisor):
    """As the inquiry's page and the download order them: in Danish Æ, Ø, Å come after Z, where
    the order of the characters' numbers puts Å before Æ and small letters after capitals."""
    with connection.cursor() as cursor:  # rolled back with the test
        cursor.execute(
            "ALTER TABLE organisation_reason "
            'ALTER COLUMN name TYPE varchar(200) COLLATE "da-DK-x-icu"'
        )
    names = ["Åbenhed", "Ældre", "aktindsigt", "Økonomi", "Bolig"]
    InquiryFactory(reasons=[ReasonFactory(name=name) for name in names])
    (row,) = inquiry_row_page(user=advisor, filters=InquiryFilters(), number=1, size=50)
    assert list(row.reasons) == ["aktindsigt", "Bolig", "Ældre", "Økonomi", "Åbenhed"]
    assert list(row.reasons) == list(Reason.objects.order_by("name").values_list("name", flat=True))
