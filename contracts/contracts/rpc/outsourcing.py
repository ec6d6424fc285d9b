"""Outsourcing (外协, PLN-10): an operation of a work order done by an external partner with
the group general manager's approval. Its methods join planning's table."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import NO_NUL, BoundedDate, Code, Money, Quantity
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload

OutsourcingReason = Literal["capacity_saturated", "special_requirement",
                            "partner_better_or_cheaper"]
OutsourcingStatus = Literal["proposed", "approved", "rejected", "sent", "received",
                            "completed"]


class OutsourcingProposal(StrictPayload):
    """Outsource one operation (routing step) of a work order to a partner (PLN-10)."""

    step: int = Field(ge=1, le=10_000, description="the routing step to outsource")
    partner_code: Code
    reason: OutsourcingReason = Field(description="3.5.1: capacity saturated, a special "
                                      "requirement the company cannot meet, or the partner "
                                      "is better or cheaper")
    reason_note: str = Field(default="", max_length=1000, pattern=NO_NUL)
    unit_price: Money = Field(description="the agreed price per unit, in `currency`")
    currency: Literal["CNY"] = "CNY"
    agreed_return_date: BoundedDate | None = Field(
        default=None, description="when the partner returns it; default: after its lead time")


class OutsourcingDecision(StrictPayload):
    """The group general manager's answer (PLN-10); a rejection says why."""

    approve: bool
    reason: str = Field(default="", max_length=1000, pattern=NO_NUL)


class OutsourcingReceipt(StrictPayload):
    """The goods back from the partner, counted against the order (PRC-6)."""

    quantity: Quantity


class OutsourcingInspection(StrictPayload):
    """Inspection of what came back (QLT-2): passed completes the operation."""

    passed: bool
    note: str = Field(default="", max_length=1000, pattern=NO_NUL)


class OutgoingItemPublic(BaseModel):
    item_code: str
    quantity: Decimal
    kind: Literal["part", "material"]


class OutsourcingOrderPublic(BaseModel):
    outsourcing_no: str
    company_id: str
    order_no: str
    plan_no: str
    work_order_no: str
    product_code: str
    step: int
    work_centre: str = Field(description="the in-house work centre the partner stands in for")
    last_step: bool
    partner_code: str
    partner_name: str
    quantity: Decimal
    unit_price: Decimal
    currency: str
    amount: Decimal
    agreed_return_date: date
    reason: OutsourcingReason
    reason_note: str
    items: list[OutgoingItemPublic] = Field(description="what goes out: from BOM and routing")
    proposed_by: str
    proposed_at: datetime
    status: OutsourcingStatus
    decided_by: str | None = Field(default=None, description="the group GM who decided")
    decided_at: datetime | None = None
    decision_reason: str = ""
    sent_by: str | None = None
    sent_at: datetime | None = None
    received_by: str | None = None
    received_at: datetime | None = None
    received_quantity: Decimal | None = None
    inspected_by: str | None = None
    inspected_at: datetime | None = None
    inspection_note: str = ""
    returns_to_partner: int = 0


class PartnerPublic(BaseModel):
    partner_code: str
    name: str
    name_zh: str = ""
    lead_days: int = Field(description="usual lead time in working days")
    work_centres: list[str] = Field(description="in-house work centres it can stand in for")


STEP = (NotFound, Conflict, InvalidRequest)
METHODS = [
    query("list_outsourcing_partners", limit=(PageLimit, 100), reply=list[PartnerPublic],
          doc="PLN-10: the external partners and what they can do"),
    command("propose_outsourcing", work_order_no=BusinessNo, proposal=OutsourcingProposal,
            reply=OutsourcingOrderPublic, refuses=STEP,
            doc="PLN-10: an outsourcing order for one step of a work order, generated from "
                "its BOM and routing; it waits for the group GM's approval"),
    command("decide_outsourcing", outsourcing_no=BusinessNo, decision=OutsourcingDecision,
            reply=OutsourcingOrderPublic, refuses=(*STEP, Forbidden),
            doc="PLN-10: the group general manager approves or rejects (with a reason)"),
    command("send_outsourcing", outsourcing_no=BusinessNo, reply=OutsourcingOrderPublic,
            refuses=(NotFound, Conflict),
            doc="PLN-10: the outsourced operation starts, goods sent to the partner; "
                "Conflict before the group GM's approval or before the work order is "
                "released. Opens PLN-10.return (late: the group GM)"),
    command("receive_outsourcing", outsourcing_no=BusinessNo, receipt=OutsourcingReceipt,
            reply=OutsourcingOrderPublic, refuses=STEP,
            doc="PLN-10, PRC-6: the goods back from the partner, the whole quantity"),
    command("inspect_outsourcing", outsourcing_no=BusinessNo,
            inspection=OutsourcingInspection, reply=OutsourcingOrderPublic, refuses=STEP,
            doc="PLN-10, QLT-2: passed completes the operation (the routing's last step: "
                "the work order); failed sends it back to the partner"),
    query("get_outsourcing", outsourcing_no=BusinessNo, reply=OutsourcingOrderPublic,
          refuses=(NotFound,), doc="PLN-10: one outsourcing order"),
    query("list_outsourcing", order_no=(BusinessNo | None, None),
          status=(OutsourcingStatus | None, None), limit=(PageLimit, 100),
          reply=list[OutsourcingOrderPublic],
          doc="PLN-10: the actor's companies' outsourcing orders, newest first"),
]
