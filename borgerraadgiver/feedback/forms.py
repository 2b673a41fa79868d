"""The citizen's survey form: three questions and a free comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.feedback.models import QUESTIONS, Verdict
from borgerraadgiver.feedback.services import SurveyInput

COMMENT_MAX_CHARS = 2000
CHOOSE_AN_ANSWER = _("Choose an answer.")


class SurveyForm(forms.Form):
    felt_heard = forms.ChoiceField(
        label=QUESTIONS[0][1],
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_AN_ANSWER},
    )
    understood_answer = forms.ChoiceField(
        label=QUESTIONS[1][1],
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_AN_ANSWER},
    )
    contact_helped = forms.ChoiceField(
        label=QUESTIONS[2][1],
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_AN_ANSWER},
    )
    comment = forms.CharField(
        label=_("Anything you want to add"),
        required=False,
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Please do not write your name, CPR number or other personal details: the answers "
            "are kept without your name."
        ),
    )
    contact_again = forms.BooleanField(
        label=_(
            "My matter is not resolved: I would like the citizens' advisor to contact me again"
        ),
        required=False,
    )

    def survey_input(self) -> SurveyInput:
        data = self.cleaned_data
        return SurveyInput(
            felt_heard=data["felt_heard"],
            understood_answer=data["understood_answer"],
            contact_helped=data["contact_helped"],
            comment=data["comment"],
            contact_again=data["contact_again"],
        )
