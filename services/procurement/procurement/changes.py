"""Procurement's part of a customer change notice's saga (SAL-8): `f(event, payload, uow)`.

Procurement follows the material requests planning re-sized (`planning.change_answered`:
PLN-4, a reduction needs planning's agreement): open POs adjusted or cancelled, store
reservations changed; goods already received refuse the change. Compensated on rollback.
"""

from __future__ import annotations

from contracts.envelope import EventEnvelope
from contracts.events.changes import ChangeAnswered, ChangeRolledBack
from procurement.domain import changes, requests
from servicekit.change_parts import Applied, apply_part, compensate_part


def _holding(request, uow):
    """The request's PO, or (covered from a store) the stock reserved for it."""
    po = uow.purchase_orders.get(request.po_no, lock=True) if request.po_no else None
    covered_from_store = po is None and request.status == requests.COVERED
    stock = uow.stock.get(request.company_id, request.material_code) \
        if covered_from_store else None
    return po, stock


def _save(request, po, stock, uow) -> None:
    uow.requests.save(request)
    if po is not None:
        uow.purchase_orders.save(po)
    if stock is not None:
        uow.stock.save(stock)


def planning_answered(event: EventEnvelope, payload: ChangeAnswered, uow) -> None:
    if not payload.applied:
        return  # planning refused: sales rolls the change back, nothing to follow

    def apply() -> Applied:
        held = []
        for change in payload.material_changes:
            request = uow.requests.get(change.request_no)
            if request is None:
                continue  # planning's request was never sent here (covered before)
            po, stock = _holding(request, uow)
            in_parts = bool(uow.transfers.for_request(request.request_no)) or (
                po is not None and request.own_quantity > 0)  # PRC-1, PRC-3
            changes.check(request, po, change.quantity_after, stock, in_parts=in_parts)
            held.append((request, po, stock, change.quantity_after))
        undo = []
        for request, po, stock, quantity in held:
            undo.append(changes.apply(request, po, quantity, stock))
            _save(request, po, stock, uow)
        return Applied(undo={"requests": undo},
                       summary=f"{len(undo)} material request(s) and their POs or "
                               f"reservations adjusted (PRC-2, PLN-4)")

    apply_part(uow, change_no=payload.change_no, order_no=payload.order_no,
               company_id=event.company_id, apply=apply)


def change_rolled_back(event: EventEnvelope, payload: ChangeRolledBack, uow) -> None:
    def undo(data: dict) -> None:
        for item in data["requests"]:
            request = uow.requests.get(item["request_no"])
            po, stock = _holding(request, uow)
            changes.undo(item, request, po, stock)
            _save(request, po, stock, uow)

    compensate_part(uow, change_no=payload.change_no, order_no=payload.order_no,
                    company_id=event.company_id, undo=undo)
