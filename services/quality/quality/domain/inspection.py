"""Incoming inspection of purchased lots (QLT-1) and its nonconformance record (QLT-4).

Pure rules: no framework, no I/O. The verdict is decided on the exact fraction;
the pass rate people see is truncated to 4 places, so a shown 0.9500 never
belongs to a rejected lot and a shown 0.9499 never to an accepted one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_DOWN, Decimal

from contracts.events.quality import LotStatus, SeriousDefect
from quality.domain.errors import AlreadyInspected, InspectionRejected
from quality.domain.nonconformance import Nonconformance

MIN_PASS_RATE = Decimal("0.95")  # rule QLT-1
PASS_RATE_PLACES = Decimal("0.0001")

PENDING, ACCEPTED, REJECTED = LotStatus.PENDING, LotStatus.ACCEPTED, LotStatus.REJECTED
LOT_STATUSES = tuple(LotStatus)

DEFECT_WORDS = {
    SeriousDefect.WRONG_SPEC: "wrong specification or model",
    SeriousDefect.MISSING_PARTS: "missing parts",
    SeriousDefect.BAD_APPEARANCE: "bad appearance",
    SeriousDefect.QUANTITY_MISMATCH: "quantity differs from the delivery note",
}


def pass_rate(sample_size: int, defects: int) -> Decimal:
    """(sample − defects) / sample, truncated to 4 places, e.g. Decimal('0.9500')."""
    if sample_size < 1:
        raise InspectionRejected("the sample needs at least one unit")
    if not 0 <= defects <= sample_size:
        raise InspectionRejected("defects must be between 0 and the sample size")
    exact = Decimal(sample_size - defects) / Decimal(sample_size)
    return exact.quantize(PASS_RATE_PLACES, rounding=ROUND_DOWN)


def meets_pass_rate(sample_size: int, defects: int) -> bool:
    """Exact comparison (no rounding): (sample − defects) / sample >= MIN_PASS_RATE (QLT-1)."""
    return Decimal(sample_size - defects) >= MIN_PASS_RATE * sample_size


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    pass_rate: Decimal
    serious_defects: tuple[SeriousDefect, ...]
    reasons: tuple[str, ...]


def judge_lot(
    *, sample_size: int, defects: int, serious_defects, quantity: Decimal,
    delivery_note_quantity: Decimal,
) -> Verdict:
    """QLT-1: rejected if the pass rate is below 95% or there is any serious defect.

    A received quantity that differs from the delivery note is a serious defect
    whether or not the inspector ticked it.
    """
    rate = pass_rate(sample_size, defects)
    found = [SeriousDefect(d) for d in serious_defects]
    if quantity != delivery_note_quantity and SeriousDefect.QUANTITY_MISMATCH not in found:
        found.append(SeriousDefect.QUANTITY_MISMATCH)
    found = list(dict.fromkeys(found))  # keep order, drop repeats
    reasons = []
    if not meets_pass_rate(sample_size, defects):
        reasons.append(f"pass rate {rate * 100:.2f}% is below the required {MIN_PASS_RATE:.0%} "
                       f"({defects} defects in a sample of {sample_size})")
    for defect in found:
        words = DEFECT_WORDS[defect]
        if defect is SeriousDefect.QUANTITY_MISMATCH and quantity != delivery_note_quantity:
            words = (f"quantity received {_plain(quantity)} differs from the delivery note "
                     f"{_plain(delivery_note_quantity)}")
        reasons.append(f"serious defect: {words}")
    return Verdict(accepted=not reasons, pass_rate=rate, serious_defects=tuple(found),
                   reasons=tuple(reasons))


def _plain(quantity: Decimal) -> str:
    return format(quantity.normalize(), "f")  # 100.000 -> "100", 12.500 -> "12.5"


@dataclass
class Lot:
    """A delivery awaiting (or past) incoming inspection."""

    lot_no: str
    company_id: str
    po_no: str
    order_no: str
    material_code: str
    supplier_code: str
    quantity: Decimal
    delivery_note_quantity: Decimal
    received_at: datetime
    replacement_for: str | None = None
    status: str = PENDING
    sample_size: int | None = None
    defects: int | None = None
    pass_rate: Decimal | None = None
    serious_defects: list[SeriousDefect] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    notes: str = ""
    inspected_at: datetime | None = None
    inspected_by: str | None = None

    def inspect(self, *, sample_size: int, defects: int, serious_defects, inspected_by: str,
                at: datetime, notes: str = "") -> Verdict:
        """Record the IQC verdict (QLT-1); a lot is inspected once."""
        if self.status != PENDING:
            raise AlreadyInspected(f"lot {self.lot_no} was already inspected: {self.status}",
                                   {"lot_no": self.lot_no, "status": str(self.status)})
        if at.tzinfo is None:  # the clock is the service's: a naive time is a bug
            raise ValueError("the inspection time must be timezone-aware")
        verdict = judge_lot(sample_size=sample_size, defects=defects,
                            serious_defects=serious_defects, quantity=self.quantity,
                            delivery_note_quantity=self.delivery_note_quantity)
        self.status = ACCEPTED if verdict.accepted else REJECTED
        self.sample_size, self.defects, self.pass_rate = sample_size, defects, verdict.pass_rate
        self.serious_defects = list(verdict.serious_defects)
        self.reasons = list(verdict.reasons)
        self.notes, self.inspected_by, self.inspected_at = notes, inspected_by, at
        return verdict


# -- QLT-4: nonconformance records: see nonconformance.py -------------------------------

def nonconformance_for_rejected_lot(lot: Lot, ncr_no: str) -> Nonconformance:
    """A rejected lot goes back to the supplier (QLT-1 → PRC-6: return and replace)."""
    if lot.status != REJECTED:  # a use case asking for one otherwise is a bug
        raise ValueError(f"lot {lot.lot_no} is not rejected")
    return Nonconformance(
        ncr_no=ncr_no, company_id=lot.company_id, source="lot", source_no=lot.lot_no,
        order_no=lot.order_no, cause="; ".join(lot.reasons), disposition="return",
        opened_at=lot.inspected_at, opened_by=lot.inspected_by,
    )


# -- QLT-5: statistics (first piece) ---------------------------------------------------

def lot_pass_rates(lots) -> dict[str, dict]:
    """Per supplier: lots inspected, accepted, rejected and the share accepted (4 places).

    Pending lots are not counted: they have no verdict yet.
    """
    stats: dict[str, dict] = {}
    for lot in lots:
        if lot.status == PENDING:
            continue
        entry = stats.setdefault(lot.supplier_code, {"lots_inspected": 0, "accepted": 0,
                                                     "rejected": 0})
        entry["lots_inspected"] += 1
        entry["accepted" if lot.status == ACCEPTED else "rejected"] += 1
    for entry in stats.values():
        entry["lot_pass_rate"] = (Decimal(entry["accepted"]) / Decimal(entry["lots_inspected"])
                                  ).quantize(PASS_RATE_PLACES, rounding=ROUND_DOWN)
    return stats
