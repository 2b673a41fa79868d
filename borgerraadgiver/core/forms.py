from django import forms
from django.core.exceptions import ValidationError


def form_apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a domain error next to the field it names, or at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
