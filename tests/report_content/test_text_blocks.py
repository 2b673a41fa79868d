"""The report texts' only markup: paragraphs and "- " bullets, read alike by every output."""

from borgerraadgiver.report_content.text_blocks import Block, text_blocks


def test_paragraphs_and_bullets():
    body = (
        "Første linje\nfortsætter her.\n\nVi opfordrer til:\n- at svare hurtigt\n"
        "- at inddrage\n  borgeren\n\nTak."
    )
    assert text_blocks(body) == [
        Block(text="Første linje fortsætter her."),
        Block(text="Vi opfordrer til:"),
        Block(items=("at svare hurtigt", "at inddrage borgeren")),
        Block(text="Tak."),
    ]


def test_windows_line_ends_and_other_bullet_signs():
    assert text_blocks("• én\r\n* to\r\n\r\n") == [Block(items=("én", "to"))]


def test_an_empty_text_has_no_blocks():
    assert text_blocks("  \n\n ") == []
