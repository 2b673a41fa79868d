"""The demo register, loaded once per test run and restored for each module that reads it.

Loading the demo (`borgerraadgiver demo`) takes seconds on SQLite and over ten on PostgreSQL, and
several modules read it. `capture` loads it once into the empty test database, keeps the rows of
every table the load changed (and the files it wrote to MEDIA_ROOT), and rolls the load back.
`restore` writes those rows back inside the caller's transaction: the database then holds what
the load would have left, with the same ids, and the caller rolls it back as it would a load.

The rows are copied as the database stores them (PostgreSQL's COPY, SQLite's own values), so no
model code runs on restore. Foreign keys are checked at commit (Django creates them deferrable),
so the order of the tables does not matter. `shared_snapshot` lets xdist's workers share one
capture through a file in the run's temporary directory.
"""

import fcntl
import io
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

Table = bytes | list[tuple]  # PostgreSQL: COPY's text; SQLite: the rows


@dataclass(frozen=True)
class DemoSnapshot:
    vendor: str
    tables: dict[str, Table]  # every table the load changed, whole, in the state it left
    media: dict[str, bytes] = field(default_factory=dict)  # files the load wrote, by path


def _read(table: str) -> Table:
    name = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {name} TO STDOUT") as copy:  # type: ignore[attr-defined]
                return b"".join(bytes(block) for block in copy)
        cursor.execute(f"SELECT * FROM {name}")  # noqa: S608 (a table name from introspection)
        return [tuple(row) for row in cursor.fetchall()]


def _write(table: str, content: Table) -> None:
    name = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {name} LIMIT 1")  # noqa: S608
        if cursor.fetchone():
            # E.g. the office's row from its migration, which the demo changes. Only tables
            # the load changed are here; the access log (append-only) is empty at this point.
            cursor.execute(f"DELETE FROM {name}")  # noqa: S608
        if isinstance(content, bytes):
            with cursor.cursor.copy(f"COPY {name} FROM STDIN") as copy:  # type: ignore[attr-defined]
                copy.write(content)
        elif content:
            marks = ", ".join(["%s"] * len(content[0]))
            cursor.executemany(f"INSERT INTO {name} VALUES ({marks})", content)  # noqa: S608


def _media_files() -> dict[str, Path]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)): p for p in root.rglob("*") if p.is_file()}


def capture() -> DemoSnapshot:
    """Load the demo into the (empty) test database, keep what it wrote, and roll it back."""
    tables = connection.introspection.django_table_names(only_existing=True)
    files_before = set(_media_files())
    with transaction.atomic():
        before = {table: _read(table) for table in tables}
        call_command("demo", stdout=io.StringIO())
        after = {table: _read(table) for table in tables}
        transaction.set_rollback(True)
    media = {
        name: path.read_bytes() for name, path in _media_files().items() if name not in files_before
    }
    changed = {table: rows for table, rows in after.items() if rows != before[table]}
    return DemoSnapshot(vendor=connection.vendor, tables=changed, media=media)


def restore(snapshot: DemoSnapshot) -> None:
    """Write the demo's rows into the database; call it inside a transaction that rolls back."""
    assert connection.in_atomic_block, "restore the demo inside a transaction that rolls back"
    assert snapshot.vendor == connection.vendor
    for table, content in snapshot.tables.items():
        _write(table, content)
    # PostgreSQL's sequences do not follow rows written with their ids (SQLite's do): set them
    # past the demo's ids, as loaddata does, so that a test can add rows of its own.
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in snapshot.tables
    ]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    # Each xdist worker has its own MEDIA_ROOT; the files stay, as after a load rolled back.
    root = Path(settings.MEDIA_ROOT)
    for name, content in snapshot.media.items():
        path = root / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


@contextmanager
def restored(snapshot: DemoSnapshot) -> Iterator[None]:
    """The demo register for the block: restored in a transaction rolled back at its end."""
    with transaction.atomic():
        restore(snapshot)
        yield
        transaction.set_rollback(True)


def shared_snapshot(directory: Path) -> DemoSnapshot:
    """The run's snapshot: captured by the first worker that asks, read from a file by the rest.

    `directory` is the run's temporary directory, which xdist's workers share.
    """
    path = directory / f"demo-{connection.vendor}.pickle"
    with open(directory / "demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits while the first one loads
        if path.exists():
            # A file this run wrote a moment ago in its own temporary directory.
            return pickle.loads(path.read_bytes())  # noqa: S301
        snapshot = capture()
        path.write_bytes(pickle.dumps(snapshot))
        return snapshot
