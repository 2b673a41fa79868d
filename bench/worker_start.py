#!/usr/bin/env python3
"""A web worker's first request of each page against its next ones, and what a worker costs in
memory.

    .venv/bin/python bench/worker_start.py --db sqlite|postgres [--requests 20]

`serve` forks its workers from a master that has loaded the app, and replaces each after some
2,000 requests (`GUNICORN_MAX_REQUESTS`), so every worker's first requests come again and again
under load. On the database `bench/concurrency.py` filled (its work folder and users.json), this
logs an advisor in through one server, then for each page starts `serve` afresh with one worker,
asks that page once (the worker's first request) and --requests times more, and reads the
worker's and the master's proportional memory (`Pss` in /proc/PID/smaps_rollup: a page shared
by n processes counts 1/n in each). Prints the first request's time, the median of the next
ones, and the memory. See bench/README.md, "Twenty-first pass".
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from served import VENV_BIN, concurrency_environment, in_bench_venv, interpreter, log_in, port_free

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
PAGES = {
    "list": "/inquiries/",
    "inquiry": "/inquiries/{inquiry}/",
    "person": "/persons/{person}/",
    "forwardings": "/forwardings/",
    "register-page": "/inquiries/new/",
}

in_bench_venv(__file__, sys.argv[1:])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=20, help="after the first, per page")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--port", type=int, default=8829)
    parser.add_argument(
        "--work-dir", default=str(Path(tempfile.gettempdir()) / "borgerraadgiver-concurrency")
    )
    parser.add_argument(
        "--static-root", default=str(Path(tempfile.gettempdir()) / "borgerraadgiver-bench-static")
    )
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    return parser.parse_args()


class Server:
    """`serve` with one worker of one thread, stopped on leaving."""

    def __init__(self, args: argparse.Namespace, env: dict[str, str], log: Path) -> None:
        self.base = f"http://127.0.0.1:{args.port}"
        port_free(args.port)
        command = [str(VENV_BIN / "borgerraadgiver"), "serve", "--bind", self.base[7:]]
        self.process = subprocess.Popen(
            [*command, "--workers", "1", "--threads", "1"],
            env=env,
            cwd=PROJECT_DIR,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def __enter__(self) -> "Server":
        deadline = time.monotonic() + 120
        while not self.worker_pid():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"serve did not start ({self.process.returncode}); see its log")
            time.sleep(0.2)
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)

    def worker_pid(self) -> int | None:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        return int(pids[0]) if pids else None


def pss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed_get(url: str, cookies: str) -> float:
    request = urllib.request.Request(url, headers={"Cookie": cookies})  # noqa: S310
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        response.read()
        # urlopen raises on an error and follows a redirect: to the login page, if the session
        # was lost, which must not be timed as the page.
        if response.geturl() != url:
            raise SystemExit(f"{url} was sent on to {response.geturl()}")
    return (time.perf_counter() - started) * 1000


def main() -> int:
    args = parse_args()
    work = Path(args.work_dir) / args.db
    if not (work / "users.json").exists():
        sys.exit(f"No filled database in {work}: run bench/concurrency.py --db {args.db} first")
    data = json.loads((work / "users.json").read_text(encoding="utf-8"))
    env = concurrency_environment(
        db=args.db, postgres_url=args.postgres_url, work=work, static_root=args.static_root
    )
    print(f"Worker start on {args.db}: {os.cpu_count()} cores; {interpreter()}")
    # The last advisor: concurrency.py logs the first ones in, and a second-factor code is
    # taken once (a login within the same 30 seconds as theirs would be refused).
    advisor = [u for u in data["users"] if u["role"] == "advisor"][-1]
    with Server(args, env, work / "worker-start.log") as server:
        session = log_in(server.base, advisor, data["password"])
    cookies = f"sessionid={session['sessionid']}; csrftoken={session['csrftoken']}"
    ids = {"inquiry": data["inquiry_id_min"], "person": data["person_ids"][0]}
    print(f"{'page':<16}{'first ms':>10}{'next p50 ms':>13}{'worker MB':>11}{'master MB':>11}")
    for page in args.pages.split(","):
        with Server(args, env, work / "worker-start.log") as server:
            url = server.base + PAGES[page].format(**ids)
            first = timed_get(url, cookies)
            after = [timed_get(url, cookies) for _ in range(args.requests)]
            worker = server.worker_pid()
            memory = pss_mb(worker) if worker else 0.0
            print(
                f"{page:<16}{first:>10.1f}{statistics.median(after):>13.1f}"
                f"{memory:>11.1f}{pss_mb(server.process.pid):>11.1f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
