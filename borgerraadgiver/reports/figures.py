"""The report's figures as plain, frozen data: the types `report_statistics` returns.

Each field says how it is counted, once, in its `counted(…)` definition: the one source of the
figures' definitions. `reports/definitions.py` collects them (with the forwarding figures'
definitions beside `forwarding.statistics.ForwardingFigures`) into the table in
`docs/reports.md`; `borgerraadgiver report_definitions --write` regenerates it, and a test fails
when the document is stale.
"""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from borgerraadgiver.feedback.figures import FeedbackFigures
from borgerraadgiver.forwarding.statistics import ForwardingFigures
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.organisation.small_numbers import minus, plus
from borgerraadgiver.recommendations.report import RecommendationFigures
from borgerraadgiver.reports.counting import counted

if TYPE_CHECKING:  # defined beside, with its own fields' definitions
    from borgerraadgiver.reports.learning_figures import MinutesFigures


@dataclass(frozen=True)
class NamedCount:
    name: str = field(
        metadata=counted("The display name of what is counted (a reason, an action, …).")
    )
    count: int | None = field(
        metadata=counted("How many; none where the small-number rule hides it.")
    )
    pk: int | None = field(
        default=None,
        metadata=counted(
            "The id of what is counted where a name may repeat (a department; the lists' "
            "names are unique, so reasons, actions and handling types are keyed by name)."
        ),
    )


@dataclass(frozen=True)
class HandlingCount:
    name: str = field(
        metadata=counted("The handling type's name, as the administrator entered it.")
    )
    kind: str = field(
        metadata=counted(
            "`HandlingType.Kind`: `advice`, `dialogue`, `forwarded` or `other`.",
            key="handling_kinds",
        )
    )
    count: int | None = field(metadata=counted("Inquiries with this main handling."))
    percent: int | None = field(
        metadata=counted(
            "The share of the total (or of the area's count), a whole number rounded half up, as "
            "the report prints it (189 of 257 = 74 %); 0 of nothing is 0.",
            key="percentages.by_handling",
        )
    )


@dataclass(frozen=True)
class AreaStatistics:
    DERIVED: ClassVar[dict[str, str]] = {"involved": "by_area[].involved"}

    area: str = field(metadata=counted("The area's name.", key="by_area[].area"))
    kind: str = field(
        metadata=counted(
            "`Area.Kind`: `administration`, `general` (the advisor function / the municipality in "
            "general) or `outside_competence`. The last two have no departments.",
            key="by_area[].kind",
        )
    )
    count: int | None = field(
        metadata=counted("The area's inquiries in the period.", key="by_area[].count")
    )
    previous_count: int | None = field(
        metadata=counted(
            "The area's inquiries in the previous period.", key="by_area[].previous_count"
        )
    )
    departments: tuple[NamedCount, ...] = field(
        metadata=counted(
            "Inquiries per department of the area (`department`, `count`, `department_id`): every "
            "department valid in the period or with inquiries in it, with zero rows kept so "
            "that the years compare. An inquiry counts under the department it was registered "
            "to; inquiries without a department are not listed.",
            key="by_area[].departments",
        )
    )
    handling: tuple[HandlingCount, ...] = field(
        metadata=counted(
            "Per handling type with a count, its share of the area's count.",
            key="by_area[].handling",
        )
    )
    advice_only: int | None = field(
        metadata=counted(
            "The area's inquiries handled with advice only (kind `advice`).",
            key="by_area[].advice_only",
        )
    )
    dialogue: int | None = field(
        metadata=counted("The area's dialogue cases (kind `dialogue`).", key="by_area[].dialogue")
    )
    forwarded: int | None = field(
        metadata=counted(
            "The area's forwarded complaints (kind `forwarded`).", key="by_area[].forwarded"
        )
    )
    other: int | None = field(
        metadata=counted(
            "The area's inquiries of kind `other` (meetings attended, help with a complaint or an "
            "application, other handling).",
            key="by_area[].other",
        )
    )
    reasons_advice_only: tuple[NamedCount, ...] = field(
        metadata=counted(
            "Reasons of the area's advice-only inquiries, those with a count; an inquiry with "
            "several reasons counts once under each.",
            key="by_area[].reasons_advice_only",
        )
    )
    reasons_involved: tuple[NamedCount, ...] = field(
        metadata=counted(
            "Reasons of the area's dialogue cases and forwarded complaints, those with a count.",
            key="by_area[].reasons_involved",
        )
    )
    actions: tuple[NamedCount, ...] = field(
        metadata=counted(
            "Counted actions (`InquiryAction`) on the area's inquiries, those with a count.",
            key="by_area[].actions",
        )
    )
    area_id: int | None = field(
        default=None,
        metadata=counted(
            "The area's id. Two areas may share a name (one ended, one begun in the period): "
            "every per-area figure and the area's text are keyed by this id.",
            key="by_area[].area_id",
        ),
    )

    @property
    def involved(self) -> int | None:
        """The area's dialogue cases and forwarded complaints together (hidden where either
        is)."""
        return plus(self.dialogue, self.forwarded)


@dataclass(frozen=True)
class DepartmentForwarding:
    department: str = field(
        metadata=counted(
            "The name of the department the forwardings were sent to (for a forwarding to an "
            "area's management, the area's name).",
            key="forwarding.by_department[].department",
        )
    )
    figures: ForwardingFigures = field(
        metadata=counted(
            "The department's figures, with the keys of `forwarding.overall`; its own median.",
            key="forwarding.by_department[]",
        )
    )
    department_id: int | None = field(
        default=None,
        metadata=counted(
            "The department's id (none: the area's management). Two departments of the same "
            "name in different areas are two rows.",
            key="forwarding.by_department[].department_id",
        ),
    )
    area_id: int | None = field(
        default=None,
        metadata=counted(
            "The id of the department's area.", key="forwarding.by_department[].area_id"
        ),
    )


@dataclass(frozen=True)
class ForwardingSummary:
    overall: ForwardingFigures = field(
        metadata=counted(
            "Every forwarding in the report's scope together (the forwarding rows below), "
            "filtered in SQL by the scope; the median is over all the scope's answers.",
            key="forwarding.overall",
        )
    )
    by_department: tuple[DepartmentForwarding, ...] = field(
        metadata=counted(
            "Per department (by id) with a forwarding sent in the period, in the "
            "administrator's order of areas and departments.",
            key="forwarding.by_department",
        )
    )


@dataclass(frozen=True)
class ReportStatistics:
    DERIVED: ClassVar[dict[str, str]] = {"involved": "summary.involved", "change": "change"}

    period: ReportPeriod = field(
        metadata=counted(
            "The period: both days included; a report year is the office's (`Office."
            "report_period_start_month`: 1 gives `2024`, 4 gives `2024/25`)."
        )
    )
    previous_period: ReportPeriod = field(
        metadata=counted(
            "The period of the same length just before: for whole months as many calendar months, "
            "otherwise as many days."
        )
    )
    area: str | None = field(
        metadata=counted("The area filter's name, or none.", key="filter.area")
    )
    department: str | None = field(
        metadata=counted("The department filter's name, or none.", key="filter.department")
    )
    total: int | None = field(metadata=counted("Inquiries received in the period."))
    previous_total: int | None = field(
        metadata=counted("Inquiries received in the previous period.")
    )
    by_area: tuple[AreaStatistics, ...] = field(
        metadata=counted(
            "Every area valid in the period or with inquiries in this or the previous period, in "
            "the administrator's order, with zero rows kept (the `by_area[]` rows)."
        )
    )
    by_handling: tuple[HandlingCount, ...] = field(
        metadata=counted(
            "Figure 2: every inquiry has exactly one main handling; every handling type with a "
            "count in this or the previous period."
        )
    )
    previous_by_handling: tuple[NamedCount, ...] = field(
        metadata=counted("The same handling types' counts in the previous period.")
    )
    advice_only: int | None = field(
        metadata=counted(
            "Answered by the advisor alone: inquiries whose main handling is of kind `advice`.",
            key="summary.advice_only",
        )
    )
    dialogue: int | None = field(
        metadata=counted("Main handling of kind `dialogue`.", key="summary.dialogue")
    )
    forwarded: int | None = field(
        metadata=counted("Main handling of kind `forwarded`.", key="summary.forwarded")
    )
    other: int | None = field(
        metadata=counted(
            "Main handling of kind `other`: meetings attended, help with a complaint or an "
            "application, other handling, as the administrator named them.",
            key="summary.other",
        )
    )
    advice_only_percent: int | None = field(
        metadata=counted(
            "`advice_only` as a share of `total`, rounded half up.", key="percentages.advice_only"
        )
    )
    involved_percent: int | None = field(
        metadata=counted(
            "`involved` as a share of `total`, rounded half up.", key="percentages.involved"
        )
    )
    reasons_advice_only: tuple[NamedCount, ...] = field(
        metadata=counted(
            "Reasons of the advice-only inquiries of the period, those with a count; an inquiry "
            "with several reasons counts once under each. Inquiries of kind `other` are in neither "
            "reason list (the report does not list their reasons)."
        )
    )
    reasons_involved: tuple[NamedCount, ...] = field(
        metadata=counted(
            "Reasons of the period's dialogue cases and forwarded complaints, those with a count."
        )
    )
    actions: tuple[NamedCount, ...] = field(
        metadata=counted(
            "Counted actions: every `InquiryAction` row on the period's inquiries, per action. An "
            "inquiry may carry any number beside its main handling. Every action in use is "
            "listed, also with 0. A follow-up question to a department's answer is the action "
            "of the follow-up kind (`Action.Kind`), asked on a forwarding or registered by hand."
        )
    )
    activities: tuple[NamedCount, ...] = field(
        metadata=counted(
            "Activities (`activities.Activity`: presentations, sparring…) per kind, by the "
            "activity's own date; with a filter, those registered to a department there."
        )
    )
    follow_up_questions_asked: int | None = field(
        metadata=counted(
            "Follow-up questions to a department's answer: the counted actions of the "
            "follow-up kind on the period's inquiries (one record, whether asked on a "
            "forwarding's page or registered by hand; 2 in 2024)."
        )
    )
    declined_forwarding: int | None = field(
        metadata=counted(
            "Inquiries of the period where the citizen did not want the case taken to the "
            "department (`forwarding.ConsentRefusal`, recorded on the inquiry), counted once "
            "however often it was said."
        )
    )
    forwarding: ForwardingSummary = field(
        metadata=counted(
            "The forwarding deadline figures (`forwarding.statistics.forwarding_statistics`)."
        )
    )
    computed_on: datetime.date = field(
        metadata=counted(
            "The day the figures were computed for: unanswered forwardings are overdue or not as "
            "of this day."
        )
    )

    area_id: int | None = field(
        default=None, metadata=counted("The area filter's id, or none.", key="filter.area_id")
    )
    department_id: int | None = field(
        default=None,
        metadata=counted("The department filter's id, or none.", key="filter.department_id"),
    )
    recommendations: RecommendationFigures = field(
        default=RecommendationFigures(),
        metadata=counted(
            "The recommendations register (`recommendations.report`): those made in the period "
            "and the status of earlier ones; empty in a report for one area or department.",
            key="recommendations, earlier_recommendations",
        ),
    )
    letters: tuple[NamedCount, ...] = field(
        default=(),
        metadata=counted(
            "Letters sent to citizens in the period (`letters.Letter`, by the day it reached "
            "its channel) per `LetterKind`, every kind listed; with a filter, those there."
        ),
    )
    hidden_below: int = field(
        default=1,
        metadata=counted(
            'Counts from 1 to below this are hidden (`null` in JSON, "under 3" elsewhere), and '
            "cells that would give one away (`organisation.small_numbers`): the office's "
            "threshold for a report reader, 1 (nothing hidden) for an advisor.",
            key="small_numbers.hidden_below",
        ),
    )
    referred_by: tuple[NamedCount, ...] = field(
        default=(),
        metadata=counted(
            "The period's inquiries per who referred the citizen (`Inquiry.referred_by`, the "
            "office's list `ReferralSource`): every entry in use, also with 0."
        ),
    )
    minutes: "MinutesFigures | None" = field(
        default=None, metadata=counted("The time registered (below); absent when none is.")
    )
    feedback: FeedbackFigures | None = field(
        default=None,
        metadata=counted(
            "The survey's answers (`feedback.SurveyAnswer`) of the period's inquiries per "
            "handling kind and question, counts from 1 to below the office's threshold hidden "
            "(null) whoever reads them; none for a department, or when no one answered."
        ),
    )

    @property
    def is_whole(self) -> bool:
        """A report for the whole municipality, not one area or department."""
        return self.area is None and self.department is None

    @property
    def involved(self) -> int | None:
        """The administration involved: dialogue cases and forwarded complaints together."""
        return plus(self.dialogue, self.forwarded)

    @property
    def change(self) -> int | None:
        """`total` less `previous_total`."""
        return minus(self.total, self.previous_total)

    def area_by_id(self, pk: int) -> AreaStatistics:
        for area in self.by_area:
            if area.area_id == pk:
                return area
        raise KeyError(pk)

    def area_named(self, name: str) -> AreaStatistics:
        for area in self.by_area:
            if area.area == name:
                return area
        raise KeyError(name)
