"""Form pieces every user interface shares: widgets, fields and putting domain errors on a form."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import ModelChoiceIterator
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.attachments import allowed_extensions, attachments_help_text
from borgerraadgiver.core.minutes import MINUTES_MAX, MINUTES_TOO_FEW, MINUTES_TOO_MANY


def form_submit(form: forms.Form, call: Callable[[], object]) -> bool:
    """A view's one call into the domain: validate the form, then make the call; a refusal
    (ValidationError) goes next to the field it names. True when the call was made.

        form = CloseForm(request.POST)
        if form_submit(form, lambda: services.inquiry_close(..., **form.cleaned_data)):
            return redirect(...)
        return render(..., status=400)  # the form as typed, with its errors
    """
    if not form.is_valid():
        return False
    try:
        call()
    except ValidationError as error:
        form_apply_errors(form, error)
        return False
    return True


def form_apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a domain error next to the field it names, or at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ListedChoiceIterator(ModelChoiceIterator):
    """Django's iterator over a select box's choices, reading them with one plain query.

    Django's reads them with `QuerySet.iterator()`, which on PostgreSQL opens a server-side
    cursor (DECLARE, FETCH, CLOSE: three round trips) for a box of a few dozen rows; the
    registration page has five such boxes.
    Like Django's, it asks the database again each time the choices are drawn.
    `CoreConfig.ready` makes it every model choice field's (`ModelChoiceField.iterator`).
    """

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for instance in self.queryset.all():
            yield self.choice(instance)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but an id no database integer can hold is refused like any unknown id.

    Django checks each id with an exact lookup (safe) and then loads them with `__in`, which
    SQLite refuses with OverflowError for numbers past 64 bits: a server error for a hostile
    post. Found by tests/fuzz.
    """

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            try:
                too_big = abs(int(str(pk).strip())) >= 2**63
            except ValueError:
                continue  # not a number: Django's own check refuses it
            if too_big:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)  # type: ignore[misc]


class DateInput(forms.DateInput):
    """The browser's own date picker, with the ISO value it expects."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the service checks count, size and content."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class AttachmentsField(MultipleFileField):
    """The file input for attachments: it states the limits and types of `core.attachments`
    (read when shown, so a changed setting or language shows) and the browser's file picker
    offers only those types. The service still checks every file (`attachments_check`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", lazy(attachments_help_text, str)())
        super().__init__(*args, **kwargs)
        self.widget.attrs["accept"] = ",".join(allowed_extensions())


class MinutesField(forms.IntegerField):
    """Optional time spent, in whole minutes; the rule is `core.minutes.minutes_check`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Minutes spent"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MINUTES_MAX)
        kwargs.setdefault("help_text", _("Optional: the time it took, in whole minutes."))
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Write the minutes as a whole number, e.g. 45."),
                "min_value": MINUTES_TOO_FEW,
                "max_value": MINUTES_TOO_MANY,
            },
        )
        super().__init__(**kwargs)
