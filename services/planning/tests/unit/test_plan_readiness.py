"""A plan's work orders are ready when every material is in store; production completes when
every work order is done (PLN-1, PLN-12)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from planning.domain import plan as plans
from planning.domain.plan import MaterialRequest, Plan
from planning.domain.work_orders import DONE, READY, WAITING_MATERIAL, WorkOrder

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def _plan(materials=("CU", "ENC")) -> Plan:
    wos = [WorkOrder(f"WO-{i}", "PL-1", "SO-1", "P1", i, "KYN28-12", Decimal(1), NOW, NOW,
                     "P1-ASSY") for i in (1, 2)]
    requests = [MaterialRequest(f"MR-{m}", "PL-1", "SO-1", "P1", m, Decimal(1),
                                date(2026, 12, 1), NOW) for m in materials]
    return Plan("PL-1", "SO-1", "P1", "PI-1", NOW, NOW, NOW, work_orders=wos,
                material_requests=requests)


def test_work_orders_stay_waiting_until_the_last_material_is_in_store():
    plan = _plan()
    plan.request("MR-CU").ordered("PO-1", date(2026, 12, 5), NOW)
    assert plan.request("MR-CU").eta == date(2026, 12, 5)
    plan.request("MR-CU").arrived("purchase", NOW)
    assert not plan.refresh_readiness(NOW)
    assert {w.status for w in plan.work_orders} == {WAITING_MATERIAL}
    plan.request("MR-ENC").arrived("stock", NOW)
    assert plan.refresh_readiness(NOW)
    assert {w.status for w in plan.work_orders} == {READY}
    assert plan.status == plans.MATERIALS_READY


def test_a_plan_without_materials_is_ready_at_once():
    plan = _plan(materials=())
    plan.refresh_readiness(NOW)
    assert {w.status for w in plan.work_orders} == {READY}


def test_production_is_complete_only_when_every_work_order_is_done_and_again_after_rework():
    plan = _plan()
    plan.work_orders[0].status = DONE
    assert not plan.production_finished(NOW)
    plan.work_orders[1].status = DONE
    assert plan.production_finished(NOW) and plan.status == plans.PRODUCED
    assert not plan.production_finished(NOW)  # once
    plan.needs_rework("FI-1", "scratched doors", NOW)
    assert plan.status == plans.REWORK
    for wo in plan.work_orders:
        wo.complete("foreman", NOW)
    assert plan.production_finished(NOW)
    assert plan.product_lines() == [{"product_code": "KYN28-12", "quantity": "2"}]


def test_stocked_finished_goods_complete_the_plan():
    plan = _plan()
    plan.stocked("FG-1", NOW)
    assert plan.status == plans.COMPLETED
