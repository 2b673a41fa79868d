"""The forwarding overview's rows written in Python (`advisor/overview_rows.py`, issue 18) are
the rows the template wrote: every state, overdue or not, a later date asked for, escaping."""

import datetime
import re

import pytest
from django.template import engines
from django.utils import translation

from borgerraadgiver.advisor.overview_rows import owed_rows_html
from borgerraadgiver.forwarding.answers import forwarding_answer, forwarding_extend
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.overview import OwedFilters, owed_page
from tests.factories import DepartmentFactory
from tests.helpers import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]

# The template's loop before issue 18, word for word.
TEMPLATE_ROWS = """{% load i18n dkfds %}
    {% for row in page.object_list %}{% with forwarding=row.forwarding %}
    <tr class="owed-{{ row.state }}{% if row.overdue %} owed-overdue{% endif %}">
      <td data-title="{% translate "Deadline" %}"><time datetime="{{ row.deadline_date|date:'Y-m-d' }}">{{ row.deadline_date|date:"SHORT_DATE_FORMAT" }}</time>{% if row.later_date_asked %}<br><span class="text-muted">{% blocktranslate with date=row.set_deadline_date|date:"SHORT_DATE_FORMAT" %}later date asked for; was {{ date }}{% endblocktranslate %}</span>{% endif %}</td>
      <td data-title="{% translate "Working days" %}">{% if row.overdue %}<strong class="owed-late">{% if row.working_days_overdue %}{% blocktranslate count days=row.working_days_overdue %}{{ days }} working day overdue{% plural %}{{ days }} working days overdue{% endblocktranslate %}{% else %}{% translate "Overdue" %}{% endif %}</strong>{% elif row.working_days_left is not None %}{% if row.working_days_left %}{% blocktranslate count days=row.working_days_left %}{{ days }} working day left{% plural %}{{ days }} working days left{% endblocktranslate %}{% else %}{% translate "Due today" %}{% endif %}{% else %}<span class="text-muted">–</span>{% endif %}</td>
      <td data-title="{% translate "Department or area" %}">{{ forwarding.place }}</td>
      <td data-title="{% translate "Case" %}"><a href="{% url 'advisor:forwarding_detail' forwarding.pk %}">{{ forwarding.inquiry.case_number }}</a>{% if forwarding.inquiry.summary %}<br><span class="case-about">{{ forwarding.inquiry.summary|first_words }}</span>{% endif %}</td>
      <td data-title="{% translate "Type" %}">{{ forwarding.get_kind_display }}</td>
      <td data-title="{% translate "Sent" %}">{{ forwarding.sent_date|date:"SHORT_DATE_FORMAT" }}</td>
      <td data-title="{% translate "Answer" %}">{{ row.state.label }}{% if forwarding.answered_date and row.state != "no_answer" %}<br><span class="text-muted">{{ forwarding.answered_date|date:"SHORT_DATE_FORMAT" }}</span>{% endif %}</td>
    </tr>
    {% endwith %}{% endfor %}
"""  # noqa: E501


def _tight(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(
    "today",
    [datetime.date(2024, 3, 26), datetime.date(2024, 3, 27), datetime.date(2024, 4, 3)],
    ids=["one day left", "due today", "overdue"],
)
def test_the_rows_are_the_templates_rows_for_every_kind_of_row(advisor, make_sent, language, today):
    sent = datetime.date(2024, 3, 6)  # answer by Wednesday 27 March 2024
    make_sent(sent, department=DepartmentFactory(name="Skole & <fritid>"))
    waiting_longer = make_sent(sent)
    forwarding_extend(
        forwarding=waiting_longer,
        requested_by=waiting_longer.department.managers.get(),
        now=at(datetime.date(2024, 3, 20)),
        new_deadline_date=datetime.date(2024, 4, 10),
        reason="Vi mangler oplysninger",
        citizen_informed=True,
    )
    answered = make_sent(sent)
    answered.inquiry.summary = ""
    answered.inquiry.save()
    forwarding_answer(
        forwarding=answered,
        answered_by=answered.department.managers.get(),
        now=at(datetime.date(2024, 3, 20)),
        answer_text="Svar",
    )
    # Both kinds of forwarding: each kind's name is translated once a page.
    Forwarding.objects.filter(pk=waiting_longer.pk).update(kind=Forwarding.Kind.DIALOGUE)
    page = owed_page(user=advisor, filters=OwedFilters(), today=today, number=1, size=50)
    assert {row.forwarding.kind for row in page.object_list} == set(Forwarding.Kind.values)
    with translation.override(language):
        old = engines["django"].from_string(TEMPLATE_ROWS).render({"page": page})
        new = owed_rows_html(page.object_list)
    assert _tight(new).count("<tr ") == 3
    assert _tight(new) == _tight(old)
    assert "Skole &amp; &lt;fritid&gt;" in new
