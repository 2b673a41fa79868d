"""The person's page's rows written in Python (`advisor/person_rows.py`, issue 18) are the rows
the template wrote, byte for byte: for every person of the demo, in both languages, and for a
person with every kind of entry the rows show."""

import datetime

import pytest
from django.template import engines
from django.utils import translation

from borgerraadgiver.accounts.models import User
from borgerraadgiver.advisor.person_rows import person_inquiry_rows_html
from borgerraadgiver.demo.users import ADVISOR
from borgerraadgiver.forwarding.consents import consent_refusal_record, consent_withdraw
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import Inquiry, Person
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.privacy.person_page import person_page
from tests.helpers import at

pytestmark = pytest.mark.django_db

# The template's loop before issue 18, word for word, with the lines around it.
TEMPLATE_ROWS = """{% load i18n %}  <tbody>
  {% for inquiry in page.inquiries %}
  <tr>
    <td data-title="{% translate "Case number" %}"><a href="{% url 'advisor:inquiry_detail' inquiry.pk %}">{{ inquiry.case_number }}</a></td>
    <td data-title="{% translate "Received" %}">{{ inquiry.received_date|date:"SHORT_DATE_FORMAT" }}</td>
    <td data-title="{% translate "Area and department" %}">{{ inquiry.place }}</td>
    <td data-title="{% translate "Status" %}">{{ inquiry.get_status_display }}{% if inquiry.closed_date %} {{ inquiry.closed_date|date:"SHORT_DATE_FORMAT" }}{% endif %}</td>
    <td data-title="{% translate "Forwarding and deadline" %}">{% for forwarding in inquiry.forwardings.all %}<a href="{% url 'advisor:forwarding_detail' forwarding.pk %}">{{ forwarding.get_kind_display }}</a>: {{ forwarding.get_status_display|lower }}{% if forwarding.deadline_date and forwarding.status == "sent" %}, {% blocktranslate with date=forwarding.deadline_date|date:"SHORT_DATE_FORMAT" %}answer by {{ date }}{% endblocktranslate %}{% endif %}{% if not forloop.last %}<br>{% endif %}{% empty %}–{% endfor %}</td>
    <td data-title="{% translate "Consent" %}">{% for consent in inquiry.consents.all %}{% if consent.is_in_force %}{% blocktranslate with date=consent.given_date|date:"SHORT_DATE_FORMAT" %}Given {{ date }}{% endblocktranslate %}{% else %}{% blocktranslate with date=consent.withdrawn_date|date:"SHORT_DATE_FORMAT" %}Withdrawn {{ date }}{% endblocktranslate %}{% endif %}<br>{% endfor %}{% for refusal in inquiry.consent_refusals.all %}{% blocktranslate with date=refusal.refused_date|date:"SHORT_DATE_FORMAT" %}Declined {{ date }}{% endblocktranslate %}<br>{% endfor %}{% if not inquiry.consents.all and not inquiry.consent_refusals.all %}–{% endif %}</td>
    <td data-title="{% translate "Web-form messages" %}">{% for submission in inquiry.submissions.all %}<a href="{% url 'intake:submission_detail' submission.pk %}">{{ submission.reference }}</a> ({{ submission.submitted_at|date:"SHORT_DATE_FORMAT" }}){% if not forloop.last %}<br>{% endif %}{% empty %}–{% endfor %}</td>
  </tr>
  {% endfor %}
  </tbody>"""  # noqa: E501
TEMPLATE_NOW = """{% load i18n %}  <tbody>
  {{ rows_html }}
  </tbody>"""


def _both(user: User, person: Person) -> tuple[str, str]:
    old, new = (engines["django"].from_string(text) for text in (TEMPLATE_ROWS, TEMPLATE_NOW))
    # Each read fresh, as each page reads it: the template's loops read the lists it is given.
    page = person_page(user=user, pk=person.pk)
    rows = person_inquiry_rows_html(person_page(user=user, pk=person.pk).inquiries)
    return old.render({"page": page}), new.render({"rows_html": rows})


@pytest.mark.usefixtures("demo_register")
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_demo_person_s_rows_are_the_template_s(language):
    advisor = User.objects.get(username=ADVISOR.username)
    people = Person.objects.filter(inquiries__isnull=False).distinct().order_by("pk")
    shown = ""
    with translation.override(language):
        for person in people:
            old, new = _both(advisor, person)
            assert new == old, person.name
            shown += new
    # The demo's people show each kind of cell the rows have.
    assert shown.count("<tr>") >= 100
    for part in ("/forwardings/", "<br>", "–"):
        assert part in shown


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_person_with_every_kind_of_entry(advisor, make_sent, language):
    forwarding = make_sent(datetime.date(2025, 3, 3))
    inquiry = forwarding.inquiry
    Forwarding.objects.filter(pk=forwarding.pk).update(deadline_date=datetime.date(2025, 3, 24))
    consent_withdraw(
        consent=inquiry.consents.get(),
        withdrawn_by=advisor,
        now=at(datetime.date(2025, 3, 5)),
        withdrawn_date=datetime.date(2025, 3, 5),
        note="",
    )
    consent_refusal_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=at(datetime.date(2025, 3, 6)),
        given_by="Borgeren <& co>",
        refused_date=datetime.date(2025, 3, 6),
        method="phone",
    )
    submission = Submission.objects.create(  # after 23:00 UTC: the next day at the office
        reference="WEB-<1>",
        what_happened="y",
        consents_to_contact=True,
        status=Submission.Status.REGISTERED,
        submitted_at=datetime.datetime(2025, 3, 1, 23, 30, tzinfo=datetime.UTC),
    )
    submission.inquiries.add(inquiry)
    Inquiry.objects.filter(pk=inquiry.pk).update(case_number="2025-<7>&")
    with translation.override(language):
        old, new = _both(advisor, inquiry.person)
    assert new == old
    assert "2025-&lt;7&gt;&amp;" in new
    assert "WEB-&lt;1&gt;" in new
    assert ("02.03.2025" if language == "da" else "03/02/2025") in new
