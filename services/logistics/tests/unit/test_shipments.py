"""Shipment state machine (LOG-2, LOG-4, LOG-6) and the picking check (LOG-3)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from logistics.domain.errors import ShippingRefused
from logistics.domain.instruction import InstructionCopy
from logistics.domain.lines import GoodsLine
from logistics.domain.missing_parts import MissingParts, order_complete
from logistics.domain.model import (
    FinishedGoods,
    OrderCopy,
    picking_check,
    prepare_missing_parts_shipment,
    prepare_shipment,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def order(*lines: tuple[str, str], customer: str = "CUST-001") -> OrderCopy:
    return OrderCopy(order_no="SO-P1-000001", company_id="P1", customer_code=customer,
                     customer_name="Grid Co.", delivery_address="1 Depot Road",
                     contract_no="CT-1", complete_set=False, received_at=T0,
                     lines=tuple(GoodsLine(code, Decimal(qty)) for code, qty in lines))


def stocked(*lines: tuple[str, str], customer: str | None = "CUST-001",
            entry: str = "FG-P1-000001") -> FinishedGoods:
    return FinishedGoods(stock_entry_no=entry, order_no="SO-P1-000001", company_id="P1",
                         inspection_no="FI-1", stocked_at=T0, customer_code=customer,
                         lines=tuple(GoodsLine(code, Decimal(qty)) for code, qty in lines))


def instruction(*lines: tuple[str, str], place: str = "") -> InstructionCopy:
    return InstructionCopy(
        instruction_no="SN-P1-000001", order_no="SO-P1-000001", company_id="P1",
        contract_no="CT-1", customer_code="CUST-001", ship_at=T0,
        arrival_at=T0 + timedelta(days=2), arrival_place=place, issued_by="contracts",
        issued_at=T0, lines=tuple(GoodsLine(code, Decimal(qty)) for code, qty in lines))


def prepared_with_shortage(stock=None, existing=(), picked=None, consented=False, place=""):
    return prepare_shipment(
        shipment_no="SH-P1-000001", order=order(("KYN28-12", "2")),
        stock=stock if stock is not None else [stocked(("KYN28-12", "2"))],
        instruction=instruction(("KYN28-12", "2"), place=place), picked=picked,
        consented=consented, destination="", planned_ship_at=None, at=T0, by="clerk",
        existing=list(existing))


def prepared(**kw):
    shipment, shortage = prepared_with_shortage(**kw)
    assert shortage == {}
    return shipment


def test_the_picking_check_detects_a_quantity_mismatch():
    problems = picking_check(order(("KYN28-12", "2")), [stocked(("KYN28-12", "1"))])
    assert problems == ["KYN28-12: notice 2, in store 1"]


def test_the_picking_check_detects_a_missing_and_an_extra_product():
    problems = picking_check(order(("KYN28-12", "2")), [stocked(("XGN-10", "2"))])
    assert problems == ["KYN28-12: notice 2, in store none", "XGN-10: notice none, in store 2"]


def test_the_picking_check_detects_goods_packed_for_another_customer():
    problems = picking_check(order(("KYN28-12", "2")),
                             [stocked(("KYN28-12", "2"), customer="CUST-999")])
    assert len(problems) == 1 and "CUST-999" in problems[0]


def test_the_picking_check_adds_up_entries_and_lines_of_one_product():
    assert picking_check(order(("KYN28-12", "2.000")),
                         [stocked(("KYN28-12", "1")),
                          stocked(("KYN28-12", "1"), entry="FG-P1-000002")]) == []


def test_a_short_pick_is_refused_without_the_customers_consent():
    with pytest.raises(ShippingRefused, match="KYN28-12 short by 1\\): shipping with missing "
                                              "parts needs the customer's recorded consent"):
        prepared(stock=[stocked(("KYN28-12", "1"))])


def test_with_the_customers_consent_a_short_pick_ships_what_was_picked_and_names_the_rest():
    shipment, shortage = prepared_with_shortage(stock=[stocked(("KYN28-12", "1"))],
                                                consented=True)
    assert shipment.lines == (GoodsLine("KYN28-12", Decimal("1")),)
    assert shortage == {"KYN28-12": Decimal("1")}


def test_the_store_cannot_pick_more_than_it_holds_or_the_instruction_asks():
    with pytest.raises(ShippingRefused, match="picked 3, in store 2.*over-shipment"):
        prepared(picked=(GoodsLine("KYN28-12", Decimal("3")),))


def test_picking_less_than_the_store_holds_is_a_shortage_too():
    _, shortage = prepared_with_shortage(picked=(GoodsLine("KYN28-12", Decimal("1.5")),),
                                         consented=True)
    assert shortage == {"KYN28-12": Decimal("0.5")}


def test_the_missing_parts_ship_on_their_own_once():
    missing = MissingParts(
        missing_no="MP-P1-000001", order_no="SO-P1-000001", company_id="P1",
        short_shipment_no="SH-P1-000001", lines=(GoodsLine("KYN28-12", Decimal("1")),),
        owner="Zhang (production)", consent_given_by="Mr. Chen", consent_given_at=T0,
        consent_channel="phone", recorded_by="clerk", recorded_at=T0)
    later = prepare_missing_parts_shipment(
        shipment_no="SH-P1-000002", missing=missing, order=order(("KYN28-12", "2")),
        instruction_no="SN-P1-000001", destination="", planned_ship_at=None, at=T0, by="clerk")
    assert later.lines == missing.lines and later.missing_parts_no == "MP-P1-000001"
    with pytest.raises(ShippingRefused, match="already ship with SH-P1-000002"):
        missing.with_shipment("SH-P1-000002").with_shipment("SH-P1-000003")


def test_an_order_is_complete_only_when_every_shipment_and_missing_part_is_delivered():
    missing = MissingParts(
        missing_no="MP-P1-000001", order_no="SO-P1-000001", company_id="P1",
        short_shipment_no="SH-P1-000001", lines=(GoodsLine("KYN28-12", Decimal("1")),),
        owner="Zhang", consent_given_by="Mr. Chen", consent_given_at=T0,
        consent_channel="phone", recorded_by="clerk", recorded_at=T0)
    assert not order_complete(["delivered"], [missing])
    assert not order_complete(["delivered", "dispatched"], [missing.moved("shipped")])
    assert order_complete(["delivered", "delivered"], [missing.moved("delivered")])
    assert order_complete(["delivered"], [])


def test_a_shipment_cannot_be_prepared_before_the_goods_are_stocked():
    with pytest.raises(ShippingRefused, match="not in the finished-goods store"):
        prepared(stock=[])


def test_an_order_gets_one_shipping_notice():
    with pytest.raises(ShippingRefused, match="already has shipment SH-P1-000001"):
        prepared(existing=[prepared()])


def test_the_destination_is_the_instructions_arrival_place_else_the_order_address():
    assert prepared(place="Site 4, Pukou").destination == "Site 4, Pukou"
    shipment = prepared()
    assert shipment.destination == "1 Depot Road"
    assert shipment.instruction_no == "SN-P1-000001" and shipment.planned_ship_at == T0
    assert shipment.status == "prepared"
    assert shipment.stock_entry_nos == ("FG-P1-000001",)


def test_a_shipment_cannot_be_delivered_before_it_is_dispatched():
    with pytest.raises(ShippingRefused, match="has not been dispatched"):
        prepared().deliver(received_by="Li", receipt_no="R1", damaged=False, at=T0, by="clerk")


def test_a_dispatched_shipment_is_delivered_once():
    shipment = prepared().dispatch(carrier="OWN-TRUCK", vehicle_no="A1", expected_arrival=None,
                                   at=T0, by="clerk")
    delivered = shipment.deliver(received_by="Li", receipt_no="R1", damaged=True,
                                 at=T0 + timedelta(days=1), by="clerk")
    assert delivered.status == "delivered" and delivered.damaged
    with pytest.raises(ShippingRefused, match="already delivered"):
        delivered.deliver(received_by="Li", receipt_no="R2", damaged=False, at=T0, by="clerk")


def test_a_shipment_is_dispatched_once():
    shipment = prepared().dispatch(carrier="OWN-TRUCK", vehicle_no="", expected_arrival=None,
                                   at=T0, by="clerk")
    with pytest.raises(ShippingRefused, match="already dispatched"):
        shipment.dispatch(carrier="DEBON", vehicle_no="", expected_arrival=None, at=T0, by="x")


def test_goods_stocked_before_the_order_copy_take_its_customer_and_lines():
    entry = stocked(customer=None).labelled_for(order(("KYN28-12", "2")))
    assert entry.customer_code == "CUST-001"
    assert entry.lines == (GoodsLine("KYN28-12", Decimal("2")),)
