"""CPR numbers (personnummer): checked, stored as ten digits, shown masked.

Checked with python-stdnum's rules for the format and the birth date. The modulus-11 check digit
is not required: CPR stopped guaranteeing it in 2007 when numbers with valid check digits ran
out for some birth dates, so a real number born after that (or given to an immigrant) may fail
it. A number is valid when it has ten digits, its first six are a real date, and that date —
with the century the seventh digit gives — is not after today.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError as StdnumError


def cpr_normalise(value: str, *, today: datetime.date) -> str:
    """The number as ten digits ('' for nothing typed); ValidationError if it cannot be a CPR."""
    number = stdnum_cpr.compact(value or "")
    if not number:
        return ""
    if not (number.isascii() and number.isdigit()) or len(number) != 10:
        raise ValidationError(_("A CPR number has ten digits, e.g. 010190-1234."))
    try:
        birth_date = stdnum_cpr.get_birth_date(number)
    except StdnumError:
        raise ValidationError(
            _("The first six digits of a CPR number are a date (DDMMYY); this one is not.")
        ) from None
    if birth_date > today:
        raise ValidationError(_("The CPR number gives a birth date in the future."))
    return number


def cpr_mask(number: str) -> str:
    """'DDMMYY-****', or '' when no number is held."""
    if not number:
        return ""
    return f"{number[:6]}-****"


def cpr_format(number: str) -> str:
    """The full number as people write it, 'DDMMYY-SSSS'. Only for the logged 'show' action."""
    if not number:
        return ""
    return stdnum_cpr.format(number)
