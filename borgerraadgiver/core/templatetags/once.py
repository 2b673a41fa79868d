"""`{% once_field %}`: a create form's one-time token (`core.once`), new at every showing."""

from django import template
from django.utils.html import format_html

from borgerraadgiver.core.once import ONCE_FIELD, token_new

register = template.Library()


@register.simple_tag
def once_field() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', ONCE_FIELD, token_new())
