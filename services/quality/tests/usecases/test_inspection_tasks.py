"""QLT-2 inspection tasks on a real unit of work (in-memory SQLite): planned from the
plan, reassigned by the leader when an inspector's day is overloaded, the final one done
by the final inspection."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from contracts.envelope import new_envelope
from contracts.events.planning import OrderPlanned, PlannedWorkOrder, ProductionCompleted
from contracts.rpc.quality import FinalInspectionCreate, TaskAssignment
from quality import handlers, handlers_tasks, inbound
from quality.adapters.tables import metadata
from quality.domain.errors import LeaderDecides
from quality.unit_of_work import QualityUnitOfWork
from servicekit import inmemory

QC = inmemory.actor("qc.p1", roles=["quality"], companies=["P1"])
LEADER = inmemory.actor("qlead.p1", roles=["quality", "department_leader"], companies=["P1"])
MONDAY_10 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, a working Monday


@pytest.fixture
def uow():
    return inmemory.unit_of_work(QualityUnitOfWork, metadata)


def planned(uow, order_no="SO-P1-000001", quantities=("2", "3"), plan_no="PL-P1-000001"):
    work_orders = [PlannedWorkOrder(work_order_no=f"{plan_no}-WO{i}", product_code="KYN28-12",
                                    quantity=Decimal(q), planned_start=MONDAY_10,
                                    planned_finish=MONDAY_10 + timedelta(hours=i))
                   for i, q in enumerate(quantities, start=1)]
    payload = OrderPlanned(order_no=order_no, plan_no=plan_no, work_orders=work_orders,
                           planned_completion=MONDAY_10 + timedelta(hours=5),
                           material_requests=0)
    handlers_tasks.order_planned(new_envelope("planning.order_planned", payload,
                                              company_id="P1", order_no=order_no),
                                 payload, uow)


def test_a_plan_gives_an_in_process_task_per_work_order_and_a_final_one(uow):  # rule QLT-2
    planned(uow)
    planned(uow)  # the same plan again plans nothing more
    tasks = handlers_tasks.list_inspection_tasks(QC, "SO-P1-000001", None, 100, uow)
    assert [(t.point, t.work_order_no, t.planned_at, t.planned_minutes) for t in tasks] == [
        ("in_process", "PL-P1-000001-WO1", MONDAY_10 + timedelta(hours=1), 30),   # 2 × 15
        ("in_process", "PL-P1-000001-WO2", MONDAY_10 + timedelta(hours=2), 45),   # 3 × 15
        ("final", None, MONDAY_10 + timedelta(hours=5), 150),                    # 5 × 30
    ]


def test_an_overloaded_inspector_shows_and_the_leader_reassigns(uow):
    planned(uow, quantities=("20", "20"))  # 300 + 300 in-process minutes, 1200 final
    tasks = handlers_tasks.list_inspection_tasks(QC, None, None, 100, uow)
    for task in tasks:
        handlers_tasks.assign_inspection_task(LEADER, task.task_no,
                                              TaskAssignment(inspector="qc.p1"), uow)
    [load] = handlers_tasks.inspector_load(QC, "P1", date(2026, 3, 2), uow)
    assert (load.inspector, load.tasks, load.planned_minutes, load.capacity_minutes,
            load.overloaded) == ("qc.p1", 3, 1800, 480, True)
    with pytest.raises(LeaderDecides):
        handlers_tasks.assign_inspection_task(QC, tasks[2].task_no,
                                              TaskAssignment(inspector="qc.p2"), uow)
    handlers_tasks.assign_inspection_task(LEADER, tasks[2].task_no,
                                          TaskAssignment(inspector="qc.p3"), uow)
    handlers_tasks.complete_inspection_task(QC, tasks[0].task_no, uow)
    loads = {row.inspector: (row.planned_minutes, row.overloaded)
             for row in handlers_tasks.inspector_load(QC, "P1", date(2026, 3, 2), uow)}
    assert loads == {"qc.p1": (300, False), "qc.p3": (1200, True)}
    assert handlers_tasks.inspector_load(QC, "P1", date(2026, 3, 1), uow) == []  # a Sunday


def test_the_final_inspection_completes_the_final_task(uow):
    planned(uow)
    payload = ProductionCompleted(order_no="SO-P1-000001", plan_no="PL-P1-000001",
                                  completed_at=MONDAY_10, lines=[])
    inbound.production_completed(new_envelope("planning.production_completed", payload,
                                              company_id="P1", order_no="SO-P1-000001"),
                                 payload, uow)
    handlers.record_final_inspection(QC, "SO-P1-000001", FinalInspectionCreate(passed=True),
                                     uow)
    final = [t for t in handlers_tasks.list_inspection_tasks(QC, None, None, 100, uow)
             if t.point == "final"]
    assert [(t.status, t.done_by) for t in final] == [("done", "qc.p1")]
