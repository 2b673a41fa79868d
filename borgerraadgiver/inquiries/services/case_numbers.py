"""Case numbers in the office's journal format: the one place for the pattern and the drawing.

`Office.case_number_pattern` (by default `BR-{year}-{seq:04d}`) has `{year}`, `{yy}` and `{seq}`,
the running number within the year received. Registration draws one number per inquiry, the
import of earlier years a batch per year; both through `case_numbers_draw`, so both lock the
year's counter the same way and skip the same numbers.
"""

import datetime
from typing import cast

from django.db import connections, router
from django.db.transaction import TransactionManagementError

from borgerraadgiver.inquiries.models import CaseNumberSequence, Inquiry
from borgerraadgiver.organisation.models import Office

# Numbers checked against the register in one query; fits SQLite's and PostgreSQL's limits on
# parameters in one statement.
CHECK_BATCH = 900


def case_number_format(pattern: str, *, year: int, seq: int) -> str:
    """The case number with running number `seq` in `year`, in the office's pattern.

    >>> case_number_format("BR-{year}-{seq:04d}", year=2024, seq=7)
    'BR-2024-0007'
    >>> case_number_format("00.01.10-P20-{seq}-{yy}", year=2024, seq=12)
    '00.01.10-P20-12-24'
    """
    return pattern.format(year=year, yy=f"{year % 100:02d}", seq=seq)


def case_numbers_draw(*, year: int, count: int) -> list[str]:
    """Draw the next `count` case numbers of `year`, in running order.

    Must run inside a transaction: the year's counter row is locked until it commits, so two
    registrations at once, or a registration during an import, never get the same number. A
    number already in the register (typed in by hand or imported) is skipped.
    """
    if not connections[router.db_for_write(CaseNumberSequence)].in_atomic_block:
        # A number drawn and committed at once would leave a gap if the registration failed.
        raise TransactionManagementError("Case numbers are drawn inside a transaction.")
    # The office as this transaction sees it (kept, `organisation.kept`), read before the lock.
    pattern = Office.shown().case_number_pattern
    drawn: list[str] = []
    while len(drawn) < count:
        batch = min(count - len(drawn), CHECK_BATCH)
        last = _counter_advance(year, batch)
        candidates = [
            case_number_format(pattern, year=year, seq=seq)
            for seq in range(last - batch + 1, last + 1)
        ]
        taken = set(
            Inquiry.objects.filter(case_number__in=candidates).values_list("case_number", flat=True)
        )
        drawn += [number for number in candidates if number not in taken]
    return drawn


def _counter_advance(year: int, by: int) -> int:
    """Advance the year's counter by `by` and return its new value; the row stays locked until
    the transaction ends. One `UPDATE … RETURNING` (issue 18: a lock, a read and a write were
    three statements); the year's first number makes its row, on every database."""
    using = router.db_for_write(CaseNumberSequence)
    connection = connections[using]
    # `UPDATE … RETURNING`: PostgreSQL, and SQLite from 3.35 (when it returns from an insert).
    if connection.vendor == "postgresql" or (
        connection.vendor == "sqlite" and connection.features.can_return_columns_from_insert
    ):
        quote = connection.ops.quote_name
        meta = CaseNumberSequence._meta
        # A model's field has its column once the model is made (the stubs allow None before).
        table, last, key = (
            quote(meta.db_table),
            quote(cast(str, meta.get_field("last").column)),
            quote(cast(str, meta.get_field("year").column)),
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {last} = {last} + %s WHERE {key} = %s RETURNING {last}",  # noqa: S608 - names from the model's meta
                [by, year],
            )
            row = cursor.fetchone()
        if row is not None:
            return int(row[0])
    sequence, _created = (
        CaseNumberSequence.objects.using(using).select_for_update().get_or_create(year=year)
    )
    sequence.last += by
    sequence.save(update_fields=["last"])
    return sequence.last


def case_number_next(*, received_date: datetime.date) -> str:
    """Draw the next case number of the year received (see `case_numbers_draw`)."""
    return case_numbers_draw(year=received_date.year, count=1)[0]
