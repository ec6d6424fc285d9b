"""After the goods leave (LOG-6): the customer's "not received", and claims against the
carrier for goods received damaged.

"Not received" is investigated by shipping until it finds what became of the goods.
"Received damaged" goes to after-sales (AFS-4, by the delivery event), to shipping and the
freight auditor (the claim record here), and the claim against the carrier is recorded
with its amount and, when the carrier answers, its outcome and the amount recovered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from logistics.domain.errors import ShippingRefused, ShippingRejected

OPEN, CLOSED, SETTLED = "open", "closed", "settled"


@dataclass(frozen=True)
class Investigation:
    investigation_no: str
    shipment_no: str
    order_no: str
    company_id: str
    reported_by: str
    note: str
    opened_at: datetime
    opened_by: str
    status: str = OPEN
    finding: str | None = None
    goods_found: bool | None = None
    closed_at: datetime | None = None
    closed_by: str | None = None

    def close(self, *, finding: str, goods_found: bool, at: datetime,
              by: str) -> Investigation:
        if self.status != OPEN:
            raise ShippingRefused(f"investigation {self.investigation_no} is already closed",
                                  {"investigation_no": self.investigation_no})
        return replace(self, status=CLOSED, finding=finding, goods_found=goods_found,
                       closed_at=at, closed_by=by)


@dataclass(frozen=True)
class CarrierClaim:
    claim_no: str
    shipment_no: str
    order_no: str
    company_id: str
    carrier: str
    amount: Decimal | None
    description: str
    opened_at: datetime
    opened_by: str
    status: str = OPEN
    outcome: str | None = None
    recovered_amount: Decimal | None = None
    note: str = ""
    settled_at: datetime | None = None
    settled_by: str | None = None

    def settle(self, *, outcome: str, recovered: Decimal | None, note: str, at: datetime,
               by: str) -> CarrierClaim:
        """The carrier's answer: paid (in full), partly paid, or rejected (nothing)."""
        details = {"claim_no": self.claim_no}
        if self.status != OPEN:
            raise ShippingRefused(f"claim {self.claim_no} is already settled ({self.outcome})",
                                  details)
        if outcome == "rejected" and recovered:
            raise ShippingRejected("a rejected claim recovers nothing", details)
        if outcome != "rejected" and not recovered:
            raise ShippingRejected(f"a claim {outcome.replace('_', ' ')} needs the amount "
                                   "recovered", details)
        if recovered and self.amount is not None and recovered > self.amount:
            raise ShippingRejected(f"recovered {recovered} is more than the {self.amount} "
                                   "claimed", details)
        return replace(self, status=SETTLED, outcome=outcome, recovered_amount=recovered,
                       note=note, settled_at=at, settled_by=by)


def check_not_received(status: str, shipment_no: str) -> None:
    """Only goods that left and have no receipt can be "not received"."""
    if status != "dispatched":
        raise ShippingRefused(f"shipment {shipment_no} is {status}: only a dispatched "
                              "shipment without a receipt can be reported not received "
                              "(LOG-6)", {"shipment_no": shipment_no})
