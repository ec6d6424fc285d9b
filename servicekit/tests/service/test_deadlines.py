"""Time limits (X-1): a passed deadline is breached, announced and escalated (X-2)."""

from datetime import UTC, datetime, timedelta

from kombu import Connection

from servicekit import deadlines
from servicekit.testing import queue_depth, wait_until
from servicekit.timelimits import TimeLimit

from probe_service import ProbeProducer


def _limit(rule_id, hours):
    # clock hours, so that the test does not depend on the time of day it runs at
    return TimeLimit(rule_id=rule_id, description="production instruction within 4 hours",
                     amount=hours, unit="hours")


def _open(uow, limit, opened_at):
    with uow:
        deadline = uow.deadlines.open(limit, subject="order SO-P1-000001", company_id="P1",
                                      order_no="SO-P1-000001", opened_at=opened_at)
        uow.commit()
    return deadline


def test_a_passed_deadline_is_breached_announced_and_escalated_to_the_gm(
        container_factory, make_config, amqp_uri):
    container = container_factory(ProbeProducer, make_config("sales",
                                                            DEADLINE_SWEEP_INTERVAL_S=3600))
    container.start()
    provider = next(d for d in container.dependencies
                    if d.__class__.__name__ == "UnitOfWorkProvider")
    now = datetime.now(UTC)
    opened = _open(provider.new_uow(), _limit("SAL-7", 4),
                   opened_at=now - timedelta(hours=4, minutes=1))
    assert opened.due_at == now - timedelta(minutes=1), "due time computed from the limit"
    _open(provider.new_uow(), _limit("SAL-8", 10), opened_at=now)

    assert deadlines.sweep(provider.new_uow(), now) == 1
    assert deadlines.sweep(provider.new_uow(), now) == 0, "one rung per period, not per sweep"
    uow = provider.new_uow()
    with uow:
        [breached, pending] = uow.deadlines.for_order("SO-P1-000001")
    assert (breached.rule_id, breached.status, breached.escalated_to) == \
        ("SAL-7", "breached", "department_leader")
    assert pending.status == "open"

    # still unmet one more period later: the general manager hears of it
    assert deadlines.sweep(provider.new_uow(), now + timedelta(hours=4, minutes=1)) == 1
    with uow:
        breached = uow.deadlines.for_order("SO-P1-000001")[0]
    assert breached.escalated_to == "general_manager"
    wait_until(lambda: queue_depth(amqp_uri, "sales.sales.deadline_breached") == 2)
    with Connection(amqp_uri) as conn:
        message = conn.SimpleQueue("sales.sales.deadline_breached").get(timeout=5)
        assert message.payload["payload"]["rule_id"] == "SAL-7"
        assert message.payload["order_no"] == "SO-P1-000001"


def test_a_deadline_met_in_time_is_never_breached(container_factory, make_config):
    container = container_factory(ProbeProducer, make_config("sales"))
    container.start()
    provider = next(d for d in container.dependencies
                    if d.__class__.__name__ == "UnitOfWorkProvider")
    now = datetime.now(UTC)
    sal7 = _limit("SAL-7", 4)
    _open(provider.new_uow(), sal7, opened_at=now)
    uow = provider.new_uow()
    with uow:
        assert uow.deadlines.meet(sal7, "order SO-P1-000001", now)
        uow.commit()
    assert deadlines.sweep(provider.new_uow(), now + timedelta(hours=1)) == 0
    with uow:
        [deadline] = uow.deadlines.for_order("SO-P1-000001")
    assert deadline.status == "met"


def test_a_limit_passed_at_opening_is_breached(container_factory, make_config):
    """X-1: a limit whose moment passed before it opened is no met limit: it breaches."""
    container = container_factory(ProbeProducer, make_config("sales"))
    container.start()
    provider = next(d for d in container.dependencies
                    if d.__class__.__name__ == "UnitOfWorkProvider")
    now = datetime.now(UTC)
    before = TimeLimit(rule_id="PRC-4", description="confirm the ship date", amount=5,
                       unit="hours", anchor="before")
    uow = provider.new_uow()
    with uow:
        late = uow.deadlines.open(before, subject="PO 1", company_id="P1", opened_at=now,
                                  anchor=now + timedelta(hours=1), detail="supplier S1")
        uow.commit()
    assert (late.status, late.due_at) == ("open", now - timedelta(hours=4))
    assert late.description == "confirm the ship date: supplier S1"
    assert deadlines.sweep(provider.new_uow(), now) == 1, "the late one breaches"


def test_an_open_limit_moves_with_its_date_and_a_breached_one_stays_visible(
        container_factory, make_config):
    container = container_factory(ProbeProducer, make_config("sales",
                                                            DEADLINE_SWEEP_INTERVAL_S=3600))
    container.start()
    provider = next(d for d in container.dependencies
                    if d.__class__.__name__ == "UnitOfWorkProvider")
    now = datetime.now(UTC)
    limit = _limit("LOG-1", 4)
    _open(provider.new_uow(), limit, opened_at=now)
    uow = provider.new_uow()
    with uow:  # the date it counts from moved two days later
        moved = uow.deadlines.move(limit, "order SO-P1-000001", now + timedelta(days=2))
        uow.commit()
    assert moved.due_at == now + timedelta(days=2, hours=4)
    assert deadlines.sweep(provider.new_uow(), now + timedelta(hours=5)) == 0  # not due now
    assert deadlines.sweep(provider.new_uow(), now + timedelta(days=2, hours=4)) == 1
    uow = provider.new_uow()
    with uow:
        assert uow.deadlines.move(limit, "order SO-P1-000001", now + timedelta(days=9)) is None
        [breached] = uow.deadlines.for_order("SO-P1-000001")
    assert breached.status == "breached" and breached.due_at == moved.due_at
