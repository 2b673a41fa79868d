from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Follow the browser")), *settings.LANGUAGES],
        required=False,
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)
