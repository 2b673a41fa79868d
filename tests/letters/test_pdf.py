"""A letter's PDF passes the accessibility checks of a tagged document: a structure tree, the
language da, the subject as its title shown in the viewer's title bar."""

import datetime
import io

import pikepdf
import pytest

from borgerraadgiver.letters.rendering import LetterDocument, letter_html, letter_pdf
from borgerraadgiver.organisation.models import Office

pytestmark = pytest.mark.django_db


def _document(**changes: object) -> LetterDocument:
    values: dict[str, object] = {
        "subject": "Kvittering for din henvendelse",
        "body": "Kære Jens\n\nDin sag er **modtaget**.\n\n<script>alert(1)</script>",
        "recipient_name": "Jens Prøvesen",
        "recipient_address": "Søvej 4\n8700 Horsens",
        "case_number": "BR-2026-0042",
        "letter_date": datetime.date(2026, 12, 5),
    }
    values.update(changes)
    return LetterDocument(**values)  # type: ignore[arg-type]


def _structure_tags(pdf: pikepdf.Pdf) -> set[str]:
    tags: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                tags.add(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)

    walk(pdf.Root.StructTreeRoot)
    return tags


def test_letter_pdf_is_tagged_in_danish_with_its_subject_as_title():
    office = Office.load()
    office.letterhead = "Rådhuset\n8722 Hedensted"
    data = letter_pdf(_document(), office=office)

    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "da"
        assert str(pdf.docinfo["/Title"]) == "Kvittering for din henvendelse"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        tags = _structure_tags(pdf)
        assert {"/H1", "/P"} <= tags
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"


def test_letter_shows_letterhead_recipient_date_and_case_number_and_no_user_html():
    office = Office.load()
    office.name, office.letterhead = "Borgerrådgiveren", "Rådhuset\n8722 Hedensted"

    html = letter_html(_document(), office=office)

    assert '<html lang="da">' in html
    assert "Rådhuset<br>8722 Hedensted" in html
    assert "<p>Søvej 4</p><p>8700 Horsens</p>" in html
    assert "5. december 2026" in html
    assert "BR-2026-0042" in html
    assert "<strong>modtaget</strong>" in html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
