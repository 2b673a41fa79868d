"""The inquiry page's forms for documents, internal notes and the follow-up date."""

from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.forms import AttachmentsField, DateInput
from borgerraadgiver.organisation.drawing import DrawnOnceForm


class DocumentForm(DrawnOnceForm):
    prefix = "document"  # shares the inquiry's page with the other forms
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("E.g. “Decision from the Jobcenter, 3 March” or “Notes from the meeting”."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # The service names a missing file next to this field, with the web form's checks.
    attachments = AttachmentsField(label=_("Files"), required=False)


class NoteForm(DrawnOnceForm):
    prefix = "note"
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the office only. A note is not a contact and is not counted anywhere."),
    )


class FollowUpForm(forms.Form):
    prefix = "follow_up"
    follow_up_date = forms.DateField(
        label=_("Resume on"),
        required=False,
        widget=DateInput(),
        help_text=_("From this day the inquiry is listed on the front page under “Resume today”."),
    )
