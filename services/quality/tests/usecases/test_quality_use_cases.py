"""Quality's use cases against a real unit of work on in-memory SQLite: no broker, no fakes.

The fast tier (issue 7.6): each test drives handlers.py and inbound.py as the entrypoints
would, and reads what a user would notice — the lot or inspection, the events procurement,
planning and logistics receive, the journey, and each kind of refusal with the wire error
it becomes. (Quality owns no reference data, so there is no demo seed to load.)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from contracts.envelope import new_envelope
from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.events.planning import ProductionCompleted
from contracts.events.procurement import GoodsReceived
from contracts.events.quality import SeriousDefect
from contracts.rpc.quality import FinalInspectionCreate, InspectionCreate
from quality import handlers, inbound
from quality.adapters.tables import metadata
from quality.domain.errors import (
    AlreadyInspected,
    InspectionRejected,
    LotNotFound,
    NotAwaitingInspection,
    OrderNotFound,
)
from quality.unit_of_work import QualityUnitOfWork
from servicekit import inmemory
from servicekit.commands import run_once
from servicekit.rpcs import reply, wire_error

QC = inmemory.actor("qc.p1", roles=["quality"], companies=["P1"])
P2_QC = inmemory.actor("qc.p2", roles=["quality"], companies=["P2"])
GROUP_GM = inmemory.actor("gm", roles=["group_general_manager"], companies=None)
ORDER = "SO-P1-000001"
RECEIVED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def uow():
    return inmemory.unit_of_work(QualityUnitOfWork, metadata)


def receive(uow, lot_no, quantity="100", note="100", supplier="SUP-CU-01", at=RECEIVED,
            company="P1", replacement_for=None):
    payload = GoodsReceived(lot_no=lot_no, po_no="PO-P1-000001", order_no=ORDER,
                            material_code="CU-BAR-10x100", supplier_code=supplier,
                            quantity=Decimal(quantity), delivery_note_quantity=Decimal(note),
                            replacement_for=replacement_for)
    event = new_envelope("procurement.goods_received", payload, company_id=company,
                         order_no=ORDER, occurred_at=at)
    inbound.goods_received(event, payload, uow)


def complete_production(uow, at=RECEIVED, company="P1"):
    payload = ProductionCompleted(order_no=ORDER, plan_no="PL-P1-000001", completed_at=at,
                                  lines=[{"product_code": "KYN28-12", "quantity": "2"}])
    event = new_envelope("planning.production_completed", payload, company_id=company,
                         order_no=ORDER)
    inbound.production_completed(event, payload, uow)


def inspect(uow, lot_no, sample=100, defects=0, serious=(), actor=QC):
    result = InspectionCreate(sample_size=sample, defects=defects,
                              serious_defects=list(serious))
    return handlers.inspect_lot(actor, lot_no, result, uow)


def final(uow, passed=True, findings="", actor=QC):
    return handlers.record_final_inspection(
        actor, ORDER, FinalInspectionCreate(passed=passed, findings=findings), uow)


def published(uow, event_type=None):
    return [e for e in uow.published if event_type is None or e.event_type == event_type]


# -- incoming inspection (QLT-1, QLT-4) -------------------------------------------------------

def test_a_received_lot_waits_for_incoming_inspection_from_when_procurement_received_it(uow):
    receive(uow, "LOT-1")
    [lot] = handlers.list_lots(QC, "pending", 100, uow)
    assert (lot.lot_no, lot.status, lot.received_at) == ("LOT-1", "pending", RECEIVED)
    assert published(uow) == []


def test_the_same_delivery_reported_twice_is_recorded_once(uow):
    receive(uow, "LOT-1")
    receive(uow, "LOT-1")  # same lot under a new event id
    assert [lot.lot_no for lot in handlers.list_lots(QC, None, 100, uow)] == ["LOT-1"]


def test_a_lot_at_exactly_95_percent_is_accepted_and_procurement_is_told(uow):  # rule QLT-1
    receive(uow, "LOT-1")
    lot = inspect(uow, "LOT-1", sample=100, defects=5)
    assert (lot.status, lot.pass_rate, lot.inspected_by) == ("accepted", Decimal("0.9500"),
                                                             "qc.p1")
    [event] = published(uow)
    assert event.event_type == "quality.lot_accepted"
    assert event.payload["lot_no"] == "LOT-1" and event.order_no == ORDER


def test_a_lot_below_95_percent_is_rejected_with_its_reason_and_a_nonconformance(uow):
    receive(uow, "LOT-1")  # rule QLT-1, QLT-4
    lot = inspect(uow, "LOT-1", sample=100, defects=10)
    assert (lot.status, lot.pass_rate) == ("rejected", Decimal("0.9000"))
    [event] = published(uow)
    assert event.event_type == "quality.lot_rejected"
    assert "pass rate 90.00% is below the required 95%" in event.payload["reasons"][0]
    [stage] = handlers.journey(QC, ORDER, uow)
    assert (stage.state, stage.refs["ncr_no"]) == ("refused", "NCR-P1-000001")
    with uow:
        [ncr] = uow.nonconformances.for_source("LOT-1")
    assert (ncr.disposition, ncr.status) == ("return", "open")  # PRC-6: returned, replaced


def test_a_quantity_differing_from_the_delivery_note_rejects_a_perfect_lot(uow):  # QLT-1
    receive(uow, "LOT-1", quantity="98", note="100")
    lot = inspect(uow, "LOT-1", sample=20, defects=0)
    assert lot.status == "rejected" and lot.serious_defects == ["quantity_mismatch"]
    assert published(uow)[0].payload["serious_defects"] == ["quantity_mismatch"]


def test_a_serious_defect_rejects_a_lot_whatever_its_pass_rate(uow):  # rule QLT-1
    receive(uow, "LOT-1")
    lot = inspect(uow, "LOT-1", serious=[SeriousDefect.MISSING_PARTS])
    assert lot.status == "rejected" and lot.pass_rate == Decimal("1.0000")
    assert lot.reasons == ["serious defect: missing parts"]


def test_a_second_verdict_on_a_lot_is_refused_as_a_conflict_and_changes_nothing(uow):
    receive(uow, "LOT-1")
    inspect(uow, "LOT-1", defects=10)
    with pytest.raises(AlreadyInspected) as info:
        inspect(uow, "LOT-1", defects=0)
    assert isinstance(wire_error(info.value), Conflict)
    assert info.value.details == {"lot_no": "LOT-1", "status": "rejected"}
    [lot] = handlers.list_lots(QC, None, 100, uow)
    assert lot.status == "rejected" and len(published(uow)) == 1


def test_another_companys_lot_is_not_found(uow):
    receive(uow, "LOT-1")
    with pytest.raises(LotNotFound) as info:
        inspect(uow, "LOT-1", actor=P2_QC)
    assert isinstance(wire_error(info.value), NotFound)
    assert handlers.list_lots(P2_QC, None, 100, uow) == []
    assert [lot.lot_no for lot in handlers.list_lots(GROUP_GM, None, 100, uow)] == ["LOT-1"]


def test_an_unknown_lot_is_not_found(uow):
    with pytest.raises(LotNotFound, match="LOT-404"):
        inspect(uow, "LOT-404")


def test_the_lot_list_filters_by_status_oldest_first_and_stops_at_the_limit(uow):
    for number in range(1, 4):
        receive(uow, f"LOT-{number}", at=RECEIVED + timedelta(minutes=number))
    inspect(uow, "LOT-2")
    assert [lot.lot_no for lot in handlers.list_lots(QC, "pending", 100, uow)] == [
        "LOT-1", "LOT-3"]
    assert [lot.lot_no for lot in handlers.list_lots(QC, "accepted", 100, uow)] == ["LOT-2"]
    assert [lot.lot_no for lot in handlers.list_lots(QC, None, 2, uow)] == ["LOT-1", "LOT-2"]


def test_a_repeated_inspection_command_is_recorded_once_and_answered_the_same(uow):
    receive(uow, "LOT-1")
    result = InspectionCreate(sample_size=100, defects=10)

    def send():
        return run_once(uow, "qc.p1:key-1", "inspect_lot", ["LOT-1", result.model_dump()],
                        lambda: reply(handlers.inspect_lot(QC, "LOT-1", result, uow)))

    first, second = send(), send()
    assert first == second and first["status"] == "rejected"
    assert len(published(uow, "quality.lot_rejected")) == 1
    with uow:
        assert len(uow.nonconformances.for_source("LOT-1")) == 1


# -- final inspection (QLT-2, QLT-4) ------------------------------------------------------------

def test_production_completed_opens_a_pending_final_inspection(uow):
    complete_production(uow)
    [pending] = handlers.list_final_inspections(QC, "pending", 100, uow)
    assert (pending.inspection_no, pending.order_no) == ("FI-P1-000001", ORDER)


def test_a_final_inspection_before_production_completed_is_refused_not_a_500(uow):  # QLT-2
    with pytest.raises(NotAwaitingInspection, match="production not completed") as info:
        final(uow)
    assert isinstance(wire_error(info.value), Conflict)  # 409, no longer an undeclared 500
    assert published(uow) == []


def test_a_passed_final_inspection_sends_the_produced_lines_to_logistics(uow):
    complete_production(uow)
    passed = final(uow)
    assert (passed.status, passed.inspected_by) == ("passed", "qc.p1")
    [event] = published(uow)
    assert event.event_type == "quality.final_inspection_passed"
    assert event.payload["lines"] == [{"product_code": "KYN28-12", "quantity": "2"}]


def test_a_second_verdict_on_a_final_inspection_is_refused(uow):
    complete_production(uow)
    final(uow)
    with pytest.raises(NotAwaitingInspection, match="passed") as info:
        final(uow, passed=False, findings="second thoughts")
    assert isinstance(wire_error(info.value), Conflict)
    assert len(published(uow)) == 1


def test_a_failed_final_inspection_without_findings_is_rejected_and_stays_pending(uow):
    complete_production(uow)
    with pytest.raises(InspectionRejected, match="findings") as info:
        final(uow, passed=False, findings="   ")
    assert isinstance(wire_error(info.value), InvalidRequest)
    assert [i.status for i in handlers.list_final_inspections(QC, None, 100, uow)] == [
        "pending"]
    assert published(uow) == []


def test_a_failed_final_inspection_goes_to_planning_and_reopens_after_rework(uow):
    complete_production(uow)  # rule QLT-2, QLT-4
    failed = final(uow, passed=False, findings="loose busbar bolts")
    assert failed.status == "failed"
    [event] = published(uow)
    assert event.event_type == "quality.final_inspection_failed"
    assert event.payload["findings"] == "loose busbar bolts"
    complete_production(uow, at=RECEIVED + timedelta(days=1))  # after rework
    assert final(uow).inspection_no == "FI-P1-000002"
    stages = handlers.journey(QC, ORDER, uow)
    assert [(s.refs["inspection_no"], s.state) for s in stages] == [
        ("FI-P1-000001", "refused"), ("FI-P1-000002", "done")]
    assert stages[0].refs["ncr_no"] == "NCR-P1-000001"
    assert stages[0].summary == "failed final inspection: loose busbar bolts"


def test_a_repeat_production_completed_while_one_is_pending_opens_nothing(uow):
    complete_production(uow)
    complete_production(uow, at=RECEIVED + timedelta(hours=1))
    assert len(handlers.list_final_inspections(QC, None, 100, uow)) == 1


def test_another_companys_final_inspection_is_not_found(uow):
    complete_production(uow)
    with pytest.raises(OrderNotFound) as info:
        final(uow, actor=P2_QC)
    assert isinstance(wire_error(info.value), NotFound)
    assert handlers.list_final_inspections(P2_QC, None, 100, uow) == []


# -- journey and statistics (X-3, QLT-5) ---------------------------------------------------------

def test_the_journey_shows_each_lot_then_each_final_inspection_to_the_right_company(uow):
    receive(uow, "LOT-1")
    receive(uow, "LOT-2", at=RECEIVED + timedelta(minutes=1), replacement_for="LOT-0")
    inspect(uow, "LOT-1", defects=10)
    complete_production(uow)
    stages = handlers.journey(QC, ORDER, uow)
    assert [(s.stage, s.state) for s in stages] == [
        ("incoming inspection", "refused"), ("incoming inspection", "waiting"),
        ("final inspection", "waiting")]
    assert all(s.department == "quality" for s in stages)
    assert stages[0].summary.startswith("100 CU-BAR-10x100 from SUP-CU-01: pass rate 90.00%")
    assert stages[1].refs == {"lot_no": "LOT-2", "po_no": "PO-P1-000001",
                              "replacement_for": "LOT-0"}
    assert stages[2].refs == {"inspection_no": "FI-P1-000001", "plan_no": "PL-P1-000001"}
    assert handlers.journey(P2_QC, ORDER, uow) == []


def test_supplier_pass_rates_count_inspected_lots_per_supplier(uow):  # rule QLT-5
    receive(uow, "LOT-1")
    receive(uow, "LOT-2")
    receive(uow, "LOT-3", supplier="SUP-ST-02")
    receive(uow, "LOT-4", supplier="SUP-ST-02")  # pending: not counted
    inspect(uow, "LOT-1", defects=10)
    inspect(uow, "LOT-2")
    inspect(uow, "LOT-3")
    rates = handlers.supplier_lot_pass_rates(QC, 100, uow)
    assert [reply(rate) for rate in rates] == [
        {"supplier_code": "SUP-CU-01", "lots_inspected": 2, "accepted": 1, "rejected": 1,
         "lot_pass_rate": "0.5000"},
        {"supplier_code": "SUP-ST-02", "lots_inspected": 1, "accepted": 1, "rejected": 0,
         "lot_pass_rate": "1.0000"}]
    assert [r.supplier_code for r in handlers.supplier_lot_pass_rates(QC, 1, uow)] == [
        "SUP-CU-01"]
    assert handlers.supplier_lot_pass_rates(P2_QC, 100, uow) == []


# -- findings (QLT-3) ------------------------------------------------------------------------

def test_a_reaction_meets_qlt3_when_it_is_recorded_not_at_the_time_it_claims(uow):
    """QLT-3: a reaction recorded an hour after the finding, claiming it was at minute 5,
    is met late, at the recording: met_at is after due_at; reacted_at is kept."""
    from contracts.rpc.quality import FindingCreate, FindingReaction
    from quality import handlers_findings

    found = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # a Monday, 09:00 in Shanghai
    claimed, recorded = found + timedelta(minutes=5), found + timedelta(hours=1)
    finding = handlers_findings.record_finding(QC, FindingCreate(
        company_id="P1", order_no=ORDER, kind="cross_company", description="burr on a bar",
        found_at=found), uow, now=found)
    reacted = handlers_findings.react_to_finding(QC, finding.finding_no, FindingReaction(
        action="reported to the quality leader", reacted_at=claimed), uow, now=recorded)
    assert reacted.reacted_at == claimed
    with uow:
        limits = {d.limit_key: d for d in uow.deadlines.for_order(ORDER)}
    react = limits["QLT-3.react"]
    assert react.met_at == recorded and react.met_at > react.due_at
    assert limits["QLT-3.coordinate"].opened_at == recorded  # the leader's 30 from the report
