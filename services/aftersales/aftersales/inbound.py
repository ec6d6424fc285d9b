"""What other departments report to after-sales: event use cases `(event, payload, uow)`."""

from __future__ import annotations

import logging

from aftersales.domain.requests import Delivery
from aftersales.handlers import record_request
from contracts.envelope import EventEnvelope
from contracts.events.aftersales import RequestKind
from contracts.events.logistics import ShipmentDelivered

log = logging.getLogger(__name__)


def shipment_delivered(event: EventEnvelope, payload: ShipmentDelivered, uow) -> None:
    """LOG-6: the customer has the goods; after-sales may now take requests on the order."""
    with uow:
        if uow.deliveries.get(payload.shipment_no) is not None:
            log.info("shipment %s already recorded as delivered; ignored", payload.shipment_no)
        else:
            delivery = Delivery(
                shipment_no=payload.shipment_no, order_no=payload.order_no,
                company_id=event.company_id, customer_code=payload.customer_code,
                delivered_at=payload.delivered_at, damaged=payload.damaged)
            uow.deliveries.add(delivery)
            if payload.damaged:  # rules LOG-6, AFS-4: received damaged goes to after-sales
                record_request(uow, delivery, RequestKind.DAMAGE, _damage(payload),
                               "logistics (LOG-6)", payload.delivered_at)
        uow.commit()


def _damage(payload: ShipmentDelivered) -> str:
    return (f"shipment {payload.shipment_no} received damaged (receipt {payload.receipt_no})"
            + (f": {payload.damage}" if payload.damage else "") + "; carrier claim by "
            "logistics (LOG-6)")
