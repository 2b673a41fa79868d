"""`{% translate "…" %}` writes from the kept translations what Django's own tag writes."""

from pathlib import Path

import pytest
from django.template import Context, Engine, engines
from django.templatetags.i18n import TranslateNode
from django.test import override_settings
from django.utils import translation

from borgerraadgiver.core.templatetags.kept_i18n import KeptTranslateNode, _kept

ENGINE = engines["django"].engine


def djangos_engine() -> Engine:
    """The project's template engine as Django makes it, with Django's own `i18n` library."""
    options = {
        "dirs": ENGINE.dirs,
        "app_dirs": ENGINE.app_dirs,
        "context_processors": [],
        "builtins": [],
        "libraries": {"i18n": "django.templatetags.i18n"},
    }
    return Engine(**options)


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
    compared = 0
    for name in NAMES:
        for node in ENGINE.get_template(name).nodelist.get_nodes_by_type(KeptTranslateNode):
            djangos = TranslateNode(
                node.filter_expression, node.noop, node.asvar, node.message_context
            )
            for autoescape in (True, False):
                with translation.override(language):
                    expected = Context({}, autoescape=autoescape)
                    written = djangos.render(expected)
                    for _ in "ab":  # the second time from the kept texts
                        context = Context({}, autoescape=autoescape)
                        shown = node.render(context)
                        assert shown == written, (name, node.text)
                        assert type(shown) is type(written)
                        if node.asvar:
                            assert context[node.asvar] == expected[node.asvar]
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


def test_a_changed_translation_folder_forgets_the_kept_texts(tmp_path):
    with translation.override("da"):
        engines["django"].from_string('{% load i18n %}{% translate "Log out" %}').render({})
    assert _kept
    with override_settings(LOCALE_PATHS=[str(tmp_path)]):
        assert not _kept


KEPT_IN_DJANGOS_PLACE = {
    "'i18n' is used for multiple template tag modules: "
    "'borgerraadgiver.core.templatetags.kept_i18n', 'django.templatetags.i18n'",
    "'static' is used for multiple template tag modules: "
    "'borgerraadgiver.core.templatetags.kept_static', 'django.templatetags.static'",
}


def test_no_other_template_library_shares_a_name():
    """What Django's check templates.W003 (silenced for the kept libraries) would say of others."""
    backend = engines["django"]
    warned = {warning.msg for warning in backend._check_for_template_tags_with_the_same_name()}
    assert warned == KEPT_IN_DJANGOS_PLACE
    assert ENGINE.libraries["i18n"] == "borgerraadgiver.core.templatetags.kept_i18n"
    assert ENGINE.libraries["static"] == "borgerraadgiver.core.templatetags.kept_static"
