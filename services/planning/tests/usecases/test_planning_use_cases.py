"""Planning's use cases against a real unit of work on in-memory SQLite: no broker, no fakes.

The fast tier (issue 7.6): each test drives handlers.py and inbound.py as the entrypoints
would, and reads what a user would notice — the demand, the plan, its work orders, the
events in the outbox, the PLN-1 time limit.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from contracts.envelope import new_envelope
from contracts.events.logistics import FinishedGoodsStocked
from contracts.events.planning import WorkOrderStatus
from contracts.events.procurement import MaterialAvailable, PurchaseOrdered
from contracts.events.quality import FinalInspectionFailed, FinalInspectionPassed
from contracts.events.sales import (
    ConfirmedLine,
    OrderDeclined,
    OrderKind,
    OrderLine,
    OrderReceived,
    ProductionInstructionIssued,
)
from contracts.rpc.plan_publication import (
    CoordinationApprovalCreate,
    CoordinationMeetingCreate,
    PlanPublish,
)
from contracts.rpc.planning import DesignReviewCreate, FeasibilityQuery, ProgressReport
from planning import computing, demo, handlers, inbound, publication
from planning.adapters.tables import metadata
from planning.domain.budget import Budget
from planning.domain.errors import (
    BeyondHorizon,
    CouldNotDecide,
    NotInPlanning,
    PlanningRejected,
    StepRefused,
)
from planning.unit_of_work import PlanningUnitOfWork
from servicekit import inmemory
from servicekit.timelimits import X1_TIME_LIMITS

PLANNER = inmemory.actor("planner.p1", roles=["planning"], companies=["P1"])
P2_PLANNER = inmemory.actor("planner.p2", roles=["planning"], companies=["P2"])
DESIGNER = inmemory.actor("designer.p1", roles=["design"], companies=["P1"])
ORDER = "SO-P1-000001"
LINES = [("KYN28-12", "2"), ("GGD-400", "3")]
LATER = date.today() + timedelta(days=60)


@pytest.fixture
def uow():
    return inmemory.unit_of_work(PlanningUnitOfWork, metadata, seed=demo.seed)


def deliver(use_case, event_type, payload, uow, *args, company_id="P1"):
    envelope = new_envelope(event_type, payload, company_id=company_id,
                            order_no=getattr(payload, "order_no", None))
    use_case(envelope, payload, uow, *args)


def receive(uow, order_no=ORDER, *, non_regular=False, lines=LINES):
    deliver(inbound.order_received, "sales.order_received", OrderReceived(
        order_no=order_no, customer_code="CUST-001", customer_grade="A",
        kind=OrderKind.NON_REGULAR if non_regular else OrderKind.REGULAR,
        non_regular_reasons=["new_design"] if non_regular else [],
        lines=[OrderLine(line_no=i, product_code=code, quantity=Decimal(qty),
                         requested_date=LATER) for i, (code, qty) in enumerate(lines, 1)]),
        uow)


def instruct(uow, order_no=ORDER, *, lines=LINES, complete_set=False, compute=None,
             non_regular=False, publish=True):
    """Sales' instruction decomposed into a proposed plan, which the planner publishes
    (PLN-1) unless `publish` is false or there is no plan."""
    deliver(inbound.production_instruction_issued, "sales.production_instruction_issued",
            ProductionInstructionIssued(
                order_no=order_no, instruction_no=f"PI-{order_no}", customer_grade="A",
                complete_set=complete_set, non_regular=non_regular,
                issued_at=datetime.now(UTC),
                lines=[ConfirmedLine(line_no=i, product_code=code, quantity=Decimal(qty),
                                     confirmed_date=LATER)
                       for i, (code, qty) in enumerate(lines, 1)]),
            uow, compute)
    proposed = [p for p in publication.list_plans(PLANNER, "proposed", 100, uow)
                if p.order_no == order_no]
    if publish and proposed:
        publication.publish_plan(PLANNER, order_no, PlanPublish(), uow)


def published(uow, event_type):
    return [e for e in uow.published if e.event_type == event_type]


def pln1(uow, order_no=ORDER):
    with uow:
        return [d for d in uow.deadlines.for_order(order_no) if d.rule_id == "PLN-1"]


def all_materials_in(uow, order_no=ORDER):
    for r in handlers.get_plan(PLANNER, order_no, uow).material_requests:
        deliver(inbound.material_available, "procurement.material_available",
                MaterialAvailable(request_no=r.request_no, order_no=order_no,
                                  material_code=r.material_code, quantity=r.quantity,
                                  source="stock"), uow)


def feasibility(quantity="2", requested="2030-01-31", product="KYN28-12", **extra):
    return FeasibilityQuery.model_validate({"company_id": "P1", **extra, "lines": [
        {"product_code": product, "quantity": quantity, "requested_date": requested}]})


# -- demand and design review (SAL-1, SAL-3, SAL-4) -------------------------------------------
def test_an_order_sales_received_becomes_demand_planning_can_read(uow):
    receive(uow)
    demand = handlers.get_demand(PLANNER, ORDER, uow)
    assert (demand.status, demand.non_regular) == ("received", False)
    assert [(line.product_code, line.quantity) for line in demand.lines] == [
        ("KYN28-12", 2), ("GGD-400", 3)]


def test_another_companys_planner_does_not_find_the_demand(uow):
    receive(uow)
    with pytest.raises(NotInPlanning):
        handlers.get_demand(P2_PLANNER, ORDER, uow)
    assert handlers.journey(P2_PLANNER, ORDER, uow) == []


def test_a_non_regular_order_waits_for_design_and_its_review_tells_sales(uow):
    receive(uow, "SO-P1-000007", non_regular=True)
    receive(uow, "SO-P1-000008")
    pending = handlers.list_pending_design_reviews(DESIGNER, 100, uow)
    assert [d.order_no for d in pending] == ["SO-P1-000007"]
    assert handlers.list_pending_design_reviews(P2_PLANNER, 100, uow) == []

    reviewed = handlers.review_design(DESIGNER, "SO-P1-000007", DesignReviewCreate(
        design_days=22, notes="new busbar"), uow)
    assert reviewed.status == "design_reviewed"
    assert (reviewed.design_review.design_days, reviewed.design_review.reviewed_by) == (
        22, "designer.p1")
    assert handlers.list_pending_design_reviews(DESIGNER, 100, uow) == []
    [event] = published(uow, "planning.design_reviewed")
    assert event.payload["design_days"] == 22 and event.order_no == "SO-P1-000007"
    # SAL-3, PLN-2: the reviewed design time now binds this order's feasibility
    answer = handlers.check_feasibility(feasibility("1", order_no="SO-P1-000007"), uow)
    assert answer.binding_kind == "design" and "22 working days" in answer.binding_constraint


def test_a_regular_order_needs_no_design_review(uow):
    receive(uow)
    with pytest.raises(StepRefused, match="regular"):
        handlers.review_design(DESIGNER, ORDER, DesignReviewCreate(design_days=1), uow)
    assert published(uow, "planning.design_reviewed") == []


def test_a_declined_order_leaves_the_design_queue(uow):  # rule SAL-4
    receive(uow, non_regular=True)
    deliver(inbound.order_declined, "sales.order_declined",
            OrderDeclined(order_no=ORDER, reason="date refused", approved_by="gm"), uow)
    assert handlers.get_demand(PLANNER, ORDER, uow).status == "declined"
    assert handlers.list_pending_design_reviews(DESIGNER, 100, uow) == []
    with pytest.raises(StepRefused, match="declined"):
        handlers.review_design(DESIGNER, ORDER, DesignReviewCreate(design_days=1), uow)


# -- feasibility (PLN-2, issue 8.3) -------------------------------------------------------------
def test_feasibility_answers_each_line_with_its_binding_constraint(uow):
    answer = handlers.check_feasibility(feasibility(), uow)
    assert answer.feasible and answer.binding_kind == "material"
    assert "BRK-VS1-12" in answer.binding_constraint
    [line] = answer.per_line
    assert (line.product_code, line.quantity, line.feasible) == ("KYN28-12", 2, True)


def test_committed_work_pushes_the_promised_date_back(uow):
    before = handlers.check_feasibility(feasibility("40"), uow).earliest_date
    receive(uow)
    instruct(uow, lines=[("KYN28-12", "40")])
    after = handlers.check_feasibility(feasibility("40"), uow)
    assert after.earliest_date > before and after.binding_kind == "capacity"


def test_a_product_the_company_does_not_make_is_rejected(uow):
    with pytest.raises(PlanningRejected, match="NOPE"):
        handlers.check_feasibility(feasibility(product="NOPE"), uow)


def test_more_than_the_plant_can_make_within_the_horizon_is_refused_clearly(uow):
    with pytest.raises(BeyondHorizon, match="horizon"):
        handlers.check_feasibility(feasibility("5000"), uow)


def test_a_question_not_decided_within_the_budget_is_refused(uow):
    with pytest.raises(CouldNotDecide, match="within the budget"):
        handlers.check_feasibility(feasibility(), uow, computing.inline(budget_s=0))


# -- decomposition (PLN-1, PLN-4, PLN-5) ----------------------------------------------------
def test_an_instruction_is_proposed_as_a_task_list_and_nothing_leaves_planning(uow):
    receive(uow)
    instruct(uow, publish=False)
    plan = handlers.get_plan(PLANNER, ORDER, uow)
    assert plan.publication == "proposed" and plan.published_at is None
    kinds = [task.kind for task in plan.tasks]  # PLN-1's task list, with due times
    assert kinds.count("procurement") == 8 and kinds.count("assembly_start") == 2
    assert kinds[-1] == "packaging" and all(t.due_at or t.due_date for t in plan.tasks)
    assert published(uow, "planning.material_requested") == []
    assert published(uow, "planning.order_planned") == []
    [limit] = pln1(uow)
    assert limit.status == "open"  # met by the planner's act, so it can breach
    with pytest.raises(StepRefused, match="not published"):
        handlers.release_work_order(PLANNER, "WO-P1-000001", uow)


def test_a_published_plan_sends_its_material_requests_and_meets_pln_1(uow):
    receive(uow)
    instruct(uow)
    plan = handlers.get_plan(PLANNER, ORDER, uow)
    assert plan.plan_no == "PL-P1-000001" and plan.status == "planned"
    assert (plan.publication, plan.published_by) == ("published", "planner.p1")
    assert [w.work_order_no for w in plan.work_orders] == ["WO-P1-000001", "WO-P1-000002"]
    assert {w.status for w in plan.work_orders} == {"waiting_material"}
    assert [op.work_centre for op in plan.work_orders[0].operations] == [
        "P1-ASSY", "P1-WIRE", "P1-TEST"]
    requests = {r.material_code: r.quantity for r in plan.material_requests}
    assert requests["CU-BAR-10x100"] == 25 and requests["BRK-NXM-400"] == 9  # PLN-4: BOM x qty
    assert len(published(uow, "planning.material_requested")) == len(requests) == 8
    [planned] = published(uow, "planning.order_planned")
    assert planned.payload["plan_no"] == "PL-P1-000001"
    assert handlers.get_demand(PLANNER, ORDER, uow).status == "planned"
    [limit] = pln1(uow)
    assert limit.status == "met"
    assert limit.description.startswith(X1_TIME_LIMITS["PLN-1.decompose_other"].description)
    with pytest.raises(StepRefused, match="published at"):
        publication.publish_plan(PLANNER, ORDER, PlanPublish(), uow)


def test_the_planner_may_ask_for_a_material_earlier_but_never_later(uow):
    receive(uow)
    instruct(uow, publish=False)
    request = handlers.get_plan(PLANNER, ORDER, uow).material_requests[0]
    later = PlanPublish(needed_by=[{"request_no": request.request_no,
                                    "needed_by": request.needed_by + timedelta(days=1)}])
    with pytest.raises(PlanningRejected, match="cannot be asked for later"):
        publication.publish_plan(PLANNER, ORDER, later, uow)
    earlier = request.needed_by - timedelta(days=1)
    publication.publish_plan(PLANNER, ORDER, PlanPublish(note="buffer for the busbars", needed_by=[
        {"request_no": request.request_no, "needed_by": earlier}]), uow)
    [asked] = [e for e in published(uow, "planning.material_requested")
               if e.payload["request_no"] == request.request_no]
    assert asked.payload["needed_by"] == earlier.isoformat()


def test_a_non_regular_plan_is_published_after_its_meeting_and_every_approval(uow):  # PLN-3
    receive(uow, non_regular=True)
    instruct(uow, non_regular=True, publish=False)
    with pytest.raises(StepRefused, match="coordination meeting"):
        publication.publish_plan(PLANNER, ORDER, PlanPublish(), uow)
    approval = CoordinationApprovalCreate(department="design")
    with pytest.raises(StepRefused, match="no coordination meeting"):
        publication.approve_plan_coordination(DESIGNER, ORDER, approval, uow)
    publication.record_coordination_meeting(PLANNER, ORDER, CoordinationMeetingCreate(
        held_at=datetime.now(UTC), attendees=["Huang Lei (design)", "Qian Bo (workshop)"]),
        uow)
    with pytest.raises(publication.NotTheDepartment):
        publication.approve_plan_coordination(
            PLANNER, ORDER, CoordinationApprovalCreate(department="quality"), uow)
    publication.approve_plan_coordination(DESIGNER, ORDER, approval, uow)
    for department, role in (("workshops", "production_manager"),
                             ("procurement", "procurement")):
        member = inmemory.actor(f"{role}.p1", roles=[role], companies=["P1"])
        publication.approve_plan_coordination(
            member, ORDER, CoordinationApprovalCreate(department=department), uow)
    with pytest.raises(StepRefused, match="still needs the approval of quality"):
        publication.publish_plan(PLANNER, ORDER, PlanPublish(), uow)
    inspector = inmemory.actor("qc.p1", roles=["quality"], companies=["P1"])
    publication.approve_plan_coordination(
        inspector, ORDER, CoordinationApprovalCreate(department="quality", remark="ok"), uow)
    plan = publication.publish_plan(PLANNER, ORDER, PlanPublish(), uow)
    assert plan.publication == "published" and plan.coordination.missing == []
    assert [a.department for a in plan.coordination.approvals] == [
        "design", "workshops", "procurement", "quality"]
    assert [d.status for d in pln1(uow)] == ["met"]


def test_a_repeated_instruction_is_planned_once(uow):
    receive(uow)
    instruct(uow)
    instruct(uow)
    assert len(published(uow, "planning.order_planned")) == 1
    assert len(handlers.list_work_orders(PLANNER, None, 100, uow)) == 2


def test_an_instruction_for_an_unknown_product_leaves_pln_1_open_to_breach(uow):
    instruct(uow, lines=[("NO-SUCH-PRODUCT", "1")], complete_set=True)
    with pytest.raises(NotInPlanning):
        handlers.get_plan(PLANNER, ORDER, uow)
    [limit] = pln1(uow)
    assert limit.status == "open" and "complete set" in limit.description
    assert uow.published == []


def test_an_instruction_beyond_the_horizon_is_not_planned_and_pln_1_stays_open(uow):
    instruct(uow, lines=[("KYN28-12", "5000")])
    with pytest.raises(NotInPlanning):
        handlers.get_plan(PLANNER, ORDER, uow)
    assert [d.status for d in pln1(uow)] == ["open"]


def test_a_plan_committed_while_another_was_being_placed_is_placed_around(uow):
    receive(uow)
    receive(uow, "SO-P1-000002")
    others = []

    def meanwhile(task):  # another instruction is planned while this one is computed
        if not others:
            others.append(instruct(uow, "SO-P1-000002", lines=[("KYN28-12", "20")]))
        return task(Budget(10))

    instruct(uow, lines=[("KYN28-12", "20")], compute=meanwhile)
    first = handlers.get_plan(PLANNER, "SO-P1-000002", uow).work_orders[0].operations[0]
    second = handlers.get_plan(PLANNER, ORDER, uow).work_orders[0].operations[0]
    assert first.work_centre == second.work_centre == "P1-ASSY"
    # not booked on top of the other: before it or after it, as the gap allows (the two
    # plans start from "now" read a few milliseconds apart, hence the second of slack)
    slack = timedelta(seconds=1)
    assert (second.planned_finish <= first.planned_start + slack
            or second.planned_start >= first.planned_finish - slack)


# -- materials and the shop floor (PRC-2, PLN-8, PLN-12) -------------------------------------
def test_a_purchase_order_gives_the_material_request_its_eta(uow):
    receive(uow)
    instruct(uow)
    request = handlers.get_plan(PLANNER, ORDER, uow).material_requests[0]
    deliver(inbound.purchase_ordered, "procurement.purchase_ordered", PurchaseOrdered(
        po_no="PO-P1-000001", request_no=request.request_no, order_no=ORDER,
        material_code=request.material_code, quantity=request.quantity,
        supplier_code="SUP-01", confirmed_date=date(2026, 12, 20)), uow)
    ordered = handlers.get_plan(PLANNER, ORDER, uow).material_requests[0]
    assert (ordered.status, ordered.eta, ordered.po_no) == (
        "ordered", date(2026, 12, 20), "PO-P1-000001")


def test_a_work_order_waiting_for_materials_cannot_be_released(uow):
    receive(uow)
    instruct(uow)
    with pytest.raises(StepRefused, match="waits for materials"):
        handlers.release_work_order(PLANNER, "WO-P1-000001", uow)


def test_another_companys_planner_cannot_touch_the_work_orders(uow):
    receive(uow)
    instruct(uow)
    with pytest.raises(NotInPlanning):
        handlers.release_work_order(P2_PLANNER, "WO-P1-000001", uow)
    with pytest.raises(NotInPlanning):
        handlers.get_plan(P2_PLANNER, ORDER, uow)
    assert handlers.list_work_orders(P2_PLANNER, None, 100, uow) == []


def test_work_orders_run_from_materials_in_store_to_production_completed(uow):
    receive(uow)
    instruct(uow)
    all_materials_in(uow)
    ready = handlers.list_work_orders(PLANNER, WorkOrderStatus.READY, 100, uow)
    assert sorted(w.work_order_no for w in ready) == ["WO-P1-000001", "WO-P1-000002"]
    assert handlers.get_plan(PLANNER, ORDER, uow).status == "materials_ready"
    assert len(handlers.list_work_orders(PLANNER, None, 1, uow)) == 1  # the limit holds

    for wo in ("WO-P1-000001", "WO-P1-000002"):
        assert handlers.release_work_order(PLANNER, wo, uow).status == "released"
    assert handlers.get_plan(PLANNER, ORDER, uow).status == "in_production"
    progress = handlers.report_progress(PLANNER, "WO-P1-000001", ProgressReport(
        completed_quantity="1", note="day 1"), uow)
    assert (progress.status, progress.completed_quantity, progress.note) == (
        "in_progress", 1, "day 1")
    with pytest.raises(PlanningRejected, match="exceeds"):
        handlers.report_progress(PLANNER, "WO-P1-000001",
                                 ProgressReport(completed_quantity="5"), uow)

    handlers.complete_work_order(PLANNER, "WO-P1-000001", uow)
    assert published(uow, "planning.production_completed") == []
    assert handlers.complete_work_order(PLANNER, "WO-P1-000002", uow).status == "done"
    [done] = published(uow, "planning.production_completed")
    assert {(line["product_code"], Decimal(line["quantity"])) for line in
            done.payload["lines"]} == {("KYN28-12", 2), ("GGD-400", 3)}
    assert handlers.get_plan(PLANNER, ORDER, uow).status == "produced"
    with pytest.raises(StepRefused):
        handlers.complete_work_order(PLANNER, "WO-P1-000002", uow)


def test_a_failed_final_inspection_means_rework_then_stocked_means_complete(uow):
    receive(uow)
    instruct(uow)
    all_materials_in(uow)
    for wo in ("WO-P1-000001", "WO-P1-000002"):
        handlers.release_work_order(PLANNER, wo, uow)
        handlers.complete_work_order(PLANNER, wo, uow)
    deliver(inbound.final_inspection_failed, "quality.final_inspection_failed",
            FinalInspectionFailed(order_no=ORDER, inspection_no="FI-P1-000001",
                                  inspected_by="qc", findings="door gaps"), uow)
    reworked = handlers.get_plan(PLANNER, ORDER, uow)
    assert reworked.status == "rework"
    assert {w.status for w in reworked.work_orders} == {"in_progress"}
    assert "door gaps" in reworked.work_orders[0].note
    for wo in ("WO-P1-000001", "WO-P1-000002"):
        handlers.complete_work_order(PLANNER, wo, uow)
    assert len(published(uow, "planning.production_completed")) == 2  # again, after rework
    deliver(inbound.final_inspection_passed, "quality.final_inspection_passed",
            FinalInspectionPassed(order_no=ORDER, inspection_no="FI-P1-000002",
                                  inspected_by="qc", inspected_at=datetime.now(UTC)), uow)
    assert handlers.get_plan(PLANNER, ORDER, uow).status == "inspected"
    deliver(inbound.finished_goods_stocked, "logistics.finished_goods_stocked",
            FinishedGoodsStocked(order_no=ORDER, stock_entry_no="FG-P1-000001",
                                 stocked_at=datetime.now(UTC), lines=[]), uow)
    assert handlers.get_plan(PLANNER, ORDER, uow).status == "completed"  # PLN-12

    stages = [s.stage for s in handlers.journey(PLANNER, ORDER, uow)]
    assert stages[:3] == ["demand recorded", "plan decomposed", "plan published"]
    assert "material CU-BAR-10x100" in stages and "work order WO-P1-000001" in stages
    assert stages[-3:] == ["production completed", "rework", "completed (stocked)"]
    decomposed, published_stage = handlers.journey(PLANNER, ORDER, uow)[1:3]
    assert decomposed.refs == {"plan_no": "PL-P1-000001", "instruction_no": f"PI-{ORDER}"}
    assert (published_stage.state, published_stage.actor) == ("done", "planner.p1")
    assert "PLN-1 due" in published_stage.summary and "(met)" in published_stage.summary


def test_events_about_orders_planning_does_not_hold_are_ignored(uow):
    deliver(inbound.final_inspection_failed, "quality.final_inspection_failed",
            FinalInspectionFailed(order_no="SO-P1-999999", inspection_no="FI-1",
                                  inspected_by="qc", findings="x"), uow)
    deliver(inbound.order_declined, "sales.order_declined",
            OrderDeclined(order_no="SO-P1-999999", reason="x", approved_by="gm"), uow)
    assert handlers.journey(PLANNER, "SO-P1-999999", uow) == []


# -- stock facts (PLN-2, CO-2) ----------------------------------------------------------------
def _hxgn_enclosure(uow):
    answer = handlers.check_feasibility(feasibility("2", product="HXGN-12"), uow)
    return next(step for step in answer.per_line[0].pegging if step.subject == "ENC-HXGN")


def test_procurements_stock_reports_keep_planning_s_promise_current_and_stale_ones_are_ignored(
        uow):
    from contracts.events.procurement import StockLevelChanged

    assert _hxgn_enclosure(uow).source == "sister_stock"  # the opening balance: S1 holds 3
    gone = StockLevelChanged(company_id="S1", material_code="ENC-HXGN", on_hand=Decimal(0),
                             available=Decimal(0))
    envelope = new_envelope("procurement.stock_level_changed", gone, company_id="S1")
    inbound.stock_level_changed(envelope, gone, uow)
    assert _hxgn_enclosure(uow).source == "purchase"

    stale = StockLevelChanged(company_id="S1", material_code="ENC-HXGN", on_hand=Decimal(3),
                              available=Decimal(3))
    old = new_envelope("procurement.stock_level_changed", stale, company_id="S1")
    old = old.model_copy(update={"occurred_at": envelope.occurred_at - timedelta(minutes=5)})
    inbound.stock_level_changed(old, stale, uow)
    assert _hxgn_enclosure(uow).source == "purchase"
