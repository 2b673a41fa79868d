"""How fast is the report's statistics source with 1,000,000 inquiries, and the DOCX render?

    .venv/bin/python bench/report_statistics.py [--inquiries 1000000] [--database-url URL]
                                                [--year 2024] [--runs 5] [--keep]

Fills a fresh, separate database (default: a SQLite file in a temporary folder; or
--database-url / DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/br_bench_report, which
is dropped and created) in bulk: the benchmark organisation of `bench_data.py` (7 areas, 20
departments, 25 reasons, 7 handling types), N inquiries spread over five years up to --year with
1–3 reasons each, a counted action on about one in ten, and a closed forwarding behind every
dialogue case and forwarded complaint. Then it prints the time of `report_statistics` for the
report year (cold, and the median of --runs warm runs), its number of queries (also for a tiny
register, to show it does not grow), and the time of the DOCX render of that year.
Target: statistics under 1 second on SQLite and PostgreSQL. See bench/README.md.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
BATCH = 20_000
TARGET_SECONDS = 1.0
# Figure 2 of the 2024 report, as weights for the handling of each inquiry.
HANDLING_WEIGHTS = [74, 4, 4, 3, 4, 7, 4]
YEARS = 5


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inquiries", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="the database to fill (dropped first!); default: a temporary SQLite file",
    )
    parser.add_argument("--year", type=int, default=2024, help="the report year measured")
    parser.add_argument("--runs", type=int, default=5, help="warm runs; the median is printed")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--no-docx", action="store_true", help="skip the DOCX render")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure a database kept by an earlier --keep run (no drop, no fill)",
    )
    return parser.parse_args()


def configure(args: argparse.Namespace) -> tuple[str, Path | None]:
    """Make the fresh database and point Django at it, before django.setup()."""
    url, tmpfile = args.database_url, None
    if args.reuse:
        if not url:
            raise SystemExit("--reuse needs --database-url")
    elif not url:
        tmpfile = Path(tempfile.mkdtemp(prefix="bench-report-")) / "bench.db"
        url = f"sqlite:///{tmpfile}"
    if args.reuse:
        pass
    elif url.startswith("sqlite"):
        path = Path(urlsplit(url).path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        tmpfile = tmpfile or path
    else:
        import psycopg

        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        if not name.replace("_", "").isalnum():
            raise SystemExit(f"Unexpected database name {name!r}")
        server = url[: url.rindex("/")]
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name}")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "borgerraadgiver.config.settings.local"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(PROJECT_DIR))
    sys.path.insert(0, str(PROJECT_DIR / "bench"))
    return url, tmpfile


def drop(url: str, tmpfile: Path | None) -> None:
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmpfile}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(f"{url[: url.rindex('/')]}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def fill(rng: random.Random, count: int, year: int, org, *, offset: int = 0) -> None:  # type: ignore[no-untyped-def]
    """`count` inquiries over the five years up to the end of `year`, in bulk.

    Raw rows, no model instances: `imports.inquiry_writes.rows_insert` (executemany on SQLite,
    COPY on PostgreSQL), with the inquiries' ids given, so no read-back is needed.
    """
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone

    from borgerraadgiver.forwarding.models import Forwarding
    from borgerraadgiver.imports.inquiry_writes import rows_insert
    from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry, InquiryAction
    from borgerraadgiver.organisation.models import HandlingType

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")  # a throw-away database
    through = Inquiry.reasons.through
    first = datetime.date(year - YEARS + 1, 1, 1)
    days = (datetime.date(year, 12, 31) - first).days + 1
    areas = [a.pk for a in org.areas]
    reasons = [r.pk for r in org.reasons]
    reason_weights = [max(1, 25 - i) ** 2 for i in range(len(reasons))]
    handling = org.handling_types
    weights = HANDLING_WEIGHTS[: len(handling)]
    involved_kinds = (HandlingType.Kind.DIALOGUE, HandlingType.Kind.FORWARDED)
    departments_of = {a.pk: [d.pk for d in org.departments[a.pk]] for a in org.areas}
    department_weights = {a.pk: org.department_weights[a.pk] for a in org.areas}
    action_ids = [a.pk for a in org.actions]
    advisor_id = org.advisors[0].pk
    now = timezone.now()
    next_id = (Inquiry.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    inquiry_names = [
        "id",
        "case_number",
        "received_date",
        "channel",
        "complainant_kind",
        "area",
        "department",
        "handling_type",
        "status",
        "closed_date",
    ]
    forwarding_names = [
        "inquiry",
        "area",
        "department",
        "kind",
        "text",
        "status",
        "created_by",
        "sent_date",
        "sent_at",
        "deadline_date",
        "original_deadline_date",
        "answered_date",
        "closed_date",
        "outcome",
    ]
    anonymous, closed = ComplainantKind.ANONYMOUS.value, Inquiry.Status.CLOSED.value
    started = time.perf_counter()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        picked_areas = rng.choices(areas, org.area_weights, k=size)
        picked_handling = rng.choices(handling, weights, k=size)
        inquiries, links, actions, forwardings = [], [], [], []
        for i, (area_id, handling_type) in enumerate(
            zip(picked_areas, picked_handling, strict=True)
        ):
            n = made + i
            pk = next_id + n
            received = first + datetime.timedelta(days=n * days // count)
            departments = departments_of[area_id]
            department_id = (
                rng.choices(departments, department_weights[area_id])[0] if departments else None
            )
            inquiries.append(
                (
                    pk,
                    f"B-{offset + n:07d}",
                    received,
                    "phone",
                    anonymous,
                    area_id,
                    department_id,
                    handling_type.pk,
                    closed,
                    received + datetime.timedelta(days=n % 41),
                )
            )
            if i % 10 == 3:
                actions.append((pk, action_ids[i % len(action_ids)], received))
            kind = handling_type.kind
            if kind in involved_kinds and department_id:
                sent = received + datetime.timedelta(days=2)
                deadline = sent + datetime.timedelta(days=21)
                answered = sent + datetime.timedelta(days=3 + i % 28)
                forwardings.append(
                    (
                        pk,
                        area_id,
                        department_id,
                        str(kind),
                        "Benchmark",
                        Forwarding.Status.CLOSED.value,
                        advisor_id,
                        sent,
                        now,
                        deadline,
                        deadline,
                        answered,
                        answered,
                        Forwarding.Outcome.ANSWERED.value,
                    )
                )
        # Drawn after the departments, as before, so a seed gives the same register as it did.
        picked_reasons = rng.choices(reasons, reason_weights, k=3 * size)
        for i, row in enumerate(inquiries):
            for reason in set(picked_reasons[3 * i : 3 * i + 1 + i % 3 // 2 + i % 5 // 4]):
                links.append((row[0], reason))
        with transaction.atomic():
            rows_insert(Inquiry, inquiry_names, inquiries)
            rows_insert(through, ["inquiry", "reason"], links)
            rows_insert(InquiryAction, ["inquiry", "action", "action_date"], actions)
            rows_insert(Forwarding, forwarding_names, forwardings)
        made += size
        rate = made / (time.perf_counter() - started)
        print(f"\r  {made:>9,} inquiries ({rate:,.0f}/s)", end="", flush=True)
    print()
    with connection.cursor() as cursor:
        # The ids were given: move PostgreSQL's sequence past them (SQLite needs nothing).
        for sql in connection.ops.sequence_reset_sql(no_style(), [Inquiry]):
            cursor.execute(sql)
        # PostgreSQL: VACUUM as autovacuum soon would after a bulk load, so the visibility map
        # is set and index-only scans need no heap look-ups. SQLite: statistics only.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def measure(period, runs: int):  # type: ignore[no-untyped-def]
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from borgerraadgiver.reports.statistics import report_statistics

    today = period.end + datetime.timedelta(days=40)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        stats = report_statistics(period=period, today=today)
    cold = time.perf_counter() - started
    # Read now: the log is cleared by the warm runs below.
    count, queries = len(captured), list(captured.captured_queries)
    times, cpu = [], []
    for _ in range(runs):
        reset_queries()
        started, cpu_started = time.perf_counter(), time.process_time()
        report_statistics(period=period, today=today)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return stats, count, cold, statistics.median(times), statistics.median(cpu), queries


def main() -> int:
    args = parse_args()
    url, tmpfile = configure(args)
    try:
        return run(args, url)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep or args.reuse:
            print(f"Kept the database: DATABASE_URL={url}")
        else:
            drop(url, tmpfile)


def run(args: argparse.Namespace, url: str) -> int:
    import django

    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
    django.setup()

    import bench_data
    from django.core.management import call_command
    from django.db import connection

    from borgerraadgiver.inquiries.models import Inquiry
    from borgerraadgiver.organisation.models import Office
    from borgerraadgiver.reports.statistics import report_period_for_year

    print(f"Database: {connection.vendor} {url}")
    print(
        f"Python {sys.version.split()[0]}, Django {django.get_version()}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}, {datetime.datetime.now():%Y-%m-%d %H:%M}"
    )
    call_command("migrate", verbosity=0)
    period = report_period_for_year(args.year, office=Office.load())
    tiny = 200
    if args.reuse:
        tiny_queries = None
        print(f"Reusing {Inquiry.objects.count():,} inquiries")
    else:
        rng = random.Random(args.seed)
        org = bench_data.create_organisation(rng)
        fill(rng, tiny, args.year, org)
        _stats, tiny_queries, *_rest = measure(period, 1)
        started = time.perf_counter()
        fill(rng, args.inquiries - tiny, args.year, org, offset=tiny)
        filled = time.perf_counter() - started
        print(f"Filled in {filled:.0f} s: {Inquiry.objects.count():,} inquiries")

    stats, queries, cold, median, cpu, captured = measure(period, args.runs)
    print(f"\nreport_statistics({period.label}): {stats.total:,} inquiries in the year")
    if tiny_queries is not None:
        print(f"  queries: {queries} (tiny register of {tiny}: {tiny_queries})")
    else:
        print(f"  queries: {queries}")
    print(f"  cold: {cold * 1000:.0f} ms; median of {args.runs} warm runs: {median * 1000:.0f} ms")
    # With SQLite the database runs in this process: its CPU time is the time on an idle machine.
    print(f"  this process's CPU time (median): {cpu * 1000:.0f} ms; load {os.getloadavg()[0]:.1f}")
    slowest = sorted(captured, key=lambda q: -float(q["time"]))[:3]
    for query in slowest:
        print(f"  {float(query['time']) * 1000:>6.0f} ms  {query['sql'][:110]}")
    same_count = tiny_queries is None or queries == tiny_queries
    ok = median < TARGET_SECONDS and same_count
    print(
        f"{'PASS' if median < TARGET_SECONDS else 'FAIL'}: statistics {median * 1000:.0f} ms "
        f"(< {TARGET_SECONDS * 1000:.0f} ms)"
    )
    if tiny_queries is not None:
        print(f"{'PASS' if same_count else 'FAIL'}: query count independent of N")

    if not args.no_docx:
        try:
            from borgerraadgiver.reports.render import render
        except ImportError as error:
            print(f"DOCX render: not available ({error})")
        else:
            started = time.perf_counter()
            content = render("docx", stats)
            print(
                f"DOCX render: {time.perf_counter() - started:.2f} s ({len(content):,} bytes), "
                "from the computed statistics"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
