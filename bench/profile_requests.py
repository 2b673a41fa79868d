#!/usr/bin/env python3
"""Where one request of each kind spends its time: CPU per request, queries, and a profile.

    DATABASE_URL=sqlite:////tmp/borgerraadgiver-concurrency/sqlite/bench.db \\
        .venv/bin/python bench/profile_requests.py [--requests 30] [--profile list] [--top 30]

Uses a database filled by bench/concurrency.py (or bench/load/fill.py) and its users.json
(`--users-file`, by default beside an SQLite file, else the concurrency benchmark's). Each page
goes through Django's whole middleware stack in this process (the test client, production
settings, an advisor past the second factor), so CPU time here is the app's own work; with
SQLite it includes the queries. Prints, per kind, the median CPU and wall time over --requests
requests and the queries of one request. `--profile KIND` prints cProfile's top functions of
--requests requests of that kind (cumulative and own time); `--cpu-clock` times it by CPU
rather than wall time, so waiting for PostgreSQL and the machine's other work are left out.

`--no-drawing` measures what a page would cost if drawing it cost nothing: each template is
given its context (the context processors run) and returns an empty page. What a template
itself asks of the database (a list it reads while drawing) is then not asked: the queries
column shows how many were left. Nor is what the context holds lazily and only a drawing asks
for: the CSRF token's masking and its cookie, the office's row, the user's roles.
"""

import argparse
import cProfile
import datetime
import io
import json
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

PROJECT_DIR = Path(__file__).resolve().parent.parent
KINDS = [
    "health",
    "list",
    "inquiry",
    "person",
    "forwardings",
    "search-common",
    "search-rare",
    "register-page",
    "register",
    "simple-page",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--profile", choices=KINDS, help="print a cProfile of this kind")
    parser.add_argument("--profile-out", help="also write the profile to this file (pstats)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--cpu-clock", action="store_true", help="profile by CPU time")
    parser.add_argument(
        "--no-drawing", action="store_true", help="templates get their context, draw nothing"
    )
    parser.add_argument(
        "--sql", choices=KINDS, help="print the queries of one request of this kind"
    )
    parser.add_argument(
        "--sql-width", type=int, default=150, help="characters of each query printed by --sql"
    )
    parser.add_argument("--users-file", help="users.json written by bench/load/fill.py")
    return parser.parse_args()


def setup() -> None:
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to a database filled by bench/concurrency.py.")
    sys.path[:0] = [str(PROJECT_DIR)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "borgerraadgiver.config.settings.production"
    os.environ.setdefault("DJANGO_SECRET_KEY", "profile-" + "x" * 40)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault(
        "STATIC_ROOT", str(Path(tempfile.gettempdir()) / "borgerraadgiver-bench-static")
    )
    os.environ.update(SECURE_SSL_REDIRECT="false", LOG_LEVEL="WARNING")
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
    import django

    django.setup()


def draw_nothing() -> None:
    """Every Django template gives back an empty page, after making its context as it would."""
    from django.template.backends.django import Template
    from django.template.context import make_context

    def render(self, context=None, request=None):  # type: ignore[no-untyped-def]
        made = make_context(context, request, autoescape=self.backend.engine.autoescape)
        with made.bind_template(self.template):  # runs the context processors
            return ""

    Template.render = render


def users_file(args: argparse.Namespace) -> Path:
    if args.users_file:
        return Path(args.users_file)
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite://")).parent / "users.json"
    return Path(tempfile.gettempdir()) / "borgerraadgiver-concurrency" / "postgres" / "users.json"


def send(client: Any, method: str, url: str, form: dict[str, Any] | None) -> Any:
    """A request as a browser sends it, and as locust does in concurrency.py: a GET's form in the
    address, a POST's form urlencoded (no page's form here sends a file). The test client's
    default for a POST, multipart, would count parsing the browser never asks for."""
    if method == "post":
        return client.post(
            url,
            urlencode(form or {}, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )
    return client.get(url, form or {})


def requests_of(data: dict, rng: random.Random):  # type: ignore[no-untyped-def, type-arg]
    """kind → a function giving (method, url, form) for the next request of that kind."""
    from borgerraadgiver.core.once import token_new

    today = datetime.date.today().isoformat()

    def register() -> tuple[str, str, dict]:  # type: ignore[type-arg]
        token = uuid.uuid4().hex[:12]
        return (
            "post",
            "/inquiries/new/",
            {
                "once": token_new(),
                "complainant_kind": "citizen",
                "person_name": f"Profil Borger {token}",
                "received_date": today,
                "channel": "phone",
                "department": rng.choice(data["placements"]),
                "reasons": rng.sample(data["reasons"], 2),
                "handling_type": rng.choice(data["handling_types"]),
                "summary": f"Profil {token}: borgeren venter på svar.",
                "matches_shown": "True",
                "registration": "new",
            },
        )

    inquiry_ids = (data["inquiry_id_min"], data["inquiry_id_max"])
    return {
        "health": lambda: ("get", "/health/", None),
        "list": lambda: ("get", "/inquiries/", None),
        "inquiry": lambda: ("get", f"/inquiries/{rng.randint(*inquiry_ids)}/", None),
        "person": lambda: ("get", f"/persons/{rng.choice(data['person_ids'])}/", None),
        "forwardings": lambda: ("get", "/forwardings/", None),
        "search-common": lambda: ("get", "/inquiries/?q=Jensen", None),
        "search-rare": lambda: ("get", "/inquiries/", {"q": rng.choice(data["person_names"])}),
        "register-page": lambda: ("get", "/inquiries/new/", None),
        "register": register,
        # The floor of a staff page: the second-factor page, with the menu and no register data.
        "simple-page": lambda: ("get", "/accounts/two-factor/", None),
    }


def planning_ms(connection, sql: str) -> float | None:  # type: ignore[no-untyped-def]
    """PostgreSQL's time to plan a SELECT, as EXPLAIN (SUMMARY) reports it; None elsewhere.

    Django measures a query's time with its planning included: a join of many tables can take
    longer to plan than to run."""
    if connection.vendor != "postgresql" or not sql.lstrip().upper().startswith("SELECT"):
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (SUMMARY) {sql}")
        for (line,) in cursor.fetchall():
            if line.startswith("Planning Time:"):
                return float(line.split()[2])
    return None


def main() -> int:
    args = parse_args()
    setup()
    if args.no_drawing:
        draw_nothing()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from borgerraadgiver.accounts.models import User

    sys.path.insert(0, str(PROJECT_DIR))
    from tests.login import verified_login

    data = json.loads(users_file(args).read_text(encoding="utf-8"))
    if "person_ids" not in data:
        from borgerraadgiver.inquiries.models import Person

        data["person_ids"] = list(Person.objects.order_by("?").values_list("pk", flat=True)[:200])
    rng = random.Random(2024)
    make = requests_of(data, rng)
    advisor = User.objects.get(
        username=[u for u in data["users"] if u["role"] == "advisor"][-1]["username"]
    )
    client = verified_login(Client(), advisor)
    print(f"load {' '.join(f'{v:.2f}' for v in os.getloadavg())}; {connection.vendor}")
    print(f"{'kind':<16}{'status':>7}{'queries':>9}{'cpu ms':>9}{'wall ms':>9}")
    for kind in args.kinds.split(","):
        method, url, form = make[kind]()
        with CaptureQueriesContext(connection) as queries:
            response = send(client, method, url, form)
        count = len(queries)
        if kind == args.sql:
            for number, query in enumerate(queries.captured_queries, 1):
                # the time Django measured around execute(): with PostgreSQL, the server's share
                planned = planning_ms(connection, query["sql"])
                print(
                    f"  {number:>3} {float(query['time']) * 1000:7.1f} ms"
                    f"{'' if planned is None else f' (planning {planned:.1f} ms)'}"
                    f"  {query['sql'][: args.sql_width]}"
                )
        cpu, wall = [], []
        clock = (time.process_time,) if args.cpu_clock else ()
        profile = cProfile.Profile(*clock) if kind == args.profile else None
        for _ in range(args.requests):
            method, url, form = make[kind]()
            started_cpu, started = time.process_time(), time.perf_counter()
            if profile:
                profile.enable()
            send(client, method, url, form)
            if profile:
                profile.disable()
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
        reset_queries()
        print(
            f"{kind:<16}{response.status_code:>7}{count:>9}"
            f"{statistics.median(cpu):>9.1f}{statistics.median(wall):>9.1f}"
        )
        if profile and args.profile_out:
            profile.dump_stats(args.profile_out)
        if profile:
            for order in ("cumulative", "tottime"):
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.top)
                print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
