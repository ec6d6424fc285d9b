"""Sales' finance takes a recorded payment back (LOG-2, SAL-10): the invoices it paid are
open again and logistics refuses dispatch until the balance is paid anew."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.sales import API, OrderPublic, PaymentNo, PaymentReversalCreate
from gateway.api.deps import ActorDep, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.core.telemetry import tag_order

# Contract & order management (sales' finance part) or the general managers, as the sales
# service checks too (sales.domain.model.REVERSAL_ROLES).
REVERSERS = ("contract_management", "general_manager", "group_general_manager")
router = APIRouter(prefix="/sales", tags=["receivables"])


@router.post("/orders/{order_no}/payments/{payment_no}/reversal", response_model=OrderPublic,
             dependencies=[require_roles(*REVERSERS)], responses=refusals(API["reverse_payment"]))
async def reverse_payment(order_no: BusinessNo, payment_no: PaymentNo,
                          reversal: PaymentReversalCreate, actor: ActorDep,
                          services: ServicesDep) -> OrderPublic:
    """Reverse a recorded payment (numbered as recorded, from 1), with the reason (LOG-2)."""
    tag_order(order_no)
    return await services.sales.reverse_payment(actor, order_no, payment_no, reversal)
