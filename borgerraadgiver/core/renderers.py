"""The form renderer: Django's, with select boxes written in Python.

Django renders a select box through a template that includes a template for every option and
one for every option's attributes. The inquiry list's filter form has seven select boxes with
some hundred options in all, and drawing them that way was a fifth of the list page's time.
`FormRenderer` writes exactly the HTML Django's three templates write (a test compares them),
and uses the templates themselves whenever an app overrides one of them or a widget names
other templates.
"""

import functools
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
ATTRS = "django/forms/widgets/attrs.html"


def _attrs(attrs: dict[str, Any]) -> str:
    """attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(f"{value}")}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict[str, Any]) -> str:
    """select_option.html, with the new line that ends the template file."""
    value = conditional_escape(f"{option['value']}")
    label = conditional_escape(option["label"])
    return f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'


def select_html(widget: dict[str, Any]) -> SafeString | None:
    """select.html for the widget's context; None if an option names another template."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            parts.append(f"\n  {_option(option)}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips the template's final new line
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


class FormRenderer(DjangoTemplates):
    """Django's template renderer; select boxes drawn by `select_html` when nothing overrides
    Django's own select templates."""

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        if template_name == SELECT and self.select_templates_are_djangos:
            html = select_html(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)

    @functools.cached_property
    def select_templates_are_djangos(self) -> bool:
        """Whether the three templates found are Django's own (no app overrides one)."""
        origins = [self.get_template(name).origin.name for name in (SELECT, OPTION, ATTRS)]
        return all("/django/forms/templates/" in str(origin) for origin in origins)
