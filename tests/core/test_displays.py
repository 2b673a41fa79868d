"""`get_FOO_display()` with the choices translated once a process (core.displays, issue 18):
Django's answers, for every field with choices of every model, in each language."""

from functools import partialmethod

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Model
from django.test import override_settings
from django.test.utils import isolate_apps
from django.utils import translation

from borgerraadgiver.core import displays
from borgerraadgiver.forwarding.models import Forwarding


def _fields_with_choices():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.choices:
                yield model, field


FIELDS = list(_fields_with_choices())


def test_the_app_has_fields_with_choices_and_each_display_is_the_kept_one():
    assert len(FIELDS) > 20
    for model, field in FIELDS:
        method = model.__dict__.get(f"get_{field.name}_display") or next(
            klass.__dict__[f"get_{field.name}_display"]
            for klass in model.__mro__
            if f"get_{field.name}_display" in klass.__dict__
        )
        assert isinstance(method, partialmethod)
        assert method.func is displays.field_display, (model, field.name)


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_choice_of_every_field_is_named_as_django_names_it(language):
    unknown = ["ikke-et-valg", 987654, None, ""]
    with translation.override(language):
        for model, field in FIELDS:
            for value in [choice for choice, _name in field.flatchoices] + unknown:
                instance = model()
                setattr(instance, field.attname, value)
                kept = getattr(instance, f"get_{field.name}_display")()
                django = Model._get_FIELD_display(instance, field)
                assert kept == django, (model, field.name, value)
                assert type(kept) is type(django)


def test_each_language_is_its_own():
    forwarding = Forwarding(kind=Forwarding.Kind.DIALOGUE)
    with translation.override("en"):
        assert forwarding.get_kind_display() == "Dialogue case"
    with translation.override("da"):
        assert forwarding.get_kind_display() != "Dialogue case"
    with translation.override("en"):
        assert forwarding.get_kind_display() == "Dialogue case"


def test_changed_languages_forget_the_kept_names():
    Forwarding(kind=Forwarding.Kind.DIALOGUE).get_kind_display()
    assert displays._names
    with override_settings(LANGUAGES=[("da", "Dansk")]):
        assert not displays._names


@isolate_apps("borgerraadgiver.core")
def test_a_field_whose_choices_are_a_callable_keeps_djangos():
    choices = [("a", "A")]

    class Changing(models.Model):
        letter = models.CharField(max_length=1, choices=lambda: choices)

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return self.letter

    displays.install([Changing])
    assert Changing.__dict__["get_letter_display"].func is Model._get_FIELD_display
    assert Changing(letter="b").get_letter_display() == "b"
    choices.append(("b", "B"))
    assert Changing(letter="b").get_letter_display() == "B"


@isolate_apps("borgerraadgiver.core")
def test_a_display_written_by_the_model_is_left_alone():
    class Written(models.Model):
        letter = models.CharField(max_length=1, choices=[("a", "A")])

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return self.letter

        def get_letter_display(self) -> str:
            return "skrevet"

    displays.install([Written])
    assert Written(letter="a").get_letter_display() == "skrevet"
