"""`get_FOO_display()` with each field's choices translated once a process (issue 18).

Django's makes a dictionary of the field's choices on every call, hashing each lazily
translated name, and so translating every choice to find one: 12–22 µs a call, and the inquiry
page, the person page and the forwarding overview call it for every row of their timelines and
tables. This one keeps, for each field and language, the names by value; the same answers
(`tests/core/test_displays.py` compares with Django's for every field of every model, in each
language). A field whose choices are a callable is Django's own: they may change.
"""

from collections.abc import Iterable
from functools import partialmethod
from typing import Any

from django.apps import apps
from django.db.models import Field, Model
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

from borgerraadgiver.core.catalogues import forget_with_catalogues

# (field, language) → the choices' names by value, as strings.
_names: dict[tuple[Field[Any, Any], str | None], dict[Any, Any]] = {}
forget_with_catalogues(_names.clear)
_NOT_A_CHOICE = object()


def field_display(instance: Model, field: Field[Any, Any]) -> Any:
    """What Django's `Model._get_FIELD_display` gives."""
    value = getattr(instance, field.attname)
    key = (field, translation.get_language())
    names = _names.get(key)
    if names is None:
        names = _names[key] = {
            choice: force_str(name, strings_only=True)
            for choice, name in make_hashable(field.flatchoices)
        }
    name = names.get(make_hashable(value), _NOT_A_CHOICE)
    return force_str(value, strings_only=True) if name is _NOT_A_CHOICE else name


def install(models: Iterable[type[Model]] | None = None) -> None:
    """In the place of the `get_FOO_display` Django made for each field with fixed choices (of
    every installed model, by default)."""
    for model in apps.get_models(include_auto_created=True) if models is None else models:
        for field in model._meta.get_fields():
            name = f"get_{getattr(field, 'name', '')}_display"
            made = model.__dict__.get(name)
            if (
                isinstance(made, partialmethod)
                and made.func is Model._get_FIELD_display  # type: ignore[attr-defined]
                and isinstance(getattr(field, "choices", None), (list, tuple))
            ):
                setattr(model, name, partialmethod(field_display, field=field))
