"""The supplier follow-up's rules, pure (PRC-4, PRC-5, PRC-7)."""

from datetime import UTC, date, datetime

import pytest

from procurement.domain.errors import FollowUpRefused, RemedyRejected
from procurement.domain.follow_up import SupplierFollowUp

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def follow_up(ship_date: date) -> SupplierFollowUp:
    return SupplierFollowUp(po_no="PO-P1-000001", company_id="P1", order_no="SO-P1-000001",
                            needed_by=date(2027, 1, 10), ship_date=ship_date,
                            confirmed_at=NOW, confirmed_by="buyer.p1")


def report(f: SupplierFollowUp, **overrides) -> None:
    fields = dict(remedy="expedite", holds=True, new_material_date=None, design_sign_off="",
                  sales_sign_off="", note="", at=NOW, by="buyer.p1")
    f.report_slip(**{**fields, **overrides})


def test_a_ship_date_after_the_needed_by_date_is_a_slip():  # rule PRC-4
    assert follow_up(date(2027, 1, 11)).slipped
    assert not follow_up(date(2027, 1, 10)).slipped


def test_a_date_on_time_has_no_slip_to_report():  # rule PRC-4
    with pytest.raises(FollowUpRefused):
        report(follow_up(date(2027, 1, 10)))


def test_a_vendor_or_model_change_needs_design_and_sales_to_sign_off():  # rule PRC-4
    late = follow_up(date(2027, 1, 20))
    with pytest.raises(RemedyRejected):
        report(late, remedy="change_vendor_or_model", design_sign_off="design.p1")
    report(late, remedy="change_vendor_or_model", design_sign_off="design.p1",
           sales_sign_off="sales.p1")
    assert late.signed_off_by == "design.p1, sales.p1"


def test_a_remedy_that_cannot_hold_carries_a_new_material_date_after_the_need():  # PRC-7
    late = follow_up(date(2027, 1, 20))
    with pytest.raises(RemedyRejected):
        report(late, holds=False)
    with pytest.raises(RemedyRejected):
        report(late, holds=False, new_material_date=date(2027, 1, 9))
    report(late, holds=False, new_material_date=date(2027, 1, 20))
    assert late.new_material_date == date(2027, 1, 20)
    with pytest.raises(FollowUpRefused):  # reported once
        report(late)


def test_a_missed_shipment_needs_its_reason_and_a_shipment_its_carrier():  # rule PRC-5
    f = follow_up(date(2027, 1, 5))
    with pytest.raises(RemedyRejected):
        f.check_shipment(shipped=False, carrier="", carrier_contact="", reason="", at=NOW,
                         by="buyer.p1")
    with pytest.raises(RemedyRejected):
        f.check_shipment(shipped=True, carrier="", carrier_contact="", reason="", at=NOW,
                         by="buyer.p1")
    f.check_shipment(shipped=True, carrier="SF", carrier_contact="", reason="", at=NOW,
                     by="buyer.p1")
    assert (f.shipped, f.carrier) == (True, "SF")
