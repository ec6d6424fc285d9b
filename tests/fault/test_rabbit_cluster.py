"""A RabbitMQ node dies during journeys (issue 16): on a 3-node cluster of this machine
(tools/rabbit_cluster.py, beside the machine's own broker) with every event and command
queue a quorum queue and the queue leaders balanced over the nodes, killing a node
while journeys run loses nothing, does nothing twice, and every journey finishes."""

from __future__ import annotations

import threading
import time

import pytest
import requests
from rabbit_cluster import RabbitCluster

from chaos import rows
from simulate import run
from suite_harness import running_suite

JOURNEYS = 4


@pytest.fixture
def cluster(tmp_path, monkeypatch):
    with RabbitCluster(tmp_path / "cluster") as running:
        # the suite's vhost is made on the cluster, and its URI names the cluster's port
        monkeypatch.setenv("AMQP_URI", running.amqp_uri)
        yield running


def _quorum_queues(cluster: RabbitCluster, vhost: str) -> dict[str, str]:
    queues = requests.get(f"{cluster.management_api}/api/queues/{vhost}", timeout=10).json()
    return {queue["name"]: queue.get("type") for queue in queues if queue["durable"]}


@pytest.mark.timeout(900)  # three broker nodes and the suite start first (minutes, loaded)
def test_journeys_finish_with_nothing_lost_or_twice_when_a_broker_node_is_killed(
        cluster, tmp_path):
    var = tmp_path / "var"
    with running_suite(cluster.management_api, var, timeout=240, QUEUE_TYPE="quorum",
                       LOG_LEVEL="WARNING", RPC_TIMEOUT_S="30") as suite:
        types = _quorum_queues(cluster, suite.vhost)
        assert types["rpc-sales"] == "quorum" and types["planning.sales.order_received"] == (
            "quorum"), types
        killed = threading.Event()

        def kill_a_node() -> None:
            time.sleep(8)  # journeys under way
            cluster.kill(1)  # not the node the clients connect to: its leaders move
            killed.set()

        killer = threading.Thread(target=kill_a_node)
        killer.start()
        summary = run(suite.url, JOURNEYS, reject_odds=0.5, concurrency=JOURNEYS, seed=61)
        killer.join()
        # the management API reports a node down only once its peers noticed (seconds)
        deadline = time.monotonic() + 60
        while (cluster.names[1] in (running := cluster.running_nodes())
               and time.monotonic() < deadline):
            time.sleep(1)
    assert killed.is_set() and cluster.names[1] not in running
    orders = rows(var, "sales", "SELECT order_no FROM sales_order")
    payments = rows(var, "sales", "SELECT order_no FROM sales_payment GROUP BY order_no "
                    "HAVING COUNT(*) != 2")
    shipments = rows(var, "logistics", "SELECT order_no FROM logistics_shipment "
                     "GROUP BY order_no HAVING COUNT(*) != 1")
    print(f"\ncluster: journeys {JOURNEYS}, completed {summary['completed']}, failed "
          f"{len(summary['failed'])}; orders {len(orders)}; statuses {summary['statuses']}")
    assert summary["failed"] == [], summary["failed"][:3]
    assert summary["completed"] == JOURNEYS
    assert len(orders) == JOURNEYS  # none created twice, none lost
    assert payments == [] and shipments == []
