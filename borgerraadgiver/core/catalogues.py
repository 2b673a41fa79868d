"""What a process keeps of translated texts is forgotten when Django forgets its catalogues.

Django reads its translation catalogues again when a test changes the languages, the default
language, the translation folders or the installed apps, and when the development server sees a
changed `.mo` file (`make messages` while `make run` serves). Texts kept per language
(`core.templatetags.kept_i18n`, `organisation.drawing`) register here to be forgotten then.
"""

from collections.abc import Callable
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.autoreload import file_changed

CATALOGUE_SETTINGS = frozenset({"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"})

_forgetting: list[Callable[[], None]] = []


def forget_with_catalogues(forget: Callable[[], None]) -> None:
    """Call `forget` whenever Django forgets its catalogues."""
    _forgetting.append(forget)


def _forget_all() -> None:
    for forget in _forgetting:
        forget()


@receiver(setting_changed)
def _forget_on_setting(*, setting: str, **kwargs: Any) -> None:
    if setting in CATALOGUE_SETTINGS:
        _forget_all()


@receiver(file_changed)
def _forget_changed_catalogue(*, file_path: Any, **kwargs: Any) -> None:
    """The development server's reloader: Django reads a changed `.mo` again without a restart
    (`translation_file_changed`); this answers nothing, leaving the restart to Django's."""
    if file_path.suffix == ".mo":
        _forget_all()
