"""What every import shares: the errors it collects, and the checks of single values."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.utils.translation import gettext as _

from borgerraadgiver.imports.reading import Cell, Table

T = TypeVar("T")


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet's row (the header is row 1; 0 = the file as a whole), the
    column, and why."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return self.message
        if not self.column:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Problems:
    """Every error found, in the order found. Validation goes on after the first.

    A warning is what is possible in the app but worth a second look (a forwarded complaint
    with no forwarding date, say): it is shown with the check and never stops the import.
    """

    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def warn(self, row: int, column: str, message: str) -> None:
        self.warnings.append(RowError(row, column, message))

    def __bool__(self) -> bool:
        return bool(self.errors)


class FileRefused(Exception):
    """The file cannot be imported at all (columns, an earlier import); nothing is read further."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def columns_check(table: Table, *, required: Iterable[str], optional: Iterable[str] = ()) -> None:
    """Refuse a header without a required column, with an unknown one, or with one twice."""
    required = list(required)
    known = set(required) | set(optional)
    errors = [
        RowError(1, column, _("The column is missing."))
        for column in required
        if column not in table.columns
    ]
    errors += [
        RowError(
            1,
            column,
            _("Unknown column. The columns are: %(columns)s.") % {"columns": ", ".join(known)},
        )
        for column in table.columns
        if column and column not in known
    ]
    errors += [
        RowError(1, column, _("The column appears twice.")) for column in table.duplicate_columns
    ]
    if errors:
        raise FileRefused(errors)


def text(value: Cell) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value.strip()


def date_parse(
    problems: Problems, row: int, column: str, value: Cell, *, required: bool
) -> datetime.date | None:
    """An ISO date (YYYY-MM-DD), or a date cell in a workbook. Empty gives None."""
    if isinstance(value, datetime.date):
        return value
    value = value.strip()
    if not value:
        if required:
            problems.add(row, column, _("A date is required."))
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        problems.add(
            row,
            column,
            _("“%(value)s” is not a date. Write dates as YYYY-MM-DD, e.g. 2024-03-01.")
            % {"value": value},
        )
        return None


def fold(name: str) -> str:
    """A name as compared: trimmed, case-insensitive, also for Æ, Ø and Å."""
    return " ".join(name.split()).casefold()


class Names(Generic[T]):
    """Look-up by name, case-insensitively, of rows loaded once for the whole import."""

    def __init__(self, items: Iterable[T], *, name: str = "name") -> None:
        self.by_name: dict[str, list[T]] = {}
        self.seen: dict[str, list[T]] = {}
        for item in items:
            self.by_name.setdefault(fold(str(getattr(item, name))), []).append(item)

    def get(self, name: str) -> list[T]:
        # The same few names fill a whole file: remember each spelling's answer.
        found = self.seen.get(name)
        if found is None:
            found = self.seen[name] = self.by_name.get(fold(name), [])
        return found

    def first(self, name: str) -> T | None:
        found = self.get(name)
        return found[0] if found else None

    def add(self, name: str, item: T) -> None:
        self.by_name.setdefault(fold(name), []).append(item)
        self.seen.clear()


def split_names(value: Cell) -> list[str]:
    """`a; b;c` → ['a', 'b', 'c']; empty parts dropped."""
    return [part.strip() for part in text(value).split(";") if part.strip()]
