"""System checks for how the app is deployed; `serve` and `check --deploy` both run them.

Behind a reverse proxy every request comes from the proxy's address. The login lock-out and the
web form's rate limit count by the client's address, so there they must read it from the header
the proxy sets; left at the connection's address, five wrong passwords from anywhere would lock
a user out for everyone, and five web-form messages would close the form to every citizen.
"""

import os
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

CLIENT_ADDRESS_SETTINGS = ("LOGIN_CLIENT_ADDRESS_HEADER", "INTAKE_CLIENT_ADDRESS_HEADER")
# Settings that earlier versions documented and that nothing reads any more.
RETIRED_ENVIRONMENT = {
    "AXES_IPWARE_PROXY_COUNT": "LOGIN_CLIENT_ADDRESS_HEADER and INTAKE_CLIENT_ADDRESS_HEADER",
}


def behind_proxy() -> bool:
    """The production settings trust the proxy's X-Forwarded-Proto when behind one."""
    return getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is not None


@register("security")
def client_address_behind_proxy(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Behind a proxy, the lock-out and the web form must count the client's address."""
    if not behind_proxy():
        return []
    return [
        Error(
            f"{name} is REMOTE_ADDR behind a reverse proxy, so every visitor has the proxy's "
            "address: failed logins and web-form messages from anyone would lock out everyone.",
            hint=f"Set {name}=HTTP_X_REAL_IP (deploy/nginx.conf sets X-Real-IP), or "
            "DJANGO_BEHIND_PROXY=false if gunicorn faces the network itself.",
            id="borgerraadgiver.E001",
        )
        for name in CLIENT_ADDRESS_SETTINGS
        if getattr(settings, name) == "REMOTE_ADDR"
    ]


@register("security")
def retired_environment(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A setting in the environment that nothing reads gives a false sense of safety."""
    return [
        Warning(
            f"{name} is set in the environment, but nothing reads it.",
            hint=f"Remove it; use {instead} instead (docs/deployment.md).",
            id="borgerraadgiver.W001",
        )
        for name, instead in RETIRED_ENVIRONMENT.items()
        if name in os.environ
    ]
