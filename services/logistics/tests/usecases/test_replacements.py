"""AFS-4 replacement shipments on a real unit of work (in-memory SQLite): after-sales' ask
becomes a planned replacement linked back to the request, shipped once."""

from __future__ import annotations

import pytest

from contracts.envelope import new_envelope
from contracts.events.aftersales import ReplacementRequested
from contracts.rpc.logistics import DispatchCreate
from logistics import demo, replacements
from logistics.adapters.tables import metadata
from logistics.domain.errors import NotOnRecord, ShippingRefused
from logistics.unit_of_work import LogisticsUnitOfWork
from servicekit import inmemory

CLERK = inmemory.actor("shipping.p1", roles=["logistics"], companies=["P1"])
P2_CLERK = inmemory.actor("shipping.p2", roles=["logistics"], companies=["P2"])
ORDER = "SO-P1-000001"


@pytest.fixture
def uow():
    return inmemory.unit_of_work(LogisticsUnitOfWork, metadata, seed=demo.seed)


def asked(uow, request_no="SR-P1-000001"):
    payload = ReplacementRequested(request_no=request_no, order_no=ORDER,
                                   customer_code="CUST-001", remedy="replacement",
                                   lines=[{"product_code": "GGD-400", "quantity": "1"}])
    replacements.replacement_requested(new_envelope(
        "aftersales.replacement_requested", payload, company_id="P1", order_no=ORDER),
        payload, uow)


def test_a_replacement_after_sales_asks_for_is_planned_and_linked_back(uow):  # AFS-4
    asked(uow)
    asked(uow)  # the same ask again plans nothing more
    [planned] = replacements.list_replacement_shipments(CLERK, ORDER, None, 100, uow)
    assert (planned.request_no, planned.status, planned.remedy) == (
        "SR-P1-000001", "planned", "replacement")
    assert [(line.product_code, str(line.quantity)) for line in planned.lines] == [
        ("GGD-400", "1")]
    [linked] = [e for e in uow.published
                if e.event_type == "logistics.replacement_shipment_planned"]
    assert linked.payload == {"shipment_no": planned.shipment_no,
                              "request_no": "SR-P1-000001", "order_no": ORDER}


def test_a_replacement_ships_once_and_only_for_its_company(uow):
    asked(uow)
    [planned] = replacements.list_replacement_shipments(CLERK, None, "SR-P1-000001", 10, uow)
    truck = DispatchCreate(carrier="OWN-TRUCK", vehicle_no="苏A-1")
    with pytest.raises(NotOnRecord):
        replacements.dispatch_replacement(P2_CLERK, planned.shipment_no, truck, uow)
    sent = replacements.dispatch_replacement(CLERK, planned.shipment_no, truck, uow)
    assert (sent.status, sent.carrier, sent.dispatched_by) == ("dispatched", "OWN-TRUCK",
                                                               "shipping.p1")
    with pytest.raises(ShippingRefused):
        replacements.dispatch_replacement(CLERK, planned.shipment_no, truck, uow)
    assert replacements.list_replacement_shipments(P2_CLERK, None, None, 10, uow) == []
