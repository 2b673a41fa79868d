"""`{% translate "…" %}` writes from the kept translations what Django's own tag writes."""

from pathlib import Path

import pytest
from django.core.signals import setting_changed
from django.template import Context, Engine, engines
from django.template.backends.django import get_installed_libraries
from django.templatetags.i18n import TranslateNode
from django.test import override_settings
from django.utils import translation
from django.utils.autoreload import file_changed

from borgerraadgiver.core.templatetags.kept_i18n import KeptTranslateNode, _kept

ENGINE = engines["django"].engine


def djangos_engine() -> Engine:
    """The project's template engine as Django makes it: Django's own `i18n` and `static`."""
    libraries = {
        **get_installed_libraries(),
        "i18n": "django.templatetags.i18n",
        "static": "django.templatetags.static",
    }
    return Engine(dirs=ENGINE.dirs, app_dirs=ENGINE.app_dirs, libraries=libraries)


@pytest.fixture(autouse=True)
def no_kept_texts():
    """Each test starts with nothing kept, so that its first drawing is the kept tag's own."""
    _kept.clear()


def template_names() -> list[str]:
    """Every template of the project's own folders that loads the i18n library."""
    names = []
    for loader in ENGINE.template_loaders:
        for directory in loader.get_dirs():
            folder = Path(directory)
            if "borgerraadgiver" not in folder.parts:
                continue
            for path in folder.rglob("*"):
                if path.suffix in {".html", ".txt"} and "i18n" in path.read_text("utf-8"):
                    names.append(str(path.relative_to(folder)))
    return sorted(set(names))


NAMES = template_names()


def test_the_translate_tag_of_every_template_is_the_kept_one():
    compiled = engines["django"].from_string('{% load i18n %}{% translate "Log out" %}')
    assert isinstance(compiled.template.nodelist[1], KeptTranslateNode)
    assert len(NAMES) > 50  # the project's templates were found


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_translated_text_of_the_templates_is_the_one_django_writes(language):
    """Each template compiled twice, by the project's engine and by Django's as it comes; the
    kept tag draws first, then again from what it kept, then Django's."""
    djangos_templates, compared = djangos_engine(), 0
    for name in NAMES:
        kept_nodes = ENGINE.get_template(name).nodelist.get_nodes_by_type(KeptTranslateNode)
        djangos_nodes = djangos_templates.get_template(name).nodelist.get_nodes_by_type(
            TranslateNode
        )
        assert len(kept_nodes) == len(djangos_nodes), name
        for node, djangos in zip(kept_nodes, djangos_nodes, strict=True):
            assert not isinstance(djangos, KeptTranslateNode)
            for autoescape in (True, False):
                with translation.override(language):
                    shown = []
                    for _ in "ab":
                        context = Context({}, autoescape=autoescape)
                        shown.append((node.render(context), context.get(node.asvar or "-")))
                    expected = Context({}, autoescape=autoescape)
                    written = (djangos.render(expected), expected.get(node.asvar or "-"))
                assert shown == [written, written], (name, node.text)
                assert type(shown[0][0]) is type(written[0])
                assert type(shown[0][1]) is type(written[1])
                compared += 1
    assert compared > 400


CASES = [
    '{% translate "Log out" %}',
    '{% translate "Log out" as text %}[{{ text }}]',
    '{% trans "Language" %}',
    '{% translate "100% sure" %}',
    '{% translate "100%% sure" %}',
    '{% translate "" %}',
    '{% translate "<b>" %}',
    '{% translate "Log out" noop %}',
    '{% translate "Log out"|upper %}',
    '{% translate "May" context "month name" %}',
    "{% translate word %}",
    '{% translate "Log out" %}{% language "en" %}{% translate "Log out" %}{% endlanguage %}'
    '{% translate "Log out" %}',
    '{% autoescape off %}{% translate "<b>" %}{% endautoescape %}',
]


@pytest.mark.parametrize("source", CASES)
@pytest.mark.parametrize("language", ["da", "en"])
def test_each_way_of_writing_the_tag_writes_what_djangos_does(source, language):
    source = "{% load i18n %}" + source
    context = {"word": "Log out <b>"}
    with translation.override(language):
        expected = djangos_engine().from_string(source).render(Context(context))
        for _ in "ab":
            assert engines["django"].from_string(source).render(context) == expected


def keep_a_text() -> None:
    with translation.override("da"):
        engines["django"].from_string('{% load i18n %}{% translate "Log out" %}').render({})
    assert _kept


@pytest.mark.parametrize(
    "changed",
    [
        {"LOCALE_PATHS": []},
        {"LANGUAGE_CODE": "en"},
        {"LANGUAGES": [("da", "Dansk"), ("en", "English"), ("de", "Deutsch")]},
    ],
)
def test_changed_translation_settings_forget_the_kept_texts(changed):
    keep_a_text()
    with override_settings(**changed):
        assert not _kept


def test_changed_installed_apps_forget_the_kept_texts():
    """As `modify_settings(INSTALLED_APPS=…)` signals it (without changing the apps here)."""
    keep_a_text()
    setting_changed.send(sender=None, setting="INSTALLED_APPS", value=[], enter=True)
    assert not _kept


def test_a_changed_catalogue_seen_by_the_development_server_forgets_the_kept_texts(tmp_path):
    keep_a_text()
    answers = file_changed.send(sender=None, file_path=tmp_path / "django.po")
    assert _kept  # a .po file changes nothing until it is compiled
    answers = file_changed.send(sender=None, file_path=tmp_path / "django.mo")
    assert not _kept
    # Django's own receiver answers that it read the catalogue again; this one answers nothing
    assert [
        answer for receiver, answer in answers if receiver.__module__.endswith("catalogues")
    ] == [None]


def test_a_number_is_djangos_tag():
    compiled = engines["django"].from_string("{% load i18n %}{% translate 5 %}")
    assert compiled.template.nodelist[1].text is None
