"""Nonconformance records (QLT-4): cause, disposition, owner, closure with evidence.

open ──(a person disposes it: rework | scrap | return | concession, with an owner)──►
disposed ──(closed with evidence)──► closed

Incoming inspection opens one per rejected lot with the rule's disposition "return"
(QLT-1 → PRC-6); while no replacement has arrived the lot may still be taken on
concession instead. A final inspection failure opens one with "rework" (planning reworks
the order). A finding (QLT-3) or a customer complaint (AFS-4) opens one undecided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from contracts.events.quality import Disposition, NonconformanceStatus
from quality.domain.errors import DispositionRefused, InspectionRejected

DISPOSITIONS = tuple(d.value for d in Disposition if d != Disposition.UNDECIDED)
UNDECIDED = Disposition.UNDECIDED.value
OPEN, DISPOSED, CLOSED = (s.value for s in NonconformanceStatus)
SOURCES = ("lot", "final", "finding", "complaint")
# What each source may be disposed: only a purchased lot is returned to its supplier whole
# or taken on concession (PRC-6); made goods are reworked or scrapped, or a purchased part
# found in them returned.
ALLOWED = {"lot": ("return", "concession"), "final": ("rework", "scrap"),
           "finding": ("rework", "scrap", "return"),
           "complaint": ("rework", "scrap", "return")}


@dataclass
class Nonconformance:
    """A nonconformance with its cause and disposition (QLT-4); closed with evidence."""

    ncr_no: str
    company_id: str
    source: str          # SOURCES: what found it
    source_no: str       # the lot, final-inspection, finding or service-request number
    order_no: str
    cause: str
    disposition: str
    opened_at: datetime
    opened_by: str
    status: str = OPEN
    owner: str | None = None
    price_reduction_percent: Decimal | None = None
    product_code: str | None = None
    quantity: Decimal | None = None
    disposed_at: datetime | None = None
    disposed_by: str | None = None
    closed_at: datetime | None = None
    closed_by: str | None = None
    evidence: str | None = None
    complaints: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.disposition not in (*DISPOSITIONS, UNDECIDED):  # use cases set it, no caller
            raise ValueError(f"disposition must be one of {DISPOSITIONS} or {UNDECIDED}")
        if self.source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}")

    def dispose(self, *, disposition: str, owner: str, by: str, at: datetime,
                cause: str | None = None, price_reduction_percent: Decimal | None = None,
                replaced: bool = False) -> None:
        """QLT-4: a person decides what happens to the goods, once. The disposition a rule
        set (a rejected lot's return, a failed final inspection's rework) is confirmed or
        replaced by one its source allows; a concession only takes a purchased lot no
        replacement has replaced yet (PRC-6)."""
        if disposition not in DISPOSITIONS:
            raise InspectionRejected(f"disposition must be one of {', '.join(DISPOSITIONS)}")
        if self.status != OPEN or self.disposed_by is not None:
            raise DispositionRefused(
                f"{self.ncr_no} is already {self.status}: {self.disposition}",
                {"ncr_no": self.ncr_no, "status": self.status,
                 "disposition": self.disposition})
        allowed = ALLOWED[self.source]
        if disposition not in allowed:
            raise DispositionRefused(
                f"an NCR from a {self.source} is disposed {' or '.join(allowed)}",
                {"ncr_no": self.ncr_no, "source": self.source})
        if disposition == "concession" and replaced:
            raise DispositionRefused(f"the supplier already replaced lot {self.source_no}",
                                     {"ncr_no": self.ncr_no, "lot_no": self.source_no})
        self.disposition, self.owner, self.status = disposition, owner, DISPOSED
        self.disposed_by, self.disposed_at = by, at
        self.price_reduction_percent = price_reduction_percent
        if cause:
            self.cause = cause

    def close(self, *, evidence: str, by: str, at: datetime) -> None:
        """QLT-4: closed once disposed, with the evidence it was carried out."""
        if self.status != DISPOSED:
            raise DispositionRefused(
                f"{self.ncr_no} is {self.status}: only a disposed NCR is closed",
                {"ncr_no": self.ncr_no, "status": self.status})
        self.status, self.evidence, self.closed_by, self.closed_at = CLOSED, evidence, by, at

    def join(self, request_no: str) -> None:
        """AFS-4: a customer's complaint about the same order joins this NCR."""
        if request_no not in self.complaints:
            self.complaints.append(request_no)


def open_for_order(ncrs: list[Nonconformance], order_no: str) -> Nonconformance | None:
    """The NCR a complaint about ``order_no`` joins: its newest one about the product (not a
    purchased lot's) not yet closed."""
    candidates = [n for n in ncrs if n.order_no == order_no and n.status != CLOSED
                  and n.source != "lot"]
    return max(candidates, key=lambda n: n.opened_at, default=None)
