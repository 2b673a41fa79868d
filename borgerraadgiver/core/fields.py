"""A form field with its label, hint and error as Det Fælles Designsystem lays them out.

`{% dkfds_field form.x %}` writes what `templates/includes/field.html` wrote (issue 18): the
same HTML (`tests/core/test_fields.py` compares every kind of field), without an included
template per field, which cost a form page a quarter of its time. The template stays as
the reference the test compares with.
"""

from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from borgerraadgiver.core.escape import html_text

WIDGET_CLASSES = {
    "select": "form-select",
    "selectmultiple": "form-select form-select-multiple",
    "textarea": "form-input",
    "checkbox": "form-checkbox",
}


def widget_html(field: BoundField) -> SafeString:
    """The widget with the design system's class, and its hint and error tied to it for readers."""
    widget_type = field.widget_type
    classes = [WIDGET_CLASSES.get(widget_type, "form-input")]
    existing = field.field.widget.attrs.get("class")
    if existing:
        classes.append(existing)
    attrs: dict[str, str | bool] = {"class": " ".join(classes)}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


def _errors(field: BoundField) -> str:
    if not field.errors:
        return ""
    joined = " ".join(html_text(str(error)) for error in field.errors)
    return (
        f'<span class="form-error-message" id="{html_text(field.auto_id)}-error">'
        f'<span class="sr-only">{_("Error")}: </span>{joined}</span>'
    )


def _hint(field: BoundField) -> str:
    if not field.help_text:
        return ""
    return (
        f'<span class="form-hint" id="{html_text(field.auto_id)}-hint">'
        f"{html_text(field.help_text)}</span>"
    )


def _optional(field: BoundField, *, hide_optional: bool) -> str:
    if field.field.required or hide_optional:
        return ""
    return f'<span class="weight-normal"> ({_("optional")})</span>'


def _group_start(field: BoundField) -> str:
    error_class = " form-error" if field.errors else ""
    return f'<div class="form-group{error_class}" id="{html_text(field.auto_id)}-group">'


def _choices(field: BoundField, *, columns: bool, hide_optional: bool) -> str:
    """Radio buttons or check boxes in a fieldset, the question as its legend."""
    kind = "radio" if field.widget_type == "radioselect" else "checkbox"
    auto_id = html_text(field.auto_id)
    described = f"{auto_id}-hint " if field.help_text else ""
    described += f"{auto_id}-error" if field.errors else ""
    fieldset = '<fieldset class="checkbox-columns"' if columns else "<fieldset"
    if field.help_text or field.errors:
        fieldset += f' aria-describedby="{described}"'
    optional = "" if kind == "radio" else _optional(field, hide_optional=hide_optional)
    invalid = ' aria-invalid="true"' if field.errors else ""
    name = html_text(field.html_name)
    options = [
        f'<div class="form-group-{kind}">\n'
        f'<input type="{kind}" id="{html_text(choice.id_for_label)}" name="{name}" '
        f'value="{html_text(choice.data["value"])}" class="form-{kind}"'
        f"{' checked' if choice.data['selected'] else ''}{invalid}>\n"
        f'<label class="form-label" for="{html_text(choice.id_for_label)}">'
        f"{html_text(choice.choice_label)}</label>\n</div>\n"
        for choice in field
    ]
    return (
        f"{_group_start(field)}\n{fieldset}>\n"
        f'<legend class="form-label">{html_text(field.label)}{optional}</legend>\n'
        f"{_hint(field)}\n{_errors(field)}\n{''.join(options)}</fieldset>\n</div>"
    )


def field_html(
    field: BoundField, *, hide_optional: bool = False, columns: bool = False
) -> SafeString:
    """The field as `includes/field.html` writes it."""
    widget_type = field.widget_type
    if widget_type in ("checkboxselectmultiple", "radioselect"):
        html = _choices(field, columns=columns, hide_optional=hide_optional)
    elif widget_type == "checkbox":
        html = (
            f"{_group_start(field)}\n{_errors(field)}\n"
            f'<div class="form-group-checkbox">\n{widget_html(field)}\n'
            f'<label class="form-label" for="{html_text(field.id_for_label)}">'
            f"{html_text(field.label)}</label>\n</div>\n</div>"
        )
    elif widget_type == "hidden":
        html = str(field)
    else:
        html = (
            f"{_group_start(field)}\n"
            f'<label class="form-label" for="{html_text(field.id_for_label)}">'
            f"{html_text(field.label)}{_optional(field, hide_optional=hide_optional)}"
            f"</label>\n{_hint(field)}\n{_errors(field)}\n{widget_html(field)}\n</div>"
        )
    return mark_safe(html)  # noqa: S308 - every value above is escaped or already safe
