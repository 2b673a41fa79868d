"""SQLite's full-text index for the search: a trigram index of each inquiry's case number and
summary and each person's name and e-mail, so that "contains" is an index look-up, not a scan
of every row (PostgreSQL has trigram GIN indexes for the same, migration 0003).

The index tables are FTS5 tables with the trigram tokenizer (SQLite 3.34 or later), which
matches any substring of three characters or more, folding case for every letter (Æ, Ø, Å too).
They hold no copy of the text (`content=` the table itself); triggers keep them current. A
migration that rebuilds a table drops its triggers with it, so `text_index_ensure` runs after
every `migrate` and rebuilds an index whose triggers were missing.
"""

import functools
import logging
import sqlite3
from typing import Any

from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import RawSQL

logger = logging.getLogger("borgerraadgiver.search")

# The indexed table, its index and the columns indexed.
INDEXES = {
    "inquiries_inquiry": ("inquiries_inquiry_text", ("case_number", "summary")),
    "inquiries_person": ("inquiries_person_text", ("name", "email")),
}
# A term shorter than this has no trigram: it is looked for the slow way.
SHORTEST = 3


@functools.cache
def trigram_supported() -> bool:
    """Whether this Python's SQLite has FTS5 with the trigram tokenizer (SQLite 3.34 or later,
    as every current build has). Without it the search scans, as before the index existed."""
    try:
        sqlite3.connect(":memory:").execute(
            "CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')"
        )
    except sqlite3.Error:
        logger.warning("SQLite has no FTS5 trigram tokenizer: the search scans every row.")
        return False
    return True


def available(vendor: str | None = None) -> bool:
    return (vendor or connection.vendor) == "sqlite" and trigram_supported()


def phrase(text: str) -> str:
    """The term as one FTS5 phrase: matched as a substring, quotes taken literally.

    >>> phrase('Ole "Bole" Hansen')
    '"Ole ""Bole"" Hansen"'
    """
    return '"' + text.replace('"', '""') + '"'


def matching(table: str, terms: list[str], column: str | None = None) -> RawSQL | None:
    """The ids of `table`'s rows whose indexed text (or `column`) holds every term, as a
    subquery for `pk__in`; None when the index cannot answer (not SQLite, or a term too short).
    """
    if not available() or not terms or any(len(term) < SHORTEST for term in terms):
        return None
    index, _columns = INDEXES[table]
    prefix = f"{column} : " if column else ""
    query = " AND ".join(prefix + phrase(term) for term in terms)
    # The names come from INDEXES, never from input; the term is a parameter.
    sql = f"SELECT rowid FROM {index} WHERE {index} MATCH %s"  # noqa: S608
    return RawSQL(sql, [query])  # noqa: S611


def _triggers(table: str) -> dict[str, str]:
    index, columns = INDEXES[table]
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    # Names from INDEXES only.
    remove = f"INSERT INTO {index}({index}, rowid, {names}) VALUES ('delete', old.id, {old});"  # noqa: S608
    add = f"INSERT INTO {index}(rowid, {names}) VALUES (new.id, {new});"  # noqa: S608
    return {
        f"{index}_ai": f"AFTER INSERT ON {table} BEGIN {add} END",
        f"{index}_ad": f"AFTER DELETE ON {table} BEGIN {remove} END",
        f"{index}_au": f"AFTER UPDATE OF {names} ON {table} BEGIN {remove} {add} END",
    }


def text_index_ensure(db: BaseDatabaseWrapper) -> list[str]:
    """Create the indexes and their triggers where missing; rebuild an index whose triggers
    were missing (its rows may be stale). Returns the indexes rebuilt. Nothing on PostgreSQL."""
    if not available(db.vendor):
        return []
    rebuilt = []
    with db.cursor() as cursor:
        for table, (index, columns) in INDEXES.items():
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5("
                f"{', '.join(columns)}, content='{table}', content_rowid='id', "
                "tokenize='trigram')"
            )
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            present = {row[0] for row in cursor.fetchall()}
            missing = {name: body for name, body in _triggers(table).items() if name not in present}
            for name, body in missing.items():
                cursor.execute(f"CREATE TRIGGER {name} {body}")
            if missing:
                cursor.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")  # noqa: S608
                rebuilt.append(index)
    return rebuilt


def after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: the indexes exist and are current whatever the migrations rebuilt."""
    text_index_ensure(connections[using])
