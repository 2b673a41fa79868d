"""The survey's results for a report: answers per handling kind, small numbers hidden.

The answers are the citizens' own words about the office, so they are always counted under the
office's small-number rule (`organisation.small_numbers`), also for an advisor: the advisor knows
whom they asked, and a count of 1 or 2 would say what that citizen answered. Where one count in a
group is hidden and the group's total is shown, the next smallest count is hidden too, so that the
hidden one cannot be worked out by subtraction.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count

from borgerraadgiver.feedback.models import QUESTIONS, SurveyAnswer, Verdict
from borgerraadgiver.organisation.models import HandlingType
from borgerraadgiver.organisation.small_numbers import SmallNumbers

QUESTION_KEYS = tuple(key for key, _question in QUESTIONS)


@dataclass(frozen=True)
class QuestionResult:
    """One question's answers in one group: None where the count is hidden."""

    question: str  # "felt_heard", "understood_answer" or "contact_helped"
    counts: tuple[tuple[str, int | None], ...]  # (Verdict value, count) in Verdict's order


@dataclass(frozen=True)
class KindFeedback:
    kind: str  # HandlingType.Kind value
    answers: int | None
    questions: tuple[QuestionResult, ...]


@dataclass(frozen=True)
class FeedbackFigures:
    threshold: int  # counts from 1 to below this are hidden
    answers: int | None
    by_kind: tuple[KindFeedback, ...]


def suppressed(counts: dict[str, int], rule: SmallNumbers) -> dict[str, int | None]:
    """The counts as they may be shown: small ones hidden, and where exactly one is hidden,
    the next smallest non-zero one too (the total would give the hidden one away).

    >>> rule = SmallNumbers(3)
    >>> suppressed({"yes": 7, "partly": 1, "no": 4}, rule)
    {'yes': 7, 'partly': None, 'no': None}
    >>> suppressed({"yes": 7, "partly": 0, "no": 4}, rule)
    {'yes': 7, 'partly': 0, 'no': 4}
    >>> suppressed({"yes": 5, "partly": 2, "no": 1}, rule)
    {'yes': 5, 'partly': None, 'no': None}
    """
    shown: dict[str, int | None] = {key: rule.shown(count) for key, count in counts.items()}
    hidden = [key for key, count in counts.items() if rule.hides(count)]
    if len(hidden) == 1:
        others = sorted(
            (count, key) for key, count in counts.items() if count and key not in hidden
        )
        if others:
            shown[others[0][1]] = None
    return shown


def feedback_figures(
    *,
    start: datetime.date,
    end: datetime.date,
    area_id: int | None,
    rule: Callable[[], SmallNumbers],
) -> FeedbackFigures | None:
    """The answers of the inquiries received from `start` to `end` (by month received), for the
    whole municipality or one area; None when there are none. One query."""
    answers = SurveyAnswer.objects.filter(
        received_month__gte=start.replace(day=1), received_month__lte=end
    )
    if area_id is not None:
        answers = answers.filter(area_id=area_id)
    rows: dict[tuple[str, str, str], int] = {}
    totals: dict[str, int] = {}
    grouped = answers.values_list("handling_kind", *QUESTION_KEYS).annotate(n=Count("id"))
    for kind, *verdicts, count in grouped.order_by():
        totals[kind] = totals.get(kind, 0) + count
        for question, verdict in zip(QUESTION_KEYS, verdicts, strict=True):
            rows[(kind, question, verdict)] = rows.get((kind, question, verdict), 0) + count
    if not totals:
        return None
    return _figures(rows, totals, rule())


def _figures(
    rows: dict[tuple[str, str, str], int], totals: dict[str, int], rule: SmallNumbers
) -> FeedbackFigures:
    kinds = [kind for kind in HandlingType.Kind.values if kind in totals]
    kind_totals = suppressed({kind: totals[kind] for kind in kinds}, rule)
    return FeedbackFigures(
        threshold=rule.threshold,
        answers=rule.shown(sum(totals.values())),
        by_kind=tuple(
            KindFeedback(
                kind=kind,
                answers=kind_totals[kind],
                questions=tuple(
                    _question(rows, kind, question, rule, hide_all=kind_totals[kind] is None)
                    for question in QUESTION_KEYS
                ),
            )
            for kind in kinds
        ),
    )


def _question(
    rows: dict[tuple[str, str, str], int],
    kind: str,
    question: str,
    rule: SmallNumbers,
    *,
    hide_all: bool,
) -> QuestionResult:
    counts = {verdict: rows.get((kind, question, verdict), 0) for verdict in Verdict.values}
    shown = {v: None for v in counts} if hide_all else suppressed(counts, rule)
    return QuestionResult(question=question, counts=tuple(shown.items()))
