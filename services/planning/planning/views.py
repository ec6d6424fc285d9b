"""What callers read: planning's public models, and planning's part of the journey (X-3)."""

from __future__ import annotations

from contracts.rpc.common import JourneyStage
from contracts.rpc.plan_publication import (
    CoordinationApprovalPublic,
    CoordinationPublic,
    PlanSummaryPublic,
    PlanTaskPublic,
)
from contracts.rpc.planning import (
    DemandLinePublic,
    DemandPublic,
    DesignReviewPublic,
    FeasibilityAnswer,
    FeasibilityLineAnswer,
    MaterialRequestPublic,
    OperationPublic,
    PeggingStepPublic,
    PlanPublic,
    WorkOrderPublic,
)
from planning.domain import feasibility, publication
from planning.domain import plan as plans
from planning.domain import work_orders as wos
from servicekit.journeys import stage

DEPARTMENT = "planning"


def feasibility_answer(answer: feasibility.Answer) -> FeasibilityAnswer:
    return FeasibilityAnswer(
        feasible=answer.feasible, earliest_date=answer.earliest_date,
        binding_kind=answer.binding_kind, binding_constraint=answer.binding_constraint,
        per_line=[FeasibilityLineAnswer(**{**line.__dict__, "pegging": [
            PeggingStepPublic(**step.__dict__) for step in line.pegging]})
            for line in answer.lines])


def demand_public(demand) -> DemandPublic:
    return DemandPublic(
        order_no=demand.order_no, company_id=demand.company_id,
        customer_grade=demand.customer_grade, recorded_at=demand.recorded_at,
        lines=[DemandLinePublic(**line.__dict__) for line in demand.lines],
        non_regular=demand.non_regular,
        design_review=DesignReviewPublic(**demand.design_review.__dict__)
        if demand.design_review else None,
        status=demand.status,
    )


def work_order_public(wo) -> WorkOrderPublic:
    return WorkOrderPublic(
        work_order_no=wo.work_order_no, order_no=wo.order_no, company_id=wo.company_id,
        product_code=wo.product_code, quantity=wo.quantity,
        completed_quantity=wo.completed_quantity, status=wo.status,
        planned_start=wo.planned_start, planned_finish=wo.planned_finish,
        work_centre=wo.work_centre, note=wo.note,
        operations=[OperationPublic(step=op.step, work_centre=op.work_centre,
                                    planned_start=op.planned_start,
                                    planned_finish=op.planned_finish)
                    for op in wo.operations],
    )


def request_public(r) -> MaterialRequestPublic:
    return MaterialRequestPublic(request_no=r.request_no, material_code=r.material_code,
                                 quantity=r.quantity, needed_by=r.needed_by, status=r.status,
                                 eta=r.eta, po_no=r.po_no)


def plan_public(plan, design_days: int = 0) -> PlanPublic:
    return PlanPublic(
        plan_no=plan.plan_no, order_no=plan.order_no, company_id=plan.company_id,
        instruction_no=plan.instruction_no, status=plan.status,
        planned_completion=plan.planned_completion,
        work_orders=[work_order_public(w) for w in plan.work_orders],
        material_requests=[request_public(r) for r in plan.material_requests],
        non_regular=plan.non_regular, complete_set=plan.complete_set,
        publication=publication_of(plan), created_at=plan.created_at,
        published_at=plan.published_at, published_by=plan.published_by,
        publish_note=plan.publish_note, coordination=coordination_public(plan.coordination),
        tasks=[PlanTaskPublic(**task.__dict__)
               for task in publication.task_list(plan, design_days)],
    )


def publication_of(plan) -> str:
    return "proposed" if plan.published_at is None else "published"


def coordination_public(meeting) -> CoordinationPublic | None:
    if meeting is None:
        return None
    return CoordinationPublic(
        held_at=meeting.held_at, recorded_by=meeting.recorded_by,
        recorded_at=meeting.recorded_at, attendees=list(meeting.attendees),
        notes=meeting.notes, missing=meeting.missing,
        approvals=[CoordinationApprovalPublic(**meeting.approvals[d].__dict__)
                   for d in publication.REQUIRED_APPROVALS if d in meeting.approvals])


def plan_summary(plan) -> PlanSummaryPublic:
    return PlanSummaryPublic(
        plan_no=plan.plan_no, order_no=plan.order_no, company_id=plan.company_id,
        non_regular=plan.non_regular, complete_set=plan.complete_set,
        publication=publication_of(plan), created_at=plan.created_at,
        published_at=plan.published_at, planned_completion=plan.planned_completion,
        missing_approvals=(plan.coordination.missing if plan.coordination else
                           list(publication.REQUIRED_APPROVALS) if plan.non_regular else []))


def journey(demand, plan, deadlines) -> list[JourneyStage]:
    stages: list[JourneyStage] = []
    if demand is not None:
        stages += _demand_stages(demand)
    if plan is not None:
        stages += _plan_stages(plan, deadlines)
    return stages


def _demand_stages(demand) -> list[JourneyStage]:
    lines = ", ".join(f"{line.quantity.normalize():f} x {line.product_code}"
                      for line in demand.lines)
    kind = "non-regular" if demand.non_regular else "regular"
    stages = [stage(DEPARTMENT, "demand recorded", "done", demand.recorded_at,
                    ended_at=demand.recorded_at, refs={"order_no": demand.order_no},
                    summary=f"{lines}; {kind}")]
    if demand.non_regular:
        review = demand.design_review
        if review is None:
            stages.append(stage(
                DEPARTMENT, "design review", "waiting", demand.recorded_at,
                summary="non-regular order awaits the design department (SAL-3)"))
        else:
            stages.append(stage(
                DEPARTMENT, "design review", "done" if review.feasible else "refused",
                demand.recorded_at, ended_at=review.reviewed_at, actor=review.reviewed_by,
                summary=(f"{'feasible' if review.feasible else 'not feasible'}: "
                         f"{review.design_days} design days. {review.notes}").strip()))
    if demand.declined_at is not None:
        stages.append(stage(DEPARTMENT, "order declined", "refused", demand.declined_at,
                            ended_at=demand.declined_at, summary=demand.declined_reason))
    return stages


def _plan_stages(plan, deadlines) -> list[JourneyStage]:
    deadline = deadlines[0] if deadlines else None
    limit = ""
    if deadline is not None:
        limit = f"; PLN-1 due {deadline.due_at.isoformat()} ({deadline.status})"
    stages = [stage(
        DEPARTMENT, "plan decomposed", "done", plan.issued_at, ended_at=plan.created_at,
        refs={"plan_no": plan.plan_no, "instruction_no": plan.instruction_no},
        summary=(f"{len(plan.work_orders)} work orders, {len(plan.material_requests)} material "
                 f"requests proposed, planned completion "
                 f"{plan.planned_completion.isoformat()}"))]
    if plan.coordination is not None:  # PLN-3
        meeting = plan.coordination
        stages.append(stage(
            DEPARTMENT, "coordination meeting", "waiting" if meeting.missing else "done",
            meeting.held_at, ended_at=None if meeting.missing else max(
                a.approved_at for a in meeting.approvals.values()),
            actor=meeting.recorded_by,
            summary=(f"attended by {', '.join(meeting.attendees)}; " + (
                f"awaiting {', '.join(meeting.missing)}" if meeting.missing
                else "approved by design, workshops, procurement and quality"))))
    stages.append(stage(  # PLN-1: the planner's act that meets the limit
        DEPARTMENT, "plan published", "waiting" if plan.published_at is None else "done",
        plan.created_at, ended_at=plan.published_at, actor=plan.published_by,
        refs={"plan_no": plan.plan_no},
        summary=(("proposed, awaiting the planner" if plan.published_at is None
                  else f"published. {plan.publish_note}".strip()) + limit)))
    for r in plan.material_requests:
        state = {plans.REQUESTED: "waiting", plans.ORDERED: "in_progress"}.get(r.status, "done")
        words = f"{r.quantity.normalize():f} {r.material_code} needed by {r.needed_by}"
        if r.eta:
            words += f"; ordered ({r.po_no}), ETA {r.eta}"
        if r.status == plans.AVAILABLE:
            words += f"; in store ({r.source})"
        stages.append(stage(DEPARTMENT, f"material {r.material_code}", state, r.requested_at,
                            ended_at=r.available_at,
                            refs={"request_no": r.request_no, "po_no": r.po_no},
                            summary=words))
    for wo in plan.work_orders:
        state = {wos.DONE: "done", wos.WAITING_MATERIAL: "waiting", wos.READY: "waiting"}.get(
            wo.status, "in_progress")
        words = (f"{wo.status}: {wo.completed_quantity.normalize():f}/"
                 f"{wo.quantity.normalize():f} {wo.product_code}, planned "
                 f"{wo.planned_start:%Y-%m-%d %H:%M} - {wo.planned_finish:%Y-%m-%d %H:%M} UTC")
        if wo.note:
            words += f"; {wo.note}"
        stages.append(stage(DEPARTMENT, f"work order {wo.work_order_no}", state,
                            wo.released_at or plan.created_at, ended_at=wo.done_at,
                            actor=wo.done_by or wo.progress_by or wo.released_by,
                            refs={"work_order_no": wo.work_order_no}, summary=words))
    if plan.production_completed_at is not None:
        stages.append(stage(DEPARTMENT, "production completed", "done",
                            plan.production_completed_at,
                            ended_at=plan.production_completed_at,
                            refs={"plan_no": plan.plan_no}))
    if plan.rework_at is not None:
        stages.append(stage(DEPARTMENT, "rework",
                            "in_progress" if plan.status == plans.REWORK else "done",
                            plan.rework_at, refs={"inspection_no": plan.rework_inspection_no},
                            summary=plan.rework_note))
    if plan.stocked_at is not None:
        stages.append(stage(DEPARTMENT, "completed (stocked)", "done", plan.stocked_at,
                            ended_at=plan.stocked_at,
                            refs={"stock_entry_no": plan.stock_entry_no},
                            summary="packed and stocked: production complete (PLN-12)"))
    return stages
