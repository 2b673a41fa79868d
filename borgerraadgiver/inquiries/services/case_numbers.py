"""Case numbers in the office's journal format.

`Office.case_number_pattern` (by default `BR-{year}-{seq:04d}`) has `{year}`, `{yy}` and `{seq}`,
the running number within the year received.
"""

import datetime

from borgerraadgiver.inquiries.models import CaseNumberSequence, Inquiry
from borgerraadgiver.organisation.models import Office


def case_number_next(*, received_date: datetime.date) -> str:
    """Draw the next case number of the received year in the office's journal format.

    Must run inside a transaction: the year's counter row is locked until it commits, so two
    registrations at once never get the same number.
    """
    sequence, _created = CaseNumberSequence.objects.select_for_update().get_or_create(
        year=received_date.year
    )
    while True:
        sequence.last += 1
        number = Office.load().case_number_pattern.format(
            year=received_date.year, yy=f"{received_date.year % 100:02d}", seq=sequence.last
        )
        # A number typed in by hand or imported may already hold this place in the sequence.
        if not Inquiry.objects.filter(case_number=number).exists():
            break
    sequence.save(update_fields=["last"])
    return number
