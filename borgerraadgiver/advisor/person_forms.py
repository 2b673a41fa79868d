"""The forms of the person's page: correcting the details, and choosing a record to merge."""

from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.inquiries.models import Person


class PersonCorrectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    cpr = forms.CharField(
        label=_("New CPR number"),
        required=False,
        max_length=20,
        help_text=_("Ten digits, e.g. 010190-1234. Leave empty to keep the number held."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    cpr_remove = forms.BooleanField(label=_("Remove the CPR number held"), required=False)
    letters_by_email = forms.BooleanField(
        label=_("Agreed to letters by e-mail"),
        required=False,
        help_text=_("The office's letters may then go to the e-mail address above."),
    )
    # The version the form was made from: a save over someone else's newer save is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    @staticmethod
    def initial_for(person: Person) -> dict[str, object]:
        return {
            "name": person.name,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
            "letters_by_email": person.letters_by_email,
            "version": person.version,
        }


class MergeFindForm(forms.Form):
    q = forms.CharField(
        label=_("Find the other record"),
        max_length=200,
        help_text=_("Name in any word order, phone number, e-mail or CPR number."),
    )


class MergeForm(forms.Form):
    KEEP_CHOICES = [("this", _("Keep this record")), ("other", _("Keep the other record"))]

    other = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    keep = forms.ChoiceField(
        label=_("Which record is kept"), choices=KEEP_CHOICES, widget=forms.RadioSelect
    )
