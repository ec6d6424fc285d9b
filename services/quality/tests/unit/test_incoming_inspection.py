"""QLT-1 incoming inspection and QLT-4 nonconformance: pure rules."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from contracts.events.quality import SeriousDefect
from quality.domain import inspection
from quality.domain.errors import AlreadyInspected, InspectionRejected
from quality.domain.inspection import Lot, judge_lot, lot_pass_rates, pass_rate

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def judge(sample, defects, serious=(), quantity="100", note="100"):
    return judge_lot(sample_size=sample, defects=defects, serious_defects=list(serious),
                     quantity=Decimal(quantity), delivery_note_quantity=Decimal(note))


def lot(**changes):
    data = dict(lot_no="LOT-P1-000001", company_id="P1", po_no="PO-P1-000001",
                order_no="SO-P1-000001", material_code="CU-BAR-10x100", supplier_code="SUP-01",
                quantity=Decimal("100"), delivery_note_quantity=Decimal("100"), received_at=NOW)
    return Lot(**{**data, **changes})


def test_pass_rate_is_the_share_of_the_sample_without_defects():
    assert pass_rate(100, 5) == Decimal("0.9500")
    assert pass_rate(100, 10) == Decimal("0.9000")
    assert pass_rate(3, 1) == Decimal("0.6666")  # truncated, never rounded up into a pass


def test_exactly_95_percent_passes():  # rule QLT-1
    verdict = judge(100, 5)
    assert verdict.accepted
    assert verdict.reasons == ()


def test_the_verdict_uses_the_rule_constant_min_pass_rate(monkeypatch):  # rule QLT-1
    assert Decimal("0.95") == inspection.MIN_PASS_RATE
    monkeypatch.setattr(inspection, "MIN_PASS_RATE", Decimal("0.90"))
    verdict = judge(100, 8)
    assert verdict.accepted, "92% passes when the threshold is 90%: the constant decides"
    assert not judge(100, 11).accepted
    assert "below the required 90%" in judge(100, 11).reasons[0]


def test_94_9_percent_is_rejected_for_its_pass_rate():  # rule QLT-1
    verdict = judge(1000, 51)
    assert not verdict.accepted
    assert verdict.pass_rate == Decimal("0.9490")
    assert "pass rate 94.90% is below the required 95%" in verdict.reasons[0]


def test_a_rate_just_under_95_percent_is_rejected_even_if_it_would_round_to_95():
    verdict = judge(100_000, 5_001)  # 94.999%
    assert not verdict.accepted
    assert verdict.pass_rate == Decimal("0.9499")


def test_a_serious_defect_rejects_a_lot_with_a_perfect_pass_rate():  # rule QLT-1
    verdict = judge(50, 0, [SeriousDefect.WRONG_SPEC])
    assert not verdict.accepted
    assert verdict.pass_rate == Decimal("1.0000")
    assert verdict.serious_defects == (SeriousDefect.WRONG_SPEC,)
    assert verdict.reasons == ("serious defect: wrong specification or model",)


@pytest.mark.parametrize("defect", list(SeriousDefect))
def test_every_serious_defect_rejects(defect):
    assert not judge(20, 0, [defect]).accepted


def test_a_quantity_differing_from_the_delivery_note_rejects_without_being_ticked():
    verdict = judge(100, 0, quantity="98", note="100")
    assert not verdict.accepted
    assert verdict.serious_defects == (SeriousDefect.QUANTITY_MISMATCH,)
    assert verdict.reasons == (
        "serious defect: quantity received 98 differs from the delivery note 100",)


def test_a_ticked_quantity_mismatch_is_reported_once():
    verdict = judge(100, 0, [SeriousDefect.QUANTITY_MISMATCH], quantity="98", note="100")
    assert verdict.serious_defects == (SeriousDefect.QUANTITY_MISMATCH,)
    assert len(verdict.reasons) == 1


def test_a_low_pass_rate_and_serious_defects_give_every_reason():
    verdict = judge(100, 10, [SeriousDefect.MISSING_PARTS, SeriousDefect.BAD_APPEARANCE])
    assert len(verdict.reasons) == 3


def test_a_sample_must_have_a_unit_and_defects_fit_inside_it():
    with pytest.raises(InspectionRejected):
        pass_rate(0, 0)
    with pytest.raises(InspectionRejected):
        pass_rate(10, 11)


def test_inspecting_a_lot_records_the_verdict_and_who_gave_it():
    item = lot()
    item.inspect(sample_size=100, defects=2, serious_defects=[], inspected_by="qc.p1", at=NOW)
    assert item.status == "accepted"
    assert item.pass_rate == Decimal("0.9800")
    assert item.inspected_by == "qc.p1"


def test_a_lot_cannot_be_inspected_twice():
    item = lot()
    item.inspect(sample_size=100, defects=10, serious_defects=[], inspected_by="qc", at=NOW)
    with pytest.raises(AlreadyInspected):
        item.inspect(sample_size=100, defects=0, serious_defects=[], inspected_by="qc", at=NOW)
    assert item.status == "rejected"


def test_a_rejected_lot_gets_a_nonconformance_to_return_it():  # rule QLT-4
    item = lot()
    item.inspect(sample_size=100, defects=10, serious_defects=[], inspected_by="qc", at=NOW)
    record = inspection.nonconformance_for_rejected_lot(item, "NCR-P1-000001")
    assert record.disposition == "return"
    assert "pass rate 90.00%" in record.cause
    assert record.source_no == item.lot_no and record.status == "open"


def test_an_accepted_lot_has_no_nonconformance():
    item = lot()
    item.inspect(sample_size=100, defects=0, serious_defects=[], inspected_by="qc", at=NOW)
    with pytest.raises(ValueError, match="not rejected"):  # asking for one is a bug
        inspection.nonconformance_for_rejected_lot(item, "NCR-P1-000001")


def test_lot_pass_rate_per_supplier_counts_inspected_lots_only():  # rule QLT-5
    a, b, c, d = lot(), lot(), lot(supplier_code="SUP-02"), lot()
    a.inspect(sample_size=10, defects=0, serious_defects=[], inspected_by="qc", at=NOW)
    b.inspect(sample_size=10, defects=5, serious_defects=[], inspected_by="qc", at=NOW)
    c.inspect(sample_size=10, defects=0, serious_defects=[], inspected_by="qc", at=NOW)
    stats = lot_pass_rates([a, b, c, d])
    assert stats["SUP-01"] == {"lots_inspected": 2, "accepted": 1, "rejected": 1,
                               "lot_pass_rate": Decimal("0.5000")}
    assert stats["SUP-02"]["lot_pass_rate"] == Decimal("1.0000")
