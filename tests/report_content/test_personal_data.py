"""The personal-data detector, table-driven: what it flags, as what, and what it leaves alone."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borgerraadgiver.report_content.personal_data import (
    find_personal_data,
    name_parts,
    open_findings,
    segments,
)

NAMES = ["Søren Ærø Østergård", "Aase Kjær"]


def found(text: str, names=NAMES) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in find_personal_data(text, names=names)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CPR numbers, valid by the modulus-11 check or only shaped like one, with and without dash.
        ("CPR 010190-1234 står i sagen", [("cpr", "010190-1234")]),
        ("cpr 0101901234.", [("cpr", "0101901234")]),
        ("nr. 321399-1234 blev nævnt", [("cpr_shaped", "321399-1234")]),
        ("nr. 3213991234 blev nævnt", [("cpr_shaped", "3213991234")]),
        ("010190 1234", [("cpr", "010190 1234")]),
        # Phone numbers: 8 digits, spaced in pairs or fours, with or without +45 / 0045.
        ("ring 12345678", [("phone", "12345678")]),
        ("ring 12 34 56 78 i dag", [("phone", "12 34 56 78")]),
        ("ring 1234 5678", [("phone", "1234 5678")]),
        ("tlf. +45 87 65 43 21", [("phone", "+45 87 65 43 21")]),
        ("tlf. +4587654321", [("phone", "+4587654321")]),
        ("tlf. 0045 87654321", [("phone", "0045 87654321")]),
        # E-mail addresses.
        ("skriv til a.b-c@kommune.dk.", [("email", "a.b-c@kommune.dk")]),
        ("mail: soeren+sag@example.com", [("email", "soeren+sag@example.com")]),
        # Street addresses and postcodes.
        ("bor på Østergade 4", [("address", "Østergade 4")]),
        ("bor på Niels Bohrs Vej 12B, 2. th", [("address", "Niels Bohrs Vej 12B, 2. th")]),
        ("Kastaniealle 3", [("address", "Kastaniealle 3")]),
        ("Østre Alle 7", [("address", "Østre Alle 7")]),
        (
            "Strandvejen 101, 8722 Hedensted",
            [("address", "Strandvejen 101"), ("postcode", "8722 Hedensted")],
        ),
        # Names of the people on the inquiry: case-insensitive, Æ/Ø/Å, aa = å, genitive.
        ("Søren Ærø Østergård ringede", [("name", "Søren Ærø Østergård")]),
        ("SØREN ringede", [("name", "SØREN")]),
        ("østergårds mor", [("name", "østergårds")]),
        ("Åse kom også", [("name", "Åse")]),
        ("fru kjær", [("name", "kjær")]),
    ],
)
def test_flags_personal_data(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I 2024 har vi 36 sager og 257 henvendelser.",
        "i alle 3 tilfælde",
        "at have 2 møder med forvaltningen",
        "§ 50, stk. 2, i lov om social service",
        "Borgeren fik svar efter 14 dage.",
        "sagsbehandleren Sørensen",  # not a name on the inquiry (Søren is a whole word only)
        "Ankestyrelsen hjemviste sagen tre gange.",
        "Mødet blev holdt den 12.03.2024 på rådhuset.",
    ],
)
def test_leaves_ordinary_text_alone(text):
    assert found(text) == []


def test_an_email_address_is_one_finding_not_a_name_too():
    assert found("soeren.oestergaard@example.com og Aase@example.com") == [
        ("email", "soeren.oestergaard@example.com"),
        ("email", "Aase@example.com"),
    ]


def test_name_particles_alone_are_not_looked_for():
    assert name_parts(["Anne af Rosenborg"]) == ["Anne af Rosenborg", "Anne", "Rosenborg"]


def test_a_dismissed_finding_is_no_longer_open_in_any_case():
    findings = find_personal_data("Ring 2023 2024 eller 2023 2024", names=[])
    assert [f.kind for f in findings] == ["phone", "phone"]
    assert open_findings(findings, [("phone", "2023 2024")]) == []


def test_segments_cut_the_text_around_each_finding():
    text = "Ring 12345678 nu"
    pieces = segments(text, find_personal_data(text))
    assert [(p.text, p.finding.kind if p.finding else None) for p in pieces] == [
        ("Ring ", None),
        ("12345678", "phone"),
        (" nu", None),
    ]


# How people and word processors separate a number's groups: hyphen, non-breaking hyphen,
# figure dash, en dash, em dash, minus, dot, space, non-breaking and narrow spaces.
DASHES = ["-", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "."]
SPACES = [" ", "\u00a0", "\u202f"]


@given(
    digits=st.text(alphabet="0123456789", min_size=10, max_size=10),
    separator=st.sampled_from(["", *DASHES, *SPACES]),
    before=st.sampled_from(["CPR ", "nr. ", "(", "Borgeren har "]),
    after=st.sampled_from(["", " ringede", ".", ") i dag"]),
)
def test_a_cpr_shaped_number_is_found_however_its_groups_are_separated(
    digits, separator, before, after
):
    written = digits[:6] + separator + digits[6:]
    findings = find_personal_data(before + written + after)
    assert [(f.kind in ("cpr", "cpr_shaped"), f.value) for f in findings] == [(True, written)]
    assert findings[0].start == len(before)


@given(
    digits=st.text(alphabet="0123456789", min_size=8, max_size=8),
    separator=st.sampled_from([*DASHES, *SPACES]),
    prefix=st.sampled_from(["", "+45 ", "0045 "]),
)
def test_a_phone_number_is_found_however_its_pairs_are_separated(digits, separator, prefix):
    written = prefix + separator.join(digits[i : i + 2] for i in range(0, 8, 2))
    text = f"ring på {written} efter kl. 9"
    assert [(f.kind, f.value) for f in find_personal_data(text) if f.kind == "phone"] == [
        ("phone", written)
    ]
