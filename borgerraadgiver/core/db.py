"""Database functions that behave the same on SQLite and PostgreSQL."""

from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import Func


class UnicodeLower(Func):
    """LOWER() that folds Æ, Ø, Å and every other letter, on SQLite too.

    SQLite's own LOWER() and LIKE fold only ASCII letters, so a search for "ørsted" would miss
    "Ørsted". PostgreSQL's LOWER() folds all of Unicode already.
    """

    function = "LOWER"

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, function="BR_LOWER", **extra_context)


def _register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "BR_LOWER",
            1,
            lambda value: value.lower() if value is not None else None,
            deterministic=True,
        )


def connect_signals() -> None:
    connection_created.connect(_register_sqlite_functions, dispatch_uid="br_sqlite_functions")
