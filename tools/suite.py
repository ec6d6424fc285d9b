"""Start the whole suite: infrastructure check, six services, the gateway.

    python tools/suite.py run            # what `make run` does
    python tools/suite.py infra          # what `make test` needs: RabbitMQ (with its management
                                         # API), Redis, PostgreSQL, promtool, Alertmanager,
                                         # chromium, chromedriver and pdftotext

Used by `make run` and by the end-to-end tests (class `Suite`), so the demo
and the tests start the suite the same way.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from monitoring import Monitoring, missing_monitoring

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
    "prometheus-alertmanager": ("`make run`'s Alertmanager and the monitoring test "
                                "(tests/e2e/test_monitoring.py)", ["prometheus-alertmanager"],
                                ["--no-install-recommends"]),
    "chromium": ("the browser tests of the web pages (tests/e2e/test_web_pages.py)",
                 ["chromium", "fonts-noto-cjk"], []),
    # the click-through journey in the pages drives Chromium through WebDriver (selenium)
    "chromedriver": ("the pages' click-through journey (tests/e2e/test_web_journey.py)",
                     ["chromium-driver"], []),
    # the documents' text is read back from their PDFs (tests/e2e/test_documents_*.py)
    "pdftotext": ("the documents' tests (tests/e2e/test_documents_and_spreadsheets.py)",
                  ["poppler-utils", "fonts-noto-cjk"], []),
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
    """Linux: the child gets SIGTERM when the thread that started it dies, however it dies.

    (PR_SET_PDEATHSIG follows the creating *thread*: the supervisor thread that restarts
    children therefore outlives them; see Suite._supervise.)
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass  # not Linux: stop() and the SIGTERM handler still clean up


# --- secrets of the embedded set-up --------------------------------------------------------

# variable -> file under <ORDERSUITE_VAR>/secrets/: made once, reused on every restart
SECRETS = {"JWT_SECRET": "jwt_secret", "ACTOR_SIGNING_KEY": "actor_signing_key"}


def load_or_create_secret(path: Path) -> str:
    """The secret kept in `path` (mode 0600), made on first use (48 random bytes, url-safe)."""
    import secrets as random_secrets

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)  # readable by others: make it the owner's alone
        value = path.read_text().strip()
        if not value:
            raise SystemExit(f"{path} is empty: delete it to have a new secret made") from None
        return value
    value = random_secrets.token_urlsafe(48)
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    return value


def embedded_secrets(env: dict, var: Path) -> dict[str, str]:
    """JWT_SECRET and ACTOR_SIGNING_KEY for the embedded set-up: from the environment when set,
    else kept in var/secrets/ so tokens and signatures survive a restart. In production
    (ORDERSUITE_ENV=production) nothing is made: the processes refuse to start without them."""
    if env.get("ORDERSUITE_ENV", "").strip().lower() == "production":
        return {}
    return {name: load_or_create_secret(var / "secrets" / file)
            for name, file in SECRETS.items() if not env.get(name)}


# --- the suite ------------------------------------------------------------------------------

RESTART_BACKOFF_S = (0.5, 1, 2, 4, 8, 15, 30)  # before the 1st, 2nd, ... restart in a row
STABLE_AFTER_S = 10.0  # a process that ran this long starts its backoff from the beginning
STOP_GRACE_S = 6.0  # SIGTERM, then SIGKILL whatever still runs after this


def _exit_text(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def instances_of(service: str, env: dict) -> int:
    """How many processes of a service to run: `<SERVICE>_INSTANCES`, else
    `SERVICE_INSTANCES` (`make run INSTANCES=2`), else 1. Several instances want
    PostgreSQL (`<SERVICE>_DATABASE_URL`): on one SQLite file they take turns to write."""
    return max(1, int(env.get(f"{service.upper()}_INSTANCES")
                      or env.get("SERVICE_INSTANCES") or 1))


def gateway_workers(env: dict) -> int:
    """The gateway's worker processes behind its one port: `GATEWAY_WORKERS`, else 1 (the
    tests); `make run` asks for one per core (sensible_gateway_workers)."""
    return max(1, int(env.get("GATEWAY_WORKERS") or 1))


def sensible_gateway_workers() -> int:
    """One per core, at least 2 (a worker busy with a slow request leaves one free), at
    most 4 (each holds a broker connection and the user store)."""
    return min(4, max(2, os.cpu_count() or 1))


class _Child:
    def __init__(self, name: str, command: list[str], env: dict):
        self.name, self.command, self.env = name, command, env
        self.process: subprocess.Popen | None = None
        self.log = None
        self.started = 0.0
        self.quick_deaths = 0  # deaths in a row, each before STABLE_AFTER_S
        self.restart_at: float | None = None
        self.restarts = 0


class Suite:
    """The six services and the gateway as child processes, supervised.

    After `start()`, a supervisor thread restarts any child that dies (the others are
    left alone), after a backoff (0.5 s, then 1, 2, 4 ... 30 s while it keeps dying within
    10 s of its start), and logs each death and restart to the launcher's output and to
    `<log_dir>/suite.log`. `stop()` sends one SIGTERM to every child at once and SIGKILLs
    what still runs after `stop_grace_s`. Children run in sessions of their own, so a
    terminal's Ctrl-C reaches only the launcher, which then stops them exactly once.
    """

    def __init__(self, env: dict | None = None, port: int = 8000, host: str = "127.0.0.1",
                 log_dir: Path | None = None, *, supervise: bool = True,
                 stop_grace_s: float = STOP_GRACE_S, pid_file: Path | None = None,
                 echo: bool = True, monitoring: Monitoring | None = None):
        self.env = {**os.environ, **(env or {})}
        self.port = port
        self.host = host
        self.var = ROOT / self.env.get("ORDERSUITE_VAR", "var")  # absolute stays absolute
        self.log_dir = log_dir or self.var / "log"
        self.supervise = supervise
        self.stop_grace_s = stop_grace_s
        self.pid_file = pid_file
        self.echo = echo
        self.monitoring = monitoring  # Prometheus + Alertmanager as two more children
        self.processes: dict[str, subprocess.Popen] = {}  # the running process of each child
        self.events: list[dict] = []  # deaths, restarts, kills: what the supervisor did
        self._children: dict[str, _Child] = {}
        self._lock = threading.Lock()
        self._terminating = threading.Lock()
        self._stopping = threading.Event()
        self._hurry = threading.Event()  # a second Ctrl-C: SIGKILL at once
        self._supervisor: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # --- start -----------------------------------------------------------------------------

    def start(self, timeout: float = 90) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.env.update(embedded_secrets(self.env, self.var))
        # Bytecode of the children in var/pycache, never in the source tree: without a cache
        # (the Makefile sets PYTHONDONTWRITEBYTECODE) each start compiles every dependency
        # again, measured 3-5 s of a service's start here, 1.2 s with it.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env.setdefault("PYTHONPYCACHEPREFIX", str(ROOT / "var" / "pycache"))
        for index, service in enumerate(SERVICES):
            # Competing consumers (issue 16): every instance takes from the same queues.
            for instance in range(1, instances_of(service, self.env) + 1):
                env = {**self.env}
                port_key = f"{service.upper()}_METRICS_PORT"
                if instance == 1:
                    env.setdefault(port_key, str(9101 + index))
                else:  # a port of its own per instance, or none when the first has none
                    first = int(env.get(port_key) or 0)
                    env[port_key] = str(first + 100 * (instance - 1)) if first else "0"
                name = service if instance == 1 else f"{service}#{instance}"
                self._add(name, [PYTHON, "-m", "servicekit", "run", service], env)
        # uvicorn stops waiting for open requests before the launcher's SIGKILL would
        graceful = str(max(1, int(self.stop_grace_s) - 2))
        self._add("gateway", [PYTHON, "-m", "uvicorn", "gateway.main:app", "--host", self.host,
                              "--port", str(self.port), "--log-level", "warning",
                              "--workers", str(gateway_workers(self.env)),
                              "--loop", "uvloop", "--http", "httptools",
                              "--no-access-log",
                              "--timeout-graceful-shutdown", graceful], self.env)
        if self.monitoring is not None:
            self._add_monitoring()
        try:
            if not _wait(self._started, timeout):
                raise RuntimeError(f"the suite did not become ready within {timeout}s; "
                                   f"see the logs in {self.log_dir}")
            if self.monitoring is not None and not _wait(self.monitoring.ready, timeout):
                raise RuntimeError(f"Prometheus or Alertmanager did not answer within "
                                   f"{timeout}s; see their logs in {self.log_dir}")
        except BaseException:
            self.stop()  # never leave half a suite running
            raise
        if self.supervise:
            self._supervisor = threading.Thread(target=self._supervise, name="suite-supervisor",
                                                daemon=True)
            self._supervisor.start()

    def _add(self, name: str, command: list[str], env: dict) -> None:
        child = self._children[name] = _Child(name, command, env)
        self._spawn(child)

    def _add_monitoring(self) -> None:
        """Prometheus scraping the gateway and every service's metrics port, and its
        Alertmanager (tools/monitoring.py)."""
        services = []  # (department, host:port) of every instance that serves metrics
        for name, child in self._children.items():
            department = name.split("#")[0]
            port = child.env.get(f"{department.upper()}_METRICS_PORT") or "0"
            if department in SERVICES and port != "0":
                services.append((department, f"127.0.0.1:{port}"))
        commands = self.monitoring.commands(self.var / "monitoring", f"{self.host}:{self.port}",
                                            services)
        for name, command in commands.items():
            self._add(name, command, self.env)

    def _spawn(self, child: _Child) -> None:
        if child.log is not None:
            child.log.close()
        child.log = open(self.log_dir / f"{child.name}.log", "ab")  # noqa: SIM115 - kept open
        child.process = subprocess.Popen(child.command, env=child.env, stdout=child.log,
                                         stderr=subprocess.STDOUT, cwd=ROOT,
                                         start_new_session=True, preexec_fn=_die_with_parent)
        child.started = time.monotonic()
        child.restart_at = None
        with self._lock:
            self.processes[child.name] = child.process
        self._write_pid_file()

    def _started(self) -> bool:
        """During start-up a child that exits is an error (a broken set-up, not a crash)."""
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}; "
                                   f"see {self.log_dir / (name + '.log')}")
        return self.healthy()

    def healthy(self) -> bool:
        """The gateway's /health says every service is ready."""
        try:
            with urllib.request.urlopen(f"{self.url}/health", timeout=5) as response:
                return response.status == 200
        except Exception:
            return False

    def ready(self) -> bool:
        """Every child runs and the gateway's /health says ready (under supervision a dead
        child is being restarted: not ready yet, no error)."""
        if not self.supervise:
            return self._started()
        with self._lock:
            running = all(process.poll() is None for process in self.processes.values())
        return running and self.healthy()

    # --- supervision -----------------------------------------------------------------------

    def note(self, message: str, **event) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        line = f"{stamp} suite: {message}"
        if event:
            self.events.append({"at": time.time(), **event})
        if self.echo:
            print(line, flush=True)
        try:
            with open(self.log_dir / "suite.log", "a") as log:
                log.write(line + "\n")
        except OSError:
            pass

    def _supervise(self) -> None:
        """Restart dead children with backoff until stop(); then stop them, from this thread
        (the one that started the restarted children, see _die_with_parent)."""
        try:
            while not self._stopping.wait(0.1):
                try:
                    self._check_children()
                except Exception as exc:  # never let supervision die quietly
                    self.note(f"supervisor error (continuing): {exc!r}")
        finally:
            self._terminate_all()

    def _check_children(self) -> None:
        now = time.monotonic()
        for child in self._children.values():
            if self._stopping.is_set():
                return
            if child.restart_at is not None:
                if now >= child.restart_at:
                    child.restarts += 1
                    self._spawn(child)
                    self.note(f"{child.name} restarted (pid {child.process.pid}, restart "
                              f"{child.restarts})", event="restarted", name=child.name,
                              pid=child.process.pid)
                continue
            code = child.process.poll()
            if code is None:
                continue
            uptime = now - child.started
            child.quick_deaths = 1 if uptime >= STABLE_AFTER_S else child.quick_deaths + 1
            delay = RESTART_BACKOFF_S[min(child.quick_deaths, len(RESTART_BACKOFF_S)) - 1]
            child.restart_at = now + delay
            self.note(f"{child.name} (pid {child.process.pid}) died ({_exit_text(code)}) after "
                      f"{uptime:.1f} s; restarting in {delay:g} s"
                      + (f" ({child.quick_deaths} quick deaths in a row)"
                         if child.quick_deaths > 1 else ""),
                      event="died", name=child.name, pid=child.process.pid, code=code,
                      delay=delay)

    # --- stop ------------------------------------------------------------------------------

    def stop(self) -> None:
        """Every child ends within stop_grace_s (+ a moment): SIGTERM once, then SIGKILL."""
        self._stopping.set()
        supervisor = self._supervisor
        if supervisor is not None and supervisor.is_alive() \
                and supervisor is not threading.current_thread():
            supervisor.join(self.stop_grace_s + 10)
        self._terminate_all()  # no supervisor (start failed), or it could not finish
        self._supervisor = None

    def hurry(self) -> None:
        """Stop without waiting for graceful shutdowns (a second Ctrl-C)."""
        self._hurry.set()

    def _terminate_all(self) -> None:
        with self._terminating:  # one termination at a time: a second would signal again
            self._terminate_children()

    def _terminate_children(self) -> None:
        with self._lock:
            children = [child for child in self._children.values() if child.process is not None]
        running = [child for child in children if child.process.poll() is None]
        for child in running:
            with contextlib.suppress(ProcessLookupError):
                child.process.send_signal(signal.SIGTERM)  # once: a second stop is a bug
        deadline = time.monotonic() + self.stop_grace_s
        while any(child.process.poll() is None for child in running) \
                and time.monotonic() < deadline and not self._hurry.is_set():
            time.sleep(0.05)
        for child in running:
            if child.process.poll() is None:
                self.note(f"{child.name} (pid {child.process.pid}) still running "
                          f"{self.stop_grace_s:g} s after SIGTERM: killed",
                          event="killed", name=child.name, pid=child.process.pid)
                with contextlib.suppress(ProcessLookupError):  # its whole session: the
                    os.killpg(child.process.pid, signal.SIGKILL)  # gateway's workers too
        for child in children:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.process.wait(timeout=5)
            if child.log is not None:
                child.log.close()
                child.log = None
        with self._lock:
            self.processes.clear()
            self._children.clear()
        if self.pid_file is not None:
            self.pid_file.unlink(missing_ok=True)

    def _write_pid_file(self) -> None:
        if self.pid_file is None:
            return
        record = {"launcher": os.getpid(), "url": self.url,
                  "children": {name: process.pid for name, process in self.processes.items()}}
        temporary = self.pid_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(record) + "\n")
        temporary.replace(self.pid_file)


# --- `suite.py stop` (make stop) --------------------------------------------------------------

def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    """The process runs (a zombie, exited but not yet reaped by its parent, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def stop_running(pid_file: Path, timeout: float = STOP_GRACE_S + 6) -> int:
    """Stop the suite a `suite.py run` recorded in pid_file: SIGTERM its launcher (which stops
    every child within its grace period), then SIGKILL any child left behind."""
    try:
        record = json.loads(pid_file.read_text())
    except (OSError, ValueError):
        print(f"ordersuite: no suite is running here (no {pid_file})")
        return 0
    launcher = int(record["launcher"])
    children = {name: int(pid) for name, pid in record.get("children", {}).items()}
    started = time.monotonic()
    if _alive(launcher) and "suite.py" in _cmdline(launcher):
        print(f"ordersuite: stopping the suite (launcher pid {launcher})")
        os.kill(launcher, signal.SIGTERM)
        _wait(lambda: not _alive(launcher), timeout)
    leftovers = {name: pid for name, pid in children.items()
                 if _alive(pid) and any(program in _cmdline(pid)
                                        for program in ("servicekit", "uvicorn", "prometheus"))}
    for name, pid in leftovers.items():  # a launcher killed with -9 leaves its children
        print(f"ordersuite: {name} (pid {pid}) left running: killed")
        os.kill(pid, signal.SIGKILL)
    if _alive(launcher) and "suite.py" in _cmdline(launcher):
        print(f"ordersuite: the launcher (pid {launcher}) did not stop: killed")
        os.kill(launcher, signal.SIGKILL)
    pid_file.unlink(missing_ok=True)
    print(f"ordersuite: stopped in {time.monotonic() - started:.1f} s")
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["run", "infra", "stop"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("GATEWAY_PORT", 8000)))
    parser.add_argument("--host", default=os.environ.get("GATEWAY_HOST", "127.0.0.1"))
    parser.add_argument("--instances", type=int, default=int(os.environ.get("INSTANCES") or 0),
                        help="processes per service (competing consumers; <SERVICE>_INSTANCES "
                             "sets one service's)")
    args = parser.parse_args(argv)
    var = ROOT / os.environ.get("ORDERSUITE_VAR", "var")
    pid_file = var / "suite.pid"
    if args.command == "stop":
        return stop_running(pid_file)
    amqp_uri = os.environ.get("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    print("ordersuite: checking infrastructure")
    if args.command == "infra":  # what `make test` needs
        ensure_test_infra(amqp_uri, redis_url)
        return 0
    ensure_infra(amqp_uri, redis_url)
    try:
        running = json.loads(pid_file.read_text())
        if _alive(int(running["launcher"])) and "suite.py" in _cmdline(int(running["launcher"])):
            raise SystemExit(f"ordersuite is already running (launcher pid {running['launcher']}, "
                             f"{running.get('url')}): `make stop` first")
    except (OSError, ValueError, KeyError):
        pass
    var.mkdir(parents=True, exist_ok=True)
    if args.instances:
        os.environ["SERVICE_INSTANCES"] = str(args.instances)
    os.environ.setdefault("GATEWAY_WORKERS", str(sensible_gateway_workers()))
    monitoring = None
    if missing_monitoring():
        print(f"  {'monitoring':9} not started: apt-get install --no-install-recommends "
              f"{' '.join(missing_monitoring())}  (or `make infra`)")
    else:
        monitoring = Monitoring(int(os.environ.get("PROMETHEUS_PORT", 9090)),
                                int(os.environ.get("ALERTMANAGER_PORT", 9093)), host=args.host)
    suite = Suite(port=args.port, host=args.host, pid_file=pid_file, monitoring=monitoring)
    # `kill`, `timeout`, `make stop` and CI send SIGTERM: stop the children as Ctrl-C does
    # (SIGINT too, even when started in the background, where a shell ignores it)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    print(f"ordersuite: starting six services and the gateway "
          f"({os.environ['GATEWAY_WORKERS']} gateway workers)")
    try:
        suite.start()
    except KeyboardInterrupt:
        return 130
    print(f"""
ordersuite is up.
  gateway      {suite.url}
  API docs     {suite.url}/docs
  health       {suite.url}/health
  metrics      {suite.url}/metrics  (services: http://127.0.0.1:9101-9106/metrics)
  prometheus   {monitoring.prometheus_url if monitoring else '(not installed)'}
  alertmanager {monitoring.alertmanager_url if monitoring else '(not installed)'}
  dashboards   {ROOT / 'infra' / 'grafana'}  (Grafana provisioning: datasource + dashboards)
  logs         {suite.log_dir}  (restarts: {suite.log_dir / 'suite.log'})
  secrets      {var / 'secrets'}
A service that dies is restarted. Press Ctrl-C (or `make stop`) to stop.""", flush=True)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    # a second Ctrl-C / SIGTERM while stopping: no more grace, kill now
    signal.signal(signal.SIGINT, lambda signum, frame: suite.hurry())
    signal.signal(signal.SIGTERM, lambda signum, frame: suite.hurry())
    started = time.monotonic()
    print("\nordersuite: stopping", flush=True)
    suite.stop()
    print(f"ordersuite: stopped in {time.monotonic() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
