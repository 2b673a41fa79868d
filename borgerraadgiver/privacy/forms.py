"""The administrator's search of the access log."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.core.forms import DateInput


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        full = obj.get_full_name()
        return f"{full} ({obj.get_username()})" if full else obj.get_username()


class LogSearchForm(forms.Form):
    user = UserChoiceField(
        queryset=User.objects.order_by("username"),
        label=_("User"),
        required=False,
        empty_label=_("All users"),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *AccessLogEntry.Action.choices],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: datetime.date | None = data.get("start")
        end: datetime.date | None = data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return data
