"""Form fields for choosing from the organisation, named as a caseworker reads them."""

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _

from borgerraadgiver.organisation.models import Department


def label_with_end(name: str, valid_to: datetime.date | None) -> str:
    """'Skole', or 'Skole (until 31.12.2024)' for a department or area that has closed."""
    if valid_to is None:
        return name
    return _("%(name)s (until %(date)s)") % {
        "name": name,
        "date": formats.date_format(valid_to, "SHORT_DATE_FORMAT"),
    }


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Department) -> str:
        return f"{obj.area.name} · {label_with_end(obj.name, obj.valid_to)}"
