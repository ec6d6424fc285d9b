"""A sister's co-production delivery as logistics sees it (CO-1, PLN-12).

The maker's shipping ships a co-produced part to the requesting company's store with the
same steps as a customer order (LOG-2..6): the co-production instruction is at once the
order copy (the requester's store is the customer, the instruction no. the order and the
contract), the shipping instruction (arrive by the day the requester needs the part) and
the payment status: a sister's work is settled between the companies at the inter-company
price, so no customer payment gates it (LOG-2 does not apply between subsidiaries).
"""

from __future__ import annotations

from datetime import UTC, datetime

from contracts.envelope import EventEnvelope
from contracts.events.co_production import CoProductionInstructed
from logistics.domain import model
from logistics.domain.instruction import InstructionCopy
from logistics.domain.lines import GoodsLine
from logistics.domain.payment import PaymentStatus
from servicekit.workcalendar import DEFAULT_CALENDAR


def co_production_instructed(event: EventEnvelope, payload: CoProductionInstructed,
                             uow) -> None:
    maker = event.company_id
    lines = (GoodsLine(payload.product_code, payload.quantity),)
    value = payload.unit_price * payload.quantity
    arrival = DEFAULT_CALENDAR.start_of_business(payload.needed_by)
    order = model.OrderCopy(
        order_no=payload.instruction_no, company_id=maker,
        customer_code=payload.requester_company_id,
        customer_name=f"{payload.requester_company_id} (co-production, "
                      f"order {payload.requester_order_no})",
        delivery_address=payload.delivery_place, contract_no=payload.instruction_no,
        complete_set=False, lines=lines, received_at=datetime.now(UTC))
    with uow:
        uow.orders.put(order, [1])
        if uow.instructions.get(payload.instruction_no) is None:
            uow.instructions.add(InstructionCopy(
                instruction_no=payload.instruction_no, order_no=payload.instruction_no,
                company_id=maker, contract_no=payload.instruction_no,
                customer_code=payload.requester_company_id,
                ship_at=payload.issued_at, arrival_at=arrival,
                arrival_place=payload.delivery_place, issued_by=payload.issued_by,
                issued_at=payload.issued_at, lines=lines))
        uow.payments.put(PaymentStatus(
            order_no=payload.instruction_no, company_id=maker,
            contract_no=payload.instruction_no, paid_total=value, contract_total=value,
            cleared_for_shipment=True, first_confirmed_at=event.occurred_at,
            last_confirmed_at=event.occurred_at))
        uow.commit()
