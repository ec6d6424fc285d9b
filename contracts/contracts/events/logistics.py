"""Events produced by logistics (finished goods, shipments)."""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from contracts.envelope import Payload


class FinishedGoodsStocked(Payload):
    """Packed to factory standard and in the finished-goods store: production is complete
    (PLN-12)."""

    order_no: str
    stock_entry_no: str
    stocked_at: AwareDatetime
    lines: list[dict]


class ShipmentDispatched(Payload):
    """Goods left with a carrier; the customer is told the same day (LOG-4, LOG-6)."""

    order_no: str
    shipment_no: str
    carrier: str
    vehicle_no: str = ""
    dispatched_at: AwareDatetime
    expected_arrival: AwareDatetime | None = None


class ShipmentDelivered(Payload):
    """The customer's delivery receipt is in (LOG-6)."""

    order_no: str
    shipment_no: str
    customer_code: str
    delivered_at: AwareDatetime
    received_by: str
    receipt_no: str
    damaged: bool = False
    damage: str = ""
    order_complete: bool = Field(
        default=True, description="every shipment of the order, missing parts included, is "
                                  "delivered (LOG-5)")


class ShipmentDelayed(Payload):
    """Goods cannot leave on time: contract management is told the same day (LOG-4)."""

    order_no: str
    shipment_no: str
    reason: str
    new_ship_at: AwareDatetime
    expected_arrival: AwareDatetime
    reported_by: str
    reported_at: AwareDatetime


class ReplacementShipmentPlanned(Payload):
    """A replacement after-sales asked for is on logistics' books to ship (AFS-4)."""

    shipment_no: str
    request_no: str
    order_no: str
