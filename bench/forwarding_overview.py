"""How fast is the forwarding overview ("what the departments owe") with 100,000 inquiries?

    .venv/bin/python bench/forwarding_overview.py [--inquiries 100000] [--database-url URL]
                                                  [--open-share 0.15] [--requests 30] [--keep]

Fills a fresh, separate database (default: a SQLite file in a temporary folder; or
--database-url / DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/br_bench_owed, which is
dropped and created) the way `report_statistics.py` does: the benchmark organisation, N
inquiries over five years up to this year, and a forwarding behind every dialogue case and
forwarded complaint (about one in seven). The newest --open-share of those forwardings are then
left open: two in three awaiting an answer (some of them with a later date asked for), the rest
answered, half of those not yet read. Then it prints, for the overview's page (through Django's
test client, logged in as an advisor past the second factor) and for its selector alone, the
median and 95th percentile of --requests runs, per scenario, and the number of queries, which
must not grow with the register. Target: median under 100 ms. See bench/README.md.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from report_statistics import configure, drop, fill  # noqa: E402 - after the path is set

TARGET_MS = 100.0
SCENARIOS = {
    "default (by deadline)": "",
    "sorted by sent date, newest first": "sort=-sent",
    "overdue": "deadline=overdue",
    "no answer, due this week": "state=no_answer&deadline=this_week",
    "answered, not read": "state=unread",
    "one department": "department={department}",
    "one area, page 3": "area={area}&page=3",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inquiries", type=int, default=100_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="the database to fill (dropped first!); default: a temporary SQLite file",
    )
    parser.add_argument("--open-share", type=float, default=0.15, help="share of forwardings open")
    parser.add_argument("--requests", type=int, default=30, help="timed runs per scenario")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    args.reuse = False  # report_statistics.configure reads it
    return args


def open_forwardings(share: float, today: datetime.date) -> int:  # type: ignore[no-untyped-def]
    """Leave the newest `share` of the forwardings open, in bulk updates."""
    from django.db import transaction

    from borgerraadgiver.forwarding.models import Forwarding

    newest = list(
        Forwarding.objects.order_by("-sent_date", "-id").values_list("pk", flat=True)[
            : int(Forwarding.objects.count() * share)
        ]
    )
    awaiting, answered = newest[: len(newest) * 2 // 3], newest[len(newest) * 2 // 3 :]
    closed = {"closed_date": None, "outcome": ""}
    with transaction.atomic():
        for i, pk in enumerate(awaiting):
            # Deadlines spread from well past to three weeks ahead; one in eight was extended.
            deadline = today + datetime.timedelta(days=21 - i * 90 // max(1, len(awaiting)))
            later = deadline + datetime.timedelta(days=14) if i % 8 == 0 else deadline
            Forwarding.objects.filter(pk=pk).update(
                status=Forwarding.Status.SENT,
                sent_date=deadline - datetime.timedelta(days=21),
                original_deadline_date=deadline,
                deadline_date=later,
                answered_date=None,
                **closed,
            )
        now = datetime.datetime.now(datetime.UTC)
        Forwarding.objects.filter(pk__in=answered[::2]).update(
            status=Forwarding.Status.ANSWERED, answer_read_at=None, **closed
        )
        Forwarding.objects.filter(pk__in=answered[1::2]).update(
            status=Forwarding.Status.ANSWERED, answer_read_at=now, **closed
        )
    return len(newest)


def timed(call, runs: int) -> tuple[float, float, int, float]:  # type: ignore[no-untyped-def]
    """Median and 95th percentile in ms of `runs` calls, the queries of one more, and the median
    CPU time of this process (with SQLite, in-process: the time on an idle machine)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm
    times, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        call()
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    return statistics.median(times), p95, len(captured), statistics.median(cpu)


def measure(client, user, runs: int, places: dict[str, int]) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    from django.http import QueryDict
    from django.utils import timezone

    from borgerraadgiver.advisor.overview_forms import OwedFilterForm
    from borgerraadgiver.forwarding.overview import owed_page

    results = {}
    for name, query in SCENARIOS.items():
        query = query.format(**places)
        params = QueryDict(query)

        def page(query: str = query) -> None:
            response = client.get(f"/forwardings/?{query}")
            assert response.status_code == 200, response.status_code

        def selector(params: QueryDict = params) -> None:
            form = OwedFilterForm(params or None)
            rows = owed_page(
                user=user,
                filters=form.filters(),
                today=timezone.localdate(),
                number=params.get("page"),
                size=25,
            )
            assert rows.object_list is not None

        first = owed_page(
            user=user,
            filters=OwedFilterForm(params or None).filters(),
            today=timezone.localdate(),
            number=1,
            size=25,
        )
        count = first.paginator.count
        results[name] = (count, timed(page, runs), timed(selector, runs))
    return results


def report(results: dict[str, tuple], tiny: dict[str, tuple] | None) -> bool:
    ok = True
    print(
        f"\n{'scenario':<36}{'rows':>7}{'page ms':>9}{'p95':>7}{'cpu':>7}{'queries':>9}"
        f"{'selector ms':>13}{'cpu':>7}{'queries':>9}"
    )
    for name, (count, page, selector) in results.items():
        page_ms, page_p95, page_q, page_cpu = page
        sel_ms, _sel_p95, sel_q, sel_cpu = selector
        # An empty page skips its rows' queries: compare where the tiny register had rows.
        same = (
            tiny is None
            or not tiny[name][0]
            or (tiny[name][1][2], tiny[name][2][2])
            == (
                page_q,
                sel_q,
            )
        )
        ok = ok and page_ms < TARGET_MS and same
        print(
            f"{name:<36}{count:>7,}{page_ms:>9.1f}{page_p95:>7.1f}{page_cpu:>7.1f}{page_q:>9}"
            f"{sel_ms:>13.1f}{sel_cpu:>7.1f}{sel_q:>9}{'' if same else '  (query count grew!)'}"
        )
    worst = max(page[0] for _count, page, _selector in results.values())
    print(
        f"{'PASS' if ok else 'FAIL'}: slowest median {worst:.1f} ms (< {TARGET_MS:.0f} ms), "
        f"query counts independent of N; load {os.getloadavg()[0]:.1f}"
    )
    return ok


def run(args: argparse.Namespace, url: str) -> int:
    import django

    django.setup()

    import bench_data
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from borgerraadgiver.forwarding.models import Forwarding
    from borgerraadgiver.inquiries.models import Inquiry
    from borgerraadgiver.organisation.models import ClosingDay
    from tests.login import verified_login

    print(f"Database: {connection.vendor} {url}")
    print(
        f"Python {sys.version.split()[0]}, Django {django.get_version()}, {os.cpu_count()} "
        f"cores, load {os.getloadavg()[0]:.1f}, {datetime.datetime.now():%Y-%m-%d %H:%M}"
    )
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    rng = random.Random(args.seed)
    org = bench_data.create_organisation(rng)
    for month, day in ((6, 5), (12, 24), (12, 31)):
        ClosingDay.objects.create(day=datetime.date(today.year, month, day), name="Lukket")
    user = org.advisors[0]
    client = verified_login(Client(), user)
    department = next(d for ds in org.departments.values() for d in ds)
    places = {"department": department.pk, "area": department.area_id}

    tiny_size = 300
    fill(rng, tiny_size, today.year, org)
    open_forwardings(args.open_share, today)
    tiny = measure(client, user, 3, places)
    started = time.perf_counter()
    fill(rng, args.inquiries - tiny_size, today.year, org, offset=tiny_size)
    opened = open_forwardings(args.open_share, today)
    print(
        f"Filled in {time.perf_counter() - started:.0f} s: {Inquiry.objects.count():,} "
        f"inquiries, {Forwarding.objects.count():,} forwardings, {opened:,} of them open"
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return 0 if report(measure(client, user, args.requests, places), tiny) else 1


def main() -> int:
    args = parse_args()
    url, tmpfile = configure(args)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
    sys.path.insert(0, str(PROJECT_DIR))
    try:
        return run(args, url)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"Kept the database: DATABASE_URL={url}")
        else:
            drop(url, tmpfile)


if __name__ == "__main__":
    sys.exit(main())
