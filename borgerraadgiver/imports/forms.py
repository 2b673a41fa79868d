"""The administrator's import form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.imports.models import ImportBatch
from borgerraadgiver.imports.reading import UnreadableFile, file_kind

MAX_BYTES = 50 * 1024 * 1024


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What to import"),
        choices=ImportBatch.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the file holds.")},
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file (UTF-8, comma-separated) or an Excel workbook (.xlsx) with the column "
            "names in the first row."
        ),
        error_messages={"required": _("Choose the file to import.")},
    )
    replace = forms.BooleanField(
        label=_("Replace the earlier import of the same years (inquiries only)"),
        required=False,
    )

    def clean_file(self) -> object:
        file = self.cleaned_data["file"]
        try:
            file_kind(file.name)
        except UnreadableFile as error:
            raise forms.ValidationError(str(error)) from None
        if file.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return file


class ConfirmForm(forms.Form):
    """The checked file's job (the check), confirmed or cancelled."""

    job = forms.UUIDField(widget=forms.HiddenInput)
