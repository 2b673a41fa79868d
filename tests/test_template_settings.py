"""The template engine's settings (config/settings/templates_config.py): the kept libraries take
the places of Django's `i18n` and `static`, and no other library shares a name."""

from django.template import engines

ENGINE = engines["django"].engine

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
