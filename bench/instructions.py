#!/usr/bin/env python3
"""Instructions per request of each kind, counted by callgrind: a figure that does not move
with the machine's load.

    DATABASE_URL=sqlite:////tmp/borgerraadgiver-concurrency/sqlite/bench.db \\
        .venv/bin/python bench/instructions.py [--kinds inquiry,person] [--requests 10]

On a shared machine the CPU time of one request moves by a fifth from run to run (other
processes, the host's other guests); the instructions the process runs do not (the same figure
within 0.3 % here). Each kind runs in its own Python under `valgrind --tool=callgrind`, with the
counting switched on only around the measured requests (after Django's start, the login and
three requests to warm up), so the figure is the app's work per request: with SQLite that
includes the database's, with PostgreSQL only the client's side. The same requests as
`profile_requests.py` (same database, users file and kinds), the same inquiries and people
each run (a fixed seed). Needs Debian's valgrind (`apt-get install valgrind`); about half a
minute a kind.
"""

import argparse
import gc
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR)]

import profile_requests  # noqa: E402 - beside this file


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", default="list,inquiry,person,search-common,register")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--users-file", help="users.json written by bench/load/fill.py")
    parser.add_argument(
        "--no-drawing",
        action="store_true",
        help="templates get their context and draw nothing (profile_requests.py --no-drawing)",
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the child: one kind, counted
    return parser.parse_args()


def measure(kind: str, args: argparse.Namespace) -> None:
    """In the child under callgrind: warm up, then count `args.requests` requests."""
    profile_requests.setup()
    if args.no_drawing:
        profile_requests.draw_nothing()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.login import verified_login

    data = json.loads(profile_requests.users_file(args).read_text())
    advisors = [user for user in data["users"] if user["role"] == "advisor"]
    advisor = get_user_model().objects.get(username=advisors[-1]["username"])
    client = verified_login(Client(), advisor)
    warm = profile_requests.requests_of(data, random.Random(7))
    for _ in range(3):
        method, url, form = warm[kind]()
        profile_requests.send(client, method, url, form)
    make = profile_requests.requests_of(data, random.Random(11))
    # A full collection first: the counted requests start from the same garbage collector's
    # state whatever the code before them allocated, so two versions compare. (Without it, one
    # version's ten requests met a full collection that the other's did not: 5 M a request.)
    gc.collect()
    # SQLite: the write-ahead log emptied into the database first, so that no counted request
    # meets the checkpoint SQLite makes when the log passes 1,000 pages. A registration's count
    # still moves from run to run (40-46 M, bench/README.md, fifteenth pass): compare versions
    # run one after the other, several times.
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "-i", "on", pid], check=True, capture_output=True)
    for _ in range(args.requests):
        method, url, form = make[kind]()
        profile_requests.send(client, method, url, form)
    subprocess.run(["callgrind_control", "-i", "off", pid], check=True, capture_output=True)


def counted(kind: str, args: argparse.Namespace) -> int:
    """The instructions callgrind counted for `args.requests` requests of `kind`."""
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--measure",
            kind,
            "--requests",
            str(args.requests),
        ]
        if args.users_file:
            command += ["--users-file", args.users_file]
        if args.no_drawing:
            command.append("--no-drawing")
        run = subprocess.run(command, capture_output=True, text=True, check=False)
        if run.returncode != 0 or not out.exists():
            sys.exit(f"{kind}: the counted run failed:\n{run.stderr[-3000:]}")
        for line in out.read_text().splitlines():
            if line.startswith("totals:"):
                return int(line.split()[1])
    sys.exit(f"{kind}: callgrind wrote no totals")


def main() -> int:
    args = parse_args()
    if args.measure:
        measure(args.measure, args)
        return 0
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to a database filled by bench/concurrency.py.")
    if not shutil.which("valgrind"):
        sys.exit("valgrind is missing: apt-get install valgrind")
    vendor = "PostgreSQL" if os.environ["DATABASE_URL"].startswith("postgres") else "SQLite"
    drawing = "; templates draw nothing" if args.no_drawing else ""
    print(f"{vendor}; {args.requests} requests of each kind, counted by callgrind{drawing}")
    print(f"{'kind':<16}{'M instructions a request':>26}")
    for kind in args.kinds.split(","):
        if kind not in profile_requests.KINDS:
            sys.exit(f"Unknown kind {kind!r}; the kinds: {', '.join(profile_requests.KINDS)}")
        total = counted(kind, args)
        print(f"{kind:<16}{total / args.requests / 1e6:>26.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
