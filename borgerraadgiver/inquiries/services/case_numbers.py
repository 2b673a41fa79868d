"""Case numbers in the office's journal format: the one place for the pattern and the drawing.

`Office.case_number_pattern` (by default `BR-{year}-{seq:04d}`) has `{year}`, `{yy}` and `{seq}`,
the running number within the year received. Registration draws one number per inquiry, the
import of earlier years a batch per year; both through `case_numbers_draw`, so both lock the
year's counter the same way and skip the same numbers.
"""

import datetime

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
    pattern = Office.load().case_number_pattern  # read before the lock, not while holding it
    sequence, _created = CaseNumberSequence.objects.select_for_update().get_or_create(year=year)
    drawn: list[str] = []
    last = sequence.last
    while len(drawn) < count:
        batch = min(count - len(drawn), CHECK_BATCH)
        candidates = [
            case_number_format(pattern, year=year, seq=seq)
            for seq in range(last + 1, last + 1 + batch)
        ]
        last += batch
        taken = set(
            Inquiry.objects.filter(case_number__in=candidates).values_list("case_number", flat=True)
        )
        drawn += [number for number in candidates if number not in taken]
    sequence.last = last
    sequence.save(update_fields=["last"])
    return drawn


def case_number_next(*, received_date: datetime.date) -> str:
    """Draw the next case number of the year received (see `case_numbers_draw`)."""
    return case_numbers_draw(year=received_date.year, count=1)[0]
