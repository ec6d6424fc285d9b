"""What other departments report lands on the order and its journey (SAL-11, LOG-6, X-1..3)."""

from datetime import UTC, datetime, timedelta

import pytest
from sales_support import CLERK, ORDER, sales_proxy, start_sales

from contracts.catalog import SERVICES, handled_by
from contracts.events import aftersales, common, logistics, planning
from sales.service import SalesService
from servicekit.testing import deliver_event

pytestmark = pytest.mark.service

NOW = datetime.now(UTC)


def test_sales_handles_every_event_the_catalog_sends_it():
    entrypoints = {
        getattr(ext, "event_type", None)
        for member in vars(SalesService).values()
        for ext in getattr(member, "nameko_entrypoints", ())
    }
    assert {spec.event_type for spec in handled_by("sales")} <= entrypoints
    assert {f"{svc}.deadline_breached" for svc in SERVICES} <= entrypoints


def _instructed_order(proxy) -> str:
    no = proxy.receive_order(CLERK, ORDER)["order_no"]
    proxy.review_order(CLERK, no)
    proxy.quote_order(CLERK, no)
    proxy.sign_contract(CLERK, no, {"deposit_percent": "100"})
    proxy.record_payment(CLERK, no, {"amount": "172000.00"})
    proxy.issue_production_instruction(CLERK, no)
    return no


def test_downstream_progress_moves_the_order_and_shows_in_its_journey(
        container_factory, make_config, db_backend):
    config = make_config("sales")
    sales = start_sales(container_factory, config)

    with sales_proxy(config) as proxy:
        no = _instructed_order(proxy)
        completion = NOW + timedelta(days=20)
        deliver_event(sales, "on_order_planned", "planning.order_planned",
                      planning.OrderPlanned(order_no=no, plan_no="PL-P1-000001",
                                            planned_completion=completion, work_orders=[],
                                            material_requests=0))
        order = proxy.get_order(CLERK, no)
        assert order["status"] == "planned"  # rule SAL-11: forecast completion known
        assert datetime.fromisoformat(order["planned_completion"]) == completion

        deliver_event(sales, "on_production_completed", "planning.production_completed",
                      planning.ProductionCompleted(order_no=no, plan_no="PL-P1-000001",
                                                   completed_at=NOW))
        assert proxy.get_order(CLERK, no)["status"] == "produced"
        deliver_event(sales, "on_finished_goods_stocked", "logistics.finished_goods_stocked",
                      logistics.FinishedGoodsStocked(order_no=no, stock_entry_no="FG-P1-000001",
                                                     stocked_at=NOW, lines=[]))
        deliver_event(sales, "on_shipment_dispatched", "logistics.shipment_dispatched",
                      logistics.ShipmentDispatched(order_no=no, shipment_no="SN-P1-000001",
                                                   carrier="SF Freight", dispatched_at=NOW))
        assert proxy.get_order(CLERK, no)["status"] == "shipped"
        deliver_event(sales, "on_shipment_delivered", "logistics.shipment_delivered",
                      logistics.ShipmentDelivered(order_no=no, shipment_no="SN-P1-000001",
                                                  customer_code="CUST-001", delivered_at=NOW,
                                                  received_by="Mr Wang", receipt_no="R-1"))
        assert proxy.get_order(CLERK, no)["status"] == "delivered"

        deliver_event(sales, "on_service_requested", "aftersales.service_requested",
                      aftersales.ServiceRequested(request_no="SR-P1-000001", order_no=no,
                                                  kind="repair", description="door hinge",
                                                  recorded_at=NOW))
        assert proxy.get_order(CLERK, no)["open_service_requests"] == 1
        deliver_event(sales, "on_service_resolved", "aftersales.service_resolved",
                      aftersales.ServiceResolved(request_no="SR-P1-000001", order_no=no,
                                                 remedy="hinge replaced", resolved_at=NOW))
        assert proxy.get_order(CLERK, no)["open_service_requests"] == 0

        deliver_event(sales, "on_logistics_deadline_breached", "logistics.deadline_breached",
                      common.DeadlineBreached(
                          deadline_id="d-1", rule_id="LOG-4", subject="shipment SN-P1-000001",
                          description="tell the customer", due_at=NOW - timedelta(hours=1),
                          breached_at=NOW, escalated_to="department_leader",
                          escalation_level=1), order_no=no)

        journey = proxy.journey(CLERK, no)
    stages = [stage["stage"] for stage in journey]
    assert stages[-8:] == ["planned", "production completed", "finished goods stocked",
                           "shipped", "delivered", "service requested", "service resolved",
                           "escalation"]
    shipped = next(stage for stage in journey if stage["stage"] == "shipped")
    assert shipped["refs"]["shipment_no"] == "SN-P1-000001"  # rule LOG-6: sales ledger
    escalation = journey[-1]
    assert "LOG-4" in escalation["summary"] and "department_leader" in escalation["summary"]
    assert all(stage["department"] == "sales" for stage in journey)


def test_an_event_about_an_order_sales_does_not_hold_is_acknowledged(
        container_factory, make_config):
    config = make_config("sales")
    sales = start_sales(container_factory, config, planning=None)
    deliver_event(sales, "on_production_completed", "planning.production_completed",
                  planning.ProductionCompleted(order_no="SO-P9-000404", plan_no="PL-P9-000001",
                                               completed_at=NOW))
    with sales_proxy(config) as proxy:
        assert proxy.list_orders(CLERK) == []
