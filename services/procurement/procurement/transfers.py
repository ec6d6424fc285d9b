"""Transfers between the group's companies (调拨单, PRC-3): `f(actor, transfer_no, payload,
uow)`, and `request_transfers`, called by a material request (inbound.py) in its
transaction.

A transfer is visible to its holder and its receiver (and the group). The holder's buyer
ships it; the receiver's buyer or QC receives and inspects it, which moves the stock from
the holder's reservation into the receiver's store, reserved for the request; once every
part of the request is in, planning hears the material is available (cover.py).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.transfers import (
    TransferPublic,
    TransferReceipt,
    TransferShipment,
    TransferStatus,
)
from procurement.cover import covered_if_complete, emit_stock_level
from procurement.domain import transfers
from procurement.domain.errors import TransferNotFound
from procurement.domain.requests import MaterialRequest
from procurement.domain.transfers import Transfer, move_on_receipt
from procurement.views import DEPARTMENT
from servicekit import clock
from servicekit.journeys import stage


def request_transfers(request: MaterialRequest, sisters: tuple[tuple[str, Decimal], ...],
                      uow, now: datetime) -> list[Transfer]:
    """PRC-3: one transfer document per sister store covering part of the request, requested
    for the needing company (their stock is already reserved: domain.stock.reserve_cover)."""
    created = []
    for holder, quantity in sisters:
        transfer = Transfer(
            transfer_no=uow.numbers.next("TR", request.company_id),
            request_no=request.request_no, order_no=request.order_no,
            material_code=request.material_code, quantity=quantity,
            from_company=holder, to_company=request.company_id, requested_at=now)
        uow.transfers.add(transfer)
        created.append(transfer)
    return created


def list_transfers(actor: Actor, status: TransferStatus | None, order_no: str | None,
                   limit: int, after: str | None, uow) -> list[TransferPublic]:
    with uow:
        found = uow.transfers.list(companies=actor.companies,
                                   status=None if status is None else str(status),
                                   order_no=order_no, after=after, limit=limit)
    return [transfer_public(t) for t in found]


def get_transfer(actor: Actor, transfer_no: str, uow) -> TransferPublic:
    with uow:
        return transfer_public(_load(actor, transfer_no, uow))


def ship_transfer(actor: Actor, transfer_no: str, shipment: TransferShipment,
                  uow) -> TransferPublic:
    """The holder sends the goods; they stay reserved in its store (PRC-3)."""
    now = clock.now()
    with uow:
        transfer = _load(actor, transfer_no, uow, for_update=True)
        transfer.ship(company_ids=actor.companies, carrier=shipment.carrier,
                      note=shipment.note, at=now, by=actor.username)
        uow.transfers.save(transfer)
        uow.commit()
    return transfer_public(transfer)


def receive_transfer(actor: Actor, transfer_no: str, receipt: TransferReceipt,
                     uow) -> TransferPublic:
    """The receiver counts and inspects the goods: only now does the stock move (PRC-3)."""
    now = clock.now()
    with uow:
        transfer = _load(actor, transfer_no, uow, for_update=True)
        transfer.receive(company_ids=actor.companies, quantity=receipt.quantity,
                         inspection_note=receipt.inspection_note, at=now,
                         by=actor.username)
        holder = uow.stock.get(transfer.from_company, transfer.material_code)
        receiver = uow.stock.get(transfer.to_company, transfer.material_code)
        move_on_receipt(transfer, holder, receiver)
        for level in (holder, receiver):
            uow.stock.save(level)
            emit_stock_level(uow, level)
        uow.transfers.save(transfer)
        request = uow.requests.get(transfer.request_no)
        covered_if_complete(request, uow, now)
        uow.commit()
    return transfer_public(transfer)


def _load(actor: Actor, transfer_no: str, uow, *, for_update: bool = False) -> Transfer:
    transfer = uow.transfers.get(transfer_no, for_update=for_update)
    if transfer is None or not (actor.may_see(transfer.from_company)
                                or actor.may_see(transfer.to_company)):
        raise TransferNotFound(f"transfer {transfer_no} not found")
    return transfer


def transfer_public(t: Transfer) -> TransferPublic:
    return TransferPublic(**{name: getattr(t, name) for name in TransferPublic.model_fields})


def transfer_stages(t: Transfer) -> list[JourneyStage]:
    """X-3: a transfer in the order's journey: requested, in transit, received."""
    refs = {"transfer_no": t.transfer_no, "request_no": t.request_no,
            "from_company": t.from_company}
    what = f"{t.quantity} {t.material_code} from {t.from_company} to {t.to_company}"
    if t.status == transfers.REQUESTED:
        return [stage(DEPARTMENT, "transfer requested", "waiting", t.requested_at, refs=refs,
                      summary=f"{what}: reserved in {t.from_company}'s store, awaiting "
                              f"shipment (PRC-3)")]
    stages = [stage(DEPARTMENT, "transfer requested", "done", t.requested_at,
                    ended_at=t.shipped_at, refs=refs, summary=f"{what} (PRC-3)")]
    if t.status == transfers.SHIPPED:
        return stages + [stage(DEPARTMENT, "transfer in transit", "waiting", t.shipped_at,
                               actor=t.shipped_by, refs=refs,
                               summary=f"{what}, shipped{_by(t.carrier)}; still reserved "
                                       f"in {t.from_company}'s store (PRC-3)")]
    return stages + [stage(DEPARTMENT, "transfer received", "done", t.shipped_at,
                           ended_at=t.received_at, actor=t.received_by, refs=refs,
                           summary=f"{what}: received, inspected and reserved in "
                                   f"{t.to_company}'s store (PRC-3)")]


def _by(carrier: str) -> str:
    return f" by {carrier}" if carrier else ""
