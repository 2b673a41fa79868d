"""The benchmarks' servers and commands start (bench/served.py): Django's system checks pass in
the environment the load, fault and concurrency benchmarks give them. A new production check
that refused it would stop every benchmark's command before it did anything, as the proxy check
once stopped the fault test's import without a word."""

import importlib.util
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_spec = importlib.util.spec_from_file_location("served", REPO / "bench" / "served.py")
assert _spec is not None and _spec.loader is not None
served = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(served)


def test_the_system_checks_pass_in_the_benchmarks_environment(tmp_path, monkeypatch):
    # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, which the checks rightly refuse.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    env = served.production_environment(
        database_url=f"sqlite:///{tmp_path / 'bench.db'}",
        work=tmp_path,
        static_root=str(tmp_path / "static"),
    )
    assert env["DJANGO_SETTINGS_MODULE"] == "borgerraadgiver.config.settings.production"
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--fail-level", "ERROR"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
