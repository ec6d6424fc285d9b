"""Every service serves Prometheus metrics: latency, errors, outbox backlog, dead letters."""

import socket
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest
from nameko.standalone.rpc import ServiceRpcProxy
from prometheus_client import generate_latest

from servicekit import business_metrics, deadlines
from servicekit.tables import runtime_tables
from servicekit.testing import order_received_envelope, publish_raw, queue_depth, wait_until
from servicekit.timelimits import X1_TIME_LIMITS, TimeLimit

from probe_service import Behaviour, ProbeProducer, ProbeService


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        return response.read().decode()


def _value(text: str, prefix: str) -> float:
    lines = [line for line in text.splitlines() if line.startswith(prefix)]
    return float(lines[0].rsplit(" ", 1)[1]) if lines else 0.0


@pytest.fixture(autouse=True)
def _reset():
    Behaviour.reset()


def test_metrics_count_rpc_latency_errors_and_dead_letters(container_factory, make_config,
                                                           amqp_uri):
    port = _free_port()
    sales = container_factory(ProbeProducer, make_config("sales", METRICS_PORT=port))
    probe = container_factory(ProbeService, make_config("planning", EVENT_RETRY_DELAYS_MS=(50,)))
    sales.start()
    probe.start()
    before = _scrape(port)
    rpc_count = 'ordersuite_entrypoint_seconds_count{entrypoint="place_order",kind="rpc",' \
                'service="sales"}'
    errors = 'ordersuite_entrypoint_errors_total{entrypoint="place_order",' \
             'error="InvalidRequest",kind="rpc",service="sales"}'
    dead = 'ordersuite_dead_letters_total{reason="retries exhausted",service="planning"}'

    Behaviour.fail_times = 100
    with ServiceRpcProxy("sales", sales.config) as proxy:
        proxy.place_order("SO-P1-000001")
        with pytest.raises(Exception):  # noqa: B017
            proxy.place_order("not-an-order-number")
    publish_raw(amqp_uri, order_received_envelope("SO-P1-999999").model_dump(mode="json"),
                routing_key="sales.order_received")
    wait_until(lambda: queue_depth(amqp_uri, "planning.dead-letters") >= 1)

    after = _scrape(port)
    assert _value(after, rpc_count) == _value(before, rpc_count) + 2
    assert _value(after, errors) == _value(before, errors) + 1
    assert _value(after, dead) >= _value(before, dead) + 1
    assert _value(after, 'ordersuite_event_retries_total{event_type="sales.order_received",'
                         'service="planning"}') >= 1
    # the relay reports the outbox backlog: everything sales committed was published
    wait_until(lambda: 'ordersuite_outbox_backlog{service="sales"} 0.0' in _scrape(port))


def test_breach_counters_exist_at_zero_from_start_up_so_the_first_breach_is_an_increase(
        container_factory, make_config):
    """X-1/X-2 alerting: every rule of the catalog has its breach counter at 0 from the start,
    for every rung above the operator; a dead-letter counter for each reason too."""
    port = _free_port()
    container_factory(ProbeProducer, make_config("sales", METRICS_PORT=port)).start()
    text = _scrape(port)
    for rule in {limit.rule_id for limit in X1_TIME_LIMITS.values()}:
        for rung in ("department_leader", "general_manager"):
            assert (f'ordersuite_deadline_breaches_total{{escalated_to="{rung}",'
                    f'rule_id="{rule}",service="sales"}}') in text, (rule, rung)
    for reason in ("malformed", "retries exhausted"):
        assert f'ordersuite_dead_letters_total{{reason="{reason}",service="sales"}}' in text


def test_deadline_gauges_are_read_from_the_table_and_follow_a_breach_and_its_late_meeting(
        container_factory, make_config):
    """X-1: open, overdue and met-late limits per company and rule come from the deadline
    table itself, so a restarted service reports them right; a state that empties is gone."""
    port = _free_port()
    container = container_factory(ProbeProducer, make_config(
        "sales", METRICS_PORT=port, DEADLINE_SWEEP_INTERVAL_S=3600,
        BUSINESS_METRICS_INTERVAL_S=3600))
    container.start()
    provider = next(d for d in container.dependencies
                    if d.__class__.__name__ == "UnitOfWorkProvider")
    limit = TimeLimit(rule_id="SAL-7", description="instruction", amount=4, unit="hours")
    now = datetime.now(UTC)
    uow = provider.new_uow()
    with uow:
        uow.deadlines.open(limit, subject="order SO-P7-000001", company_id="P7",
                           order_no="SO-P7-000001", opened_at=now - timedelta(hours=5))
        uow.commit()
    deadlines.sweep(provider.new_uow(), now)

    def refreshed() -> str:
        business_metrics.refresh("sales", provider.engine, provider.tables["deadline"])
        return _scrape(port)

    overdue = 'ordersuite_deadlines{company_id="P7",rule_id="SAL-7",service="sales",' \
              'state="overdue"}'
    text = refreshed()
    assert _value(text, overdue) == 1
    assert _value(text, 'ordersuite_open_deadlines{service="sales",state="overdue"}') >= 1
    with uow:
        uow.deadlines.meet(limit, "order SO-P7-000001", now)
        uow.commit()
    text = refreshed()
    assert overdue not in text, "a state that emptied is removed, not left at its last value"
    assert _value(text, 'ordersuite_deadlines{company_id="P7",rule_id="SAL-7",'
                        'service="sales",state="met_late"}') == 1


def test_two_kinds_of_records_of_one_service_are_both_reported(tmp_path):
    """Planning reports work orders and plans on the one records gauge: neither hides the
    other, and each count is the table's."""
    from sqlalchemy import Column, MetaData, String, Table, create_engine, insert

    metadata = MetaData()
    orders = Table("wo", metadata, Column("id", String(8), primary_key=True),
                   Column("company_id", String(8)), Column("status", String(12)))
    plans = Table("plan", metadata, Column("id", String(8), primary_key=True),
                  Column("company_id", String(8)), Column("status", String(12)))
    deadline = runtime_tables(metadata)["deadline"]
    engine = create_engine(f"sqlite:///{tmp_path / 'figures.db'}")
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(orders), [{"id": "1", "company_id": "P9", "status": "done"},
                                      {"id": "2", "company_id": "P9", "status": "done"}])
        conn.execute(insert(plans), [{"id": "1", "company_id": "P9", "status": "completed"}])
    business_metrics.refresh("probe-figures", engine, deadline, (
        business_metrics.records("work_order", orders), business_metrics.records("plan", plans)))
    text = generate_latest().decode()
    assert _value(text, 'ordersuite_records{company_id="P9",kind="work_order",'
                        'service="probe-figures",state="done"}') == 2
    assert _value(text, 'ordersuite_records{company_id="P9",kind="plan",'
                        'service="probe-figures",state="completed"}') == 1
