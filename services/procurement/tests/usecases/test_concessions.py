"""PRC-6 concessions: a rejected lot accepted at a reduced price goes into store and the PO
records the price reduction; a lot already replaced is not conceded."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from contracts.envelope import new_envelope
from contracts.events.quality import ConcessionGranted, LotAccepted, LotRejected
from procurement import demo, handlers, inbound
from procurement.adapters.tables import metadata
from procurement.unit_of_work import ProcurementUnitOfWork
from servicekit import inmemory

from .test_procurement_use_cases import BUYER, ORDER, inspected, ordered_po, receipt, stock


@pytest.fixture
def uow():
    return inmemory.unit_of_work(ProcurementUnitOfWork, metadata, seed=demo.seed)

D = Decimal


def concede(uow, lot_no: str, percent: str = "15", ncr_no: str = "NCR-P1-000001") -> None:
    po = uow_po(uow, lot_no)
    payload = ConcessionGranted(ncr_no=ncr_no, lot_no=lot_no, po_no=po, order_no=ORDER,
                                price_reduction_percent=D(percent), decided_by="qc.p1",
                                decided_at=datetime.now(UTC))
    inbound.concession_granted(new_envelope("quality.concession_granted", payload,
                                            company_id="P1", order_no=ORDER), payload, uow)


def uow_po(uow, lot_no: str) -> str:
    with uow:
        return uow.purchase_orders.by_lot(lot_no).po_no


def test_a_conceded_lot_reaches_stock_and_the_po_records_the_reduced_price(uow):  # PRC-6
    po_no = ordered_po(uow, quantity="2")
    handlers.receive_goods(BUYER, po_no, receipt("2"), uow)
    inspected(LotRejected, uow, "LOT-P1-000001", reasons=["bad appearance"],
              serious_defects=["bad_appearance"])
    before = handlers.get_purchase_order(BUYER, po_no, uow)
    assert before.status == "awaiting_replacement"

    concede(uow, "LOT-P1-000001", "15")
    po = handlers.get_purchase_order(BUYER, po_no, uow)
    [lot] = po.lots
    # demo price of a VS1-12 breaker, 15% off, on 2 units
    assert lot.concession_unit_price == (before.unit_price * D("0.85")).quantize(D("0.01"))
    assert po.price_reduction == (before.unit_price * D("0.15") * 2).quantize(D("0.01"))
    assert (po.status, lot.status, lot.concession_ncr_no) == (
        "received", "accepted", "NCR-P1-000001")
    assert stock(uow, "P1", "BRK-VS1-12") == (D(2), D(2))
    assert uow.published[-1].event_type == "procurement.material_available"


def test_a_lot_already_replaced_is_not_conceded_and_nothing_changes(uow):
    po_no = ordered_po(uow, quantity="2")
    handlers.receive_goods(BUYER, po_no, receipt("2"), uow)
    inspected(LotRejected, uow, "LOT-P1-000001", reasons=["bad appearance"])
    handlers.receive_goods(BUYER, po_no, receipt("2"), uow)
    inspected(LotAccepted, uow, "LOT-P1-000002")
    concede(uow, "LOT-P1-000001")
    po = handlers.get_purchase_order(BUYER, po_no, uow)
    assert [lot.status for lot in po.lots] == ["rejected_returned", "accepted"]
    assert po.price_reduction == D("0.00")
    assert stock(uow, "P1", "BRK-VS1-12") == (D(2), D(2))
