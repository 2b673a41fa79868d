"""`check --deploy` (and `serve`) say what Digital Post lacks: the municipality's OCES3
certificate and CVR number for SF1601 (`sf1601.py`, docs/letters.md)."""

from typing import Any

from django.core.checks import CheckMessage, Info, Tags, register


@register(Tags.compatibility, deploy=True)
def digital_post_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Letters by Digital Post need the SF1601 settings; without them the channel is offered to
    no one and the letter page says why. Information, not a warning: an office may send by
    e-mail and post only, and a deployment check at the warning level passes without it."""
    # Loaded here: the MeMo models are heavy, and a plain `check` runs no deployment check.
    from borgerraadgiver.letters.sf1601 import sf1601_missing_settings  # noqa: PLC0415

    missing = sf1601_missing_settings()
    if not missing:
        return []
    return [
        Info(
            "Digital Post (SF1601) is not set up: " + ", ".join(missing) + " missing or not valid."
            " Letters can go by e-mail or post only.",
            hint="SF1601_CERTIFICATE: the path of the municipality's OCES3 certificate as one PEM "
            "file with its key; SF1601_CVR: the municipality's CVR number (8 digits). "
            "See docs/letters.md.",
            id="borgerraadgiver.I101",
        )
    ]
