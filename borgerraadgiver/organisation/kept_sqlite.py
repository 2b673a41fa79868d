"""SQLite's side of `organisation.kept`: the tokens' table and a trigger on every kept table.

PostgreSQL's are made by the migrations (organisation/0011 to /0013, accounts/0008 to /0010,
intake/0004) and kept by `ALTER TABLE`; a migration that rebuilds a table on SQLite drops its
triggers, so `lists_version_ensure` runs after every `migrate`.
"""

from collections.abc import Iterator
from typing import Any

from django.db import connections

from borgerraadgiver.organisation.kept import LISTS, TABLE, TOKEN_OF

# SQLite's table: before the groups it held one row (`CHECK (id = 1)`) and is made again.
_SQLITE_TABLE = (
    f"CREATE TABLE {TABLE} (id integer PRIMARY KEY CHECK (id BETWEEN 1 AND 3), token text NOT NULL)"
)
_SQLITE_NEW_TOKENS = (
    f"INSERT OR REPLACE INTO {TABLE} (id, token) VALUES "  # noqa: S608 - a constant
    + ", ".join(f"({group}, lower(hex(randomblob(16))))" for group in (1, 2, 3))
    + ";"
)


def _sqlite_trigger_token(group: int) -> str:
    """What SQLite's triggers run: an upsert, because a trigger's statement takes the conflict
    clause of the statement that fired it, and an INSERT OR REPLACE fired by Django's INSERT OR
    IGNORE (a manager's `add()`, `bulk_create(ignore_conflicts=True)`) became an ignored insert."""
    return (
        f"INSERT INTO {TABLE} (id, token) VALUES ({int(group)}, lower(hex(randomblob(16)))) "  # noqa: S608 - a constant
        "ON CONFLICT (id) DO UPDATE SET token = excluded.token;"
    )


def _sqlite_triggers() -> Iterator[tuple[str, str]]:
    """Each trigger's name and its `CREATE TRIGGER` statement, as SQLite keeps it."""
    for table in sorted(LISTS):
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"{table}_{event.lower()}_lists_version"
            body = f"AFTER {event} ON {table} BEGIN {_sqlite_trigger_token(TOKEN_OF[table])} END"
            yield name, f"CREATE TRIGGER {name} {body}"


def lists_version_ensure(using: str = "default") -> bool:
    """SQLite: the tokens' table and every kept table's triggers exist as written here; True
    when any was missing or different (then with new tokens, as a list may have changed while
    its trigger was gone). A migration that rebuilds a table on SQLite drops its triggers, so
    this runs after every `migrate`. PostgreSQL's are made by the migrations (organisation/0011
    to /0013, accounts/0008 to /0010, intake/0004) and kept by `ALTER TABLE`."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        if not present >= LISTS:
            return False  # migrated back before the lists existed
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')")
        made = dict(cursor.fetchall())
        if made.get(TABLE) != _SQLITE_TABLE:
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
            cursor.execute(_SQLITE_TABLE)
        # Missing, or made by an earlier version (one token; INSERT OR REPLACE, ignored at times).
        missing = [(name, sql) for name, sql in _sqlite_triggers() if made.get(name) != sql]
        for name, sql in missing:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(sql)
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")  # noqa: S608 - a constant
        if missing or cursor.fetchone()[0] != len(set(TOKEN_OF.values())):
            cursor.execute(_SQLITE_NEW_TOKENS)
    return bool(missing)


def after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: SQLite's triggers exist whatever the migrations rebuilt."""
    lists_version_ensure(using)
