"""Start the whole suite: infrastructure check, six services, the gateway.

    python tools/suite.py run            # what `make run` does
    python tools/suite.py infra          # what `make test` needs: RabbitMQ (with its management
                                         # API), Redis, PostgreSQL, promtool and chromium

Used by `make run` and by the end-to-end tests (class `Suite`), so the demo
and the tests start the suite the same way.
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("sales", "planning", "procurement", "quality", "logistics", "aftersales")
PYTHON = sys.executable


def reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port),
                                 timeout=2).close()
        return True
    except OSError:
        return False


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def _docker_engine() -> bool:
    return bool(shutil.which("docker")) and subprocess.run(
        ["docker", "info"], capture_output=True).returncode == 0


LOCAL_START = {
    "RabbitMQ": ["rabbitmq-server", "-detached"],
    "Redis": ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379",
              "--save", "", "--appendonly", "no"],
}
INSTALL_HINT = {
    "RabbitMQ": "apt-get install rabbitmq-server  (or: brew install rabbitmq)",
    "Redis": "apt-get install redis-server  (or: brew install redis)",
}


def ensure_infra(amqp_uri: str, redis_url: str) -> None:
    """Make RabbitMQ and Redis answer: local servers, else docker compose, else say what to do."""
    for name, url, port, compose_service in (
        ("RabbitMQ", amqp_uri, 5672, "rabbitmq"),
        ("Redis", redis_url, 6379, "redis"),
    ):
        if reachable(url, port):
            print(f"  {name:9} reachable at {urlparse(url).hostname}:{urlparse(url).port or port}")
            continue
        binary = LOCAL_START[name][0]
        if shutil.which(binary):
            print(f"  {name:9} not running: starting the local {binary}")
            subprocess.run(LOCAL_START[name], check=False, capture_output=True)
        elif _docker_engine():
            print(f"  {name:9} not running: starting it with docker compose")
            subprocess.run(["docker", "compose", "-f", str(ROOT / "infra" / "compose.yaml"),
                            "up", "-d", compose_service], check=True)
        else:
            raise SystemExit(f"{name} is not reachable at {url} and neither a local server nor "
                             f"a Docker engine is available.\nInstall it: {INSTALL_HINT[name]}\n"
                             f"or point the suite at one: export "
                             f"{'AMQP_URI' if name == 'RabbitMQ' else 'REDIS_URL'}=...")
        if not _wait(lambda url=url, port=port: reachable(url, port), 90):
            raise SystemExit(f"{name} did not come up within 90 s at {url}")
        print(f"  {name:9} started")


def _local(url: str) -> bool:
    return (urlparse(url).hostname or "127.0.0.1") in ("127.0.0.1", "localhost", "::1")


def ensure_postgres(url: str) -> None:
    """The test tiers run on PostgreSQL as well: start the local cluster when it is down."""
    where = f"{urlparse(url).hostname}:{urlparse(url).port or 5432}"
    if reachable(url, 5432):
        print(f"  PostgreSQL reachable at {where}")
        return
    clusters = sorted(path.name for path in Path("/etc/postgresql").glob("*"))
    if _local(url) and shutil.which("pg_ctlcluster") and clusters:
        print(f"  PostgreSQL not running: starting the local cluster {clusters[-1]}/main")
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1], "main",
                        "start"], check=False)
        if _wait(lambda: reachable(url, 5432), 60):
            print("  PostgreSQL started")
            return
    raise SystemExit(f"PostgreSQL is not reachable at {url} (the service and end-to-end tests "
                     f"need it). Start it (pg_ctlcluster --skip-systemctl-redirect "
                     f"$(ls /etc/postgresql) main start), or set POSTGRES_URL.")


def _management_answers(api_url: str) -> bool:
    parsed = urlparse(api_url)
    overview = (f"{parsed.scheme or 'http'}://{parsed.hostname or '127.0.0.1'}:"
                f"{parsed.port or 15672}{parsed.path.rstrip('/')}/api/overview")
    login = f"{parsed.username or 'guest'}:{parsed.password or 'guest'}".encode()
    request = urllib.request.Request(
        overview, headers={"Authorization": "Basic " + base64.b64encode(login).decode()})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status == 200
    except Exception:
        return False


def ensure_rabbit_management(amqp_uri: str) -> None:
    """The tests give each test its own vhost through the management API (port 15672).

    A fresh RabbitMQ has the plugin off: enable it (local broker) and wait until it answers.
    """
    amqp = urlparse(amqp_uri)
    api_url = os.environ.get(
        "RABBIT_API_URI", f"http://{amqp.username or 'guest'}:{amqp.password or 'guest'}@"
                          f"{amqp.hostname or '127.0.0.1'}:15672")
    where = f"{urlparse(api_url).hostname}:{urlparse(api_url).port or 15672}"
    if _management_answers(api_url):
        print(f"  {'RabbitMQ':9} management API answers at {where}")
        return
    if not (_local(api_url) and shutil.which("rabbitmq-plugins")):
        raise SystemExit(f"the RabbitMQ management API does not answer at {where}; enable it on "
                         f"the broker (rabbitmq-plugins enable rabbitmq_management) or set "
                         f"RABBIT_API_URI")
    print(f"  {'RabbitMQ':9} enabling the management plugin (the tests create a vhost each)")
    subprocess.run(["rabbitmq-plugins", "enable", "rabbitmq_management"], check=True,
                   stdout=subprocess.DEVNULL)
    if not _wait(lambda: _management_answers(api_url), 90):
        raise SystemExit("the RabbitMQ management API did not answer within 90 s of enabling "
                         "the plugin (rabbitmq-plugins list; the broker's log)")
    print(f"  {'RabbitMQ':9} management API answers")


# what the test tiers run besides Python: (what for, Debian packages, apt-get options)
TEST_TOOLS = {
    # no recommends: prometheus would also bring (and start) the node exporter
    "promtool": ("the alert-rule tests (tests/contract/test_alert_rules.py)", ["prometheus"],
                 ["--no-install-recommends"]),
    "chromium": ("the browser tests of the web pages (tests/e2e/test_web_pages.py)",
                 ["chromium", "fonts-noto-cjk"], []),
}


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing_tools() -> list[str]:
    return [tool for tool in TEST_TOOLS if shutil.which(tool) is None]


def ensure_test_tools() -> None:
    """Install the test tiers' tools with apt-get when missing (Debian, as root)."""
    missing = missing_tools()
    if not missing:
        print(f"  {'tools':9} {', '.join(TEST_TOOLS)} installed")
        return
    packages = [package for tool in missing for package in TEST_TOOLS[tool][1]]
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        message = (f"missing {', '.join(missing)}: install the Debian packages "
                   f"{' '.join(packages)} (apt-get install -y {' '.join(packages)})")
        if under_ci():
            raise SystemExit(message)
        print(f"  {'tools':9} {message}; until then those tests skip (under CI they fail)")
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"  {'tools':9} apt-get update")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    for tool in missing:
        why, debs, options = TEST_TOOLS[tool]
        print(f"  {'tools':9} installing {' '.join(debs)} for {why}")
        subprocess.run(["apt-get", "install", "-y", "-qq", *options, *debs], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    still = missing_tools()
    if still:
        raise SystemExit(f"apt-get installed {' '.join(packages)} but {', '.join(still)} "
                         f"is still not on PATH")
    print(f"  {'tools':9} installed")


def ensure_test_infra(amqp_uri: str, redis_url: str) -> None:
    """Everything `make test` needs: the servers, the broker's management API, the tools."""
    ensure_infra(amqp_uri, redis_url)
    ensure_rabbit_management(amqp_uri)
    ensure_postgres(os.environ.get("POSTGRES_URL") or os.environ.get("DATABASE_URL")
                    or "postgresql://postgres@127.0.0.1:5432/postgres")
    ensure_test_tools()


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM when the launcher dies, however it dies."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass  # not Linux: stop() and the SIGTERM handler still clean up


class Suite:
    """The six services and the gateway as child processes."""

    def __init__(self, env: dict | None = None, port: int = 8000, host: str = "127.0.0.1",
                 log_dir: Path | None = None):
        self.env = {**os.environ, **(env or {})}
        self.port = port
        self.host = host
        self.log_dir = log_dir or Path(self.env.get("ORDERSUITE_VAR", ROOT / "var")) / "log"
        self.processes: dict[str, subprocess.Popen] = {}

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 90) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for index, service in enumerate(SERVICES):
            env = {**self.env}
            env.setdefault(f"{service.upper()}_METRICS_PORT", str(9101 + index))
            self._spawn(service, [PYTHON, "-m", "servicekit", "run", service], env)
        self._spawn("gateway", [PYTHON, "-m", "uvicorn", "gateway.main:app", "--host", self.host,
                                "--port", str(self.port), "--log-level", "warning"], self.env)
        try:
            if not _wait(self.ready, timeout):
                raise RuntimeError(f"the suite did not become ready within {timeout}s; "
                                   f"see the logs in {self.log_dir}")
        except BaseException:
            self.stop()  # never leave half a suite running
            raise

    def _spawn(self, name: str, command: list[str], env: dict) -> None:
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - child owns it
        self.processes[name] = subprocess.Popen(command, env=env, stdout=log,
                                                stderr=subprocess.STDOUT, cwd=ROOT,
                                                preexec_fn=_die_with_parent)

    def ready(self) -> bool:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}; "
                                   f"see {self.log_dir / (name + '.log')}")
        try:
            with urllib.request.urlopen(f"{self.url}/health", timeout=5) as response:
                return response.status == 200
        except Exception:
            return False

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["run", "infra"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("GATEWAY_PORT", 8000)))
    parser.add_argument("--host", default=os.environ.get("GATEWAY_HOST", "127.0.0.1"))
    args = parser.parse_args(argv)
    amqp_uri = os.environ.get("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    print("ordersuite: checking infrastructure")
    if args.command == "infra":  # what `make test` needs
        ensure_test_infra(amqp_uri, redis_url)
        return 0
    ensure_infra(amqp_uri, redis_url)
    suite = Suite(port=args.port, host=args.host)
    # `kill`, `timeout` and CI send SIGTERM: stop the children as Ctrl-C does
    signal.signal(signal.SIGTERM, _interrupt)
    print("ordersuite: starting six services and the gateway")
    suite.start()
    print(f"""
ordersuite is up.
  gateway      {suite.url}
  API docs     {suite.url}/docs
  health       {suite.url}/health
  metrics      {suite.url}/metrics  (services: http://127.0.0.1:9101-9106/metrics)
  logs         {suite.log_dir}
Press Ctrl-C to stop.""")
    try:
        while all(process.poll() is None for process in suite.processes.values()):
            time.sleep(1)
        print("a process exited; stopping the suite (see the logs)")
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        suite.stop()


if __name__ == "__main__":
    sys.exit(main())
