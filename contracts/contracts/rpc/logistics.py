"""Logistics' RPC payloads: commands from the gateway, the views it reads, the method table."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field, StrictBool

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.rpc.api import ServiceApi, command, query
from contracts.rpc.bounds import NO_NUL, SOME_NO_NUL, BoundedMoment, Money, Quantity
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload

# How near now a plan or an ETA must be is logistics' rule (logistics.domain.model.
# check_plausible); the edge only bounds the moment.
ShippingTime = BoundedMoment


class ShipmentStatus(StrEnum):
    """A shipping notice's life (LOG-2..6)."""

    PREPARED = "prepared"
    DISPATCHED = "dispatched"
    DELIVERED = "delivered"


class StockStatus(StrEnum):
    """A finished-goods stock entry (PLN-12): in the store, or gone with a shipment."""

    IN_STOCK = "in_stock"
    SHIPPED = "shipped"


class PickedLine(StrictPayload):
    """A product and the quantity the store picked of it (LOG-3)."""

    product_code: str = Field(min_length=1, max_length=64, pattern=SOME_NO_NUL)
    quantity: Quantity


class ConsentChannel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    FAX = "fax"
    IN_PERSON = "in_person"


class ShortShipmentConsent(StrictPayload):
    """The customer agreed to receive the goods with parts missing (缺件发货, LOG-5)."""

    given_by: str = Field(min_length=1, max_length=100, pattern=SOME_NO_NUL,
                          description="the customer's person who agreed")
    given_at: ShippingTime = Field(description="when they agreed")
    channel: ConsentChannel = Field(description="how they agreed")
    missing_parts_owner: str = Field(min_length=1, max_length=100, pattern=SOME_NO_NUL,
                                     description="who owns getting the missing parts out")


class ShipmentCreate(StrictPayload):
    """Prepare a shipment of an order's stocked goods from the shipping instruction
    (LOG-2, LOG-3, LOG-5)."""

    planned_ship_at: ShippingTime | None = Field(
        default=None, description="when the goods are to leave (empty: the instruction's "
                                  "ship time); opens LOG-4's same-day report")
    destination: str = Field(default="", max_length=300, pattern=NO_NUL,
                             description="empty: the instruction's arrival place")
    picked: list[PickedLine] | None = Field(
        default=None, min_length=1, max_length=200,
        description="what the store picked (LOG-3); empty: everything in store for the order")
    short_shipment: ShortShipmentConsent | None = Field(
        default=None, description="the customer's consent when the pick is short (LOG-5)")


class MissingPartsShipmentCreate(StrictPayload):
    """Ship an order's missing parts as a shipment of their own (LOG-5)."""

    planned_ship_at: ShippingTime | None = None
    destination: str = Field(default="", max_length=300, pattern=NO_NUL)


class PackagingNoticeCreate(StrictPayload):
    """Packaging is told what must be complete before the goods are ready (LOG-1)."""

    packing: str = Field(min_length=1, max_length=500, pattern=SOME_NO_NUL,
                         description="how the goods are to be packed (e.g. wooden crates)")
    accessories: str = Field(min_length=1, max_length=500, pattern=SOME_NO_NUL,
                             description="spare and accessory parts that go with them")
    documents: str = Field(min_length=1, max_length=500, pattern=SOME_NO_NUL,
                           description="manuals, certificates, drawings that go with them")


class PackagingNoticePublic(BaseModel):
    order_no: str
    company_id: str
    plan_no: str
    goods_ready_at: datetime = Field(description="planning's forecast completion")
    status: str = Field(description="waiting | notified")
    packing: str | None = None
    accessories: str | None = None
    documents: str | None = None
    notified_at: datetime | None = None
    notified_by: str | None = None
    ready_moves: int = Field(description="how often the forecast moved")


class DelayReport(StrictPayload):
    """Goods cannot leave on time: told to contract management the same day (LOG-4)."""

    reason: str = Field(min_length=3, max_length=500, pattern=SOME_NO_NUL)
    new_ship_at: ShippingTime
    expected_arrival: ShippingTime


class NotReceivedReport(StrictPayload):
    """The customer says the goods never arrived (LOG-6): shipping investigates."""

    reported_by: str = Field(min_length=1, max_length=100, pattern=SOME_NO_NUL)
    note: str = Field(default="", max_length=1000, pattern=NO_NUL)


class InvestigationOutcome(StrictPayload):
    finding: str = Field(min_length=3, max_length=1000, pattern=SOME_NO_NUL)
    goods_found: StrictBool = Field(description="the goods were found and reached the customer")


class ClaimOutcome(StrEnum):
    """What the carrier answered a claim (LOG-6)."""

    PAID = "paid"
    PARTLY_PAID = "partly_paid"
    REJECTED = "rejected"


class ClaimSettlement(StrictPayload):
    outcome: ClaimOutcome
    recovered_amount: Money | None = Field(default=None,
                                           description="what the carrier paid (none if rejected)")
    note: str = Field(default="", max_length=1000, pattern=NO_NUL)


class DispatchCreate(StrictPayload):
    carrier: str = Field(min_length=1, max_length=100, pattern=SOME_NO_NUL,
                         description="company vehicle or contracted carrier code (LOG-4)")
    vehicle_no: str = Field(default="", max_length=32, pattern=NO_NUL)
    expected_arrival: ShippingTime | None = None
    signed_receipt_by: str = Field(default="", max_length=100, pattern=NO_NUL,
                                   description="the carrier's driver who signed (LOG-4)")


class DeliveryConfirm(StrictPayload):
    received_by: str = Field(min_length=1, max_length=100, pattern=SOME_NO_NUL)
    receipt_no: str = Field(min_length=1, max_length=64, pattern=SOME_NO_NUL)
    damaged: StrictBool = Field(default=False, description="received damaged: aftersales (AFS-4)")
    damage: str = Field(default="", max_length=1000, pattern=NO_NUL,
                        description="what was damaged (LOG-6)")
    claim_amount: Money | None = Field(
        default=None, description="received damaged: the amount claimed from the carrier")


class GoodsLinePublic(BaseModel):
    """A product and its quantity, as shipped or stocked (LOG-3)."""

    product_code: str
    quantity: Decimal


class CarrierReceipt(StrictPayload):
    """The carrier signed for the goods (LOG-4)."""

    signed_by: str = Field(min_length=1, max_length=100, pattern=SOME_NO_NUL)


class ShipmentPublic(BaseModel):
    shipment_no: str
    order_no: str
    company_id: str
    customer_code: str
    destination: str
    status: ShipmentStatus
    payment_cleared: bool = Field(description="logistics' copy of sales' clearance (LOG-2)")
    carrier: str | None = None
    vehicle_no: str | None = None
    prepared_at: datetime
    dispatched_at: datetime | None = None
    delivered_at: datetime | None = None
    received_by: str | None = None
    receipt_no: str | None = None
    lines: list[GoodsLinePublic] = Field(default_factory=list,
                                         description="the notice's lines (LOG-3)")
    planned_ship_at: datetime | None = None
    expected_arrival: datetime | None = None
    damaged: bool = False
    instruction_no: str | None = Field(default=None,
                                       description="the shipping instruction (LOG-2)")
    signed_receipt_by: str | None = Field(default=None,
                                          description="the carrier's signature (LOG-4)")
    customer_notice: str | None = Field(default=None,
                                        description="the notice the customer got (LOG-6)")
    missing_parts_no: str | None = Field(default=None,
                                         description="the missing parts it left or ships")


class MissingPartsPublic(BaseModel):
    """Parts a short shipment left behind (LOG-5), their owner and their own shipment."""

    missing_no: str
    order_no: str
    company_id: str
    short_shipment_no: str
    lines: list[GoodsLinePublic]
    owner: str
    consent_given_by: str
    consent_given_at: datetime
    consent_channel: str
    status: str = Field(description="open | shipped | delivered")
    shipment_no: str | None = None


class InvestigationPublic(BaseModel):
    investigation_no: str
    shipment_no: str
    order_no: str
    company_id: str
    reported_by: str
    note: str
    opened_at: datetime
    opened_by: str
    status: str = Field(description="open | closed")
    finding: str | None = None
    goods_found: bool | None = None
    closed_at: datetime | None = None


class CarrierClaimPublic(BaseModel):
    claim_no: str
    shipment_no: str
    order_no: str
    company_id: str
    carrier: str
    amount: Decimal | None
    description: str
    opened_at: datetime
    status: str = Field(description="open | settled")
    outcome: ClaimOutcome | None = None
    recovered_amount: Decimal | None = None
    settled_at: datetime | None = None


class FinishedGoodsPublic(BaseModel):
    order_no: str
    company_id: str
    stock_entry_no: str
    stocked_at: datetime
    lines: list[GoodsLinePublic]
    status: StockStatus


class ReplacementShipmentPublic(BaseModel):
    """A replacement or parts after-sales asked for (AFS-4), shipped apart from the order's
    own shipments: no payment gate, it is the supplier's remedy."""

    shipment_no: str
    request_no: str
    order_no: str
    company_id: str
    customer_code: str
    remedy: str = Field(description="replacement | parts")
    lines: list[GoodsLinePublic]
    status: str = Field(description="planned | dispatched")
    planned_at: datetime
    carrier: str | None = None
    vehicle_no: str | None = None
    dispatched_at: datetime | None = None
    dispatched_by: str | None = None


SHIPPING_STEP = (NotFound, Conflict)
LOGISTICS_FLOW_METHODS = [
    command("notify_packaging", order_no=BusinessNo, notice=PackagingNoticeCreate,
            reply=PackagingNoticePublic, refuses=SHIPPING_STEP,
            doc="LOG-1: packaging told what must be complete (packing, accessories, "
                "documents); meets the 3/1 working-day limit before the forecast completion"),
    query("list_packaging_notices", order_no=(BusinessNo | None, None),
          limit=(PageLimit, 100), reply=list[PackagingNoticePublic],
          doc="LOG-1: by forecast completion, earliest first"),
    command("report_delay", shipment_no=BusinessNo, delay=DelayReport, reply=ShipmentPublic,
            refuses=(*SHIPPING_STEP, InvalidRequest),
            doc="LOG-4: goods cannot leave on time: reason, new time, ETA to contract "
                "management the same day; meets LOG-4 and opens it for the new time"),
    command("ship_missing_parts", missing_no=BusinessNo, shipment=MissingPartsShipmentCreate,
            reply=ShipmentPublic, refuses=(*SHIPPING_STEP, InvalidRequest),
            doc="LOG-5: the missing parts of a short shipment, as a shipment of their own"),
    query("list_missing_parts", order_no=(BusinessNo | None, None), limit=(PageLimit, 100),
          reply=list[MissingPartsPublic], doc="LOG-5: newest first, of the actor's companies"),
    command("report_not_received", shipment_no=BusinessNo, report=NotReceivedReport,
            reply=InvestigationPublic, refuses=SHIPPING_STEP,
            doc="LOG-6: the customer has not received a dispatched shipment; shipping "
                "investigates"),
    command("close_investigation", investigation_no=BusinessNo,
            outcome=InvestigationOutcome, reply=InvestigationPublic, refuses=SHIPPING_STEP,
            doc="LOG-6: what shipping's investigation found"),
    query("list_investigations", order_no=(BusinessNo | None, None), limit=(PageLimit, 100),
          reply=list[InvestigationPublic], doc="LOG-6: newest first"),
    query("list_carrier_claims", order_no=(BusinessNo | None, None), limit=(PageLimit, 100),
          reply=list[CarrierClaimPublic],
          doc="LOG-6: claims against carriers for goods received damaged, newest first"),
    command("settle_carrier_claim", claim_no=BusinessNo, settlement=ClaimSettlement,
            reply=CarrierClaimPublic, refuses=(*SHIPPING_STEP, InvalidRequest),
            doc="LOG-6: the carrier's answer to a claim, with the amount recovered"),
]
API = ServiceApi("logistics", [
    query("list_finished_goods", status=(StockStatus | None, None), limit=(PageLimit, 100),
          reply=list[FinishedGoodsPublic],
          doc="PLN-12: the finished-goods store of the actor's companies, newest first"),
    command("prepare_shipment", order_no=BusinessNo, shipment=ShipmentCreate,
            reply=ShipmentPublic, refuses=SHIPPING_STEP,
            doc="LOG-2/3: the shipping notice for stocked goods, picking checked; a planned "
                "ship time opens LOG-4"),
    command("dispatch_shipment", shipment_no=BusinessNo, dispatch=DispatchCreate,
            reply=ShipmentPublic, refuses=(*SHIPPING_STEP, InvalidRequest),
            doc="LOG-2/4: refused (and recorded) until sales cleared the payment; meets LOG-4"),
    command("confirm_delivery", shipment_no=BusinessNo, delivery=DeliveryConfirm,
            reply=ShipmentPublic, refuses=SHIPPING_STEP,
            doc="LOG-6: the customer's receipt; damage goes to aftersales (AFS-4)"),
    query("list_shipments", order_no=(BusinessNo | None, None),
          status=(ShipmentStatus | None, None), limit=(PageLimit, 100),
          reply=list[ShipmentPublic], doc="newest first, of the actor's companies"),
    query("list_replacement_shipments", order_no=(BusinessNo | None, None),
          request_no=(BusinessNo | None, None), limit=(PageLimit, 100),
          reply=list[ReplacementShipmentPublic],
          doc="AFS-4: replacements after-sales asked for, oldest first"),
    command("dispatch_replacement", shipment_no=BusinessNo, dispatch=DispatchCreate,
            reply=ReplacementShipmentPublic, refuses=SHIPPING_STEP,
            doc="AFS-4: the replacement leaves with its carrier; once"),
    *LOGISTICS_FLOW_METHODS,
])
