"""The check of the office's case-number pattern (the migrations name it by its place in
`organisation.models`, which imports it)."""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_case_number_pattern(value: str) -> None:
    allowed = {"year", "yy", "seq"}
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        raise ValidationError(
            _("The pattern is not valid: %(error)s"), code="invalid", params={"error": error}
        ) from None
    unknown = fields - allowed
    if unknown:
        raise ValidationError(
            _("Unknown field(s) in the pattern: %(fields)s. Use {year}, {yy} and {seq}."),
            code="unknown_field",
            params={"fields": ", ".join(sorted(unknown))},
        )
    if "seq" not in fields or not fields & {"year", "yy"}:
        raise ValidationError(
            _("The pattern must contain {seq} and {year} or {yy}, or case numbers repeat."),
            code="would_repeat",
        )
    try:
        value.format(year=2024, yy="24", seq=1)
    except (ValueError, KeyError, IndexError) as error:
        raise ValidationError(
            _("The pattern is not valid: %(error)s"), code="invalid", params={"error": error}
        ) from None
