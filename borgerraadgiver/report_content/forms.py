from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.organisation.models import Area, HandlingType
from borgerraadgiver.report_content.models import YEAR_VALIDATORS

TEXT_HINT = _(
    "Plain text. Leave a blank line between paragraphs; start a line with a dash and a space "
    '("- ") for a bulleted list.'
)


class ReportTextForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        required=False,
        help_text=TEXT_HINT,
        widget=forms.Textarea(attrs={"rows": 16}),
    )


class CaseExampleForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_(
            "A short heading, e.g. 'Forwarded complaint about many changes of caseworker'."
        ),
    )
    text = forms.CharField(
        label=_("The example"),
        help_text=_(
            "Tell the story without anything that identifies the citizen: no names, CPR numbers, "
            "phone numbers, e-mail or street addresses. "
        )
        + str(TEXT_HINT),
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    year = forms.IntegerField(label=_("Report year"), validators=YEAR_VALIDATORS)
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.order_by("sort_order", "name"), required=False
    )
    handling_kind = forms.ChoiceField(
        label=_("Printed among the examples of"),
        choices=HandlingType.Kind.choices,
    )


class DismissForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput)
    value = forms.CharField(widget=forms.HiddenInput, max_length=300)
    reason = forms.CharField(
        label=_("Why is this not personal data?"),
        max_length=300,
        help_text=_("E.g. 'a year, not a phone number' or 'the name of a public body'."),
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
