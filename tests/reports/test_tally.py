"""The statistics' pure tally: grouped rows summed per id, with no database."""

import datetime

from borgerraadgiver.forwarding.statistics import ForwardingFigures, ForwardingStatistics
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.reports.statistics.assemble import assemble
from borgerraadgiver.reports.statistics.fetch import Fetched, Lists, Scope
from borgerraadgiver.reports.statistics.tally import (
    ActionRow,
    AreaRef,
    DepartmentRef,
    HandlingRef,
    ListItem,
    PlaceRow,
    ReasonRow,
    kind_total,
    tally,
)

ADVICE, DIALOGUE, FORWARDED, MEETING = 1, 2, 3, 4
KINDS = {ADVICE: "advice", DIALOGUE: "dialogue", FORWARDED: "forwarded", MEETING: "other"}
LEARNING, WORK = 10, 20
SCHOOL, FAMILY, JOBS = 11, 12, 21
LATE, STAFF = 100, 101
YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def _tally(places=(), previous=(), reasons=(), actions=()):
    return tally(
        places=places,
        previous_places=previous,
        reasons=reasons,
        actions=actions,
        handling_kind=KINDS,
    )


def test_inquiries_are_summed_per_area_department_and_handling():
    counts = _tally(
        places=[
            PlaceRow(LEARNING, SCHOOL, ADVICE, 3),
            PlaceRow(LEARNING, FAMILY, ADVICE, 1),
            PlaceRow(LEARNING, SCHOOL, DIALOGUE, 2),
            PlaceRow(WORK, JOBS, FORWARDED, 1),
            PlaceRow(WORK, None, MEETING, 4),  # an area without departments
        ],
        previous=[PlaceRow(LEARNING, SCHOOL, ADVICE, 5)],
    )
    assert (counts.total, counts.previous_total) == (11, 5)
    assert counts.by_area == {LEARNING: 6, WORK: 5}
    assert counts.by_department == {SCHOOL: 5, FAMILY: 1, JOBS: 1}
    assert counts.handling_by_area[LEARNING] == {ADVICE: 4, DIALOGUE: 2}
    assert counts.by_handling == {ADVICE: 4, DIALOGUE: 2, FORWARDED: 1, MEETING: 4}
    assert counts.previous_by_area == {LEARNING: 5}
    assert kind_total(counts.by_handling, KINDS, "dialogue", "forwarded") == 3


def test_reasons_count_under_advice_or_involvement_and_never_under_other_handling():
    counts = _tally(
        reasons=[
            ReasonRow(LEARNING, ADVICE, LATE, 2),
            ReasonRow(LEARNING, ADVICE, STAFF, 1),
            ReasonRow(LEARNING, DIALOGUE, LATE, 1),
            ReasonRow(WORK, FORWARDED, LATE, 1),
            ReasonRow(WORK, MEETING, STAFF, 7),
        ]
    )
    assert counts.reasons == {"advice": {LATE: 2, STAFF: 1}, "involved": {LATE: 2}}
    assert counts.reasons_by_area[(LEARNING, "involved")] == {LATE: 1}
    assert counts.reasons_by_area[(WORK, "involved")] == {LATE: 1}
    assert (WORK, "advice") not in counts.reasons_by_area


def test_counted_actions_are_summed_per_area_and_in_all():
    counts = _tally(
        actions=[ActionRow(LEARNING, 7, 2), ActionRow(WORK, 7, 1), ActionRow(WORK, 8, 1)]
    )
    assert counts.actions == {7: 3, 8: 1}
    assert counts.actions_by_area == {LEARNING: {7: 2}, WORK: {7: 1, 8: 1}}


def test_nothing_registered_gives_zeros_not_errors():
    counts = _tally()
    assert (counts.total, counts.previous_total, counts.by_area, counts.reasons) == (0, 0, {}, {})


def _lists() -> Lists:
    return Lists(
        areas=(
            AreaRef(LEARNING, "Læring", "administration", None, None),
            AreaRef(WORK, "Beskæftigelse", "administration", None, None),
        ),
        departments=(
            DepartmentRef(FAMILY, LEARNING, "Børn og Familie", None, None),
            DepartmentRef(SCHOOL, LEARNING, "Skole", None, None),
            DepartmentRef(JOBS, WORK, "Jobcenter", None, datetime.date(2023, 6, 30)),
        ),
        handling_types=(
            HandlingRef(ADVICE, "Råd og vejledning", "advice"),
            HandlingRef(DIALOGUE, "Dialogsag", "dialogue"),
            HandlingRef(FORWARDED, "Oversendelsessag", "forwarded"),
            HandlingRef(MEETING, "Deltaget i møde", "other"),
        ),
        reasons=(ListItem(STAFF, "Personalets optræden"), ListItem(LATE, "Manglende svar")),
        actions=(ListItem(7, "Deltaget i møde"), ListItem(8, "Gammel handling", False)),
        activity_kinds=(),
    )


def test_assemble_names_the_counts_in_the_administrators_order_without_a_database():
    places = (PlaceRow(LEARNING, SCHOOL, ADVICE, 3), PlaceRow(LEARNING, SCHOOL, DIALOGUE, 1))
    reasons = (ReasonRow(LEARNING, ADVICE, LATE, 3), ReasonRow(LEARNING, ADVICE, STAFF, 1))
    fetched = Fetched(
        lists=_lists(),
        places=places,
        previous_places=(),
        reasons=reasons,
        actions=(),
        activities={},
        letters={},
        declined_forwarding=0,
        forwarding=ForwardingStatistics(YEAR.start, YEAR.end, ForwardingFigures(), {}),
    )
    counts = _tally(places=places, reasons=reasons)
    stats = assemble(fetched, counts, period=YEAR, scope=Scope(), today=datetime.date(2025, 1, 1))
    assert [(a.area, a.count) for a in stats.by_area] == [("Læring", 4), ("Beskæftigelse", 0)]
    # A department ended before the period, with no inquiries in it, is left out.
    assert stats.by_area[1].departments == ()
    assert [(d.name, d.count) for d in stats.by_area[0].departments] == [
        ("Børn og Familie", 0),
        ("Skole", 3 + 1),
    ]
    assert [(r.name, r.count) for r in stats.reasons_advice_only] == [
        ("Personalets optræden", 1),
        ("Manglende svar", 3),
    ]
    assert (stats.advice_only, stats.involved, stats.advice_only_percent) == (3, 1, 75)
    # An action no longer in use is listed only when counted.
    assert [a.name for a in stats.actions] == ["Deltaget i møde"]
