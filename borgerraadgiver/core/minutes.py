"""Time spent, in whole minutes: the one rule for a contact, a counted action and an activity.

Optional everywhere: an office that does not register time leaves it empty and sees nothing of
it (docs/feedback.md).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The most one registration can take: a long working day.
MINUTES_MAX = 12 * 60

MINUTES_TOO_FEW = _("Write at least 1 minute, or leave the field empty.")
MINUTES_TOO_MANY = _("Write at most 720 minutes (12 hours) for one registration.")


def minutes_check(minutes: int | None) -> None:
    """Raise ValidationError keyed `minutes` unless empty or 1 to MINUTES_MAX.

    >>> minutes_check(None), minutes_check(45), minutes_check(720)
    (None, None, None)
    >>> from django.utils import translation
    >>> with translation.override("en"):
    ...     try:
    ...         minutes_check(0)
    ...     except ValidationError as error:
    ...         print(error.message_dict["minutes"][0])
    Write at least 1 minute, or leave the field empty.
    """
    if minutes is None:
        return
    if minutes < 1:
        raise ValidationError({"minutes": MINUTES_TOO_FEW})
    if minutes > MINUTES_MAX:
        raise ValidationError({"minutes": MINUTES_TOO_MANY})
