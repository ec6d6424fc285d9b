"""A customer change notice's state machine, pure (SAL-8)."""

from datetime import UTC, date, datetime

import pytest

from sales.domain import change_notices
from sales.domain.errors import ChangeRejected, ChangeStepRefused, NotAllowedToDecide

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
LINE = {"line_no": 1, "product_code": "KYN28-12", "quantity": "2.000", "spec": "",
        "requested_date": "2027-03-01", "confirmed_date": "2027-03-01"}


def notice(order_status="instructed", line_changes=None, open_changes=0, **details):
    return change_notices.new_notice(
        change_no="CN-P1-000001", order_no="SO-P1-000001", company_id="P1",
        order_status=order_status, order_lines=[dict(LINE)], revision=2,
        line_changes=[{"line_no": 1, "quantity": "1"}] if line_changes is None
        else line_changes, received_at=NOW, received_from="customer",
        recorded_by="sales.p1", open_changes=open_changes, **details)


@pytest.mark.parametrize("status", ["declined", "shipped", "delivered"])
def test_an_order_past_shipment_or_declined_cannot_change(status):
    with pytest.raises(ChangeStepRefused):
        notice(order_status=status)


def test_a_change_of_an_unknown_line_or_of_nothing_is_rejected():
    with pytest.raises(ChangeRejected):
        notice(line_changes=[{"line_no": 9, "quantity": "1"}])
    with pytest.raises(ChangeRejected):
        notice(line_changes=[])
    assert notice(line_changes=[], quality_requirement="IP4X").lines_after == [LINE]


def test_one_open_change_at_a_time():
    with pytest.raises(ChangeStepRefused):
        notice(open_changes=1)


def test_severity_1_is_issued_at_once_and_applied_when_all_three_applied():
    n = notice()
    n.classify(1, "quantity only", "sales.p1", NOW)
    assert n.status == change_notices.ISSUED
    assert n.answered("planning", True, "", NOW) is None
    assert n.answered("quality", True, "", NOW) is None
    assert n.answered("procurement", True, "", NOW) == change_notices.APPLIED


def test_one_refusal_rolls_the_change_back_naming_the_department():
    n = notice()
    n.classify(1, "quantity only", "sales.p1", NOW)
    n.answered("planning", True, "", NOW)
    assert n.answered("procurement", False, "goods received", NOW) == change_notices.ROLLED_BACK
    assert (n.refused_by, n.refusal_reason) == ("procurement", "goods received")
    assert n.answered("quality", True, "", NOW) is None  # settled already


def test_severity_2_waits_for_a_date_the_plan_can_make():
    n = notice()
    n.classify(2, "more cabinets", "sales.p1", NOW)
    n.rereviewed(False, date(2027, 4, 1), "assembly line booked")
    with pytest.raises(ChangeRejected):
        n.customer_agreed(date(2027, 3, 20), NOW)
    n.customer_agreed(date(2027, 4, 2), NOW)
    assert n.status == change_notices.ISSUED
    assert n.lines_after[0]["confirmed_date"] == "2027-04-02"


def test_severity_3_needs_design_then_a_contract():
    n = notice()
    n.classify(3, "main component", "sales.p1", NOW)
    with pytest.raises(NotAllowedToDecide):
        n.design_reviewed(True, "", ["sales"])
    with pytest.raises(ChangeStepRefused):
        n.contract_signed("SC-1", 100, NOW)
    n.design_reviewed(True, "", ["design"])
    n.contract_signed("SC-1", 100, NOW)
    assert n.status == change_notices.ISSUED
