"""Which inquiries' personal data is due for removal: a pure calculation, applied elsewhere.

The rule: a closed inquiry's personal data is removed when `retention_years` have passed since
its closing date (closed_date + N years <= today). An open inquiry is never due. Inquiries
registered together (one contact about several departments, rule 1) share their story, so they
are removed together: none of them is due until all of them are. A person is deleted when no
inquiry of theirs keeps personal data afterwards.

Nothing here reads the database or the clock: `services.retention_apply` gathers the facts and
`today`, and applies the plan.
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class InquiryFacts:
    pk: int
    closed_date: datetime.date | None  # None while open
    person_id: int | None = None
    group: uuid.UUID | None = None  # registration_group: registered together
    removed: bool = False  # personal data already removed


@dataclass(frozen=True)
class RetentionPlan:
    due: list[int]  # inquiry ids whose personal data goes now, oldest closing first
    persons: list[int]  # person ids left with no inquiry that keeps personal data


def retention_due_date(closed_date: datetime.date, *, years: int) -> datetime.date:
    """The day the personal data is due: the closing date's anniversary `years` on.

    An inquiry closed on 29 February is due on 1 March in a year without that day: never early.
    """
    try:
        return closed_date.replace(year=closed_date.year + years)
    except ValueError:
        return datetime.date(closed_date.year + years, 3, 1)


def _due_alone(facts: InquiryFacts, *, today: datetime.date, years: int) -> bool:
    if facts.removed:
        return True
    if facts.closed_date is None:
        return False
    return retention_due_date(facts.closed_date, years=years) <= today


def retention_plan(
    inquiries: Iterable[InquiryFacts], *, today: datetime.date, years: int
) -> RetentionPlan:
    """The inquiries due on `today` and the persons then left without personal data.

    `inquiries` must hold every inquiry of the persons and groups concerned (the service passes
    them all), or a person could be deleted while another inquiry still needs them.
    """
    if years < 1:
        raise ValueError("The retention period is at least one year.")
    facts = list(inquiries)
    group_due: dict[uuid.UUID, bool] = {}
    for fact in facts:
        if fact.group is not None:
            group_due[fact.group] = group_due.get(fact.group, True) and _due_alone(
                fact, today=today, years=years
            )

    def due(fact: InquiryFacts) -> bool:
        if fact.group is not None:
            return group_due[fact.group]
        return _due_alone(fact, today=today, years=years)

    due_now = sorted(
        (fact for fact in facts if not fact.removed and due(fact)),
        key=lambda fact: (fact.closed_date or datetime.date.max, fact.pk),
    )
    kept_by: set[int] = {
        fact.person_id
        for fact in facts
        if fact.person_id is not None and not fact.removed and not due(fact)
    }
    persons = sorted({fact.person_id for fact in due_now if fact.person_id is not None} - kept_by)
    return RetentionPlan(due=[fact.pk for fact in due_now], persons=persons)
