#!/usr/bin/env python3
"""Where a benchmark's CPU goes: the cores each group of processes uses, sampled while it runs.

    .venv/bin/python bench/concurrency.py --db postgres --reuse --pages list &
    python3 bench/cpu_split.py [--every 4] [--samples 15]

Reads the user and system time of every process in `/proc/PID/stat` `--every` seconds apart and
prints, for each sample, the cores used by the app's server (`borgerraadgiver serve`), the bare
Django view's server, PostgreSQL's processes, the load generator (locust) and everything else.
A process is put in the first group its command line matches, load generator first: locust's
command line names the benchmark's work folder, which for PostgreSQL is called `postgres` (an
earlier sample that looked for "postgres" first counted locust as the database). Only the
standard library: it runs beside a benchmark with the machine's own python3.
"""

import argparse
import os
import time
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK")
GROUPS = ("app", "bare view", "postgres", "locust", "other")


def group(command_line: str) -> str:
    """The group of a process, from its command line (arguments apart by spaces).

    >>> group(".venv/bin/locust -f bench/concurrency_locust.py --csv /tmp/x/postgres/run")
    'locust'
    >>> group("postgres: postgres bench_concurrency 127.0.0.1(51234) idle")
    'postgres'
    >>> group("/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main")
    'postgres'
    >>> group(".venv/bin/python3 .venv/bin/borgerraadgiver serve --bind 127.0.0.1:8819")
    'app'
    >>> group(".venv/bin/python bench/bare_site.py --bind 127.0.0.1:8820")
    'bare view'
    >>> group("bash")
    'other'
    """
    if "locust" in command_line:
        return "locust"
    if command_line.startswith("postgres") or "/postgresql/" in command_line:
        return "postgres"
    if "borgerraadgiver serve" in command_line:
        return "app"
    if "bare_site.py" in command_line:
        return "bare view"
    return "other"


def cpu_seconds() -> dict[int, tuple[str, float]]:
    """Each process's group and the CPU seconds it has used so far."""
    used = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command_line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            # The fields after the command's name, which may hold spaces and parentheses.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        used[int(entry.name)] = (group(command_line), (int(fields[11]) + int(fields[12])) / TICKS)
    return used


def sample(seconds: float) -> dict[str, float]:
    """Cores used by each group over `seconds`."""
    before, started = cpu_seconds(), time.monotonic()
    time.sleep(seconds)
    after, elapsed = cpu_seconds(), time.monotonic() - started
    cores = dict.fromkeys(GROUPS, 0.0)
    for pid, (name, seconds_used) in after.items():
        cores[name] += (seconds_used - before.get(pid, (name, 0.0))[1]) / elapsed
    return cores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, default=4.0, help="seconds a sample")
    parser.add_argument("--samples", type=int, default=15)
    args = parser.parse_args()
    print(f"{'time':<10}" + "".join(f"{name:>11}" for name in GROUPS) + "   (cores)")
    for _ in range(args.samples):
        cores = sample(args.every)
        print(f"{time.strftime('%H:%M:%S'):<10}" + "".join(f"{cores[n]:>11.2f}" for n in GROUPS))


if __name__ == "__main__":
    main()
