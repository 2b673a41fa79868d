"""Where the published 2024 report does not add up, as data for the method appendix.

A report computed from the registrations cannot print a year's figure that differs from the sum
of its parts. The 2024 report printed by hand does in a few places; each is listed here with the
printed number, the number the registrations give, and why. The golden test
(`tests/reports/test_golden_2024.py`) checks that the computed numbers are what the system
reports. Texts are in the report's language (Danish), as the appendix prints them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PublishedDifference:
    year: int
    section: str  # the JSON key: "reasons_advice_only" or "reasons_involved"
    name: str  # the reason as the register names it
    published: int
    computed: int
    explanation: str


PUBLISHED_DIFFERENCES_2024: tuple[PublishedDifference, ...] = (
    PublishedDifference(
        year=2024,
        section="reasons_advice_only",
        name="Spørgsmål til afgørelse",
        published=13,
        computed=16,
        explanation=(
            "Årets oversigt over råd og vejledning angiver 13, men områdernes oversigter angiver "
            "6 (Læring) + 6 (Beskæftigelse) + 4 (Social Omsorg) = 16. Registreringerne giver 16; "
            "dermed bliver summen af de fem hyppigste årsager 104 og ikke 101."
        ),
    ),
    PublishedDifference(
        year=2024,
        section="reasons_involved",
        name="Manglende afgørelse",
        published=2,
        computed=1,
        explanation=(
            "Årets oversigt over sager med forvaltningen involveret angiver 2, men kun Læring "
            "angiver én; registreringerne giver 1."
        ),
    ),
    PublishedDifference(
        year=2024,
        section="reasons_involved",
        name="Lang sagsbehandlingstid",
        published=1,
        computed=2,
        explanation=(
            "Årets oversigt angiver 1, men Læring og Vækst, Teknik & Fællesskab angiver hver 1; "
            "registreringerne giver 2."
        ),
    ),
    PublishedDifference(
        year=2024,
        section="reasons_involved",
        name="Ønske om råd og vejledning",
        published=1,
        computed=0,
        explanation=(
            "Årets oversigt nævner »borgeres ønske om råd og vejledning«, hvor Social Omsorgs "
            "oversigt har »ønske om afklaring af støttemuligheder«. Registreringerne følger "
            "områdets oversigt."
        ),
    ),
    PublishedDifference(
        year=2024,
        section="reasons_involved",
        name="Ønske om afklaring af støttemuligheder",
        published=0,
        computed=1,
        explanation=(
            "Står i Social Omsorgs oversigt, men ikke i årets oversigt (se »Ønske om råd og "
            "vejledning«)."
        ),
    ),
)


def published_differences(year: int) -> tuple[PublishedDifference, ...]:
    """The known differences between the printed report for `year` and the registrations."""
    return tuple(d for d in PUBLISHED_DIFFERENCES_2024 if d.year == year)
