"""A letter as a tagged, accessible PDF: the office's letterhead, the recipient, the date and the
case number, the subject and the text, laid out as a Danish letter on A4.

WeasyPrint writes PDF/UA-1: a structure tree (headings, paragraphs, the address block as text in
reading order), the language `da` and the subject as the document's title. The HTML fetches
nothing: the document holds all it shows.
"""

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import override

from borgerraadgiver.letters.fields import date_in_letters
from borgerraadgiver.letters.text import letter_paragraphs
from borgerraadgiver.organisation.models import Office

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class LetterDocument:
    """What a letter's page shows, all of it plain data."""

    subject: str
    body: str
    recipient_name: str
    recipient_address: str
    case_number: str
    letter_date: datetime.date


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"A letter fetches nothing ({url}).")


def letter_html(document: LetterDocument, *, office: Office) -> str:
    """The letter as one HTML page in Danish, with its print stylesheet inline."""
    with override("da"):
        return render_to_string(
            "letters/letter.html",
            {
                "document": document,
                "office": office,
                "letterhead_lines": [
                    line for line in office.letterhead.splitlines() if line.strip()
                ],
                "address_lines": [
                    line for line in document.recipient_address.splitlines() if line.strip()
                ],
                "paragraphs": letter_paragraphs(document.body),
                "letter_date": date_in_letters(document.letter_date),
            },
        )


def letter_pdf(document: LetterDocument, *, office: Office) -> bytes:
    """The letter as a tagged PDF (PDF/UA-1), language da, titled by its subject."""
    # WeasyPrint loads when a PDF is made, not when the app starts (half a second).
    from weasyprint import HTML  # noqa: PLC0415 - see above

    html = HTML(string=letter_html(document, office=office), url_fetcher=_no_fetch)
    pdf: bytes = html.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    return pdf
