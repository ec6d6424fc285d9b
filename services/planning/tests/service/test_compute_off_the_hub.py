"""A heavy feasibility question stalls no other call, and is refused at its budget (issue 8.3).

Capable-to-promise runs in a native thread (planning.computing), not on the eventlet hub:
while it computes, cheap calls of the same process answer at their normal latency. Over
its budget (PLANNING_COMPUTE_BUDGET_S) it is refused with a clear Conflict instead of
holding the service.
"""

import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import eventlet
import pytest
from nameko.exceptions import RemoteError
from nameko.standalone.rpc import ServiceRpcProxy
from nameko.testing.utils import get_extension
from planning_events import P1_PLANNER

from planning.domain.demand import Demand, DemandLine
from planning.domain.plan import Plan
from planning.domain.work_orders import PlannedOperation, WorkOrder
from planning.service import PlanningService
from servicekit.runtime import UnitOfWorkProvider
from servicekit.testing import start_service

pytestmark = pytest.mark.service
CENTRES = ("P1-ASSY", "P1-WIRE", "P1-TEST")
NORMAL_LATENCY_S = 1.0
# 200 lines, each its own requested date (nothing answered from another line's work),
# against a plant booked in 9,000 half-hour fragments: seconds of pure Python even for
# the live-plan engine (issue 10), which answers ordinary questions in milliseconds.
HEAVY = {"company_id": "P1", "lines": [
    {"product_code": "KYN28-12", "quantity": "3",
     "requested_date": (date(2030, 1, 1) + timedelta(days=n)).isoformat()}
    for n in range(200)]}


def _start(container_factory, make_config, **config):
    container = start_service(container_factory, PlanningService,
                              make_config("planning", **config))
    _load_the_plant(get_extension(container, UnitOfWorkProvider).new_uow())
    return container


def _load_the_plant(uow, work_orders=30, operations_each=300):
    """P1's three work centres booked half an hour in every hour, and one demand."""
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    hour = iter(range(work_orders * operations_each))
    orders = []
    for n in range(1, work_orders + 1):
        ops = tuple(PlannedOperation(step, CENTRES[step % 3], now + timedelta(hours=h),
                                     now + timedelta(hours=h, minutes=30))
                    for step, h in zip(range(1, operations_each + 1), hour, strict=False))
        orders.append(WorkOrder(f"WO-P1-L{n:05d}", "PL-P1-LOAD", "SO-P1-LOAD", "P1", n,
                                "KYN28-12", Decimal(1), ops[0].planned_start,
                                ops[-1].planned_finish, ops[0].work_centre, operations=ops))
    with uow:
        uow.plans.add(Plan("PL-P1-LOAD", "SO-P1-LOAD", "P1", "PI-LOAD", now, now,
                           orders[-1].planned_finish, work_orders=orders))
        uow.demands.add(Demand("SO-P1-000001", "P1", "A", now, (DemandLine(
            1, "KYN28-12", Decimal(2), date.today() + timedelta(days=60)),)))
        uow.commit()


def _heavy_call(config, outcome):
    began = time.monotonic()
    try:
        with ServiceRpcProxy("planning", config, timeout=60) as rpc:
            outcome["answer"] = rpc.check_feasibility(HEAVY)
    except RemoteError as exc:
        outcome["error"] = exc
    outcome["seconds"] = time.monotonic() - began
    outcome["finished_at"] = time.monotonic()


def _cheap_calls_while(outcome, config) -> list[float]:
    """Alternate health and get_demand until the heavy call ends; each call's latency."""
    latencies = []
    with ServiceRpcProxy("planning", config, timeout=10) as rpc:
        while "finished_at" not in outcome:
            began = time.monotonic()
            if len(latencies) % 2:
                assert rpc.get_demand(P1_PLANNER, "SO-P1-000001")["status"] == "received"
            else:
                assert rpc.health()["status"] == "ready"
            if "finished_at" not in outcome:  # answered while the heavy call still ran
                latencies.append(time.monotonic() - began)
            eventlet.sleep(0.05)
    return latencies


def test_a_heavy_feasibility_question_does_not_stall_cheap_calls(container_factory,
                                                                 make_config):
    planning = _start(container_factory, make_config, PLANNING_COMPUTE_BUDGET_S=60)
    with ServiceRpcProxy("planning", planning.config) as rpc:
        began = time.monotonic()
        rpc.health()
        baseline = time.monotonic() - began

    outcome: dict = {}
    heavy = eventlet.spawn(_heavy_call, planning.config, outcome)
    eventlet.sleep(0.3)  # the heavy call is computing
    latencies = _cheap_calls_while(outcome, planning.config)
    heavy.wait()
    print(f"\nheavy feasibility: {outcome['seconds']:.2f} s; cheap calls meanwhile: "
          f"{len(latencies)}, max {max(latencies, default=0):.3f} s, "
          f"mean {sum(latencies) / max(len(latencies), 1):.3f} s (alone: {baseline:.3f} s)")
    assert "error" not in outcome, outcome.get("error")
    assert outcome["answer"]["binding_kind"] == "capacity"
    assert len(latencies) >= 3, "the heavy call ended before cheap calls could be measured"
    assert max(latencies) < NORMAL_LATENCY_S
    assert outcome["seconds"] > 2 * max(latencies)


def test_a_question_over_the_compute_budget_is_refused_at_the_budget(container_factory,
                                                                     make_config):
    planning = _start(container_factory, make_config, PLANNING_COMPUTE_BUDGET_S=0.5)
    outcome: dict = {}
    _heavy_call(planning.config, outcome)
    print(f"\nover budget: refused after {outcome['seconds']:.2f} s "
          f"({outcome.get('error')!r})")
    error = outcome["error"]
    assert error.exc_type == "Conflict"
    assert "could not decide within the budget of 0.5 s" in str(error.value)
    assert outcome["seconds"] < 0.5 + 2.0  # the budget, the grace and the round trip
    with ServiceRpcProxy("planning", planning.config, timeout=10) as rpc:  # still answering
        assert rpc.get_demand(P1_PLANNER, "SO-P1-000001")["status"] == "received"
