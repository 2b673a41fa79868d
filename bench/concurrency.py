#!/usr/bin/env python3
"""The pages an office uses all day under 10 concurrent clients, side by side with a bare view.

    .venv/bin/python bench/concurrency.py --db sqlite|postgres [--quick] [--reuse]

Fills a database (bench/load/fill.py: 100,000 inquiries, advisors with TOTP), starts the app
with `borgerraadgiver serve` (production settings, 2 workers) and a bare Django view served the
same way (bench/bare_site.py), logs one advisor in per client through the login page and its
second factor, then runs each page with locust (headless, bench/concurrency_locust.py) for
--duration seconds, each run right after a run of the bare view, --rounds times over. Prints
the median of the rounds with the ratios to the bare view, checks that every registration the
server acknowledged is in the database with its access-log rows, and stops both servers.
Exit status 1 if a check fails. See bench/README.md.
"""

import argparse
import csv
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

from served import (
    PG_DATABASE,
    VENV_BIN,
    concurrency_environment,
    in_bench_venv,
    interpreter,
    log_in,
    port_free,
)

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
# (scenario, what the table calls it); "register" is the registration POST, its form page not
# counted.
PAGES = [
    ("health", "/health/"),
    ("list", "inquiry list with its rows"),
    ("inquiry", "inquiry page"),
    ("person", "person page"),
    ("forwardings", "forwarding overview"),
    ("search-common", "search, common word"),
    ("search-rare", "search, rare word (a name)"),
    ("register", "registering an inquiry (POST)"),
    # Not in the table: the floor of every staff page (session, second factor, CSRF,
    # CSP, the menu) with nothing of the register on it. Run with --pages plain.
    ("plain", "a plain staff page (two-factor)"),
]
# The pages run unless --pages names them.
DEFAULT_PAGES = [page for page, _ in PAGES if page != "plain"]
MEASURED = {"register": "register"}
Runs = dict[str, list[dict[str, float]]]  # page → one dict of figures per round

in_bench_venv(__file__, sys.argv[1:])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--quick", action="store_true", help="5,000 inquiries, 5 s runs, one round")
    parser.add_argument("--inquiries", type=int, help="size of the register (100,000)")
    parser.add_argument("--duration", type=int, help="seconds per run (20)")
    parser.add_argument("--rounds", type=int, help="runs of each page; the median is shown (3)")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of both servers")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker")
    parser.add_argument("--port", type=int, default=8819, help="the app's; the bare view's + 1")
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES), help="which to run")
    parser.add_argument(
        "--work-dir", default=str(Path(tempfile.gettempdir()) / "borgerraadgiver-concurrency")
    )
    parser.add_argument(
        "--static-root", default=str(Path(tempfile.gettempdir()) / "borgerraadgiver-bench-static")
    )
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--reuse", action="store_true", help="the database of the last run")
    args = parser.parse_args()
    quick = {"inquiries": 5_000, "duration": 5, "rounds": 1}
    full = {"inquiries": 100_000, "duration": 20, "rounds": 3}
    for key, value in (quick if args.quick else full).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    unknown = set(args.pages.split(",")) - {p for p, _ in PAGES}
    if unknown:
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
    return args


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def run(cmd: list[str], env: dict[str, str]) -> None:
    subprocess.run(cmd, env=env, cwd=PROJECT_DIR, check=True)


def fill(args: argparse.Namespace, work: Path, env: dict[str, str]) -> None:
    if args.db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work / 'bench.db'}{suffix}").unlink(missing_ok=True)
    else:
        import psycopg

        admin_url = f"{args.postgres_url.rstrip('/')}/postgres"
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    started = time.perf_counter()
    print(f"Filling {args.inquiries:,} inquiries (load {load()}) …", flush=True)
    run(
        [
            str(VENV_BIN / "python"),
            str(BENCH_DIR / "load" / "fill.py"),
            "fill",
            "--inquiries",
            str(args.inquiries),
            "--users-file",
            str(work / "users.json"),
        ],
        env,
    )
    print(f"  filled in {time.perf_counter() - started:.0f} s", flush=True)


def collect_static(args: argparse.Namespace, env: dict[str, str]) -> None:
    """Collect the static files once, and again when one of the app's own is newer than the
    collection (a page naming a file the manifest lacks answers 500)."""
    manifest = Path(args.static_root) / "staticfiles.json"
    sources = (PROJECT_DIR / "borgerraadgiver" / "static").rglob("*")
    newest = max((f.stat().st_mtime for f in sources if f.is_file()), default=0.0)
    if manifest.exists() and manifest.stat().st_mtime >= newest:
        return
    print("Collecting and compressing the static files (a few minutes) …", flush=True)
    run([str(VENV_BIN / "borgerraadgiver"), "collectstatic", "--noinput", "-v0"], env)


class Servers:
    """The app and the bare view, started together and always stopped together."""

    def __init__(self, args: argparse.Namespace, work: Path, env: dict[str, str]) -> None:
        self.args, self.work, self.env = args, work, env
        self.processes: list[subprocess.Popen] = []  # type: ignore[type-arg]

    def __enter__(self) -> "Servers":
        app = [str(VENV_BIN / "borgerraadgiver"), "serve", "--bind"]
        common = ["--workers", str(self.args.workers), "--threads", str(self.args.threads)]
        bare = [str(VENV_BIN / "python"), str(BENCH_DIR / "bare_site.py"), "--bind"]
        servers = (
            ("app", [*app, f"127.0.0.1:{self.args.port}", *common], self.args.port),
            ("bare", [*bare, f"127.0.0.1:{self.args.port + 1}", *common], self.args.port + 1),
        )
        for _name, _cmd, port in servers:
            port_free(port)
        for name, cmd, port in servers:
            log = (self.work / f"{name}-server.log").open("w")
            process = subprocess.Popen(
                cmd,
                env=self.env,
                cwd=PROJECT_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self.processes.append(process)
            try:
                wait_up(
                    f"http://127.0.0.1:{port}/health/"
                    if name == "app"
                    else f"http://127.0.0.1:{port}/",
                    process,
                )
            except BaseException:
                self.__exit__()  # the one that came up is not left running
                raise
        return self

    def __exit__(self, *exc: object) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_up(url: str, process: subprocess.Popen, seconds: float = 120) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"A server stopped with {process.returncode}; see its log.")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"No answer from {url}.")


def measure(
    args: argparse.Namespace, work: Path, env: dict[str, str], page: str
) -> dict[str, float]:
    """One locust run of one page: requests a second, median and p95 in ms, failures."""
    port = args.port + 1 if page == "bare" else args.port
    prefix = work / f"locust-{page}"
    locust_env = dict(
        env,
        BENCH_SCENARIO=page,
        BENCH_DATA=str(work / "users.json"),
        BENCH_SESSIONS=str(work / "sessions.json"),
        BENCH_ACK=str(work / "acknowledged.jsonl"),
    )
    with (work / "locust.log").open("a") as log:
        subprocess.run(
            [
                str(VENV_BIN / "locust"),
                "-f",
                str(BENCH_DIR / "concurrency_locust.py"),
                "--headless",
                "--users",
                str(args.clients),
                "--spawn-rate",
                str(args.clients),
                "--run-time",
                f"{args.duration}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env=locust_env,
            cwd=PROJECT_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    row = rows.get(MEASURED.get(page, page))
    if row is None:
        return {"rps": 0.0, "p50": float("nan"), "p95": float("nan"), "failed": -1.0}
    return {
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "failed": float(row["Failure Count"]),
    }


def check_registrations(work: Path, env: dict[str, str]) -> bool:
    ack = work / "acknowledged.jsonl"
    if not ack.exists() or not ack.read_text().strip():
        return True
    result = subprocess.run(
        [
            str(VENV_BIN / "python"),
            str(BENCH_DIR / "load" / "fill.py"),
            "check",
            "--acknowledged",
            str(ack),
        ],
        env=env,
        cwd=PROJECT_DIR,
        check=False,
    )
    return result.returncode == 0


def table(results: Runs, bare: Runs, db: str, clients: int) -> None:
    """The median of the rounds, each page beside the bare runs made just before it."""

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    all_bare = [r for runs in bare.values() for r in runs]
    rounds = len(next(iter(results.values())))
    print(f"\n{db}: median of {rounds} runs of each, {clients} concurrent clients")
    head = (
        f"{'page':<32}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'failed':>8}"
        f"{'p50 ÷ bare':>12}{'bare ÷ req/s':>14}"
    )
    print(head)
    print("-" * len(head))
    failed = sum(r["failed"] for r in all_bare)
    print(
        f"{'bare Django view':<32}{med(all_bare, 'rps'):>9.0f}{med(all_bare, 'p50'):>9.0f}"
        f"{med(all_bare, 'p95'):>9.0f}{failed:>8.0f}"
    )
    for page, label in PAGES:
        if page not in results:
            continue
        runs, before = results[page], bare[page]
        p50, rps = med(runs, "p50"), med(runs, "rps")
        ratio_p50 = p50 / max(med(before, "p50"), 1)
        ratio_rps = med(before, "rps") / max(rps, 0.01)
        print(
            f"{label[:31]:<32}{rps:>9.1f}{p50:>9.0f}{med(runs, 'p95'):>9.0f}"
            f"{sum(r['failed'] for r in runs):>8.0f}{ratio_p50:>11.1f}×{ratio_rps:>13.1f}×"
        )


def main() -> int:
    args = parse_args()
    work = Path(args.work_dir) / args.db
    work.mkdir(parents=True, exist_ok=True)
    env = concurrency_environment(
        db=args.db, postgres_url=args.postgres_url, work=work, static_root=args.static_root
    )
    print(
        f"Concurrency benchmark on {args.db}: {os.cpu_count()} cores, load {load()}; "
        f"{args.clients} clients, {args.duration} s a run, {args.rounds} rounds; {interpreter()}"
    )
    if not (args.reuse and (work / "users.json").exists()):
        fill(args, work, env)
    else:
        # A reused database gets the code's new migrations: `/health/` answers 503 until then.
        run([str(VENV_BIN / "borgerraadgiver"), "migrate", "-v0"], env)
    collect_static(args, env)
    data = json.loads((work / "users.json").read_text(encoding="utf-8"))
    if "person_ids" not in data:
        sys.exit(f"{work / 'users.json'} is from an older fill (no person_ids): fill again")
    (work / "acknowledged.jsonl").write_text("")
    (work / "locust.log").write_text("")
    pages = [p for p, _ in PAGES if p in args.pages.split(",")]
    results: Runs = {p: [] for p in pages}
    bare: Runs = {p: [] for p in pages}
    with Servers(args, work, env):
        advisors = [u for u in data["users"] if u["role"] == "advisor"][: args.clients]
        base = f"http://127.0.0.1:{args.port}"
        sessions = [log_in(base, account, data["password"]) for account in advisors]
        (work / "sessions.json").write_text(json.dumps(sessions))
        for round_number in range(1, args.rounds + 1):
            for page in pages:
                bare[page].append(measure(args, work, env, "bare"))
                results[page].append(measure(args, work, env, page))
                b, r = bare[page][-1], results[page][-1]
                print(
                    f"  round {round_number} {page:<14} {r['rps']:7.1f} req/s "
                    f"p50 {r['p50']:5.0f} ms"
                    f" | bare {b['rps']:6.0f} req/s p50 {b['p50']:4.0f} ms | load {load()}",
                    flush=True,
                )
    table(results, bare, args.db, args.clients)
    failed = sum(r["failed"] for runs in [*results.values(), *bare.values()] for r in runs)
    registrations_ok = check_registrations(work, env)
    print(f"\nLoad average at the end: {load()}. Files: {work}")
    print(f"  {'PASS' if failed == 0 else 'FAIL'}  no failed request ({failed:.0f})")
    print(f"  {'PASS' if registrations_ok else 'FAIL'}  every acknowledged registration present")
    return 0 if failed == 0 and registrations_ok else 1


if __name__ == "__main__":
    sys.exit(main())
