"""What the fault suite does to a running suite, and how it audits the aftermath.

Faults: SIGKILL or SIGTERM of a service process (the launcher restarts it), and
forced closes of every broker connection of the suite's vhost (what a broker
restart does to the clients, without touching the server). The audit reads each
service's own database: effects counted there, not in the API's answers.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import requests

# The undeclared-error probe: sales' customer list raises a bug in the fault suite only.
BUG_METHOD = "list_customers"
# every GET route answered by BUG_METHOD, so each 500s by design here (the export: issue 15)
BUG_ROUTES = ("/sales/customers", "/exports/customers")
from contracts.services import SERVICES  # noqa: E402,F401


@dataclass
class Scale:
    journeys: int
    concurrency: int
    kills: int  # SIGKILLs
    terms: int  # SIGTERMs (a graceful stop that loses the ack: TECHNOTES)
    closes: int
    payments: int
    payment_clients: int
    payment_kills: int = 1  # SIGKILLs of sales while the payments fly


SCALES = {
    # `make test`: small enough for CI, large enough to hit commands in flight
    "small": Scale(journeys=8, concurrency=4, kills=3, terms=1, closes=2, payments=96,
                   payment_clients=8, payment_kills=1),
    # `make chaos`: the figures
    "full": Scale(journeys=100, concurrency=6, kills=20, terms=4, closes=5, payments=200,
                  payment_clients=16, payment_kills=2),
}


def scale() -> Scale:
    return SCALES[os.environ.get("CHAOS_SCALE", "small")]


def close_connections(rabbit_api: str, vhost: str) -> int:
    """Force-close every connection of the vhost; returns how many were closed."""
    connections = requests.get(f"{rabbit_api}/api/vhosts/{quote(vhost, safe='')}/connections",
                               timeout=10).json()
    for connection in connections:
        requests.delete(f"{rabbit_api}/api/connections/{quote(connection['name'], safe='')}",
                        headers={"X-Reason": "fault suite: forced close"}, timeout=10)
    return len(connections)


def kill(suite, service: str, sig: int = signal.SIGKILL) -> int:
    process = suite.processes[service]
    os.kill(process.pid, sig)
    return process.pid


@dataclass
class Chaos:
    """Kills services and closes connections at random while `running` is set."""

    suite: object
    rabbit_api: str
    vhost: str
    kills: int  # SIGKILLs
    terms: int  # SIGTERMs (a graceful stop that loses the ack: TECHNOTES)
    closes: int
    period_s: float = 2.5
    seed: int = 7
    done: list = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join(60)

    def _run(self) -> None:
        rng = random.Random(self.seed)
        faults = ["kill"] * self.kills + ["term"] * self.terms + ["close"] * self.closes
        rng.shuffle(faults)
        for fault in faults:
            if self._stop.wait(self.period_s * (0.5 + rng.random())):
                return
            if fault == "close":
                self.done.append(("close", close_connections(self.rabbit_api, self.vhost)))
                continue
            service = rng.choice(SERVICES)
            if not wait_alive(self.suite, service, timeout=30):
                continue
            sig = signal.SIGKILL if fault == "kill" else signal.SIGTERM
            self.done.append((fault, service, kill(self.suite, service, sig)))

    def running(self) -> bool:
        return self._thread.is_alive()

    def counts(self) -> dict:
        return {kind: sum(1 for fault in self.done if fault[0] == kind)
                for kind in ("kill", "term", "close")}


def wait_alive(suite, service: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        process = suite.processes.get(service)
        if process is not None and process.poll() is None:
            return True
        time.sleep(0.2)
    return False


def database(var_dir: Path, service: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{var_dir / (service + '.db')}?mode=ro", uri=True, timeout=30)


def rows(var_dir: Path, service: str, sql: str, *params) -> list[tuple]:
    with database(var_dir, service) as conn:
        return conn.execute(sql, params).fetchall()
