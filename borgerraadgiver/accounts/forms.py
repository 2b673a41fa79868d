import re

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


class TokenForm(forms.Form):
    """The six digits the authenticator app shows (spaces allowed, as apps group them), or, where
    `backup_codes` is set, one of the user's 8-character backup codes."""

    backup_codes = False

    token = forms.CharField(
        label=_("Code from the authenticator app"),
        help_text=_("Six digits. A new code appears every 30 seconds."),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = re.sub(r"\s", "", self.cleaned_data["token"])
        if re.fullmatch(r"\d{6}", token):
            return token
        if self.backup_codes and re.fullmatch(r"[a-z2-7]{8}", token.lower()):
            return token.lower()
        raise forms.ValidationError(_("Type the six digits the app shows."))


class CodeOrBackupCodeForm(TokenForm):
    backup_codes = True
