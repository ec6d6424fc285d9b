"""Planning's part of a customer change, pure (SAL-8, PLN-4)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from planning.domain import changes
from planning.domain.errors import ChangeRefused
from planning.domain.master_data import BomLine, Product
from planning.domain.plan import MaterialRequest, Plan
from planning.domain.work_orders import DONE, WorkOrder

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
PRODUCTS = {"KYN28-12": Product("KYN28-12", "P1", "cabinet", False,
                                (BomLine("CU-BAR", Decimal("12.5")),
                                 BomLine("BRK", Decimal(1))), ())}


def plan(status=None) -> Plan:
    wo = WorkOrder("WO-1", "PL-1", "SO-1", "P1", 1, "KYN28-12", Decimal(2), NOW, NOW, "ASSY")
    if status:
        wo.status = status
    requests = [MaterialRequest(f"MR-{m}", "PL-1", "SO-1", "P1", m, q, date(2027, 1, 1), NOW)
                for m, q in (("CU-BAR", Decimal(25)), ("BRK", Decimal(2)))]
    return Plan("PL-1", "SO-1", "P1", "PI-1", NOW, NOW, NOW, work_orders=[wo],
                material_requests=requests)


LESS = [changes.LineChange(1, "KYN28-12", Decimal(2), Decimal(1))]


def test_work_orders_and_material_requests_follow_the_new_quantity_and_undo_restores():
    p = plan()
    undo, resized = changes.apply(p, LESS, PRODUCTS)
    assert p.work_orders[0].quantity == 1
    assert {(r.material_code, r.quantity_after) for r in resized} == {
        ("CU-BAR", Decimal("12.5")), ("BRK", Decimal(1))}
    changes.undo(p, undo)
    assert p.work_orders[0].quantity == 2
    assert {r.quantity for r in p.material_requests} == {Decimal(25), Decimal(2)}


def test_a_finished_work_order_refuses_the_change_before_anything_changes():
    p = plan(status=DONE)
    with pytest.raises(ChangeRefused, match="already finished"):
        changes.apply(p, LESS, PRODUCTS)
    assert p.material_requests[0].quantity == 25
