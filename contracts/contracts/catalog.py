"""Who talks to whom: every integration event, its producer, payload and consumers.

The one place a reader learns the suite's choreography. Queues are declared
from this catalog at start-up (so no event is published before its consumer's
queue exists), and a test fails if a service dispatches or handles an event
that is not listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from contracts.envelope import EventEnvelope, Payload
from contracts.events import (
    aftersales,
    changes,
    co_production,
    common,
    forecasts,
    installations,
    logistics,
    planning,
    procurement,
    quality,
    sales,
)
from contracts.services import SERVICES as SERVICES  # re-exported: the one list of the six


@dataclass(frozen=True)
class EventSpec:
    event_type: str
    payload: type[Payload]
    consumers: tuple[str, ...]
    schema_version: int = 1
    doc: str = ""

    @property
    def producer(self) -> str:
        return self.event_type.split(".", 1)[0]


def _deadline_breaches() -> list[EventSpec]:
    # Every service tracks its own time limits. Sales keeps the customer-facing
    # picture (SAL-11), so it records every breach that touches an order.
    return [
        EventSpec(f"{svc}.deadline_breached", common.DeadlineBreached, ("sales",),
                  doc="a time limit passed unmet (X-1), escalated per X-2")
        for svc in SERVICES
    ]


CATALOG: dict[str, EventSpec] = {
    spec.event_type: spec
    for spec in [
        # -- sales: intake to production instruction ------------------------------
        EventSpec("sales.order_received", sales.OrderReceived, ("planning",),
                  doc="a customer order was recorded and classified (SAL-1, ORD-1..5)"),
        EventSpec("sales.order_declined", sales.OrderDeclined, ("planning",),
                  doc="an order with an infeasible date was declined (SAL-4)"),
        EventSpec("sales.order_effective", sales.OrderEffective, ("logistics",),
                  doc="contract signed and payment received: the order is live (SAL-6)"),
        EventSpec("sales.payment_confirmed", sales.PaymentConfirmed, ("logistics",),
                  doc="money arrived against the contract (SAL-6, SAL-10, LOG-2)"),
        EventSpec("sales.payment_reversed", sales.PaymentReversed, ("logistics",),
                  doc="a recorded payment was taken back: the shipment gate closes (LOG-2)"),
        EventSpec("sales.production_instruction_issued", sales.ProductionInstructionIssued,
                  ("planning",), doc="the production instruction went to planning (SAL-7)"),
        EventSpec("sales.shipping_instruction_issued", sales.ShippingInstructionIssued,
                  ("logistics",), doc="contract & order management told shipping to ship, "
                  "contract and pre-shipment payment checked (LOG-2)"),
        EventSpec("sales.site_ready", installations.SiteReady, ("aftersales",),
                  doc="the customer's project is ready: schedule the installation (AFS-3)"),
        # -- planning: design, plan, production -----------------------------------------
        EventSpec("planning.design_reviewed", planning.DesignReviewed, ("sales",),
                  doc="design assessed a non-regular order (SAL-3)"),
        EventSpec("planning.order_planned", planning.OrderPlanned,
                  ("sales", "quality", "logistics"),
                  doc="the instruction was decomposed into a plan (PLN-1); its completion "
                      "times the packaging notice (LOG-1)"),
        EventSpec("planning.completion_forecast_changed", planning.CompletionForecastChanged,
                  ("sales", "logistics"),
                  doc="progress moved the forecast completion (PLN-8, SAL-11, LOG-1)"),
        EventSpec("planning.material_requested", planning.MaterialRequested, ("procurement",),
                  doc="MRP requests a material (PLN-4)"),
        EventSpec("planning.rush_approved", planning.RushApproved, ("sales",),
                  doc="leadership approved a rush order after its impact list (ORD-4, PLN-9)"),
        EventSpec("planning.order_redated", planning.OrderRedated, ("sales",),
                  doc="a re-plan moved an order's planned completion (PLN-7/9, SAL-11)"),
        EventSpec("planning.production_completed", planning.ProductionCompleted,
                  ("quality", "sales"), doc="all work orders complete; final inspection next"),
        # -- procurement: stock, purchasing, receiving ------------------------------------
        EventSpec("procurement.material_available", procurement.MaterialAvailable, ("planning",),
                  doc="a material request is covered by stock in store (PRC-1/3/6)"),
        EventSpec("procurement.purchase_ordered", procurement.PurchaseOrdered, ("planning",),
                  doc="a PO was placed with an approved supplier (PRC-2)"),
        EventSpec("procurement.stock_level_changed", procurement.StockLevelChanged,
                  ("planning",), doc="a store's holding of a material changed (CO-2, PLN-2)"),
        EventSpec("procurement.goods_received", procurement.GoodsReceived, ("quality",),
                  doc="a delivery awaits incoming inspection (PRC-6)"),
        EventSpec("procurement.supplier_changed", procurement.SupplierChanged, ("planning",),
                  doc="a supplier's approval or lead times changed (issue 17): planning's "
                      "copy of lead times (PLN-2)"),
        EventSpec("procurement.material_delayed", procurement.MaterialDelayed, ("planning",),
                  doc="a slip's remedy cannot hold (PRC-7): planning re-dates the work orders "
                      "needing the material from its new date"),
        # -- quality: incoming and final inspection ------------------------------------------
        EventSpec("quality.lot_accepted", quality.LotAccepted, ("procurement",),
                  doc="a lot passed IQC (QLT-1)"),
        EventSpec("quality.lot_rejected", quality.LotRejected, ("procurement",),
                  doc="a lot failed IQC: returned and replaced (QLT-1, PRC-6)"),
        EventSpec("quality.final_inspection_passed", quality.FinalInspectionPassed,
                  ("logistics", "planning"), doc="finished products passed (QLT-2)"),
        EventSpec("quality.final_inspection_failed", quality.FinalInspectionFailed,
                  ("planning",), doc="finished products need rework (QLT-3/4)"),
        EventSpec("quality.rework_requested", quality.ReworkRequested, ("planning",),
                  doc="an NCR disposed as rework: planning opens a rework work order (QLT-4)"),
        EventSpec("quality.scrap_recorded", quality.ScrapRecorded, ("planning",),
                  doc="an NCR disposed as scrap, for the order's closing (QLT-4, PLN-13)"),
        EventSpec("quality.concession_granted", quality.ConcessionGranted, ("procurement",),
                  doc="a rejected lot accepted at a reduced price (QLT-4, PRC-6)"),
        EventSpec("quality.complaint_linked", quality.ComplaintLinked, ("aftersales",),
                  doc="a customer's quality complaint opened or joined an NCR (AFS-4)"),
        # -- logistics: finished goods, shipping ------------------------------------------------
        EventSpec("logistics.finished_goods_stocked", logistics.FinishedGoodsStocked,
                  ("planning", "sales"), doc="packed and stocked: production complete (PLN-12)"),
        EventSpec("logistics.shipment_dispatched", logistics.ShipmentDispatched, ("sales",),
                  doc="goods left with a carrier (LOG-4, LOG-6)"),
        EventSpec("logistics.shipment_delivered", logistics.ShipmentDelivered,
                  ("sales", "aftersales", "planning"),
                  doc="the customer's receipt is in (LOG-6); a co-production delivery "
                      "completes the part in the requester's store (PLN-12)"),
        EventSpec("logistics.shipment_delayed", logistics.ShipmentDelayed, ("sales",),
                  doc="goods cannot leave on time: reason, new time, ETA (LOG-4)"),
        # -- after-sales ------------------------------------------------------------------------
        EventSpec("aftersales.service_requested", aftersales.ServiceRequested, ("sales",),
                  doc="a service request was recorded (AFS-1)"),
        EventSpec("aftersales.service_resolved", aftersales.ServiceResolved, ("sales",),
                  doc="a service request was resolved (AFS-4)"),
        # -- a customer change notice's saga (SAL-8) ------------------------------------------
        EventSpec("sales.change_issued", changes.ChangeIssued, ("planning", "quality"),
                  doc="a classified change notice goes downstream (SAL-8)"),
        EventSpec("planning.change_answered", changes.ChangeAnswered, ("sales", "procurement"),
                  doc="planning applied its part (work orders, material requests) or refused; "
                      "procurement follows the material requests it re-sized (PLN-4)"),
        EventSpec("procurement.change_answered", changes.ChangeAnswered, ("sales",),
                  doc="procurement adjusted its requests and open POs, or refused (SAL-8)"),
        EventSpec("quality.change_answered", changes.ChangeAnswered, ("sales",),
                  doc="quality took the new inspection criteria, or refused (SAL-8)"),
        EventSpec("sales.change_rolled_back", changes.ChangeRolledBack,
                  ("planning", "procurement", "quality"),
                  doc="a department refused: every applied part is compensated (SAL-8)"),
        # -- after-sales remedies linked to quality and logistics (AFS-4) ----------------------
        EventSpec("aftersales.quality_complaint_raised", aftersales.QualityComplaintRaised,
                  ("quality",), doc="quality feedback from a customer: to an NCR (AFS-4)"),
        EventSpec("aftersales.replacement_requested", aftersales.ReplacementRequested,
                  ("logistics",), doc="a replacement to ship (AFS-4)"),
        EventSpec("logistics.replacement_shipment_planned",
                  logistics.ReplacementShipmentPlanned, ("aftersales",),
                  doc="the replacement is on logistics' books (AFS-4)"),
        # -- co-production between subsidiaries (CO-1, PLN-12) ------------------------------
        EventSpec("planning.co_production_instructed", co_production.CoProductionInstructed,
                  ("planning", "logistics"),
                  doc="a co-production instruction went to the sister that makes the part "
                      "(CO-1): its planning plans it, its shipping delivers it (PLN-12)"),
        EventSpec("planning.forecast_updated", forecasts.ForecastUpdated,
                  ("sales", "logistics"),
                  doc="the order's forecast completion moved (PLN-8): sales tells the "
                      "customer (SAL-11) and follows up on it (SAL-9); logistics re-times "
                      "the packaging notice (LOG-1)"),
        *_deadline_breaches(),
    ]
}


class UnknownEvent(LookupError):
    pass


def spec_for(event_type: str) -> EventSpec:
    try:
        return CATALOG[event_type]
    except KeyError:
        raise UnknownEvent(f"event type {event_type!r} is not in the contracts catalog") from None


def handled_by(service: str) -> list[EventSpec]:
    return [spec for spec in CATALOG.values() if service in spec.consumers]


def validate_payload(envelope: EventEnvelope) -> Payload:
    """The typed payload of an envelope; raises ValidationError or UnknownEvent."""
    spec = spec_for(envelope.event_type)
    if envelope.schema_version != spec.schema_version:
        raise UnknownEvent(
            f"{envelope.event_type} schema version {envelope.schema_version} "
            f"is not the catalog's {spec.schema_version}"
        )
    return spec.payload.model_validate(envelope.payload)


__all__ = [
    "CATALOG", "EventSpec", "UnknownEvent", "ValidationError",
    "handled_by", "spec_for", "validate_payload",
]
