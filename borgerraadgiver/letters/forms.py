from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.once import OnceField
from borgerraadgiver.letters.models import LetterKind, LetterTemplate

TEXT_HINT = _(
    "Plain text. Leave a blank line between paragraphs; **two stars** make words bold, *one "
    "star* italic. A field in braces, such as {case_number}, is filled in for each letter."
)


class LetterTemplateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of letter"), choices=LetterKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"), help_text=TEXT_HINT, widget=forms.Textarea(attrs={"rows": 18})
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    @staticmethod
    def initial_for(template: LetterTemplate) -> dict[str, object]:
        return {
            "kind": template.kind,
            "name": template.name,
            "subject": template.subject,
            "body": template.body,
            "is_active": template.is_active,
        }


class LetterForm(forms.Form):
    """The letter as the advisor sends it: the proposed text, edited, and the channel."""

    once = OnceField()
    kind = forms.ChoiceField(choices=LetterKind.choices, widget=forms.HiddenInput)
    template = forms.ModelChoiceField(
        queryset=LetterTemplate.objects.all(), required=False, widget=forms.HiddenInput
    )
    forwarding = forms.IntegerField(required=False, widget=forms.HiddenInput)
    extension = forms.IntegerField(required=False, widget=forms.HiddenInput)
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        help_text=TEXT_HINT,
        widget=forms.Textarea(attrs={"rows": 18}),
    )
    channel = forms.ChoiceField(label=_("Send by"), choices=(), widget=forms.RadioSelect)

    def __init__(self, *args: object, channels: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        channel = self.fields["channel"]
        assert isinstance(channel, forms.ChoiceField)
        channel.choices = channels
        if len(channels) == 1:
            self.fields["channel"].initial = channels[0][0]
