"""Cells for spreadsheets people open in Excel or LibreOffice, and the two downloads of a list:
CSV streamed as it is read, and an Excel workbook written row by row."""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator, Sequence

from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation

# A cell starting with one of these is run as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Cell = str | int | datetime.date | None


def safe(value: str) -> str:
    """A text a spreadsheet shows as text, never runs as a formula.

    >>> safe("=SUM(A1:A9)")
    "'=SUM(A1:A9)"
    >>> safe("Børn og Familie")
    'Børn og Familie'
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_delimiter() -> str:
    """The active language's separator: Danish Excel reads semicolons (the comma is its decimal
    sign), English Excel commas. Every CSV download uses it. The import formats are unchanged
    (comma-separated, English column names: `docs/imports.md`); a download is for reading."""
    return ";" if (translation.get_language() or "").startswith("da") else ","


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=csv_delimiter())
    # Excel reads UTF-8 (æ, ø, å) only with the byte-order mark.
    yield "\ufeff" + writer.writerow(headers)
    for row in rows:
        yield writer.writerow(
            [
                value.isoformat()
                if isinstance(value, datetime.date)
                else value
                if isinstance(value, int)
                else safe(value or "")
                for value in row
            ]
        )


def csv_response(
    *, filename: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> StreamingHttpResponse:
    """The rows as a CSV download, streamed as they are read: dates ISO, text formula-safe,
    separated as the page's language does (`csv_delimiter`), UTF-8 with a byte-order mark."""
    response = StreamingHttpResponse(
        _csv_lines(headers, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(
    *, filename: str, sheet: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> FileResponse:
    """The rows as an Excel workbook, written row by row (openpyxl's write-only mode) to a
    temporary file: a date stays a date, a number a number, text is made formula-safe."""
    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl loads when a workbook is written

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(list(headers))
    for row in rows:
        worksheet.append(
            [
                value if isinstance(value, datetime.date | int) else safe(value or "")
                for value in row
            ]
        )
    out = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    workbook.save(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
