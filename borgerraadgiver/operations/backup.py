"""Backups: the database and the uploaded files in one tar file, with a manifest of checksums.

    manifest.json        format, time, database vendor, applied migrations, sha256 of each file
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    database.pgdump      PostgreSQL: `pg_dump --format=custom`
    media/...            the files under MEDIA_ROOT (attachments)

Making a backup is safe while the app runs: SQLite's backup API and pg_dump each read one
consistent snapshot. Restoring checks every checksum and the database copy's integrity before it
touches anything, then replaces the database in one step (SQLite's backup API into the live
database; `pg_restore --single-transaction`) and then the media folder.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    vendor: str
    database_bytes: int
    media_files: int
    media_bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> dict[str, str]:
    """libpq's environment for the app's PostgreSQL database (no password on a command line)."""
    conf = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if conf.get(key):
            env[name] = str(conf[key])
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    env["PGDATABASE"] = str(conf["NAME"])
    return env


def _pg_tool(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise BackupError(f"{tool} is not installed (Debian: apt install postgresql-client-15).")
    return path


def _pg_check_versions(tool: str) -> None:
    """pg_dump/pg_restore must be at least the server's major version."""
    output = subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
        [_pg_tool(tool), "--version"], capture_output=True, text=True, check=True
    ).stdout
    tool_major = int(output.split()[-1].split(".")[0])
    server_major = connection.cursor().connection.info.server_version // 10000
    if tool_major < server_major:
        raise BackupError(
            f"{tool} {tool_major} is older than the PostgreSQL server {server_major}: "
            f"install postgresql-client-{server_major}."
        )


def _applied_migrations() -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [list(row) for row in cursor.fetchall()]


def _dump_database(target: Path) -> str:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        destination = sqlite3.connect(target)
        try:
            # Copies a consistent snapshot page by page; writers may carry on meanwhile.
            connection.connection.backup(destination)
        finally:
            destination.close()
        return SQLITE_NAME
    if connection.vendor == "postgresql":
        _pg_check_versions("pg_dump")
        result = subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
            [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target)],
            env=_pg_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return PG_NAME
    raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def backup_create(*, path: Path, now: datetime.datetime) -> BackupSummary:
    """Write the database and the media files to `path` (a .tar, or .tar.gz).

    Written to a temporary file beside `path` and renamed when complete, so a backup that is
    interrupted never leaves a half-written file under the real name.
    """
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="borgerraadgiver-backup-", dir=path.parent) as tmp:
        tmpdir = Path(tmp)
        dump = tmpdir / "database"
        name = _dump_database(dump)
        files: dict[str, dict[str, Any]] = {
            name: {"sha256": _sha256(dump), "bytes": dump.stat().st_size}
        }
        media = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
        )
        for file in media:
            arcname = "media/" + file.relative_to(media_root).as_posix()
            files[arcname] = {"sha256": _sha256(file), "bytes": file.stat().st_size}
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "vendor": connection.vendor,
            "migrations": _applied_migrations(),
            "files": files,
        }
        manifest_path = tmpdir / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        partial = tmpdir / "backup.partial"
        compressed = path.name.endswith((".tar.gz", ".tgz"))
        with tarfile.open(partial, "w:gz" if compressed else "w") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            tar.add(dump, arcname=name)
            for file in media:
                tar.add(file, arcname="media/" + file.relative_to(media_root).as_posix())
        os.chmod(partial, 0o600)  # personal data: readable by the service's user only
        os.replace(partial, path)
    return BackupSummary(
        path=path,
        vendor=connection.vendor,
        database_bytes=files[name]["bytes"],
        media_files=len(media),
        media_bytes=sum(files[f]["bytes"] for f in files if f.startswith("media/")),
    )


def _extract_verified(path: Path, into: Path) -> dict[str, Any]:
    """Unpack the backup and check every file against the manifest; BackupError if not."""
    try:
        with tarfile.open(path, "r:*") as tar:
            tar.extractall(into, filter="data")  # no absolute paths, links out or devices
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{path} is not a readable backup: {error}") from error
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} has no readable manifest.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {MANIFEST}
    if present != set(manifest["files"]):
        raise BackupError("The backup's files do not match its manifest.")
    for name, expected in manifest["files"].items():
        if _sha256(into / name) != expected["sha256"]:
            raise BackupError(f"{name} in the backup is damaged (checksum differs).")
    return manifest


def _restore_sqlite(dump: Path) -> None:
    source = sqlite3.connect(dump)
    try:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("The database in the backup fails SQLite's integrity check.")
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise BackupError("Restore cannot run inside a transaction.")
        # Replaces the live database's content in one step, under SQLite's own locks: a
        # running app waits (busy timeout) and then reads the restored data.
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_postgres(dump: Path) -> None:
    _pg_check_versions("pg_restore")
    connection.close()  # our own session must not hold locks on the tables to be replaced
    result = subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            str(connection.settings_dict["NAME"]),
            str(dump),
        ],
        env=_pg_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed, nothing was changed: {result.stderr.strip()}")


def _replace_media(extracted: Path, media_root: Path) -> None:
    """Swap the media folder for the backup's: renamed aside first, removed when done."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    aside = media_root.with_name(media_root.name + ".before-restore")
    if aside.exists():
        shutil.rmtree(aside)
    if media_root.exists():
        os.replace(media_root, aside)
    if extracted.is_dir():
        shutil.move(str(extracted), str(media_root))
    else:
        media_root.mkdir()
    if aside.exists():
        shutil.rmtree(aside)


@dataclass(frozen=True)
class RestoreSummary:
    vendor: str
    created_at: str
    media_files: int
    migrations_missing: int  # in the code, not applied in the backup: run `migrate`


def backup_restore(*, path: Path) -> RestoreSummary:
    """Replace the database and the media files with the backup's, after checking it whole.

    Refuses a backup of another database vendor, a damaged file, or an SQLite copy that fails
    `PRAGMA integrity_check`; nothing is changed then. Stop the app while restoring
    (docs/deployment.md): sessions and forms open during a restore refer to the old data.
    """
    path = path.resolve()
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    scratch = Path(settings.MEDIA_ROOT).resolve().parent
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="borgerraadgiver-restore-", dir=scratch) as tmp:
        into = Path(tmp)
        manifest = _extract_verified(path, into)
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"The backup is of a {manifest['vendor']} database; this app uses "
                f"{connection.vendor}."
            )
        if connection.vendor == "sqlite":
            _restore_sqlite(into / SQLITE_NAME)
        else:
            _restore_postgres(into / PG_NAME)
        media_files = sum(1 for name in manifest["files"] if name.startswith("media/"))
        _replace_media(into / "media", Path(settings.MEDIA_ROOT))
    in_backup = {tuple(row) for row in manifest["migrations"]}
    on_disk = MigrationLoader(None, ignore_no_migrations=True).graph.nodes
    missing = sum(1 for node in on_disk if node not in in_backup)
    return RestoreSummary(
        vendor=manifest["vendor"],
        created_at=manifest["created_at"],
        media_files=media_files,
        migrations_missing=missing,
    )
