"""One truth, end to end (issue 11): a small year of casework driven through the web pages, the
report's JSON and documents checked after each step against figures this test works out itself.

The year is 2024, walked with a clock the test moves (the pages read `timezone.now()`); the
advisor and the managers use the same pages as in the office: registration, repeat contact,
linked departments, consent, forwarding (to a department and to an area's own management), the
portal's answer after the inquiry was closed, a follow-up question, a citizen's decline, a
department renamed mid-year, publishing, correcting a text and publishing the corrected edition.
"""

import datetime
import io
import json
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    Department,
    HandlingType,
    Office,
    Reason,
)
from borgerraadgiver.reports.models import PublishedReport
from tests.factories import AdvisorFactory, UserFactory
from tests.login import verified_client

pytestmark = pytest.mark.django_db(transaction=False)

D = datetime.date
REGISTER = reverse("advisor:inquiry_register")
JSON_2024 = reverse("reports:download", args=["json"]) + "?year=2024&live=1"


class Clock:
    """What `timezone.now()` says: 10:00 Danish time on the day the test has come to."""

    def __init__(self) -> None:
        self.day = D(2024, 1, 2)

    def __call__(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.day, datetime.time(10)))


@dataclass
class Expected:
    """The year as the test itself counts it: one entry per inquiry, kept up to date by hand."""

    inquiries: dict[int, dict] = field(default_factory=dict)  # pk → department id, kind, area id
    sent: Counter = field(default_factory=Counter)  # forwarding kind → sent in 2024
    follow_ups: int = 0
    declined: set[int] = field(default_factory=set)

    def summary(self) -> dict[str, int]:
        kinds = Counter(i["kind"] for i in self.inquiries.values())
        return {
            "advice_only": kinds["advice"],
            "dialogue": kinds["dialogue"],
            "forwarded": kinds["forwarded"],
            "involved": kinds["dialogue"] + kinds["forwarded"],
            "other": kinds["other"],
        }

    def by_department(self) -> dict[int | None, int]:
        return dict(Counter(i["department"] for i in self.inquiries.values()))


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def town(db):
    learning = Area.objects.create(name="Læring", sort_order=1)
    director = Area.objects.create(name="Kommunaldirektørens område", sort_order=2)
    school = Department.objects.create(area=learning, name="Skole", valid_to=D(2024, 6, 30))
    renamed = Department.objects.create(
        area=learning, name="Skole og Undervisning", valid_from=D(2024, 7, 1)
    )
    school.successor = renamed
    school.save()
    family = Department.objects.create(area=learning, name="Børn og Familie")
    handling = {
        kind: HandlingType.objects.create(name=name, kind=kind)
        for kind, name in (
            ("advice", "Råd og vejledning"),
            ("dialogue", "Dialogsag"),
            ("forwarded", "Oversendelsessag"),
            ("other", "Deltaget i møde"),
        )
    }
    reason = Reason.objects.create(name="Manglende svar")
    Action.objects.create(name="Uddybende spørgsmål", kind=Action.Kind.FOLLOW_UP_QUESTION)
    school_manager = UserFactory(username="leder-skole", email="skole@example.com")
    school_manager.managed_departments.add(school, renamed)
    family_manager = UserFactory(username="leder-bof", email="bof@example.com")
    family_manager.managed_departments.add(family)
    director_manager = UserFactory(username="direktoer", email="dir@example.com")
    director_manager.managed_areas.add(director)
    return {
        "learning": learning,
        "director": director,
        "school": school,
        "renamed": renamed,
        "family": family,
        "handling": handling,
        "reason": reason,
        "school_manager": school_manager,
        "director_manager": director_manager,
    }


def registration(town, *, place: str, day: D, **overrides) -> dict:
    data = {
        "complainant_kind": "citizen",
        "person_name": "Mette Prøvesen",
        "person_phone": "12 34 56 78",
        "person_email": "",
        "person_address": "",
        "received_date": day.isoformat(),
        "channel": "phone",
        "department": place,
        "reasons": [town["reason"].pk],
        "handling_type": town["handling"]["advice"].pk,
        "summary": "Har ikke fået svar",
    }
    data.update(overrides)
    return data


def check_figures(client, expected: Expected, town) -> dict:
    """The live JSON of 2024 against what the test counted."""
    response = client.get(JSON_2024)
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["total"] == len(expected.inquiries)
    assert data["summary"] == expected.summary()
    departments = {
        d["department_id"]: d["count"]
        for area in data["by_area"]
        for d in area.get("departments", [])
        if d["count"]
    }
    wanted = {pk: n for pk, n in expected.by_department().items() if pk is not None}
    assert departments == wanted
    overall = data["forwarding"]["overall"]
    assert (overall["sent"], overall["dialogue"], overall["forwarded"]) == (
        sum(expected.sent.values()),
        expected.sent["dialogue"],
        expected.sent["forwarded"],
    )
    assert data["follow_up_questions_asked"] == expected.follow_ups
    assert overall["follow_up_questions"] == expected.follow_ups
    assert data["declined_forwarding"] == len(expected.declined)
    return data


def last_inquiries(count: int) -> list[Inquiry]:
    return list(Inquiry.objects.order_by("-pk")[:count])[::-1]


def test_a_small_year_of_casework_is_what_the_report_counts(clock, town, settings):
    # The clock moves months at a time; the sessions must outlive the office's 30 minutes.
    settings.SESSION_COOKIE_AGE = 3 * 365 * 24 * 3600
    advisor = AdvisorFactory(username="raadgiver")
    office = verified_client(advisor)
    school_portal = verified_client(town["school_manager"])
    director_portal = verified_client(town["director_manager"])
    expected = Expected()
    school, family, renamed = town["school"], town["family"], town["renamed"]

    # 1. A first contact about Skole, answered with advice.
    clock.day = D(2024, 2, 5)
    office.post(REGISTER, registration(town, place=f"d{school.pk}", day=clock.day))
    (a,) = last_inquiries(1)
    expected.inquiries[a.pk] = {"department": school.pk, "kind": "advice"}
    check_figures(office, expected, town)

    # 2. She calls again about the same: a contact on the inquiry, not a new inquiry (rule 2).
    clock.day = D(2024, 2, 12)
    office.post(
        REGISTER,
        registration(
            town,
            place=f"d{school.pk}",
            day=clock.day,
            matches_shown="on",
            registration=f"inquiry-{a.pk}",
            summary="Ringer igen",
        ),
    )
    assert a.contacts.count() == 2
    check_figures(office, expected, town)

    # 3. Another citizen about two departments: two linked inquiries (rule 1).
    clock.day = D(2024, 3, 4)
    office.post(
        REGISTER,
        registration(
            town,
            place=f"d{family.pk}",
            day=clock.day,
            person_name="Jens Eksempel",
            person_phone="87 65 43 21",
            other_departments=[f"d{school.pk}"],
        ),
    )
    b, c = last_inquiries(2)
    assert b.registration_group == c.registration_group is not None
    expected.inquiries[b.pk] = {"department": family.pk, "kind": "advice"}
    expected.inquiries[c.pk] = {"department": school.pk, "kind": "advice"}
    check_figures(office, expected, town)

    # 4. Consent given once for the contact covers both; Skole's part is forwarded.
    clock.day = D(2024, 3, 5)
    office.post(
        reverse("advisor:consent_add", args=[b.pk]),
        {
            "consent-given_by": "Jens Eksempel",
            "consent-given_date": clock.day.isoformat(),
            "consent-method": "phone",
        },
    )
    page = office.get(reverse("advisor:inquiry_detail", args=[c.pk])).content.decode()
    assert b.case_number in page  # the consent was given on the linked inquiry
    office.post(
        reverse("advisor:forwarding_new", args=[c.pk]),
        {"kind": "forwarded", "department": str(school.pk), "text": "Svar borgeren", "send": "1"},
    )
    forwarding_c = Forwarding.objects.get(inquiry=c)
    assert forwarding_c.status == "sent"
    expected.inquiries[c.pk]["kind"] = "forwarded"  # the handling follows the forwarding
    expected.sent["forwarded"] += 1
    check_figures(office, expected, town)

    # 5. The advisor closes her case; the department's answer comes later, in the portal.
    clock.day = D(2024, 3, 6)
    office.post(reverse("advisor:inquiry_close", args=[c.pk]), {"closed_date": "2024-03-06"})
    clock.day = D(2024, 3, 20)
    answered = school_portal.post(
        reverse("portal:forwarding_answer", args=[forwarding_c.pk]),
        {"answer_text": "Vi har svaret borgeren.", "confirmed": "on"},
    )
    assert answered.status_code == 302
    data = check_figures(office, expected, town)
    assert data["forwarding"]["overall"]["answered_on_time"] == 1

    # 6. A follow-up question on the answer: counted once, as the follow-up action.
    clock.day = D(2024, 3, 21)
    office.post(
        reverse("advisor:forwarding_follow_up", args=[forwarding_c.pk]),
        {"follow_up-text": "Hvornår?"},
    )
    expected.follow_ups += 1
    data = check_figures(office, expected, town)
    assert data["actions"] == {"Uddybende spørgsmål": 1}

    # 7. The first citizen does not want her case taken to the department.
    clock.day = D(2024, 4, 2)
    office.post(
        reverse("advisor:consent_refusal_add", args=[a.pk]),
        {
            "refusal-given_by": "Mette Prøvesen",
            "refusal-refused_date": clock.day.isoformat(),
            "refusal-method": "phone",
        },
    )
    expected.declined.add(a.pk)
    check_figures(office, expected, town)

    # 8. An anonymous complaint about the municipal director's area, sent to its management.
    clock.day = D(2024, 5, 6)
    office.post(
        REGISTER,
        registration(
            town,
            place=f"a{town['director'].pk}",
            day=clock.day,
            complainant_kind="anonymous",
            person_name="",
            person_phone="",
        ),
    )
    (d,) = last_inquiries(1)
    expected.inquiries[d.pk] = {"department": None, "kind": "advice"}
    office.post(
        reverse("advisor:consent_add", args=[d.pk]),
        {
            "consent-given_by": "Borgeren (anonym)",
            "consent-given_date": clock.day.isoformat(),
            "consent-method": "phone",
        },
    )
    office.post(
        reverse("advisor:forwarding_new", args=[d.pk]),
        {
            "kind": "dialogue",
            "department": f"area-{town['director'].pk}",
            "text": "Kan I hjælpe?",
            "send": "1",
        },
    )
    forwarding_d = Forwarding.objects.get(inquiry=d)
    assert (forwarding_d.department, forwarding_d.area) == (None, town["director"])
    assert director_portal.get(reverse("portal:forwarding_list")).status_code == 200
    expected.inquiries[d.pk]["kind"] = "dialogue"
    expected.sent["dialogue"] += 1
    check_figures(office, expected, town)

    # 9. Skole is renamed from 1 July: a new inquiry counts under the new name, by its id.
    clock.day = D(2024, 8, 5)
    office.post(
        REGISTER,
        registration(
            town, place=f"d{renamed.pk}", day=clock.day, person_name="Ny Borgersen", person_phone=""
        ),
    )
    (e,) = last_inquiries(1)
    expected.inquiries[e.pk] = {"department": renamed.pk, "kind": "advice"}
    data = check_figures(office, expected, town)
    learning = next(area for area in data["by_area"] if area["area_id"] == town["learning"].pk)
    assert learning["count"] == 4

    # 10. Published in January: the figures and the documents are frozen. This office prints
    # every count in its published report (its choice; the default hides counts under 3).
    clock.day = D(2025, 1, 15)
    Office.objects.update(published_report_hides_small_numbers=False)
    published = office.post(
        reverse("reports:publish"), {"start": "2024-01-01", "end": "2024-12-31", "note": "KB"}
    )
    assert published.status_code == 302
    edition_1 = {fmt: office.get(f"/report/2024/document.{fmt}").content for fmt in ("pdf", "docx")}
    for text in (_pdf_text(edition_1["pdf"]), _docx_text(edition_1["docx"])):
        assert "Oversendelsessag" in text and "Kommunaldirektørens område" in text
        assert "Skole og Undervisning" in text
    docx_counts = _docx_table_counts(edition_1["docx"])
    assert docx_counts["Råd og vejledning"] == expected.summary()["advice_only"]
    assert docx_counts["Oversendelsessag"] == expected.summary()["forwarded"]
    assert docx_counts["Dialogsag"] == expected.summary()["dialogue"]

    # 11. A text is corrected after publication: a draft for edition 2, published anew.
    clock.day = D(2025, 2, 3)
    office.post(
        reverse("report_content:text_edit", args=[2024, "introduction"]),
        {"body": "Beretningen for 2024, rettet."},
    )
    assert office.get("/report/2024/document.pdf").content == edition_1["pdf"]
    office.post(reverse("report_document:editions", args=[2024]), {"note": "Indledning rettet"})
    edition_2_pdf = office.get("/report/2024/document.pdf").content
    assert edition_2_pdf != edition_1["pdf"]
    assert "Beretningen for 2024, rettet." in _pdf_text(edition_2_pdf)
    first = office.get(reverse("report_document:edition", args=[_edition_pk(1), "pdf"])).content
    assert first == edition_1["pdf"]  # the first edition, byte for byte
    check_figures(office, expected, town)


def _edition_pk(edition: int) -> int:
    return PublishedReport.objects.get(edition=edition).pk


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def _docx_table_counts(content: bytes) -> dict[str, int]:
    """First figure per row label across the document's tables (Figure 2's table among them)."""
    counts: dict[str, int] = {}
    for table in Document(io.BytesIO(content)).tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            if len(cells) >= 2 and cells[1].isdigit():
                counts.setdefault(cells[0], int(cells[1]))
    return counts
