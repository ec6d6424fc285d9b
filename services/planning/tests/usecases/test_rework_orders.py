"""QLT-4 on planning's side, on a real unit of work (in-memory SQLite): a rework
disposition opens one rework work order, scrap is recorded for the order's closing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contracts.envelope import new_envelope
from contracts.events.quality import ReworkRequested, ScrapRecorded
from planning import demo, rework
from planning.adapters.tables import metadata
from planning.unit_of_work import PlanningUnitOfWork
from servicekit import inmemory

PLANNER = inmemory.actor("planner.p1", roles=["planning"], companies=["P1"])
P2_PLANNER = inmemory.actor("planner.p2", roles=["planning"], companies=["P2"])
ORDER = "SO-P1-000001"


@pytest.fixture
def uow():
    return inmemory.unit_of_work(PlanningUnitOfWork, metadata, seed=demo.seed)


def rework_requested(uow, ncr_no="NCR-P1-000001"):
    payload = ReworkRequested(ncr_no=ncr_no, order_no=ORDER, product_code="GGD-400",
                              quantity=Decimal("1"), reason="lugs crimped with the wrong die",
                              owner="workshop 1 leader")
    rework.rework_requested(new_envelope("quality.rework_requested", payload,
                                         company_id="P1", order_no=ORDER), payload, uow)


def test_a_rework_disposition_opens_one_rework_work_order_owned_as_quality_said(uow):
    rework_requested(uow)
    rework_requested(uow)  # the same NCR again opens nothing more
    [order] = rework.list_rework_orders(PLANNER, ORDER, 100, uow)
    assert (order.kind, order.ncr_no, order.owner, order.status) == (
        "rework", "NCR-P1-000001", "workshop 1 leader", "open")
    assert order.rework_order_no == "RWO-P1-000001"
    assert rework.list_rework_orders(P2_PLANNER, None, 100, uow) == []


def test_scrap_is_recorded_for_the_orders_closing(uow):  # rule PLN-13
    payload = ScrapRecorded(ncr_no="NCR-P1-000002", order_no=ORDER, reason="cracked casting")
    rework.scrap_recorded(new_envelope("quality.scrap_recorded", payload, company_id="P1",
                                       order_no=ORDER), payload, uow)
    [scrap] = rework.list_rework_orders(PLANNER, None, 100, uow)
    assert (scrap.kind, scrap.rework_order_no, scrap.reason) == (
        "scrap", "SCR-P1-000001", "cracked casting")
