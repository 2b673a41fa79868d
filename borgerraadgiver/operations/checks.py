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
from django.db import DatabaseError
from django.utils import timezone

from borgerraadgiver.operations.task_queue import queue_in_database, queue_state

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


@register(deploy=True)
def task_queue(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Long work needs the queue in the database and a worker that takes its tasks."""
    if not queue_in_database():
        return [
            Warning(
                "The task queue is not in the database (TASKS_BACKEND): web imports and "
                "report documents run inside the request, where the proxy's timeout may cut "
                "them off.",
                hint="Leave TASKS_BACKEND unset and run `borgerraadgiver db_worker` "
                "(deploy/borgerraadgiver-worker@.service, docs/deployment.md).",
                id="borgerraadgiver.W002",
            )
        ]
    try:
        state = queue_state(now=timezone.now())
    except DatabaseError:
        return []  # not migrated yet: `migrate` says so itself
    if not state.stalled:
        return []
    return [
        Warning(
            f"{state.stalled} task(s) have waited more than {state.limit_minutes} minutes for a "
            "worker: no worker seems to be running.",
            hint="Start one: systemctl enable --now borgerraadgiver-worker@1 (docs/deployment.md).",
            id="borgerraadgiver.W003",
        )
    ]
