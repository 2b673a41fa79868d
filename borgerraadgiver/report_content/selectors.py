"""Reads for the report's texts and case examples. Every list starts from `visible_to(user)`."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Prefetch

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Area, Office
from borgerraadgiver.organisation.periods import ReportPeriod, report_period_containing
from borgerraadgiver.report_content import personal_data
from borgerraadgiver.report_content.models import (
    CaseExample,
    CaseExampleQuerySet,
    Dismissal,
    ReportText,
    Section,
)

# The sections in the order the report prints them; the per-area comments come after ADVICE…
GENERAL_SECTIONS = [section for section in Section if section != Section.AREA]


def period_to_open(
    last_received: datetime.date | None, *, today: datetime.date, office: Office
) -> ReportPeriod:
    """The report period a page opens on: the latest with registrations, which is the current
    one once it has some; the current one when nothing is registered yet. A date received
    after `today` (a typing error) does not count.

    >>> office, today = Office(report_period_start_month=1), datetime.date(2026, 2, 1)
    >>> period_to_open(datetime.date(2024, 11, 5), today=today, office=office).label
    '2024'
    >>> period_to_open(None, today=today, office=office).label
    '2026'
    """
    day = min(last_received, today) if last_received is not None else today
    return report_period_containing(day, office=office)


def report_period_to_open(*, office: Office, today: datetime.date) -> ReportPeriod:
    """`period_to_open` for the register as it is (one query)."""
    last = Inquiry.objects.filter(received_date__lte=today).aggregate(last=Max("received_date"))
    return period_to_open(last["last"], today=today, office=office)


def visible_examples(user: User) -> CaseExampleQuerySet:
    """Advisors see every case example, candidates included; nobody else sees any."""
    if is_active_advisor(user):
        return CaseExample.objects.all()
    return CaseExample.objects.none()


def case_example_get(*, user: User, pk: int) -> CaseExample:
    """One example with its inquiry's people (for the name check). Raises DoesNotExist."""
    return (
        visible_examples(user)
        .select_related("inquiry__person", "created_by", "written_by", "approved_by")
        .prefetch_related(
            Prefetch("dismissals", queryset=Dismissal.objects.select_related("dismissed_by")),
            "inquiry__consents",
        )
        .get(pk=pk)
    )


def example_names(example: CaseExample) -> list[str]:
    """The names of the people on the example's inquiry: the person and who gave consent."""
    inquiry = example.inquiry
    if inquiry is None:
        return []
    names = [inquiry.person.name] if inquiry.person else []
    names += [consent.given_by for consent in inquiry.consents.all()]
    return [name for name in names if name]


@dataclass(frozen=True)
class ExampleCheck:
    """The personal-data check of an example: what is still flagged in its title and text."""

    title_open: list[personal_data.Finding]
    text_open: list[personal_data.Finding]
    segments: list[personal_data.Segment]
    dismissed_count: int

    @property
    def open(self) -> list[personal_data.Finding]:
        return self.title_open + self.text_open

    @property
    def is_clean(self) -> bool:
        return not self.open


def case_example_check(example: CaseExample) -> ExampleCheck:
    names = example_names(example)
    dismissed = [(d.kind, d.value) for d in example.dismissals.all()]
    title_open = personal_data.open_findings(
        personal_data.find_personal_data(example.title, names=names), dismissed
    )
    text_open = personal_data.open_findings(
        personal_data.find_personal_data(example.text, names=names), dismissed
    )
    return ExampleCheck(
        title_open=title_open,
        text_open=text_open,
        segments=personal_data.segments(example.text, text_open),
        dismissed_count=len(dismissed),
    )


@dataclass(frozen=True)
class TextRow:
    section: str
    label: str
    area: Area | None
    text: ReportText | None

    @property
    def key(self) -> str:
        return f"area-{self.area.pk}" if self.area else self.section


@dataclass(frozen=True)
class Workspace:
    period: ReportPeriod
    texts: list[TextRow]
    candidates: list[CaseExample]
    awaiting: list[CaseExample]
    approved: list[CaseExample]


def report_areas(*, year_start: datetime.date, year_end: datetime.date) -> list[Area]:
    """The areas of the administration in force during the year: one chapter and text each."""
    return list(
        Area.objects.filter(kind=Area.Kind.ADMINISTRATION)
        .exclude(valid_to__lt=year_start)
        .exclude(valid_from__gt=year_end)
        .order_by("sort_order", "name")
    )


def report_workspace(*, user: User, period: ReportPeriod, areas: list[Area]) -> Workspace:
    """The period's texts (one row per section and per area, written or not) and examples."""
    texts = {
        (text.section, text.area_id): text
        for text in ReportText.objects.for_period(period).select_related("updated_by")
    }
    rows = []
    for section in GENERAL_SECTIONS:
        rows.append(TextRow(section, str(section.label), None, texts.get((section, None))))
        if section == Section.INVOLVED:
            rows += [
                TextRow(Section.AREA, area.name, area, texts.get((Section.AREA, area.pk)))
                for area in areas
            ]
    examples = list(
        visible_examples(user)
        .for_period(period)
        .select_related("inquiry", "created_by", "written_by", "approved_by")
        .in_report_order()
    )
    return Workspace(
        period=period,
        texts=rows,
        candidates=[e for e in examples if e.status == CaseExample.Status.CANDIDATE],
        awaiting=[e for e in examples if e.status == CaseExample.Status.AWAITING_APPROVAL],
        approved=[e for e in examples if e.status == CaseExample.Status.APPROVED],
    )


def report_text_get(*, period: ReportPeriod, section: str, area: Area | None) -> ReportText | None:
    return (
        ReportText.objects.for_period(period)
        .filter(section=section, area=area)
        .select_related("updated_by")
        .first()
    )


def report_texts_for_document(period: ReportPeriod) -> dict[tuple[str, int | None], str]:
    """Every text written for exactly this report period, keyed by section and area id: no
    person, no user. A period no text was written for (a quarter, or 2024/25 when the texts
    were written for 2024) has none."""
    return {
        (section, area_id): body
        for section, area_id, body in ReportText.objects.for_period(period).values_list(
            "section", "area_id", "body"
        )
    }


@dataclass(frozen=True)
class ExampleCopy:
    """An approved example as the document prints it: its own copies, nothing of its inquiry."""

    pk: int | None
    title: str
    text: str
    area_id: int | None
    area_name: str
    handling_kind: str
    position: int


def approved_examples_for_document(
    period: ReportPeriod, *, area_id: int | None = None, department_id: int | None = None
) -> list[ExampleCopy]:
    """The period's approved examples in the advisor's order; for one area only its examples,
    for one department only those whose inquiry was registered to it."""
    examples = CaseExample.objects.for_period(period).approved()
    if area_id is not None:
        examples = examples.filter(area_id=area_id)
    if department_id is not None:
        examples = examples.filter(inquiry__department_id=department_id)
    return [
        ExampleCopy(*row)
        for row in examples.in_report_order().values_list(
            "pk", "title", "text", "area_id", "area_name", "handling_kind", "position"
        )
    ]
