"""Reading a spreadsheet: a CSV file (UTF-8, comma, Excel's byte-order mark allowed) or an XLSX
workbook's first sheet, with a header row.

Column names are trimmed and compared in lower case; cell values are trimmed strings, except
that XLSX date cells arrive as dates. Rows are numbered as in the spreadsheet: the header is
row 1. Wholly empty rows (Excel often keeps some at the end) are skipped.
"""

import codecs
import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

Cell = str | datetime.date


class UnreadableFile(Exception):
    """The file is not a CSV or XLSX file this module can read; the message says why."""


@dataclass
class Table:
    columns: list[str]
    rows: Iterator[tuple[int, dict[str, Cell]]]
    # Data rows counted beforehand, for the progress bar; empty rows may make it a little high.
    estimated_rows: int
    duplicate_columns: list[str] = field(default_factory=list)


def file_kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".txt"):
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    raise UnreadableFile(_("Use a CSV file (.csv) or an Excel workbook (.xlsx)."))


def table_read(file: IO[bytes], *, name: str) -> Table:
    """Open the file for reading row by row. Raises UnreadableFile."""
    kind = file_kind(name)
    if kind == "csv":
        return _read_csv(file)
    return _read_xlsx(file)


def _header(cells: list[object]) -> tuple[list[str], list[str]]:
    columns = [str(cell or "").strip().lower() for cell in cells]
    while columns and not columns[-1]:
        columns.pop()
    seen: set[str] = set()
    duplicates = []
    for column in columns:
        if column and column in seen:
            duplicates.append(column)
        seen.add(column)
    return columns, duplicates


def _record(columns: list[str], cells: list[Cell]) -> dict[str, Cell] | None:
    record: dict[str, Cell] = {}
    for index, column in enumerate(columns):
        if not column:
            continue
        record[column] = cells[index] if index < len(cells) else ""
    if not any(value != "" for value in record.values()) and not any(
        str(cell).strip() for cell in cells[len(columns) :]
    ):
        return None
    return record


def _read_csv(file: IO[bytes]) -> Table:
    file.seek(0)
    estimated = max(sum(1 for _line in file) - 1, 0)
    file.seek(0)
    head = file.read(4)
    file.seek(0)
    if head.startswith(b"PK\x03\x04"):
        raise UnreadableFile(_("The file is an Excel workbook. Name it .xlsx, or save it as CSV."))
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        header = next(reader, None)
    except (UnicodeDecodeError, csv.Error) as error:
        raise UnreadableFile(_csv_problem(error, 1)) from None
    if not header:
        raise UnreadableFile(_("The file is empty: the first row must name the columns."))
    if len(header) == 1 and ";" in header[0]:
        # Danish Excel's plain "CSV" separates with semicolons.
        raise UnreadableFile(
            _(
                "The columns are separated by semicolons. Save the file as “CSV UTF-8 "
                "(comma delimited)”."
            )
        )
    columns, duplicates = _header(list(header))

    def rows() -> Iterator[tuple[int, dict[str, Cell]]]:
        # Counted per record, not per line: a quoted cell may span lines but is one row.
        number = 1
        try:
            for number, cells in enumerate(reader, start=2):
                record = _record(columns, [cell.strip() for cell in cells])
                if record is not None:
                    yield number, record
        except (UnicodeDecodeError, csv.Error) as error:
            raise UnreadableFile(_csv_problem(error, number + 1)) from None

    return Table(columns, rows(), estimated, duplicates)


def _csv_problem(error: Exception, row: int) -> str:
    if isinstance(error, UnicodeDecodeError):
        return _(
            "The file is not UTF-8 text (near row %(row)d). Save it as “CSV UTF-8 (comma "
            "delimited)”."
        ) % {"row": row}
    return _("The file cannot be read as CSV near row %(row)d: %(error)s") % {
        "row": row,
        "error": error,
    }


def _cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(file: IO[bytes]) -> Table:
    from openpyxl import load_workbook  # noqa: PLC0415 - openpyxl loads when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415 - openpyxl loads when a workbook is read

    file.seek(0)
    if not file.read(4).startswith(b"PK\x03\x04"):
        raise UnreadableFile(_("The file is not an Excel workbook (.xlsx)."))
    file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(
            _("The Excel workbook cannot be read: %(error)s") % {"error": error}
        ) from None
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = next(values, None)
    if not header or not any(header):
        workbook.close()
        raise UnreadableFile(_("The sheet is empty: the first row must name the columns."))
    columns, duplicates = _header(list(header))
    estimated = max((sheet.max_row or 1) - 1, 0)

    def rows() -> Iterator[tuple[int, dict[str, Cell]]]:
        try:
            for number, cells in enumerate(values, start=2):
                record = _record(columns, [_cell(cell) for cell in cells])
                if record is not None:
                    yield number, record
        finally:
            workbook.close()

    return Table(columns, rows(), estimated, duplicates)


# Used by the tests and the bench to write what this module reads.
def csv_bytes(rows: list[list[str]], *, bom: bool = False) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode()
    return codecs.BOM_UTF8 + data if bom else data
