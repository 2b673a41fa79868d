"""Addresses reversed once per process (issue 18): Django's `reverse` costs about 55 µs, and a
page writes dozens of addresses that are the same for every request (no address here depends on
the language or the request). `{% url %}` (`core/templatetags/kept_urls.py`), the inquiry
list's, the forwarding overview's and the person's page's rows and the main menu write theirs
from these patterns.
"""

from typing import Any

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Stand-ins for the arguments: numbers no row has, each found once in the reversed address.
_STAND_IN = 2147480001
_patterns: dict[tuple[Any, ...], str | None] = {}


def address_pattern(view_name: str, count: int, current_app: str | None) -> str | None:
    """The address of `view_name` with `count` whole-number arguments as a `str.format`
    pattern ("/inquiries/{0}/"), reversed once per process, script prefix and URL
    configuration; None where it cannot be written so (Django's `reverse` then decides)."""
    key = (view_name, count, current_app, get_script_prefix(), get_urlconf())
    try:
        return _patterns[key]
    except KeyError:
        pass
    stand_ins = [str(_STAND_IN + index) for index in range(count)]
    try:
        address = reverse(view_name, args=stand_ins, current_app=current_app)
    except NoReverseMatch:
        pattern = None
    else:
        pattern = address.replace("{", "{{").replace("}", "}}")
        for index, stand_in in enumerate(stand_ins):
            if pattern.count(stand_in) != 1:
                pattern = None
                break
            pattern = pattern.replace(stand_in, f"{{{index}}}")
    _patterns[key] = pattern
    return pattern
