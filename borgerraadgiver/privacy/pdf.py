"""HTML to PDF with WeasyPrint, fetching nothing: the document carries all it shows."""

import logging
from typing import Any

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"The export fetches nothing ({url}).")


def html_to_pdf(html: str) -> bytes:
    # WeasyPrint loads when a PDF is made, not when the app starts (half a second).
    from weasyprint import HTML  # noqa: PLC0415 - see above

    pdf: bytes = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    return pdf
