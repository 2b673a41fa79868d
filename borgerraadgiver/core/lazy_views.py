"""Views named in a URL conf by their dotted path, imported when first used.

The API's views load DRF, its serializers and drf-spectacular (a quarter of a second): every
command that reads the URLs (`check`, and so `migrate`, `serve`'s checks) paid for them. A
`LazyView` in the URL conf imports its view when a request reaches it or when something asks the
view for an attribute (the middleware's `csrf_exempt`/`login_required`, drf-spectacular's `cls`),
not when the URLs are read. `check --deploy` imports every one of them, so a broken import still
shows before the app serves (`lazy_views_import`).
"""

import functools
from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register
from django.http import HttpRequest, HttpResponse

_ALL: list["LazyView"] = []


class LazyView:
    """`LazyView("borgerraadgiver.api.views.StatisticsView")` stands for `StatisticsView.as_view()`;
    `initkwargs` go to `as_view()`. A path to a function view names the function itself."""

    def __init__(self, dotted_path: str, **initkwargs: Any) -> None:
        self.dotted_path = dotted_path
        self.initkwargs = initkwargs
        _ALL.append(self)

    @functools.cached_property
    def view(self) -> Callable[..., HttpResponse]:
        module_name, _, name = self.dotted_path.rpartition(".")
        target: Any = getattr(import_module(module_name), name)
        if isinstance(target, type):
            return target.as_view(**self.initkwargs)  # type: ignore[attr-defined]
        return target

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.view(request, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        # Only for attributes this object lacks; an attribute set on it (such as
        # `login_required = True`) takes precedence over the view's own.
        if name.startswith("__") or name == "view":
            raise AttributeError(name)
        return getattr(self.view, name)

    def __repr__(self) -> str:
        return f"<LazyView {self.dotted_path}>"


@register(Tags.urls, deploy=True)
def lazy_views_import(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Every lazily named view can be imported (what a plain `check` no longer does)."""
    from django.urls import get_resolver  # noqa: PLC0415 - the URL conf names the views

    get_resolver().url_patterns  # noqa: B018 - reading the URL conf makes the LazyViews
    errors: list[CheckMessage] = []
    for lazy in _ALL:
        try:
            lazy.view  # noqa: B018 - importing it is the check
        except (ImportError, AttributeError) as error:
            errors.append(
                Error(
                    f"The view {lazy.dotted_path} cannot be loaded: {error}",
                    id="borgerraadgiver.E010",
                )
            )
    return errors
