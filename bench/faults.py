"""Fault test: SIGKILL in the middle of an import and of a registration burst, then check.

    .venv/bin/python bench/faults.py [--db sqlite|postgres] [--inquiries 20000]

1. Fills a fresh database (bench/load/fill.py, with its users) and collects static files once.
2. Import: writes a CSV of --import-rows earlier-year inquiries, starts
   `borgerraadgiver import_inquiries` on it, waits until the import is writing (its progress
   line for numbering ends: the rows are checked and numbered), waits 0.3-1 s more, kills it
   with SIGKILL, and counts the inquiries: the import is one transaction, so there must be
   exactly as many as before. An import that ends before writing, or writes nothing in ten
   minutes, stops the test with the command's output.
3. Registration burst: starts `borgerraadgiver serve`, lets 8 advisors (logged in with password
   and TOTP) register inquiries as fast as they can, kills the server's whole process group with
   SIGKILL after --burst-seconds, starts it again and waits for /health/.
4. Checks: every registration the server acknowledged (redirect to the new inquiry) is in the
   database; SQLite `PRAGMA integrity_check` / PostgreSQL amcheck and consistency queries pass;
   the import left nothing behind. Prints what it found; exit status 0 only if all hold.
"""

import argparse
import csv
import datetime
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from binascii import unhexlify
from pathlib import Path

from served import (
    VENV_BIN,
    in_bench_venv,
    interpreter,
    port_free,
    production_environment,
)

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
PG_DATABASE = "faults_borgerraadgiver"

in_bench_venv(__file__, sys.argv[1:])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--inquiries", type=int, default=20_000)
    parser.add_argument("--import-rows", type=int, default=60_000)
    parser.add_argument("--burst-seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument(
        "--work-dir", default=str(Path(tempfile.gettempdir()) / "borgerraadgiver-faults")
    )
    parser.add_argument(
        "--static-root", default=str(Path(tempfile.gettempdir()) / "borgerraadgiver-bench-static")
    )
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    return parser.parse_args()


def environment(args: argparse.Namespace, work: Path) -> dict[str, str]:
    url = (
        f"sqlite:///{work / 'faults.db'}"
        if args.db == "sqlite"
        else f"{args.postgres_url.rstrip('/')}/{PG_DATABASE}"
    )
    return production_environment(database_url=url, work=work, static_root=args.static_root)


def sql(args: argparse.Namespace, work: Path, query: str) -> list[tuple]:  # type: ignore[type-arg]
    """A query from outside the app, as an operator would run it."""
    if args.db == "sqlite":
        import sqlite3

        with sqlite3.connect(work / "faults.db", timeout=30) as db:
            return db.execute(query).fetchall()
    import psycopg

    with psycopg.connect(f"{args.postgres_url.rstrip('/')}/{PG_DATABASE}") as db:
        return db.execute(query).fetchall()


def fresh_database(args: argparse.Namespace, work: Path) -> None:
    if args.db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work / 'faults.db'}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{args.postgres_url.rstrip('/')}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")


def write_import_file(args: argparse.Namespace, work: Path, path: Path, rows: int) -> None:
    """Earlier years' inquiries in the import's columns, with the organisation's own names."""
    rng = random.Random(7)
    places = sql(
        args,
        work,
        "SELECT a.name, d.name FROM organisation_department d "
        "JOIN organisation_area a ON a.id = d.area_id ORDER BY d.id",
    )
    reasons = [name for (name,) in sql(args, work, "SELECT name FROM organisation_reason")]
    columns = "received_date,area,department,reasons,handling,actions,channel,complainant,"
    columns += "closed_date,forwarded_date,deadline_date,answered_date"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(columns.split(","))
        for _ in range(rows):
            day = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 3))
            area, department = rng.choice(places)
            closed = (day + datetime.timedelta(days=10)).isoformat()
            reason = rng.choice(reasons)
            fields = [day.isoformat(), area, department, reason, "Råd og vejledning", ""]
            fields.extend(["phone", "citizen", closed, "", "", ""])
            out.writerow(fields)


def kill_import(args: argparse.Namespace, work: Path, env: dict[str, str]) -> dict[str, object]:
    csv_path = work / "import.csv"
    write_import_file(args, work, csv_path, args.import_rows)
    before = sql(args, work, "SELECT count(*) FROM inquiries_inquiry")[0][0]
    print(f"\n[import] {args.import_rows:,} rows; {before:,} inquiries before", flush=True)
    started = time.monotonic()
    # English phase names on the progress lines: reading, checking, numbering, writing.
    import_env = dict(env, LANGUAGE_CODE="en")
    process = subprocess.Popen(
        [str(VENV_BIN / "borgerraadgiver"), "import_inquiries", str(csv_path)],
        env=import_env,
        cwd=PROJECT_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    writing = threading.Event()
    said: list[str] = []

    def watch() -> None:
        assert process.stderr is not None
        for line in process.stderr:  # one line as each phase ends
            said.append(line)
            if line.startswith("numbering"):  # the rows are checked and numbered: writing now
                writing.set()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    deadline = time.monotonic() + 600
    while not writing.wait(timeout=0.2) and process.poll() is None:
        if time.monotonic() > deadline:
            process.kill()
            raise SystemExit("The import wrote nothing in ten minutes:\n" + "".join(said[-20:]))
    if process.poll() is not None:
        watcher.join(timeout=5)  # every line the import wrote before it ended
    if not writing.is_set():
        raise SystemExit(
            f"The import stopped with {process.returncode} before it wrote anything:\n"
            + "".join(said[-20:])
        )
    time.sleep(random.uniform(0.3, 1.0))
    finished_first = process.poll() is not None
    if not finished_first:
        process.send_signal(signal.SIGKILL)
    process.wait()
    writing_flag = writing.is_set()
    elapsed = time.monotonic() - started
    after = sql(args, work, "SELECT count(*) FROM inquiries_inquiry")[0][0]
    result = {
        "killed while writing": writing_flag and not finished_first and after == before,
        "seconds before the kill": round(elapsed, 1),
        "inquiries before": before,
        "inquiries after": after,
        "half-finished import": after not in (before, before + args.import_rows),
    }
    print(
        f"[import] SIGKILL after {elapsed:.1f} s "
        f"({'while writing' if writing_flag else 'NOT while writing'}"
        f"{', but it had finished' if finished_first else ''}); inquiries after: {after:,}",
        flush=True,
    )
    return result


def start_server(args: argparse.Namespace, work: Path, env: dict[str, str], log_name: str):  # type: ignore[no-untyped-def]
    port_free(args.port)
    with (work / log_name).open("w") as log:
        server = subprocess.Popen(
            [str(VENV_BIN / "borgerraadgiver"), "serve", "--bind", f"127.0.0.1:{args.port}"],
            env=env,
            cwd=PROJECT_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: master and workers die together
        )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/health/", timeout=5) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    raise SystemExit("The server did not become healthy.")


class Burst:
    """Advisors registering inquiries as fast as they can, recording what was acknowledged."""

    def __init__(self, args: argparse.Namespace, data: dict) -> None:  # type: ignore[type-arg]
        self.args, self.data = args, data
        self.acknowledged: list[dict[str, object]] = []
        self.errors = 0
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def session(self, account: dict):  # type: ignore[no-untyped-def, type-arg]
        import requests
        from django_otp.oath import totp

        base = f"http://127.0.0.1:{self.args.port}"
        session = requests.Session()
        session.get(f"{base}/accounts/login/")
        response = session.post(
            f"{base}/accounts/login/",
            {
                "username": account["username"],
                "password": self.data["password"],
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
        )
        if "/accounts/login/code/" in response.url:
            code = totp(unhexlify(account["totp_key"]), step=30, t0=0, digits=6)
            session.post(
                f"{base}/accounts/login/code/",
                {"token": f"{code:06d}", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            )
        return session

    def worker(self, session) -> None:  # type: ignore[no-untyped-def]
        base = f"http://127.0.0.1:{self.args.port}"
        pattern = re.compile(r"/inquiries/(\d+)/$")
        while not self.stop.is_set():
            token = uuid.uuid4().hex[:12]
            try:
                response = session.post(
                    f"{base}/inquiries/new/",
                    {
                        "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
                        "complainant_kind": "citizen",
                        "person_name": f"Fejltest Borger {token}",
                        "received_date": datetime.date.today().isoformat(),
                        "channel": "phone",
                        "department": random.choice(self.data["placements"]),
                        "reasons": random.sample(self.data["reasons"], 2),
                        "handling_type": random.choice(self.data["handling_types"]),
                        "summary": f"Fejltest {token}",
                        "matches_shown": "True",
                        "registration": "new",
                    },
                    allow_redirects=False,
                    timeout=30,
                )
            except Exception:  # the server was killed under us
                with self.lock:
                    self.errors += 1
                time.sleep(0.2)
                continue
            match = pattern.search(response.headers.get("Location", ""))
            if response.status_code == 302 and match:
                with self.lock:
                    self.acknowledged.append({"pk": int(match.group(1)), "token": token})


def kill_burst(
    args: argparse.Namespace, work: Path, env: dict[str, str], data: dict
) -> dict[str, object]:  # type: ignore[type-arg]
    server = start_server(args, work, env, "server-1.log")
    burst = Burst(args, data)
    advisors = [u for u in data["users"] if u["role"] == "advisor"][: args.clients]
    # Everyone logs in first (slow by design: Argon2 and a TOTP code), then the burst starts.
    sessions: list[object] = []
    logins = [
        threading.Thread(target=lambda a=a: sessions.append(burst.session(a)), daemon=True)
        for a in advisors
    ]
    for thread in logins:
        thread.start()
    for thread in logins:
        thread.join(timeout=120)
    threads = [threading.Thread(target=burst.worker, args=(s,), daemon=True) for s in sessions]
    for thread in threads:
        thread.start()
    time.sleep(args.burst_seconds)
    acknowledged_at_kill = len(burst.acknowledged)
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()
    print(
        f"\n[burst] {len(sessions)} advisors registering; SIGKILL to the server's process group "
        f"after {args.burst_seconds:.0f} s with {acknowledged_at_kill} registrations "
        "acknowledged",
        flush=True,
    )
    time.sleep(2)  # the clients see the connection refused meanwhile
    burst.stop.set()
    for thread in threads:
        thread.join(timeout=35)
    started = time.monotonic()
    server = start_server(args, work, env, "server-2.log")
    print(f"[burst] restarted, healthy after {time.monotonic() - started:.1f} s", flush=True)
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=60)
    ack_file = work / "acknowledged.jsonl"
    ack_file.write_text("".join(json.dumps(a) + "\n" for a in burst.acknowledged))
    return {
        "acknowledged": len(burst.acknowledged),
        "client errors while the server was down": burst.errors,
        "ack_file": ack_file,
    }


def main() -> int:
    args = parse_args()
    work = Path(args.work_dir) / args.db
    work.mkdir(parents=True, exist_ok=True)
    env = environment(args, work)
    average = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"Fault test on {args.db}; load average {average}; {interpreter()}")
    fresh_database(args, work)
    users_file = work / "users.json"
    subprocess.run(
        [
            str(VENV_BIN / "python"),
            str(BENCH_DIR / "load" / "fill.py"),
            "fill",
            "--inquiries",
            str(args.inquiries),
            "--users-file",
            str(users_file),
        ],
        env=env,
        cwd=PROJECT_DIR,
        check=True,
    )
    if not (Path(args.static_root) / "staticfiles.json").exists():
        print("Collecting static files (once) …", flush=True)
        subprocess.run(
            [str(VENV_BIN / "borgerraadgiver"), "collectstatic", "--noinput", "-v0"],
            env=env,
            cwd=PROJECT_DIR,
            check=True,
        )
    data = json.loads(users_file.read_text())

    imported = kill_import(args, work, env)
    burst = kill_burst(args, work, env, data)
    print("\n[check] after the restart:", flush=True)
    check = subprocess.run(
        [
            str(VENV_BIN / "python"),
            str(BENCH_DIR / "load" / "fill.py"),
            "check",
            "--acknowledged",
            str(burst["ack_file"]),
        ],
        env=env,
        cwd=PROJECT_DIR,
    )
    after_all = sql(args, work, "SELECT count(*) FROM inquiries_inquiry")[0][0]
    leftover = after_all - imported["inquiries before"] - burst["acknowledged"]  # type: ignore[operator]
    print(
        f"Inquiries now: {after_all:,} = {imported['inquiries before']:,} before + "
        f"{burst['acknowledged']} acknowledged + {leftover} registered but not acknowledged "
        "(the answer was lost with the server; the registration itself is whole)"
    )
    verdicts = {
        "the import was killed while writing": bool(imported["killed while writing"]),
        "no half-finished import": not imported["half-finished import"],
        "every acknowledged registration present; integrity check passed": check.returncode == 0,
    }
    print()
    for text, ok in verdicts.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
