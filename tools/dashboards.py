"""The operations dashboards as code: this file writes infra/grafana/dashboards/*.json.

    python tools/dashboards.py           # write the dashboards Grafana provisions
    python tools/dashboards.py --check   # exit 1 if the committed JSON is stale

Dashboards: order flow, time limits and escalations (X-1, X-2), one per department, and
runtime health. Every panel's PromQL is run against a real Prometheus scraping a running
suite by tests/e2e/test_monitoring.py, so a renamed metric fails a test. A query that
could legitimately be empty (no errors yet) adds ``or ... * 0`` so that the panel shows a
0 per service instead of "no data".
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "infra" / "grafana" / "dashboards"
DEPARTMENTS = ("sales", "planning", "procurement", "quality", "logistics", "aftersales")
DATASOURCE = {"type": "prometheus", "uid": "ordersuite-prometheus"}

RPC_CALLS = 'sum by (service) (rate(ordersuite_entrypoint_seconds_count{kind="rpc"}[5m]))'


def zero_per_service(query: str) -> str:
    """`query` (by service), or 0 for every service that answers RPCs."""
    return f"{query} or {RPC_CALLS} * 0"


def panel(title: str, expr: str, legend: str = "", kind: str = "timeseries",
          unit: str = "short", description: str = "") -> dict:
    return {"title": title, "type": kind, "description": description,
            "datasource": DATASOURCE,
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "targets": [{"refId": "A", "expr": expr, "legendFormat": legend,
                         "datasource": DATASOURCE}]}


def dashboard(uid: str, title: str, panels: list[dict], tags: list[str]) -> dict:
    laid_out = []
    for index, item in enumerate(panels):  # two panels a row, 8 units high
        laid_out.append({**item, "id": index + 1,
                         "gridPos": {"x": 12 * (index % 2), "y": 8 * (index // 2),
                                     "w": 12, "h": 8}})
    return {"uid": uid, "title": title, "tags": ["ordersuite", *tags], "timezone": "browser",
            "schemaVersion": 39, "version": 1, "refresh": "30s",
            "time": {"from": "now-6h", "to": "now"}, "panels": laid_out}


def order_flow() -> dict:
    return dashboard("ordersuite-order-flow", "ordersuite: order flow", [
        panel("Orders by state, per company",
              'sum by (company_id, state) (ordersuite_records{service="sales",kind="order"})',
              "{{company_id}} {{state}}", "bargauge"),
        panel("Work in progress (work orders not done), per company",
              'sum by (company_id) (ordersuite_records{service="planning",kind="work_order",'
              'state!="done"}) or sum by (company_id) (ordersuite_records{service="planning",'
              'kind="work_order"}) * 0', "{{company_id}}", "stat"),
        panel("On-time delivery rate, per company",
              'sum by (company_id) (ordersuite_deliveries{timeliness="on_time"}) / '
              'sum by (company_id) (ordersuite_deliveries{timeliness=~"on_time|late"})',
              "{{company_id}}", "stat", "percentunit",
              "delivered by the arrival promised at dispatch"),
        panel("Lot pass rate, per company (QLT-1)",
              'sum by (company_id) (ordersuite_records{service="quality",kind="lot",'
              'state="accepted"}) / sum by (company_id) (ordersuite_records{service="quality",'
              'kind="lot",state=~"accepted|rejected"})', "{{company_id}}", "stat",
              "percentunit"),
        panel("Overdue receivables, per company (SAL-10)",
              "sum by (company_id) (ordersuite_overdue_receivables_yuan)", "{{company_id}}",
              "stat", "currencyCNY", "unpaid contract amounts on shipped or delivered orders"),
        panel("Business events published, per second",
              "sum by (event_type) (rate(ordersuite_events_published_total[5m]))",
              "{{event_type}}", unit="ops"),
        panel("Gateway requests, per route and second",
              "sum by (route) (rate(ordersuite_gateway_request_seconds_count[5m]))",
              "{{route}}", unit="reqps"),
    ], ["orders"])


def time_limits() -> dict:
    return dashboard("ordersuite-time-limits", "ordersuite: time limits and escalations", [
        panel("Time limits not yet met, per department (X-1)",
              "sum by (service, state) (ordersuite_open_deadlines)", "{{service}} {{state}}",
              "bargauge", description="open: not yet due; overdue: breached, still unmet"),
        panel("Overdue time limits, per company and department",
              'sum by (company_id, service) (ordersuite_deadlines{state="overdue"}) or '
              'sum by (company_id, service) (ordersuite_deadlines) * 0',
              "{{company_id}} {{service}}", "table"),
        panel("Time limits by rule and state",
              "sum by (rule_id, state) (ordersuite_deadlines)", "{{rule_id}} {{state}}",
              "table"),
        panel("Breaches by rule and rung, last 15 min (X-2)",
              "sum by (rule_id, escalated_to) "
              "(increase(ordersuite_deadline_breaches_total[15m]))",
              "{{rule_id}} -> {{escalated_to}}"),
        panel("Share of met limits that were met late, per department",
              '(sum by (service) (ordersuite_deadlines{state="met_late"}) or '
              'sum by (service) (ordersuite_deadlines{state="met"}) * 0) / '
              'sum by (service) (ordersuite_deadlines{state=~"met|met_late"})', "{{service}}",
              "stat", "percentunit"),
        panel("Alerts firing",
              'sum by (alertname, rule_id, service) (ALERTS{alertstate="firing"})',
              "{{alertname}} {{service}} {{rule_id}}", "table"),
    ], ["time-limits"])


DEPARTMENT_FIGURES = {
    "sales": [panel("Overdue receivables, per company (SAL-10)",
                    'sum by (company_id) (ordersuite_overdue_receivables_yuan{service="sales"})',
                    "{{company_id}}", "stat", "currencyCNY")],
    "planning": [panel("Work orders by state, per company (PLN-8)",
                       'sum by (company_id, state) (ordersuite_records{service="planning",'
                       'kind="work_order"})', "{{company_id}} {{state}}", "bargauge")],
    "procurement": [panel("Purchase orders by state, per company",
                          'sum by (company_id, state) (ordersuite_records{service="procurement",'
                          'kind="purchase_order"})', "{{company_id}} {{state}}", "bargauge")],
    "quality": [panel("Lot pass rate, per company (QLT-1)",
                      'sum by (company_id) (ordersuite_records{service="quality",kind="lot",'
                      'state="accepted"}) / sum by (company_id) (ordersuite_records{'
                      'service="quality",kind="lot",state=~"accepted|rejected"})',
                      "{{company_id}}", "stat", "percentunit")],
    "logistics": [panel("On-time delivery rate, per company",
                        'sum by (company_id) (ordersuite_deliveries{service="logistics",'
                        'timeliness="on_time"}) / sum by (company_id) (ordersuite_deliveries{'
                        'service="logistics",timeliness=~"on_time|late"})', "{{company_id}}",
                        "stat", "percentunit")],
    "aftersales": [panel("Service requests by state, per company (AFS-1, AFS-2)",
                         'sum by (company_id, state) (ordersuite_records{service="aftersales",'
                         'kind="service_request"})', "{{company_id}} {{state}}", "bargauge")],
}


def department(name: str) -> dict:
    where = f'service="{name}"'
    return dashboard(f"ordersuite-{name}", f"ordersuite: {name}", [
        panel("Records by kind and state, per company",
              f"sum by (company_id, kind, state) (ordersuite_records{{{where}}})",
              "{{company_id}} {{kind}} {{state}}", "table"),
        *DEPARTMENT_FIGURES[name],
        panel("Time limits not yet met (X-1)",
              f"sum by (state) (ordersuite_open_deadlines{{{where}}})", "{{state}}", "stat"),
        panel("Breaches by rule and rung, last 15 min (X-2)",
              f"sum by (rule_id, escalated_to) "
              f"(increase(ordersuite_deadline_breaches_total{{{where}}}[15m]))",
              "{{rule_id}} -> {{escalated_to}}"),
        panel("RPC latency p95, per method",
              f"histogram_quantile(0.95, sum by (entrypoint, le) "
              f'(rate(ordersuite_entrypoint_seconds_bucket{{{where},kind="rpc"}}[5m])))',
              "{{entrypoint}}", unit="s"),
        panel("Entrypoint calls per second, by kind",
              f"sum by (kind) (rate(ordersuite_entrypoint_seconds_count{{{where}}}[5m]))",
              "{{kind}}", unit="ops"),
    ], ["department", name])


def runtime_health() -> dict:
    return dashboard("ordersuite-runtime", "ordersuite: runtime health", [
        panel("Targets up", "up", "{{job}} {{instance}}", "stat"),
        panel("Outbox backlog, per service", "sum by (service) (ordersuite_outbox_backlog)",
              "{{service}}"),
        panel("Dead letters, last hour",
              "sum by (service, reason) (increase(ordersuite_dead_letters_total[1h]))",
              "{{service}} {{reason}}", "table"),
        panel("RPC bugs per second (InternalError), per service",
              zero_per_service('sum by (service) (rate(ordersuite_entrypoint_errors_total{'
                               'kind="rpc",error="InternalError"}[5m]))'), "{{service}}",
              unit="ops"),
        panel("Declared refusals per second, per service",
              zero_per_service("sum by (service) (rate(ordersuite_refusals_total[5m]))"),
              "{{service}}", unit="ops"),
        panel("RPC latency p99, per service",
              'histogram_quantile(0.99, sum by (service, le) '
              '(rate(ordersuite_entrypoint_seconds_bucket{kind="rpc"}[5m])))', "{{service}}",
              unit="s"),
        panel("Gateway latency p99",
              "histogram_quantile(0.99, sum by (le) "
              "(rate(ordersuite_gateway_request_seconds_bucket[5m])))", "p99", unit="s"),
        panel("Gateway RPC failures per second, per service",
              zero_per_service("sum by (service) (rate(ordersuite_gateway_rpc_errors_total[5m]))"),
              "{{service}}", unit="ops"),
        panel("Event handling per second, per service",
              'sum by (service) (rate(ordersuite_entrypoint_seconds_count{kind="event"}[5m]))',
              "{{service}}", unit="ops"),
    ], ["runtime"])


def dashboards() -> dict[str, dict]:
    """File name -> dashboard."""
    found = {"order-flow.json": order_flow(), "time-limits.json": time_limits(),
             "runtime-health.json": runtime_health()}
    found.update({f"department-{name}.json": department(name) for name in DEPARTMENTS})
    return found


def render(board: dict) -> str:
    return json.dumps(board, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if the JSON is stale")
    args = parser.parse_args(argv)
    stale = []
    for name, board in dashboards().items():
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text() != render(board):
                stale.append(name)
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_text(render(board))
    if stale:
        print(f"stale dashboards: {', '.join(stale)} (python tools/dashboards.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
