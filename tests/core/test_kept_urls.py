"""`{% url %}` writes from patterns kept per process the addresses Django's own tag writes."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from borgerraadgiver.core.templatetags.kept_urls import KeptURLNode, address_pattern


def _names(patterns, prefix=""):  # type: ignore[no-untyped-def]
    """Every URL name of the project, with its namespace, and how many arguments it takes."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _names(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry.pattern.regex.groups


NAMES = sorted(set(_names(get_resolver().url_patterns)))


def tag(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def test_the_url_tag_of_every_template_is_the_kept_one():
    compiled = engines["django"].from_string("{% url 'advisor:inquiry_list' %}")
    assert isinstance(compiled.template.nodelist[0], KeptURLNode)


@pytest.mark.parametrize(("name", "count"), NAMES)
def test_every_address_is_the_one_django_writes(name, count):
    for args in ([7] * count, [1, 42, 1234567][:count] or [], [2147480001 + 5] * count):
        arguments = " ".join(str(arg) for arg in args)
        try:
            expected = reverse(name, args=args)
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                tag(f"{{% url '{name}' {arguments} %}}")
        else:
            assert tag(f"{{% url '{name}' {arguments} %}}") == expected
            assert tag(f"{{% url '{name}' {arguments} as address %}}{{{{ address }}}}") == (
                expected
            )


def test_the_project_has_names_with_arguments_to_compare():
    assert ("advisor:inquiry_detail", 1) in NAMES
    assert address_pattern("advisor:inquiry_detail", 1, None) == "/inquiries/{0}/"


def test_what_is_no_number_is_left_to_djangos_tag():
    # a string, a bool and a keyword argument: as Django writes (or refuses) them
    assert tag("{% url 'advisor:inquiry_detail' '12' %}") == reverse(
        "advisor:inquiry_detail", args=["12"]
    )
    assert tag("{% url 'advisor:inquiry_detail' pk=12 %}") == "/inquiries/12/"
    with pytest.raises(NoReverseMatch):
        tag("{% url 'advisor:inquiry_detail' flag %}", flag=True)
    with pytest.raises(NoReverseMatch):
        tag("{% url 'no_such_page' 3 %}")
    assert tag("{% url 'no_such_page' 3 as address %}[{{ address }}]") == "[]"


def test_the_admin_sites_namespace_is_kept_apart():
    request = RequestFactory().get("/")
    request.current_app = "admin"
    source = "{% url 'admin:index' %}"
    compiled = engines["django"].from_string(source)
    assert compiled.render({}, request) == reverse("admin:index", current_app="admin")
