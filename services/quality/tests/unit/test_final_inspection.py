"""QLT-2 final inspection: pure rules."""

from datetime import UTC, datetime, timedelta

import pytest

from quality.domain import final
from quality.domain.errors import InspectionRejected, NotAwaitingInspection
from quality.domain.final import FinalInspection

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def pending(no="FI-P1-000001", at=NOW):
    return FinalInspection(inspection_no=no, company_id="P1", order_no="SO-P1-000001",
                           plan_no="PL-P1-000001", created_at=at)


def test_a_pending_inspection_can_pass():
    item = pending()
    item.record(passed=True, findings="", inspected_by="qc.p1", at=NOW)
    assert item.status == "passed" and item.inspected_by == "qc.p1"


def test_a_failure_needs_findings():
    with pytest.raises(InspectionRejected):
        pending().record(passed=False, findings="  ", inspected_by="qc", at=NOW)


def test_an_inspection_is_recorded_once():
    item = pending()
    item.record(passed=False, findings="paint runs", inspected_by="qc", at=NOW)
    with pytest.raises(NotAwaitingInspection):
        item.record(passed=True, findings="", inspected_by="qc", at=NOW)


def test_the_first_production_completion_opens_an_inspection():
    assert final.should_open_new([])


def test_a_repeat_completion_while_one_is_pending_or_passed_opens_nothing():
    assert not final.should_open_new([pending()])
    passed = pending()
    passed.record(passed=True, findings="", inspected_by="qc", at=NOW)
    assert not final.should_open_new([passed])


def test_completion_after_a_failure_and_rework_opens_a_new_inspection():
    failed = pending()
    failed.record(passed=False, findings="wiring", inspected_by="qc", at=NOW)
    assert final.should_open_new([failed])
    again = pending("FI-P1-000002", NOW + timedelta(days=1))
    assert not final.should_open_new([failed, again])
