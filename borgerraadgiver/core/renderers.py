"""The form renderer: Django's, with select boxes, inputs and text areas written in Python.

Django renders a select box through a template that includes a template for every option and
one for every option's attributes. The inquiry list's filter form has seven select boxes with
some hundred options in all, and drawing them that way was a fifth of the list page's time; the
inquiry page's sixteen inputs, mostly one-line templates, cost as much again. `FormRenderer`
writes exactly the HTML Django's templates write (a test compares them), and uses the templates
themselves whenever an app overrides one of them or a select box's option names another.
"""

import functools
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from borgerraadgiver.core.escape import html_text

WIDGETS = "django/forms/widgets/"
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"
ATTRS = f"{WIDGETS}attrs.html"
INPUT = f"{WIDGETS}input.html"
TEXTAREA = f"{WIDGETS}textarea.html"
# A file input: with no file given before (a new upload, always here) only its input.
CLEARABLE = f"{WIDGETS}clearable_file_input.html"
# The templates that are only `{% include "django/forms/widgets/input.html" %}`.
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in [
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "checkbox",
        "file",
    ]
}


def _attrs(attrs: dict[str, Any]) -> str:
    """attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    return "".join(
        f" {html_text(name)}" if value is True else f' {html_text(name)}="{html_text(f"{value}")}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict[str, Any]) -> str:
    """select_option.html, with the new line that ends the template file."""
    value = html_text(f"{option['value']}")
    label = html_text(option["label"])
    return f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'


def select_html(widget: dict[str, Any]) -> SafeString | None:
    """select.html for the widget's context; None if an option names another template."""
    parts = [f'<select name="{html_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{html_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            parts.append(f"\n  {_option(option)}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips the template's final new line
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def input_html(widget: dict[str, Any]) -> SafeString:
    """input.html: the value only when it is not None."""
    value = widget["value"]
    shown = "" if value is None else f' value="{html_text(f"{value}")}"'
    kind, name = html_text(widget["type"]), html_text(widget["name"])
    html = f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'
    return mark_safe(html)  # noqa: S308 - every value above is escaped


def textarea_html(widget: dict[str, Any]) -> SafeString:
    """textarea.html: a new line after the opening tag, the value when it is truthy."""
    value = html_text(widget["value"]) if widget["value"] else ""
    name = html_text(widget["name"])
    return mark_safe(f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n{value}</textarea>')  # noqa: S308


class FormRenderer(DjangoTemplates):
    """Django's template renderer; select boxes drawn by `select_html` when nothing overrides
    Django's own select templates."""

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        if template_name in self.djangos_own:
            widget = context["widget"]
            if template_name == SELECT:
                html = select_html(widget)
                if html is not None:
                    return html
            elif template_name == TEXTAREA:
                return textarea_html(widget)
            elif template_name == CLEARABLE:
                if not widget["is_initial"]:
                    return input_html(widget)  # the file's value is None: no value written
            else:
                return input_html(widget)
        return super().render(template_name, context, request)

    @functools.cached_property
    def djangos_own(self) -> frozenset[str]:
        """The widget templates written here whose templates (and the ones they include) are
        Django's own: none that an app overrides."""

        def own(*names: str) -> bool:
            origins = [self.get_template(name).origin.name for name in names]
            return all("/django/forms/templates/" in str(origin) for origin in origins)

        names = set()
        if own(SELECT, OPTION, ATTRS):
            names.add(SELECT)
        if own(TEXTAREA, ATTRS):
            names.add(TEXTAREA)
        if own(INPUT, ATTRS):
            names |= {name for name in INPUTS if own(name)}
        if own(CLEARABLE, ATTRS):
            names.add(CLEARABLE)
        return frozenset(names)
