"""Quality statistics of one company and period (QLT-5), pure.

- lot pass rate per supplier: lots *inspected* in the period (inspection.lot_pass_rates);
- first-pass yield: of the orders whose first final verdict falls in the period, the share
  whose first verdict was a pass (a pass after rework does not count);
- defect Pareto: every defect occurrence of the period by category, largest first, with
  its share and the running share: a rejected lot's serious defects and a pass rate below
  95% (QLT-1), a failed final inspection, a finding by its kind (QLT-3), a customer's
  complaint (AFS-4).

Shares are truncated to 4 places, like the lot pass rate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal

from quality.domain import final, inspection
from quality.domain.errors import InspectionRejected

PLACES = Decimal("0.0001")
LOW_PASS_RATE = "pass_rate_below_95"
FINAL_FAILED = "final_inspection_failed"
COMPLAINT = "customer_complaint"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self):
        if self.end < self.start:
            raise InspectionRejected("the period ends before it starts")
        if (self.end - self.start).days > 366 * 5:
            raise InspectionRejected("a statistics period spans at most five years")


def share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(PLACES, rounding=ROUND_DOWN)


def first_pass_yield(finals: Iterable, within: Callable[[datetime | None], bool]) -> dict:
    """Orders whose first verdict falls in the period, and how many passed it."""
    first: dict[str, object] = {}
    for item in sorted((i for i in finals if i.status != final.PENDING),
                       key=lambda i: (i.inspected_at, i.inspection_no)):
        first.setdefault(item.order_no, item)
    counted = [item for item in first.values() if within(item.inspected_at)]
    passed = sum(1 for item in counted if item.status == final.PASSED)
    return {"orders_inspected": len(counted), "passed_first_time": passed,
            "first_pass_yield": share(passed, len(counted))}


def defect_categories(lots, finals, findings, complaints: int) -> Counter:
    """Defect occurrences by category (lots, final inspections, findings already in the
    period)."""
    counts: Counter = Counter()
    for lot in lots:
        if lot.status != inspection.REJECTED:
            continue
        if not inspection.meets_pass_rate(lot.sample_size, lot.defects):
            counts[LOW_PASS_RATE] += 1
        for defect in lot.serious_defects:
            counts[str(defect)] += 1
    counts[FINAL_FAILED] += sum(1 for item in finals if item.status == final.FAILED)
    for finding in findings:
        counts[f"finding_{finding.kind}"] += 1
    counts[COMPLAINT] += complaints
    return +counts  # drop zero counts


def pareto(counts: Counter) -> list[dict]:
    """Largest first (ties by name); share and cumulative share of the total."""
    total = sum(counts.values())
    rows, running = [], 0
    for category, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        running += count
        rows.append({"category": category, "count": count, "share": share(count, total),
                     "cumulative_share": share(running, total)})
    return rows
