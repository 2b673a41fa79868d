"""`{% url %}` writes from patterns kept per process the addresses Django's own tag writes."""

import pytest
from django.template import Context, RequestContext, engines
from django.test import RequestFactory
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse

from borgerraadgiver.core.templatetags.kept_urls import KeptURLNode, _current_app
from borgerraadgiver.core.urls import _patterns, address_pattern


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


VALUES = [0, 7, 1234567, 2147480001, 2147480002, 10**30, -1, -7, True, False, "12", "x"]


@pytest.mark.parametrize(("name", "count"), NAMES)
def test_every_address_is_the_one_django_writes(name, count):
    """For the ids a page gives, and for what Django refuses (a negative number, a bool)."""
    for value in VALUES:
        args = [value, *[1, 42][: max(count - 1, 0)]][:count]
        names = " ".join(f"a{index}" for index in range(count))
        context = {f"a{index}": arg for index, arg in enumerate(args)}
        written_as = tag(f"{{% url '{name}' {names} as address %}}[{{{{ address }}}}]", **context)
        try:
            expected = reverse(name, args=args)
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                tag(f"{{% url '{name}' {names} %}}", **context)
            assert written_as == "[]"
        else:
            assert tag(f"{{% url '{name}' {names} %}}", **context) == expected
            assert written_as == f"[{expected}]"


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


def test_the_namespace_is_found_as_djangos_tag_finds_it():
    """The admin site's name (a request's `current_app`, else the namespace of the page's own
    address) is part of what a pattern is kept under."""
    request = RequestFactory().get("/")
    assert _current_app(Context({})) is None
    request.resolver_match = resolve("/admin/")
    assert _current_app(RequestContext(request)) == "admin"
    request.current_app = "another-site"
    assert _current_app(RequestContext(request)) == "another-site"
    compiled = engines["django"].from_string("{% url 'admin:index' %}")
    assert compiled.render({}, request) == reverse("admin:index", current_app="another-site")
    assert ("admin:index", 0, "another-site") in {key[:3] for key in _patterns}
