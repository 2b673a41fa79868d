"""The Unicode-aware 'contains' used by searches, on whichever database the suite runs."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borgerraadgiver.inquiries.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("ørsted", True),
        ("ØRSTED", True),
        ("åse ør", True),
        ("ærø", False),
        ("*", False),
        ("?", False),
        ("[", True),
        ("%", True),
        ("_", False),
        ("100%]", True),
    ],
)
def test_ucontains_folds_danish_letters_and_takes_wildcards_literally(term, found):
    PersonFactory(name="Åse Ørsted [100%]")
    assert Person.objects.filter(name__ucontains=term).exists() is found


@settings(max_examples=40, deadline=None)
@given(
    text=st.text(alphabet="abcæøåABCÆØÅ *?[]%_-", min_size=1, max_size=12),
    start=st.integers(0, 11),
    length=st.integers(1, 6),
)
def test_ucontains_finds_every_substring_in_any_case(text, start, length):
    PersonFactory(name=text)
    piece = text[start : start + length] or text
    for variant in (piece, piece.lower(), piece.upper()):
        assert Person.objects.filter(name__ucontains=variant).exists(), variant
    Person.objects.all().delete()
