"""QLT-5 statistics on a seeded data set, against values computed by hand.

The seed (company P1, local week 2026-03-02 .. 2026-03-06, Asia/Shanghai):

lots        supplier  sample/defects  serious     inspected    counts?
LOT-A1      SUP-A     100 / 2         -           in period    accepted
LOT-A2      SUP-A     100 / 10        -           in period    rejected: pass rate
LOT-A3      SUP-A      50 / 0         wrong_spec  in period    rejected: wrong_spec
LOT-B1      SUP-B      20 / 1         -           in period    accepted (95% exactly)
LOT-B2      SUP-B      10 / 0         -           2026-03-10   no: after the period
LOT-B3      SUP-B      -                          pending      no: no verdict
LOT-P2      SUP-A      10 / 5         -           in period    no: company P2

  SUP-A: 3 inspected, 1 accepted, 2 rejected -> 1/3 = 0.3333
  SUP-B: 1 inspected, 1 accepted             -> 1.0000

final inspections: O1 fails then passes (both in period); O2 and O3 pass first; O4 failed
on 2026-02-27 (before the period) and passes in it.
  first-pass yield: orders with their first verdict in the period O1, O2, O3 -> 2 of 3
  = 0.6666 (O4's first verdict lies before the period)

findings in the period: 2 internal_rework, 1 design_or_undecided (one more internal_rework
on 2026-02-20 is outside).
  defect Pareto, 6 occurrences: finding_internal_rework 2 (0.3333, 0.3333), then the
  ones by name: final_inspection_failed (0.1666, 0.5000), finding_design_or_undecided
  (0.1666, 0.6666), pass_rate_below_95 (0.1666, 0.8333), wrong_spec (0.1666, 1.0000)
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from contracts.envelope import new_envelope
from contracts.errors import InvalidRequest, NotFound
from contracts.events.planning import ProductionCompleted
from contracts.events.procurement import GoodsReceived
from contracts.rpc.quality import FinalInspectionCreate, FindingCreate, InspectionCreate
from quality import handlers, handlers_findings, handlers_statistics, inbound
from quality.adapters.tables import metadata
from quality.unit_of_work import QualityUnitOfWork
from servicekit import inmemory
from servicekit.rpcs import wire_error

QC = inmemory.actor("qc.p1", roles=["quality"], companies=None)
P1_QC = inmemory.actor("qc.p1", roles=["quality"], companies=["P1"])
MONDAY = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
WEEK = (date(2026, 3, 2), date(2026, 3, 6))


def day(n: int) -> datetime:
    return MONDAY + timedelta(days=n)


def lot(uow, lot_no, supplier, sample=None, defects=0, serious=(), at=MONDAY, company="P1"):
    payload = GoodsReceived(lot_no=lot_no, po_no="PO-1", order_no="SO-P1-000099",
                            material_code="CU-BAR-10x100", supplier_code=supplier,
                            quantity=Decimal(100), delivery_note_quantity=Decimal(100))
    inbound.goods_received(new_envelope("procurement.goods_received", payload,
                                        company_id=company, occurred_at=at - timedelta(hours=1)),
                           payload, uow)
    if sample is not None:
        handlers.inspect_lot(QC, lot_no, InspectionCreate(
            sample_size=sample, defects=defects, serious_defects=list(serious)), uow, now=at)


def verdicts(uow, order_no, *rounds):
    """Production completes, then final inspection decides, once per (passed, at) round."""
    for passed, at in rounds:
        payload = ProductionCompleted(order_no=order_no, plan_no=f"PL-{order_no}",
                                      completed_at=at - timedelta(hours=1), lines=[])
        inbound.production_completed(new_envelope("planning.production_completed", payload,
                                                  company_id="P1", order_no=order_no),
                                     payload, uow)
        handlers.record_final_inspection(QC, order_no, FinalInspectionCreate(
            passed=passed, findings="" if passed else "insulation test failed"), uow, now=at)


def finding(uow, kind, at):
    handlers_findings.record_finding(QC, FindingCreate(
        company_id="P1", order_no="SO-P1-000099", kind=kind, description="found",
        found_at=at), uow, now=at)


@pytest.fixture
def seeded():
    uow = inmemory.unit_of_work(QualityUnitOfWork, metadata)
    lot(uow, "LOT-A1", "SUP-A", 100, 2, at=day(0))
    lot(uow, "LOT-A2", "SUP-A", 100, 10, at=day(1))
    lot(uow, "LOT-A3", "SUP-A", 50, 0, serious=["wrong_spec"], at=day(2))
    lot(uow, "LOT-B1", "SUP-B", 20, 1, at=day(3))
    lot(uow, "LOT-B2", "SUP-B", 10, 0, at=day(8))
    lot(uow, "LOT-B3", "SUP-B")
    lot(uow, "LOT-P2", "SUP-A", 10, 5, at=day(1), company="P2")
    verdicts(uow, "O1", (False, day(0)), (True, day(2)))
    verdicts(uow, "O2", (True, day(1)))
    verdicts(uow, "O3", (True, day(4)))
    verdicts(uow, "O4", (False, day(-3)), (True, day(1)))
    finding(uow, "internal_rework", day(0))
    finding(uow, "internal_rework", day(3))
    finding(uow, "design_or_undecided", day(4))
    finding(uow, "internal_rework", day(-10))
    return uow


def test_the_statistics_of_a_week_match_the_hand_computed_values(seeded):  # rule QLT-5
    stats = handlers_statistics.quality_statistics(P1_QC, "P1", *WEEK, seeded)
    rates = [(r.supplier_code, r.lots_inspected, r.accepted, r.rejected, r.lot_pass_rate)
             for r in stats.supplier_pass_rates]
    assert rates == [("SUP-A", 3, 1, 2, Decimal("0.3333")),
                     ("SUP-B", 1, 1, 0, Decimal("1.0000"))]
    fpy = stats.first_pass_yield
    assert (fpy.orders_inspected, fpy.passed_first_time, fpy.first_pass_yield) == (
        3, 2, Decimal("0.6666"))
    assert [(row.category, row.count, row.share, row.cumulative_share)
            for row in stats.defect_pareto] == [
        ("finding_internal_rework", 2, Decimal("0.3333"), Decimal("0.3333")),
        ("final_inspection_failed", 1, Decimal("0.1666"), Decimal("0.5000")),
        ("finding_design_or_undecided", 1, Decimal("0.1666"), Decimal("0.6666")),
        ("pass_rate_below_95", 1, Decimal("0.1666"), Decimal("0.8333")),
        ("wrong_spec", 1, Decimal("0.1666"), Decimal("1.0000")),
    ]


def test_a_period_with_nothing_inspected_has_no_yield_rather_than_a_made_up_one(seeded):
    stats = handlers_statistics.quality_statistics(P1_QC, "P1", date(2025, 1, 1),
                                                   date(2025, 1, 31), seeded)
    assert stats.supplier_pass_rates == [] and stats.defect_pareto == []
    assert stats.first_pass_yield.first_pass_yield is None


def test_another_companys_statistics_and_a_backwards_period_are_refused(seeded):
    with pytest.raises(Exception) as info:
        handlers_statistics.quality_statistics(P1_QC, "P2", *WEEK, seeded)
    assert isinstance(wire_error(info.value), NotFound)
    with pytest.raises(Exception) as info:
        handlers_statistics.quality_statistics(P1_QC, "P1", WEEK[1], WEEK[0], seeded)
    assert isinstance(wire_error(info.value), InvalidRequest)
