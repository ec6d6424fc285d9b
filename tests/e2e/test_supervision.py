"""The supervised suite (issue 8 item 5): a killed process comes back on its own, the others
are left alone and keep answering, and a stop ends every process within 10 s.

These tests kill and stop processes, so they run their own suites (fresh vhost, fresh
var/), never the session's shared one: once with the Suite class the other end-to-end
tests use, and as `make run` does (`tools/suite.py run`, stopped by Ctrl-C or `make stop`).
The figures (seconds until back, seconds to stop) are printed: `pytest -s` shows them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from servicekit.testing import create_vhost, delete_vhost

from monitoring import missing_monitoring
from suite import ROOT, SERVICES, Suite, _alive
from suite_harness import free_port, running_suite, suite_env

pytestmark = pytest.mark.e2e
BACK_WITHIN_S = 10.0
STOPPED_WITHIN_S = 10.0
RESEND = "re-send() an already-triggered event"


@pytest.fixture(scope="module")
def own(rabbit_api, tmp_path_factory):
    """A suite of this module's own: no JWT_SECRET given, so the embedded secrets are made."""
    # a dead service's health check gives up after 1 s: /health says degraded at once;
    # neither secret set, as on a machine where neither is
    with running_suite(rabbit_api, tmp_path_factory.mktemp("supervised-var"), timeout=180,
                       LOG_LEVEL="WARNING", HEALTH_TIMEOUT_S="1", JWT_SECRET="",
                       ACTOR_SIGNING_KEY="") as running:
        yield running


def token(url: str, username: str) -> dict:
    answer = httpx.post(f"{url}/auth/token", data={"username": username, "password": "demo"},
                        timeout=30)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def health(url: str) -> tuple[int, dict]:
    try:
        answer = httpx.get(f"{url}/health", timeout=10)
        return answer.status_code, answer.json()
    except (httpx.HTTPError, ValueError) as exc:
        return 0, {"error": str(exc)}


class Caller(threading.Thread):
    """Calls one route over and over, recording each answer's status and latency."""

    def __init__(self, url: str, path: str, headers: dict):
        super().__init__(daemon=True)
        self.url, self.path, self.headers = url, path, headers
        self.results: list[tuple[int, float]] = []
        self.done = threading.Event()

    def run(self):
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self.done.is_set():
                started = time.monotonic()
                try:
                    status = client.get(self.path, headers=self.headers).status_code
                except httpx.HTTPError:
                    status = 0
                self.results.append((status, time.monotonic() - started))
                time.sleep(0.1)

    def stop(self) -> list[tuple[int, float]]:
        self.done.set()
        self.join(30)
        return self.results


def wait_back(suite: Suite, name: str, old_pid: int, timeout: float) -> tuple[float, bool]:
    """(seconds until the gateway's /health says `name` is ready in a new process,
    whether /health said degraded with `name` unavailable meanwhile)."""
    started, degraded = time.monotonic(), False
    while time.monotonic() - started < timeout:
        status, body = health(suite.url)
        state = body.get("services", {}).get(name, {}).get("status")
        if status == 503 and body.get("status") == "degraded" and state != "ready":
            degraded = True
        process = suite.processes.get(name)
        if status == 200 and state in (None, "ready") and process is not None \
                and process.pid != old_pid and process.poll() is None:
            return time.monotonic() - started, degraded
        time.sleep(0.1)
    raise AssertionError(f"{name} not back within {timeout} s; see {suite.log_dir}")


def test_a_killed_service_is_back_within_10_s_and_another_services_calls_keep_working(own):
    pids = {name: process.pid for name, process in own.processes.items()}
    planner = Caller(own.url, "/planning/work-orders", token(own.url, "planner.p1"))
    planner.start()
    time.sleep(0.5)
    os.kill(pids["sales"], signal.SIGKILL)
    back_after, degraded = wait_back(own, "sales", pids["sales"], timeout=30)
    time.sleep(0.5)
    calls = planner.stop()
    print(f"\nsales SIGKILLed: back (health RPC answered through the gateway) after "
          f"{back_after:.2f} s; planning meanwhile: {len(calls)} calls, "
          f"{sum(status == 200 for status, _ in calls)} answered 200, slowest "
          f"{max(latency for _, latency in calls):.2f} s")
    assert back_after < BACK_WITHIN_S
    assert degraded, "/health did not say degraded while sales was down"
    assert calls and all(status == 200 for status, _ in calls), calls
    # no other process was restarted
    assert {name: process.pid for name, process in own.processes.items() if name != "sales"} \
        == {name: pid for name, pid in pids.items() if name != "sales"}
    # the new sales serves, and the restart was logged
    orders = httpx.get(f"{own.url}/sales/orders", headers=token(own.url, "sales.p1"), timeout=30)
    assert orders.status_code == 200
    events = [(event["event"], event["name"]) for event in own.events]
    assert events == [("died", "sales"), ("restarted", "sales")]
    logged = (own.log_dir / "suite.log").read_text()
    assert f"sales (pid {pids['sales']}) died (signal SIGKILL)" in logged
    assert "sales restarted" in logged


def test_tokens_survive_a_gateway_restart_with_the_embedded_secrets(own):
    """No JWT_SECRET set: the suite keeps one in var/secrets (0600) and every restart uses it;
    ACTOR_SIGNING_KEY likewise, handed to the gateway and every service."""
    secrets = Path(own.env["ORDERSUITE_VAR"]) / "secrets"
    for name in ("jwt_secret", "actor_signing_key"):
        assert (secrets / name).stat().st_mode & 0o777 == 0o600
        assert len((secrets / name).read_text().strip()) >= 48
    signing_key = (secrets / "actor_signing_key").read_text().strip()
    for name, process in own.processes.items():
        environ = Path(f"/proc/{process.pid}/environ").read_bytes().split(b"\0")
        assert f"ACTOR_SIGNING_KEY={signing_key}".encode() in environ, name
    headers = token(own.url, "sales.p1")
    gateway = own.processes["gateway"].pid
    os.kill(gateway, signal.SIGKILL)
    back_after, _ = wait_back(own, "gateway", gateway, timeout=30)
    print(f"\ngateway SIGKILLed: back after {back_after:.2f} s")
    me = httpx.get(f"{own.url}/auth/me", headers=headers, timeout=30)
    assert me.status_code == 200, "a token signed before the restart was refused after it"
    assert me.json()["username"] == "sales.p1"


def test_stopping_the_suite_ends_every_process_within_10_s(own):
    processes = dict(own.processes)
    started = time.monotonic()
    own.stop()
    took = time.monotonic() - started
    print(f"\nSuite.stop(): every process ended after {took:.2f} s")
    assert took < STOPPED_WITHIN_S
    assert all(process.poll() is not None for process in processes.values())
    assert not any(_alive(process.pid) for process in processes.values())
    for log in own.log_dir.glob("*.log"):
        assert RESEND not in log.read_text(errors="replace"), log


@pytest.mark.parametrize("how", ["ctrl-c", "make stop"])
def test_make_run_stops_every_process_within_10_s(rabbit_api, tmp_path, how):
    """`tools/suite.py run` as `make run` starts it; Ctrl-C (SIGINT to its process group, as a
    terminal sends it) or `tools/suite.py stop` (what `make stop` runs)."""
    vhost, amqp_uri = create_vhost(rabbit_api)
    env = {**os.environ, **suite_env(amqp_uri, tmp_path / "var", LOG_LEVEL="WARNING",
                                     HEALTH_TIMEOUT_S="1"),
           "GATEWAY_PORT": str(free_port())}
    pid_file = tmp_path / "var" / "suite.pid"
    output = open(tmp_path / "launcher.log", "wb")  # noqa: SIM115 - closed below
    launcher = subprocess.Popen([sys.executable, "tools/suite.py", "run"], cwd=ROOT, env=env,
                                stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while b"ordersuite is up" not in (tmp_path / "launcher.log").read_bytes():
            assert launcher.poll() is None, (tmp_path / "launcher.log").read_text()
            assert time.monotonic() < deadline, "the suite did not start"
            time.sleep(0.5)
        record = json.loads(pid_file.read_text())
        assert record["launcher"] == launcher.pid
        pids = [launcher.pid, *record["children"].values()]
        # the launcher, the services, the gateway, and Prometheus + Alertmanager when installed
        monitors = 0 if missing_monitoring() else 2
        assert len(pids) == 1 + len(SERVICES) + 1 + monitors
        started = time.monotonic()
        if how == "ctrl-c":
            os.killpg(launcher.pid, signal.SIGINT)
        else:
            subprocess.run([sys.executable, "tools/suite.py", "stop"], cwd=ROOT, env=env,
                           check=True, timeout=30)
        while any(_alive(pid) for pid in pids) and time.monotonic() - started < 30:
            launcher.poll()  # reap the launcher
            time.sleep(0.05)
        took = time.monotonic() - started
        print(f"\n`make run` stopped by {how}: every process ended after {took:.2f} s")
        assert took < STOPPED_WITHIN_S, [pid for pid in pids if _alive(pid)]
        assert launcher.wait(5) == 0
        assert not pid_file.exists()
        for log in (tmp_path / "var" / "log").glob("*.log"):
            assert RESEND not in log.read_text(errors="replace"), log
    finally:
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGKILL)
        output.close()
        delete_vhost(rabbit_api, vhost)
