"""How fast is the register's search with 100,000 inquiries: a common word, a rare word, a CPR
number and a phone number written with a country code and spaces?

    DATABASE_URL=sqlite:////tmp/search.db .venv/bin/python bench/search.py [--inquiries 100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search .venv/bin/python bench/search.py

Uses the database DATABASE_URL names (migrated here). If it holds fewer inquiries than
--inquiries, the register is built as bench/list_page.py builds it (bench_data.py), and every
third person gets a CPR number. Each search is the inquiry list page with `q`, through Django's
test client as a logged-in advisor (the persons found, the page's rows and its access-log rows
included); prints the median and 95th percentile of --requests requests. Target: median under
100 ms. See bench/README.md.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
LIMIT_MS = 100.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inquiries", type=int, default=100_000, help="size of the register")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per search")
    parser.add_argument("--seed", type=int, default=2024)
    return parser.parse_args()


def setup() -> None:
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to the database to measure (it is migrated and filled).")
    sys.path[:0] = [str(PROJECT_DIR), str(PROJECT_DIR / "bench")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "borgerraadgiver.config.settings.local"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
    import django

    django.setup()


def fill(count: int, seed: int) -> None:
    """Build the register as bench/list_page.py does; every third person gets a CPR number."""
    import bench_data
    from django.db import connection

    from borgerraadgiver.inquiries.models import Person

    rng = random.Random(seed)
    org = bench_data.create_organisation(rng)
    plan = bench_data.plan_inquiries(rng, org, count, datetime.date.today())
    bench_data.Inserter(rng, org).insert(plan, bench_data.Progress("inquiries", len(plan)))
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True)[::3])
    people = Person.objects.in_bulk(ids)
    for person in people.values():
        born = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(25_000))
        person.cpr = f"{born:%d%m%y}{rng.randrange(10_000):04d}"
    Person.objects.bulk_update(people.values(), ["cpr"], batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client, url: str, params: dict[str, str], requests: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Median and 95th percentile in ms over `requests` requests (after one cold), and the
    number of inquiries found."""
    from borgerraadgiver.inquiries.selectors import InquiryFilters, inquiry_list

    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    user = response.wsgi_request.user
    found = inquiry_list(user=user, filters=InquiryFilters(search=params["q"])).count()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url, params)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], found


def main() -> int:
    args = parse_args()
    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from borgerraadgiver.accounts.models import User
    from borgerraadgiver.inquiries.models import Inquiry, Person
    from tests.login import verified_login

    call_command("migrate", verbosity=0)
    if Inquiry.objects.count() < args.inquiries:
        started = time.perf_counter()
        fill(args.inquiries - Inquiry.objects.count(), args.seed)
        print(f"Filled in {time.perf_counter() - started:.0f} s")
    print(
        f"Database: {connection.vendor}, {Inquiry.objects.count():,} inquiries, "
        f"{Person.objects.count():,} persons"
    )
    user, _created = User.objects.get_or_create(
        username="bench-search", defaults={"is_advisor": True, "first_name": "Bench"}
    )
    client = verified_login(Client(), user)
    with_cpr = Person.objects.exclude(cpr="").order_by("pk")[100]
    with_phone = Person.objects.exclude(phone="").order_by("-pk")[100]
    rare = Person.objects.order_by("pk")[1000]
    spaced = "+45 " + " ".join(with_phone.phone[i : i + 2] for i in range(0, 8, 2))
    searches = {
        "common word": "Jensen",
        "rare word": rare.email.split("@")[0] or rare.name,
        "name, words turned": " ".join(reversed(rare.name.split())),
        "CPR with dash": f"{with_cpr.cpr[:6]}-{with_cpr.cpr[6:]}",
        "CPR without dash": with_cpr.cpr,
        "phone +45 spaced": spaced,
    }
    url = reverse("advisor:inquiry_list")
    failed = False
    print(f"\n{'search':<20} {'term':<28} {'found':>7} {'median':>9} {'p95':>9}")
    for name, term in searches.items():
        median, p95, found = measure(client, url, {"q": term}, args.requests)
        failed |= median >= LIMIT_MS
        print(f"{name:<20} {term:<28} {found:>7,} {median:7.1f} ms {p95:7.1f} ms", flush=True)
    print(f"\nTarget: median under {LIMIT_MS:.0f} ms. {'NOT MET' if failed else 'Met.'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
