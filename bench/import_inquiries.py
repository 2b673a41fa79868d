"""How long does importing 100,000 inquiries take? The requirement: under a minute.

    .venv/bin/python bench/import_inquiries.py [--rows 100000] [--database sqlite|postgres]

Makes a fresh database (SQLite in a temporary directory, or the PostgreSQL database
`br_bench_import`, dropped and created again, and dropped at the end), loads the demo
organisation and lists (Hedensted's), writes a valid CSV of --rows inquiries received in 2023
and 2024 (1–3 reasons, some counted actions, 15 % forwarded with deadlines and answers), and
times `borgerraadgiver import_inquiries FILE --dry-run` and then the import itself, with the
progress bar on stderr. It then checks the counts in the database. See bench/README.md.
"""

import argparse
import csv
import datetime
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PG_DATABASE = "br_bench_import"
LIMIT_SECONDS = 60.0
COLUMNS = [
    "received_date",
    "area",
    "department",
    "reasons",
    "handling",
    "actions",
    "channel",
    "complainant",
    "closed_date",
    "forwarded_date",
    "deadline_date",
    "answered_date",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", action="store_true", help="keep the database and the CSV")
    return parser.parse_args()


def configure(args: argparse.Namespace, folder: Path) -> str:
    if args.database == "sqlite":
        url = f"sqlite:///{folder / 'bench.db'}"
    else:
        import psycopg

        with psycopg.connect(f"{args.postgres_url}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {PG_DATABASE}")
        url = f"{args.postgres_url}/{PG_DATABASE}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "borgerraadgiver.config.settings.local"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    return url


def write_csv(path: Path, rows: int, rng: random.Random) -> None:
    """Valid rows for the demo organisation: each department valid on its date."""
    from borgerraadgiver.organisation.models import (
        Action,
        Area,
        Department,
        HandlingType,
        Reason,
    )

    start = datetime.date(2023, 1, 1)
    days = (datetime.date(2024, 12, 31) - start).days + 1
    departments = list(Department.objects.select_related("area"))
    bare_areas = [a for a in Area.objects.all() if not a.departments.exists()]
    reasons = list(Reason.objects.values_list("name", flat=True))
    weights = [1 / (rank + 1) for rank in range(len(reasons))]
    handling = list(HandlingType.objects.values_list("name", "kind"))
    actions = list(Action.objects.values_list("name", flat=True))
    channels = ["phone", "email", "letter", "meeting", "web_form", "digital_post"]
    complainants = ["citizen", "citizen", "citizen", "company", "representative", "anonymous"]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for _ in range(rows):
            received = start + datetime.timedelta(days=rng.randrange(days))
            if rng.random() < 0.04:
                area, department = rng.choice(bare_areas).name, ""
                name, kind = handling[0]
            else:
                valid = [d for d in departments if d.is_valid_on(received)]
                chosen = rng.choice(valid)
                area, department = chosen.area.name, chosen.name
                name, kind = rng.choice(handling)
            picked = set(rng.choices(reasons, weights=weights, k=rng.randint(1, 3)))
            counted = rng.sample(actions, k=1) if rng.random() < 0.15 else []
            closed = received + datetime.timedelta(days=rng.randint(4, 60))
            closed_text = closed.isoformat() if closed <= datetime.date(2024, 12, 31) else ""
            forwarded = deadline = answered = ""
            if kind in ("dialogue", "forwarded") and department:
                sent = received + datetime.timedelta(days=rng.randint(0, 3))
                forwarded = sent.isoformat()
                if rng.random() < 0.5:
                    deadline = (sent + datetime.timedelta(days=21)).isoformat()
                if closed_text and rng.random() < 0.8:
                    reply = min(sent + datetime.timedelta(days=rng.randint(5, 30)), closed)
                    answered = max(reply, sent).isoformat()
            writer.writerow(
                [
                    received.isoformat(),
                    area,
                    department,
                    ";".join(sorted(picked)),
                    name,
                    ";".join(counted),
                    rng.choice(channels),
                    rng.choice(complainants),
                    closed_text,
                    forwarded,
                    deadline,
                    answered,
                ]
            )


def main() -> int:
    args = parse_args()
    sys.path.insert(0, str(PROJECT_DIR))
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    url = configure(args, folder)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from borgerraadgiver.demo.organisation import office_load, organisation_load
        from borgerraadgiver.forwarding.models import Forwarding
        from borgerraadgiver.inquiries.models import Inquiry, InquiryAction

        call_command("migrate", verbosity=0)
        office_load()
        organisation_load()
        path = folder / "inquiries.csv"
        started = time.perf_counter()
        write_csv(path, args.rows, random.Random(args.seed))
        print(
            f"{args.database}: wrote {args.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )

        started = time.perf_counter()
        call_command("import_inquiries", str(path), "--dry-run")
        dry = time.perf_counter() - started
        started = time.perf_counter()
        call_command("import_inquiries", str(path))
        real = time.perf_counter() - started

        inquiries = Inquiry.objects.count()
        links = Inquiry.reasons.through.objects.count()
        print(
            f"{connection.vendor}: {inquiries:,} inquiries, {links:,} reason links, "
            f"{InquiryAction.objects.count():,} counted actions, "
            f"{Forwarding.objects.count():,} forwardings"
        )
        print(f"dry run {dry:.1f} s, import {real:.1f} s")
        ok = inquiries == args.rows and real < LIMIT_SECONDS
        verdict = "PASS" if ok else "FAIL"
        print(f"{verdict}: {args.rows:,} rows imported in {real:.1f} s (< {LIMIT_SECONDS:.0f} s)")
        if args.keep:
            print(f"kept: DATABASE_URL={url} and {path}")
        return 0 if ok else 1
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(folder, ignore_errors=True)
            if args.database == "postgres":
                import psycopg

                with psycopg.connect(f"{args.postgres_url}/postgres", autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
