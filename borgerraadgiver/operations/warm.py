"""What each web worker would otherwise do on its first requests, done once before it is forked.

`serve` loads the app in gunicorn's master and forks the workers from it (`preload_app`), and a
worker is replaced after some 2,000 requests (`max_requests`). A new worker used to import
every view, read both languages' translations, compile the URL patterns and every template it
drew on its first requests: its first inquiry list took half a second of CPU instead of ten
milliseconds, and that was paid again by every replacement, on every worker (issue 18,
bench/README.md, "Twenty-first pass"). Done here, in the master, the workers are born with it.

Nothing here reads the database: a connection opened in the master would be shared by every
worker forked from it. A template or calendar that fails here is logged and left to fail where
it is used, as it did before: the warm-up saves time, and must not stop the server starting.
"""

import datetime
import gc
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.template import engines
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone, translation

from borgerraadgiver.forwarding import deadlines

# The files of the project's own template folders: pages, e-mails' texts, and the report's
# stylesheet (drawn with the page's margins).
TEMPLATE_SUFFIXES = {".html", ".txt", ".css"}
PACKAGE_DIR = Path(__file__).resolve().parents[1]

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Import the views, read the translations, compile the URL patterns and the templates."""
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # reads the language's catalogues
            resolver.reverse_dict  # noqa: B018 (the reverse lookups, made per language)
            _compile_patterns(resolver.url_patterns)
    for engine in engines.all():
        for name in _template_names(engine.template_dirs):
            _compile(engine.get_template, name)
    renderer = get_default_renderer()
    if isinstance(renderer, DjangoTemplates):  # the forms' own engine
        for name in _template_names(renderer.engine.template_dirs, under="django/forms"):
            _compile(renderer.get_template, name)
    # The public holidays (the `holidays` package imports every country's calendar on first use).
    today = timezone.localdate()
    try:
        for year in (today.year, today.year + 1):
            deadlines.is_working_day(datetime.date(year, 1, 1))
    except Exception:
        logger.exception("The public holidays could not be read before the workers started")


def freeze() -> None:
    """Leave what the master has made out of the garbage collector's work from now on: a
    worker's full collections no longer walk it, nor copy its memory pages by touching them."""
    gc.collect()
    gc.freeze()


def _compile(get_template: Callable[[str], object], name: str) -> None:
    try:
        get_template(name)
    except Exception:
        logger.exception("The template %s could not be compiled before the workers started", name)


def _compile_patterns(patterns: list[URLPattern | URLResolver]) -> None:
    for pattern in patterns:
        pattern.pattern.regex  # noqa: B018 (compiled on first reading, per language)
        if isinstance(pattern, URLResolver):
            pattern.reverse_dict  # noqa: B018
            _compile_patterns(pattern.url_patterns)


def _template_names(folders: tuple[Path | str, ...], under: str = "") -> Iterator[str]:
    """The project's templates in `folders` (all of them under `under`, Django's form widgets)."""
    for folder in map(Path, folders):
        if not (under or folder.resolve().is_relative_to(PACKAGE_DIR)):
            continue
        for file in sorted((folder / under).rglob("*")):
            if file.suffix in TEMPLATE_SUFFIXES:
                yield file.relative_to(folder).as_posix()
