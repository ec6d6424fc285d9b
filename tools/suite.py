"""Start the whole suite: infrastructure check, six services, the gateway.

    python tools/suite.py run            # what `make run` does
    python tools/suite.py infra          # only make sure RabbitMQ and Redis answer

Used by `make run` and by the end-to-end tests (class `Suite`), so the demo
and the tests start the suite the same way.
"""

from __future__ import annotations

import argparse
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
    ensure_infra(amqp_uri, redis_url)
    if args.command == "infra":
        return 0
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
