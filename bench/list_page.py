"""How fast is the inquiry list, and does its number of queries stay put as the register grows?

    .venv/bin/python bench/list_page.py [--inquiries 100000] [--database sqlite|postgres]
                                        [--requests 50]

Builds a fresh database, fills it with a tiny register first and measures the query count of
every scenario, grows it to --inquiries and measures again (query count, cold request, median
and 95th percentile over --requests requests) through Django's test client, logged in as an
advisor. See bench/README.md.
"""

import argparse
import datetime
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PG_DATABASE = "bench_borgerraadgiver"
LIMIT_MS = 100.0


@dataclass
class Scenario:
    name: str
    path: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class Measurement:
    status: int = 0
    results: str = ""
    queries: int = 0
    queries_warm: int = 0
    cold_ms: float = 0.0
    median_ms: float = 0.0
    p95_ms: float = 0.0
    cpu_median_ms: float = 0.0
    sql_ms: float = 0.0  # the request's SELECTs run again on their own, all rows fetched
    slowest_sql_ms: float = 0.0
    sql: list[dict[str, str]] = field(default_factory=list)
    sql_times: list[float] = field(default_factory=list)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inquiries", type=int, default=100_000, help="size of the register")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per scenario")
    parser.add_argument("--tiny", type=int, default=100, help="size of the tiny register")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--postgres-url",
        default="postgres://postgres@127.0.0.1:5432",
        help=f"server for --database postgres; the database {PG_DATABASE} is dropped and made",
    )
    parser.add_argument(
        "--sqlite-path", help="SQLite file to (re)create; default: a file in a temporary dir"
    )
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="run ANALYZE on SQLite after loading (PostgreSQL is always analyzed, as autovacuum "
        "would have done)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--show-sql", action="store_true", help="print the queries of every scenario (tiny size)"
    )
    parser.add_argument(
        "--explain",
        type=float,
        metavar="MS",
        default=None,
        help="print the query plan of every query slower than MS milliseconds",
    )
    return parser.parse_args()


def configure(args: argparse.Namespace) -> tuple[str, Path | None]:
    """Make the fresh database and point Django at it, before django.setup()."""
    tmpdir = None
    if args.database == "sqlite":
        if args.sqlite_path:
            path = Path(args.sqlite_path).resolve()
        else:
            tmpdir = Path(tempfile.mkdtemp(prefix="bench-borgerraadgiver-"))
            path = tmpdir / "bench.db"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        import psycopg

        server = args.postgres_url.rstrip("/")
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {PG_DATABASE}")
        url = f"{server}/{PG_DATABASE}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "borgerraadgiver.config.settings.local"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "localhost,127.0.0.1,testserver"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(PROJECT_DIR))  # this checkout's code, also when copied elsewhere
    return url, tmpdir


def main() -> int:
    args = parse_args()
    url, tmpdir = configure(args)
    try:
        return run(args, url)
    finally:  # also after an error or Ctrl-C
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"\nKept the database: DATABASE_URL={url}")
        else:
            drop(args, url, tmpdir)


def run(args: argparse.Namespace, url: str) -> int:
    import django

    # WhiteNoise warns that collectstatic has not run; the benchmark serves no static files.
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
    django.setup()

    import bench_data
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from borgerraadgiver.accounts.models import User
    from borgerraadgiver.inquiries.models import Inquiry, Person
    from tests.login import verified_login

    print(f"Database: {connection.vendor} {url}")
    print(
        f"Python {sys.version.split()[0]}, Django {django.get_version()}, "
        f"{os.cpu_count()} cores, {datetime.datetime.now():%Y-%m-%d %H:%M}"
    )
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Migrated in {time.perf_counter() - started:.1f} s. Load average: {load()}")

    rng = random.Random(args.seed)
    today = datetime.date.today()
    started = time.perf_counter()
    org = bench_data.create_organisation(rng)
    plan = bench_data.plan_inquiries(rng, org, args.inquiries, today)
    sample_indexes = bench_data.pick_sample(plan, min(args.tiny, args.inquiries))
    sample = [plan[i] for i in sample_indexes]
    inserter = bench_data.Inserter(rng, org)
    inserter.insert(sample)
    inserter.finish(plan)
    analyze(connection, args)
    planned = time.perf_counter() - started
    user = User.objects.create_user(username="bench", is_advisor=True, first_name="Bench")
    # Past the second factor, as an advisor is after a real login.
    client = verified_login(Client(), user)

    detail = sample[0]
    person_name = Person.objects.get(pk=inserter.person_ids[detail.person_index]).name
    reason_id = sorted(detail.reason_ids)[0]
    area = org.area("Beskæftigelse")
    year = today.year - 1
    list_url = reverse("advisor:inquiry_list")
    scenarios = [
        Scenario("list, page 1", list_url),
        Scenario("list, page 500", list_url, {"page": "500"}),
        Scenario(f"year {year}", list_url, {"year": str(year)}),
        Scenario("area + status open", list_url, {"area": str(area.pk), "status": "open"}),
        Scenario("reason", list_url, {"reason": str(reason_id)}),
        Scenario("search person name", list_url, {"q": person_name}),
        Scenario("search case number", list_url, {"q": detail.case_number}),
        Scenario("sort by area", list_url, {"sort": "area"}),
        Scenario("detail page", reverse("advisor:inquiry_detail", args=[detail.pk])),
    ]
    tiny_count = Inquiry.objects.count()
    print(f"\nTiny register: {tiny_count} inquiries, {Person.objects.count()} persons")
    tiny = {s.name: measure(client, s, max(5, args.requests // 5), connection) for s in scenarios}
    if args.show_sql:
        for scenario in scenarios:
            print(f"\n[{scenario.name}] {scenario.path} {scenario.params}")
            for number, query in enumerate(tiny[scenario.name].sql, 1):
                print(f"  {number:>2}. {query['sql'][:300]}")

    rest = [p for i, p in enumerate(plan) if p.pk is None]
    print(f"\nGenerating {len(rest):,} more inquiries ({args.inquiries:,} in all) …")
    started = time.perf_counter()
    inserter.insert(rest, bench_data.Progress("inquiries", len(rest)))
    analyze(connection, args)
    generated = time.perf_counter() - started + planned
    counts = register_counts(connection)
    print(
        f"Generated in {generated:.1f} s (planning and tiny register {planned:.1f} s): "
        + ", ".join(f"{n:,} {t}" for t, n in counts.items())
    )

    print(f"\nMeasuring {len(scenarios)} scenarios, {args.requests} requests each …")
    big = {}
    for scenario in scenarios:
        big[scenario.name] = measure(client, scenario, args.requests, connection)
        m = big[scenario.name]
        print(
            f"  {scenario.name:<22} {m.queries:>3} queries  cold {m.cold_ms:7.1f} ms  "
            f"median {m.median_ms:7.1f} ms  p95 {m.p95_ms:7.1f} ms",
            flush=True,
        )

    report(scenarios, tiny, big, tiny_count, args.inquiries, connection.vendor)
    if args.explain is not None:
        explain_slow(scenarios, big, args.explain, connection)
    ok = verdict(scenarios, tiny, big)

    return 0 if ok else 1


def load() -> str:
    """The machine's load average: timings taken while it is above the core count are noisy."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "?"


def analyze(connection, args: argparse.Namespace) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    elif args.analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def register_counts(connection) -> dict[str, int]:  # type: ignore[no-untyped-def]
    from borgerraadgiver.inquiries.models import (
        Contact,
        Inquiry,
        InquiryAction,
        InquiryChange,
        Person,
    )

    return {
        "inquiries": Inquiry.objects.count(),
        "persons": Person.objects.count(),
        "reason links": Inquiry.reasons.through.objects.count(),
        "contacts": Contact.objects.count(),
        "counted actions": InquiryAction.objects.count(),
        "changes": InquiryChange.objects.count(),
    }


def measure(client, scenario: Scenario, requests: int, connection) -> Measurement:  # type: ignore[no-untyped-def]
    """A cold request with its queries captured, `requests` timed ones, one more captured."""
    from django.test.utils import CaptureQueriesContext

    m = Measurement()
    with CaptureQueriesContext(connection) as cold:
        started = time.perf_counter()
        response = client.get(scenario.path, scenario.params)
        m.cold_ms = (time.perf_counter() - started) * 1000
    m.status = response.status_code
    m.queries = len(cold.captured_queries)
    found = re.search(rb'class="result-count"[^>]*>\s*([\d.,\xc2\xa0 ]+)', response.content)
    m.results = found.group(1).decode().strip() if found else "-"
    timings, cpu = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(scenario.path, scenario.params)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    with CaptureQueriesContext(connection) as warm:
        client.get(scenario.path, scenario.params)
    m.queries_warm = len(warm.captured_queries)
    m.sql = warm.captured_queries
    m.sql_times = [time_select(connection, query["sql"]) for query in m.sql]
    m.sql_ms = sum(m.sql_times)
    m.slowest_sql_ms = max(m.sql_times, default=0.0)
    timings.sort()
    m.median_ms = statistics.median(timings)
    m.cpu_median_ms = statistics.median(cpu)
    m.p95_ms = timings[max(0, -(-95 * len(timings) // 100) - 1)]  # nearest rank
    return m


def time_select(connection, sql: str) -> float:  # type: ignore[no-untyped-def]
    """Milliseconds of one SELECT with all its rows fetched, best of three; 0 for other SQL.

    Django's own query timing stops when execute() returns, but SQLite computes most of a
    result while it is fetched, so the captured times miss the work of SQLite queries.
    """
    if not sql.lstrip().upper().startswith("SELECT"):
        return 0.0
    best = float("inf")
    with connection.cursor() as cursor:
        for _ in range(3):
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            best = min(best, time.perf_counter() - started)
    return best * 1000


def report(  # type: ignore[no-untyped-def]
    scenarios, tiny, big, tiny_count: int, count: int, vendor: str
) -> None:
    print(f"\nResults on {vendor}, {count:,} inquiries (queries also for {tiny_count} inquiries)")
    header = (
        f"{'scenario':<22} {'status':>6} {'results':>8} {'q tiny':>6} {'q big':>6} "
        f"{'cold ms':>8} {'median':>8} {'p95':>8} {'cpu med':>8} {'SQL ms':>7} {'slowest':>8}"
    )
    print(header)
    print("-" * len(header))
    for scenario in scenarios:
        t, m = tiny[scenario.name], big[scenario.name]
        flag = " !" if m.median_ms >= LIMIT_MS else ""
        print(
            f"{scenario.name:<22} {m.status:>6} {m.results:>8} {t.queries:>6} {m.queries:>6} "
            f"{m.cold_ms:>8.1f} {m.median_ms:>8.1f} {m.p95_ms:>8.1f} {m.cpu_median_ms:>8.1f} "
            f"{m.sql_ms:>7.1f} {m.slowest_sql_ms:>8.1f}"
            f"{flag}"
        )
    print(
        "q tiny / q big: SQL queries of one request. median, p95: wall-clock ms of a request; "
        "cpu med: this process's CPU ms\n(with SQLite that includes the queries, with "
        "PostgreSQL not). SQL ms: the SELECTs of one request run again alone, all rows "
        "fetched,\nbest of three each (summed; slowest: the slowest of them)."
    )
    print(f"Load average now: {load()}")
    print(
        "Medians at the tiny size: "
        + ", ".join(f"{s.name} {tiny[s.name].median_ms:.1f}" for s in scenarios)
        + " ms"
    )


def explain_slow(scenarios, big, threshold_ms: float, connection) -> None:  # type: ignore[no-untyped-def]
    print(f"\nQuery plans of queries slower than {threshold_ms} ms")
    for scenario in scenarios:
        m = big[scenario.name]
        for query, ms in zip(m.sql, m.sql_times, strict=True):
            if ms < threshold_ms:
                continue
            print(f"\n[{scenario.name}] {ms:.1f} ms\n{query['sql']}")
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                    for row in cursor.fetchall():
                        print(f"  {row[0]:>3} {row[1]:>3} {row[3]}")
                else:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                    for (line,) in cursor.fetchall():
                        print(f"  {line}")


def verdict(scenarios, tiny, big) -> bool:  # type: ignore[no-untyped-def]
    default = big[scenarios[0].name]
    fast = default.median_ms < LIMIT_MS
    print(
        f"\n{'PASS' if fast else 'FAIL'}: default list page median {default.median_ms:.1f} ms "
        f"(< {LIMIT_MS:.0f} ms)"
    )
    grown = [
        s.name
        for s in scenarios
        if big[s.name].queries != tiny[s.name].queries
        or big[s.name].queries_warm != big[s.name].queries
    ]
    fixed = not grown
    print(
        f"{'PASS' if fixed else 'FAIL'}: query count independent of N"
        + ("" if fixed else f" (differs: {', '.join(grown)})")
    )
    failed = [s.name for s in scenarios if big[s.name].status != 200]
    if failed:
        print(f"FAIL: not 200 OK: {', '.join(failed)}")
    slow = [s.name for s in scenarios if big[s.name].median_ms >= LIMIT_MS]
    if slow:
        print(f"Note: median over {LIMIT_MS:.0f} ms also in: {', '.join(slow)}")
    return fast and fixed and not failed


def drop(args: argparse.Namespace, url: str, tmpdir: Path | None) -> None:
    if args.database == "postgres":
        import psycopg

        with psycopg.connect(f"{args.postgres_url.rstrip('/')}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    elif tmpdir is not None:
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
