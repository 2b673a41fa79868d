"""The template engine's settings, read by base.py: Django's, with the tags and the form renderer
that draw the same HTML for less (issue 18)."""

from pathlib import Path
from typing import Any


def templates(package_dir: Path) -> list[dict[str, Any]]:
    return [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [package_dir / "templates"],
            "APP_DIRS": True,
            "OPTIONS": {
                # `{% url %}` reversed once per process for each name
                # (core/templatetags/kept_urls.py).
                "builtins": ["borgerraadgiver.core.templatetags.kept_urls"],
                # In the place of Django's own libraries: `i18n`, its `{% translate "…" %}` kept
                # per process and language (core/templatetags/kept_i18n.py), and `static`, its
                # addresses kept per process (core/templatetags/kept_static.py).
                "libraries": {
                    "i18n": "borgerraadgiver.core.templatetags.kept_i18n",
                    "static": "borgerraadgiver.core.templatetags.kept_static",
                },
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.template.context_processors.i18n",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                    "borgerraadgiver.organisation.context_processors.office",
                    "borgerraadgiver.accounts.context_processors.roles",
                    "borgerraadgiver.reports.context_processors.statistics",
                ],
            },
        },
    ]


# Django warns of a library named as another is (templates.W003): kept_i18n and kept_static
# are, on purpose. tests/test_template_settings.py fails on any other library that shares a name.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# Django's form renderer, with select boxes written in Python (core/renderers.py: the same HTML).
FORM_RENDERER = "borgerraadgiver.core.renderers.FormRenderer"
