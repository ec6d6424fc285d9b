"""Logistics' use cases after the goods left (LOG-6): "not received" investigations and
claims against the carrier for goods received damaged."""

from __future__ import annotations

from datetime import datetime

from contracts.rpc.common import Actor
from contracts.rpc.logistics import (
    CarrierClaimPublic,
    ClaimSettlement,
    DeliveryConfirm,
    InvestigationOutcome,
    InvestigationPublic,
    NotReceivedReport,
)
from logistics import views
from logistics.domain.errors import NotOnRecord
from logistics.domain.feedback import CarrierClaim, Investigation, check_not_received
from logistics.domain.model import Shipment
from servicekit import clock


def open_carrier_claim(shipment: Shipment, delivery: DeliveryConfirm, uow, at: datetime,
                       by: str) -> CarrierClaim:
    """Rule LOG-6: goods received damaged are claimed from the carrier that took them."""
    claim = CarrierClaim(
        claim_no=uow.numbers.next("CC", shipment.company_id), shipment_no=shipment.shipment_no,
        order_no=shipment.order_no, company_id=shipment.company_id,
        carrier=shipment.carrier or "", amount=delivery.claim_amount,
        description=delivery.damage or f"received damaged, receipt {delivery.receipt_no}",
        opened_at=at, opened_by=by)
    uow.claims.add(claim)
    return claim


def report_not_received(actor: Actor, shipment_no: str, report: NotReceivedReport, uow,
                        now: datetime | None = None) -> InvestigationPublic:
    """Rule LOG-6: the customer says the goods never arrived; shipping investigates."""
    at = clock.now(now)
    with uow:
        shipment = _visible(actor, uow.shipments.get(shipment_no), f"shipment {shipment_no}")
        check_not_received(shipment.status, shipment_no)
        investigation = Investigation(
            investigation_no=uow.numbers.next("IV", shipment.company_id),
            shipment_no=shipment_no, order_no=shipment.order_no,
            company_id=shipment.company_id, reported_by=report.reported_by, note=report.note,
            opened_at=at, opened_by=actor.username)
        uow.investigations.add(investigation)
        uow.commit()
    return views.investigation_public(investigation)


def close_investigation(actor: Actor, investigation_no: str, outcome: InvestigationOutcome,
                        uow, now: datetime | None = None) -> InvestigationPublic:
    at = clock.now(now)
    with uow:
        found = _visible(actor, uow.investigations.get(investigation_no, for_update=True),
                         f"investigation {investigation_no}")
        closed = found.close(finding=outcome.finding, goods_found=outcome.goods_found, at=at,
                             by=actor.username)
        uow.investigations.save(closed)
        uow.commit()
    return views.investigation_public(closed)


def settle_carrier_claim(actor: Actor, claim_no: str, settlement: ClaimSettlement, uow,
                         now: datetime | None = None) -> CarrierClaimPublic:
    """Rule LOG-6: the carrier's answer to the claim, and what it paid."""
    at = clock.now(now)
    with uow:
        claim = _visible(actor, uow.claims.get(claim_no, for_update=True), f"claim {claim_no}")
        settled = claim.settle(outcome=str(settlement.outcome),
                               recovered=settlement.recovered_amount, note=settlement.note,
                               at=at, by=actor.username)
        uow.claims.save(settled)
        uow.commit()
    return views.claim_public(settled)


def list_investigations(actor: Actor, order_no: str | None, limit: int,
                        uow) -> list[InvestigationPublic]:
    with uow:
        return [views.investigation_public(each)
                for each in uow.investigations.list(actor.companies, order_no, limit)]


def list_carrier_claims(actor: Actor, order_no: str | None, limit: int,
                        uow) -> list[CarrierClaimPublic]:
    with uow:
        return [views.claim_public(each)
                for each in uow.claims.list(actor.companies, order_no, limit)]


def _visible(actor: Actor, record, what: str):
    if record is None or not actor.may_see(record.company_id):
        raise NotOnRecord(f"{what} not found")
    return record
