"""Numbers and counts in words, as Danish (and English) write them."""

import pytest
from django.utils import translation

from borgerraadgiver.core.wording import (
    CASES,
    count_words,
    format_count,
    format_number,
    format_percent,
    quoted,
)
from borgerraadgiver.organisation.small_numbers import WITHHELD


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [
        ("da", 1234567, "1.234.567"),
        ("da", 9.5, "9,5"),
        ("da", 12, "12"),
        ("en", 1234567, "1,234,567"),
        ("en", 9.5, "9.5"),
    ],
)
def test_numbers_have_the_languages_thousands_and_decimal_signs(language, value, text):
    with translation.override(language):
        assert format_number(value) == text


def test_danish_counts_in_words():
    with translation.override("da"):
        assert count_words(0) == "ingen henvendelser"
        assert count_words(1) == "1 henvendelse"
        assert count_words(1257) == "1.257 henvendelser"
        assert count_words(None, hidden_below=3) == "under 3 henvendelser"
        assert count_words(0, CASES) == "ingen sager"
        assert count_words(WITHHELD) == "et skjult antal henvendelser"


def test_hidden_counts_read_as_the_rule_says():
    with translation.override("da"):
        assert format_count(None, hidden_below=3) == "under 3"
        assert format_count(WITHHELD, hidden_below=3) == "skjult"
        assert format_count(0, hidden_below=3) == "0"
        assert format_percent(74) == "74 %"
    with translation.override("en"):
        assert format_count(None, hidden_below=5) == "under 5"
        assert format_count(WITHHELD) == "hidden"


def test_a_category_name_mid_sentence_is_quoted_as_the_language_quotes():
    with translation.override("da"):
        assert quoted("Udenfor kompetence") == "»Udenfor kompetence«"
    with translation.override("en"):
        assert quoted("Outside competence") == "“Outside competence”"


def test_the_inquiry_list_says_no_inquiries_rather_than_0(advisor_client):
    page = advisor_client.get("/inquiries/?q=ingen-saadan-sag").content.decode()
    assert "Ingen henvendelser" in page
    assert "0 henvendelser" not in page
