"""`{% static %}` writes from the kept addresses what Django's own tag writes."""

import json

import pytest
from django.core.files.storage import storages
from django.template import Context, Engine, engines
from django.test import override_settings

from borgerraadgiver.core.templatetags import kept_static
from borgerraadgiver.core.templatetags.kept_static import KeptStaticNode

MANIFEST = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
NAMES = {
    "css/app.css": "css/app.1a2b3c.css",
    "fonts/æble ø.woff2": "fonts/æble ø.4d5e6f.woff2",
    "js/a&b.js": "js/a&b.7a8b9c.js",
}
SOURCES = [
    "{% static 'css/app.css' %}",
    "{% static 'fonts/æble ø.woff2' %}",
    "{% static 'js/a&b.js' %}",
    "{% static 'css/app.css' as address %}[{{ address }}]",
    "{% static name %}",
    "{% autoescape off %}{% static 'js/a&b.js' %}{% endautoescape %}",
    "{% static 'css/app.css?#iefix' %}",
    "{% static 'fonts/' %}",
]


def djangos(source: str, context: dict[str, str]) -> str:
    engine = Engine(libraries={"static": "django.templatetags.static"})
    return engine.from_string("{% load static %}" + source).render(Context(context))


def kept(source: str, context: dict[str, str]) -> str:
    return engines["django"].from_string("{% load static %}" + source).render(context)


@pytest.fixture
def manifest(tmp_path, settings):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": NAMES, "hash": "h1"}), encoding="utf-8"
    )
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    settings.DEBUG = False
    return storages["staticfiles"]


def test_the_static_tag_of_every_template_is_the_kept_one():
    compiled = engines["django"].from_string("{% load static %}{% static 'css/app.css' %}")
    assert isinstance(compiled.template.nodelist[1], KeptStaticNode)


@pytest.mark.parametrize("source", SOURCES)
def test_with_a_manifest_each_address_is_the_one_django_writes(manifest, source):
    context = {"name": "fonts/æble ø.woff2"}
    expected = djangos(source, context)
    assert kept(source, context) == expected
    assert kept(source, context) == expected  # from the kept addresses


def test_the_addresses_come_from_the_manifest_and_are_kept(manifest):
    assert kept("{% static 'css/app.css' %}", {}) == "/static/css/app.1a2b3c.css"
    assert kept_static._slot is not None and kept_static._slot[0] is manifest
    assert "css/app.css" in kept_static._slot[2]


def test_a_file_the_manifest_does_not_name_is_refused_each_time(manifest):
    for _ in "ab":
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            kept("{% static 'css/gone.css' %}", {})


def test_new_names_from_collectstatic_give_new_addresses(manifest):
    assert kept("{% static 'css/app.css' %}", {}) == "/static/css/app.1a2b3c.css"
    manifest.hashed_files = {**NAMES, "css/app.css": "css/app.999999.css"}  # as post_process
    manifest.save_manifest()
    assert kept("{% static 'css/app.css' %}", {}) == "/static/css/app.999999.css"


def test_another_static_url_gives_other_addresses(manifest, settings):
    assert kept("{% static 'css/app.css' %}", {}) == "/static/css/app.1a2b3c.css"
    settings.STATIC_URL = "/filer/"
    assert kept("{% static 'css/app.css' %}", {}) == "/filer/css/app.1a2b3c.css"


@pytest.mark.parametrize("source", SOURCES)
def test_in_debug_and_without_a_manifest_each_address_is_djangos(manifest, settings, source):
    context = {"name": "fonts/æble ø.woff2"}
    settings.DEBUG = True
    assert kept(source, context) == djangos(source, context)
    settings.DEBUG = False
    with override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        assert kept(source, context) == djangos(source, context)
        assert kept("{% static 'css/gone.css' %}", {}) == "/static/css/gone.css"
