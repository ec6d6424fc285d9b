"""The dashboards Grafana provisions are the ones tools/dashboards.py describes."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import dashboards  # noqa: E402


def test_the_committed_dashboards_are_what_tools_dashboards_writes():
    assert dashboards.main(["--check"]) == 0, "run: python tools/dashboards.py"


def test_there_is_a_dashboard_for_order_flow_time_limits_runtime_and_each_department():
    titles = {json.loads(path.read_text())["title"]
              for path in dashboards.OUT.glob("*.json")}
    assert {"ordersuite: order flow", "ordersuite: time limits and escalations",
            "ordersuite: runtime health"} <= titles
    assert {f"ordersuite: {name}" for name in dashboards.DEPARTMENTS} <= titles


def test_every_panel_queries_the_provisioned_datasource():
    provisioned = (dashboards.ROOT / "infra/grafana/provisioning/datasources/prometheus.yml")
    assert f"uid: {dashboards.DATASOURCE['uid']}" in provisioned.read_text()
    for board in dashboards.dashboards().values():
        for item in board["panels"]:
            assert item["targets"] and all(t["expr"] for t in item["targets"]), item["title"]
            assert item["datasource"] == dashboards.DATASOURCE
