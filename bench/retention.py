"""How long does apply_retention take, and how many queries, on a large register?

    .venv/bin/python bench/retention.py [--inquiries 20000] [--years 1] [--archive]

Fills a fresh SQLite file in a temporary folder with the benchmark organisation and N inquiries
of `bench_data.py` (five years up to today, about 0.7 persons an inquiry, linked pairs), sets
Office.retention_years, and times `retention_apply` as on a day when every closed inquiry is
due: the dry run, then the removal (with --archive: the archive delivery first). It prints the
time and the number of queries of each, and per 1,000 inquiries removed.
"""

import argparse
import datetime
import os
import random
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inquiries", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--archive", action="store_true")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-retention-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.db'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "borgerraadgiver.config.settings.local"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(PROJECT_DIR))
    try:
        return run(args, work)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> int:
    import django

    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
    django.setup()

    import bench_data
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from borgerraadgiver.organisation.models import Office
    from borgerraadgiver.privacy.retention_services import retention_apply

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    today = datetime.date.today()
    org = bench_data.create_organisation(rng)
    plan = bench_data.plan_inquiries(rng, org, args.inquiries, today)
    bench_data.Inserter(rng, org).insert(plan, bench_data.Progress("inquiries", len(plan)))
    office = Office.load()
    office.retention_years = args.years
    office.save()
    day = today.replace(year=today.year + args.years + 1)
    print(f"{args.inquiries} inquiries on SQLite, {os.cpu_count()} cores; rule applied as on {day}")

    for dry_run in (True, False):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            run = retention_apply(
                today=day,
                now=timezone.now(),
                dry_run=dry_run,
                archive_to=work / "archive" if args.archive and not dry_run else None,
            )
        seconds = time.perf_counter() - started
        due = len(run.plan.due)
        label = "dry run" if dry_run else "removal" + (" with archive" if args.archive else "")
        print(
            f"{label}: {due} inquiries due, {seconds:.1f} s, {len(queries)} queries"
            + (
                f" ({seconds / due * 1000:.2f} s and {len(queries) / due * 1000:.0f} queries "
                "per 1,000 inquiries)"
                if due
                else ""
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
