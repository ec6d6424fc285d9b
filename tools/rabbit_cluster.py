"""A 3-node RabbitMQ cluster on this machine, beside its own broker (issue 16).

    .venv/bin/python tools/rabbit_cluster.py start [--dir var/cluster]   # then Ctrl-C stops

From the same Debian package as the machine's broker, each node with a node name, AMQP
port, distribution port, management port, data and log directory of its own
(TECHNOTES: /etc/rabbitmq/rabbitmq.conf pins 5672, so each node gets a config file of
its own). The machine's broker on 5672 and its Erlang cookie are never touched: the
nodes run with HOME in the cluster's directory, so they share a cookie of their own.
Queue leaders are balanced over the nodes, so killing any node moves some leaders.
Used by the cluster fault test (tests/fault/test_rabbit_cluster.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"
CTL = "/usr/lib/rabbitmq/bin/rabbitmqctl"
AMQP_PORT, DIST_PORT, MANAGEMENT_PORT = 5682, 25682, 15682


class RabbitCluster:
    def __init__(self, base: Path, size: int = 3, prefix: str = "ostest"):
        self.base = Path(base)
        self.size = size
        self.names = [f"{prefix}{n}@localhost" for n in range(1, size + 1)]
        self.processes: dict[str, subprocess.Popen] = {}

    def amqp_port(self, index: int) -> int:
        return AMQP_PORT + index

    @property
    def amqp_uri(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.amqp_port(0)}/"

    @property
    def management_api(self) -> str:
        return f"http://guest:guest@127.0.0.1:{MANAGEMENT_PORT}"

    def _env(self, index: int) -> dict:
        home = self.base / "home"
        node = self.base / self.names[index].split("@")[0]
        for folder in (home, node / "data", node / "log"):
            folder.mkdir(parents=True, exist_ok=True)
        config = node / "rabbitmq.conf"
        config.write_text(
            f"listeners.tcp.local = 127.0.0.1:{self.amqp_port(index)}\n"
            f"management.tcp.port = {MANAGEMENT_PORT + index}\n"
            f"management.tcp.ip = 127.0.0.1\n"
            "queue_leader_locator = balanced\n"
            "cluster_partition_handling = pause_minority\n")
        (node / "enabled_plugins").write_text("[rabbitmq_management].\n")
        (node / "rabbitmq-env.conf").write_text("")  # not the machine's (its NODENAME)
        return {**os.environ, "HOME": str(home),
                "RABBITMQ_CONF_ENV_FILE": str(node / "rabbitmq-env.conf"),
                "RABBITMQ_NODENAME": self.names[index],
                "RABBITMQ_CONFIG_FILE": str(config),
                "RABBITMQ_DIST_PORT": str(DIST_PORT + index),
                "RABBITMQ_MNESIA_BASE": str(node / "data"),
                "RABBITMQ_LOG_BASE": str(node / "log"),
                "RABBITMQ_ENABLED_PLUGINS_FILE": str(node / "enabled_plugins"),
                "RABBITMQ_PID_FILE": str(node / "pid"),
                "ERL_EPMD_ADDRESS": "127.0.0.1"}

    def ctl(self, index: int, *args: str, timeout: float = 120) -> str:
        result = subprocess.run([CTL, "-n", self.names[index], *args], env=self._env(index),
                                capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"rabbitmqctl {' '.join(args)} on {self.names[index]}: "
                               f"{result.stderr.strip() or result.stdout.strip()}")
        return result.stdout

    def start_node(self, index: int) -> None:
        env = self._env(index)
        node = self.base / self.names[index].split("@")[0]
        log = open(node / "console.log", "ab")  # noqa: SIM115 - the node's lifetime
        self.processes[self.names[index]] = subprocess.Popen(
            [SERVER], env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 150
        while True:  # until the node has registered with epmd, rabbitmqctl fails at once
            try:
                self.ctl(index, "await_startup", "--timeout", "120", timeout=150)
                return
            except RuntimeError:
                if time.monotonic() > deadline or self.processes[self.names[index]].poll() \
                        is not None:
                    raise
                time.sleep(1)

    def start(self) -> RabbitCluster:
        try:
            for index in range(self.size):
                self.start_node(index)
                if index:
                    self.ctl(index, "stop_app")
                    self.ctl(index, "join_cluster", self.names[0])
                    self.ctl(index, "start_app")
            self._wait_management()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_management(self, timeout: float = 60) -> None:
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.management_api}/api/overview", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError("the cluster's management API did not answer")

    def running_nodes(self) -> list[str]:
        import requests

        nodes = requests.get(f"{self.management_api}/api/nodes", timeout=10).json()
        return sorted(node["name"] for node in nodes if node.get("running"))

    def kill(self, index: int) -> None:
        """SIGKILL a node, Erlang VM and all (its session)."""
        process = self.processes[self.names[index]]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def restart(self, index: int) -> None:
        self.start_node(index)

    def stop(self) -> None:
        for index, name in reversed(list(enumerate(self.names))):
            process = self.processes.get(name)
            if process is None or process.poll() is not None:
                continue
            try:
                self.ctl(index, "stop", timeout=60)
                process.wait(timeout=30)
            except Exception:  # a node that will not stop cleanly is killed
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)

    def __enter__(self) -> RabbitCluster:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start"])
    parser.add_argument("--dir", default="var/cluster")
    args = parser.parse_args(argv)
    with RabbitCluster(Path(args.dir)) as cluster:
        print(f"cluster up: {', '.join(cluster.running_nodes())}\n  AMQP {cluster.amqp_uri}\n"
              f"  management {cluster.management_api}\nCtrl-C stops it.", flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
