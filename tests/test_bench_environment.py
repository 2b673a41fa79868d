"""The benchmarks' servers and commands start (bench/served.py): Django's system checks pass in
the environment the load, fault and concurrency benchmarks give them. A new production check
that refused it would stop every benchmark's command before it did anything, as the proxy check
once stopped the fault test's import without a word."""

import doctest
import importlib.util
import socket

import pytest

from tests.helpers import REPO, project_python

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
    result = project_python(["-m", "django", "check", "--fail-level", "ERROR"], env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def _listening() -> socket.socket:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    return server


def test_a_benchmark_stops_when_a_server_from_an_earlier_run_holds_its_port():
    with _listening() as left_over:
        port = left_over.getsockname()[1]
        with pytest.raises(SystemExit, match=f"Port {port} is in use"):
            served.port_free(port)


def test_the_finished_connections_of_a_run_leave_the_port_free():
    with _listening() as server:
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _address = server.accept()
        accepted.close()  # the server closes first: its side waits out TIME_WAIT on the port
        client.close()
    served.port_free(port)


def test_the_cpu_split_puts_each_benchmark_process_in_its_group():
    """bench/cpu_split.py's doctests: locust before PostgreSQL, whose name its command line
    holds (the benchmark's work folder for PostgreSQL is called `postgres`)."""
    spec = importlib.util.spec_from_file_location("cpu_split", REPO / "bench" / "cpu_split.py")
    assert spec is not None and spec.loader is not None
    cpu_split = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cpu_split)
    result = doctest.testmod(cpu_split)
    assert (result.failed, result.attempted) == (0, 6)
    assert set(cpu_split.sample(0.05)) == set(cpu_split.GROUPS)
