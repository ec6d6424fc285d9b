"""Outsourcing (外协, PLN-10): use cases.

The product company proposes to outsource one operation of a work order to an external
partner, for one of PLN-10's reasons; the outsourcing order is generated from the BOM and
routing and waits for the **group general manager's** approval, without which the
operation cannot start (sending the goods out is refused). Procurement carries it out like
a purchase order: sent (PLN-10.return opens, due at close of business of the agreed return
date, held by the department's leader so a late return reaches the company's GM and the
group GM, X-2), received (the whole quantity, PRC-6; the limit is met) and inspected
(QLT-2). Passing inspection completes the operation; when it is the routing's last step,
the work order is complete (and with it, perhaps, production). A work order is not
completed while an outsourced operation of it is out.
"""

from __future__ import annotations

from datetime import datetime, time

from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.outsourcing import (
    OutsourcingDecision,
    OutsourcingInspection,
    OutsourcingOrderPublic,
    OutsourcingProposal,
    OutsourcingReceipt,
    PartnerPublic,
)
from planning.domain import outsourcing as model
from planning.domain import work_orders as wos
from planning.domain.errors import NotInPlanning, PlanningRejected, StepRefused
from planning.domain.forward_schedule import local_date
from planning.domain.outsourcing import OutsourcingOrder
from planning.domain.outsourcing_promise import OutsourcedReturn
from planning.domain.plan import Plan
from planning.domain.work_orders import WorkOrder
from servicekit import clock
from servicekit.journeys import stage
from servicekit.timelimits import X1_TIME_LIMITS
from servicekit.workcalendar import DEFAULT_CALENDAR

RETURN = X1_TIME_LIMITS["PLN-10.return"]
DEPARTMENT = "planning"


def public(order: OutsourcingOrder) -> OutsourcingOrderPublic:
    fields = {k: v for k, v in order.__dict__.items() if k not in ("history", "items")}
    return OutsourcingOrderPublic(**fields, amount=order.amount,
                                  items=[i.__dict__ for i in order.items])


def _work_order(actor: Actor, work_order_no: str, uow) -> tuple[Plan, WorkOrder]:
    order_no = uow.plans.order_of_work_order(work_order_no)
    plan = uow.plans.for_order(order_no, for_update=True) if order_no else None
    if plan is None or not actor.may_see(plan.company_id):
        raise NotInPlanning(f"no work order {work_order_no}")
    return plan, next(w for w in plan.work_orders if w.work_order_no == work_order_no)


def _visible(actor: Actor, outsourcing_no: str, uow, for_update=False) -> OutsourcingOrder:
    order = uow.outsourcing.get(outsourcing_no, for_update=for_update)
    if order is None or not actor.may_see(order.company_id):
        raise NotInPlanning(f"no outsourcing order {outsourcing_no}")
    return order


# -- proposal and the group GM's approval -------------------------------------------------
def propose_outsourcing(actor: Actor, work_order_no: str, proposal: OutsourcingProposal, uow
                        ) -> OutsourcingOrderPublic:
    """PLN-10: generated from the BOM and routing (3.5.2.2); waits for the group GM."""
    with uow:
        plan, wo = _work_order(actor, work_order_no, uow)
        if wo.status == wos.DONE:
            raise StepRefused(f"work order {work_order_no} is done: nothing left to outsource")
        partner = uow.outsourcing.partner(proposal.partner_code)
        if partner is None:
            raise PlanningRejected(f"no outsourcing partner {proposal.partner_code}",
                                   {"partner_code": proposal.partner_code})
        product = uow.master_data.load().product(wo.product_code)
        model.refuse_a_second(uow.outsourcing.for_work_order(work_order_no), work_order_no,
                              proposal.step)
        now = clock.now()
        earliest = local_date(DEFAULT_CALENDAR.add_working_days(
            DEFAULT_CALENDAR.local(now), partner.lead_days))
        order = model.generate(
            outsourcing_no=uow.numbers.next(model.PREFIX, plan.company_id), work_order=wo,
            plan_no=plan.plan_no, product=product, step=proposal.step, partner=partner,
            unit_price=proposal.unit_price, currency=proposal.currency,
            agreed_return_date=proposal.agreed_return_date or earliest,
            earliest_return=earliest, reason=proposal.reason,
            reason_note=proposal.reason_note, by=actor.username, at=now)
        uow.outsourcing.add(order)
        uow.commit()
    return public(order)


def decide_outsourcing(actor: Actor, outsourcing_no: str, decision: OutsourcingDecision, uow
                       ) -> OutsourcingOrderPublic:
    with uow:
        order = _visible(actor, outsourcing_no, uow, for_update=True)
        order.decide(approve=decision.approve, reason=decision.reason, by=actor.username,
                     roles=actor.roles, at=clock.now())
        uow.outsourcing.save(order)
        uow.commit()
    return public(order)


# -- carried out like a purchase order (3.5.2.4) -----------------------------------------
def send_outsourcing(actor: Actor, outsourcing_no: str, uow) -> OutsourcingOrderPublic:
    """The outsourced operation starts: refused before the group GM's approval (PLN-10)
    and before the work order is on the shop floor (released, its materials in store)."""
    with uow:
        order = _visible(actor, outsourcing_no, uow, for_update=True)
        _, wo = _work_order(actor, order.work_order_no, uow)
        now = clock.now()
        if order.status == model.APPROVED and wo.status not in (wos.RELEASED, wos.IN_PROGRESS):
            raise StepRefused(f"work order {wo.work_order_no} is {wo.status}: release it "
                              "before its operation goes to the partner",
                              {"status": str(wo.status)})
        order.send(by=actor.username, at=now)
        uow.outsourcing.save(order)
        uow.deadlines.open(
            RETURN, subject=model.deadline_subject(outsourcing_no), company_id=order.company_id,
            order_no=order.order_no, opened_at=now, held_by="department_leader",
            anchor=datetime.combine(order.agreed_return_date, time(0), DEFAULT_CALENDAR.tz),
            detail=f"{outsourcing_no}, step {order.step} of {order.work_order_no} at "
                   f"{order.partner_name}")
        uow.commit()
    return public(order)


def receive_outsourcing(actor: Actor, outsourcing_no: str, receipt: OutsourcingReceipt, uow
                        ) -> OutsourcingOrderPublic:
    with uow:
        order = _visible(actor, outsourcing_no, uow, for_update=True)
        now = clock.now()
        order.receive(quantity=receipt.quantity, by=actor.username, at=now)
        uow.outsourcing.save(order)
        uow.deadlines.meet(RETURN, model.deadline_subject(outsourcing_no), at=now)
        uow.commit()
    return public(order)


def inspect_outsourcing(actor: Actor, outsourcing_no: str, inspection: OutsourcingInspection,
                        uow, finish_work_order) -> OutsourcingOrderPublic:
    """Passed: the operation is complete; the routing's last step completes the work order
    (`finish_work_order(plan, wo, by, at, uow)`, the shop floor's own completion)."""
    with uow:
        order = _visible(actor, outsourcing_no, uow, for_update=True)
        now = clock.now()
        order.inspect(passed=inspection.passed, note=inspection.note, by=actor.username, at=now)
        uow.outsourcing.save(order)
        if order.status == model.COMPLETED:
            plan, wo = _work_order(actor, order.work_order_no, uow)
            wo.note = (f"step {order.step} back from {order.partner_name} and passed "
                       f"({outsourcing_no})")
            if order.last_step and wo.status in (wos.RELEASED, wos.IN_PROGRESS) and \
                    model.blocking_completion(uow.outsourcing.for_work_order(wo.work_order_no),
                                              wo.work_order_no) is None:
                finish_work_order(plan, wo, actor.username, now, uow)
            else:
                uow.plans.save_work_order(wo)
        uow.commit()
    return public(order)


def refuse_completion_while_out(uow, work_order_no: str) -> None:
    """PLN-10, PLN-12: a work order is complete only when its outsourced operations are
    back and passed."""
    out = model.blocking_completion(uow.outsourcing.for_work_order(work_order_no),
                                    work_order_no)
    if out is not None:
        raise StepRefused(f"step {out.step} of {work_order_no} is outsourced to "
                          f"{out.partner_name} ({out.outsourcing_no}, {out.status}): the work "
                          "order completes when it is back and passed",
                          {"outsourcing_no": out.outsourcing_no})


# -- reads -------------------------------------------------------------------------------
def get_outsourcing(actor: Actor, outsourcing_no: str, uow) -> OutsourcingOrderPublic:
    with uow:
        return public(_visible(actor, outsourcing_no, uow))


def list_outsourcing(actor: Actor, order_no: str | None, status: str | None, limit: int, uow
                     ) -> list[OutsourcingOrderPublic]:
    with uow:
        return [public(o) for o in uow.outsourcing.list(actor.companies, order_no, status,
                                                        limit=limit)]


def list_outsourcing_partners(actor: Actor, limit: int, uow) -> list[PartnerPublic]:
    with uow:
        return [PartnerPublic(partner_code=p.partner_code, name=p.name, name_zh=p.name_zh,
                              lead_days=p.lead_days, work_centres=list(p.work_centres))
                for p in uow.outsourcing.partners(limit)]


def returns_for(uow, order_no: str | None) -> list[OutsourcedReturn]:
    """The order's operations out (or to go out) at partners, for capable-to-promise."""
    if not order_no:
        return []
    return [OutsourcedReturn(o.outsourcing_no, o.product_code, o.step, o.partner_name,
                             o.agreed_return_date, o.last_step)
            for o in uow.outsourcing.for_order(order_no) if o.status in model.OPEN]


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """X-3: each outsourcing order's approval and its operation at the partner."""
    with uow:
        orders = [o for o in uow.outsourcing.for_order(order_no) if actor.may_see(o.company_id)]
    stages = []
    for o in orders:
        refs = {"outsourcing_no": o.outsourcing_no, "work_order_no": o.work_order_no}
        what = (f"step {o.step} ({o.work_centre}) of {o.work_order_no}: "
                f"{o.quantity.normalize():f} x {o.product_code} at {o.partner_name}")
        if o.decided_at is None:
            stages.append(stage(DEPARTMENT, "outsourcing approval", "waiting",
                                      o.proposed_at, actor=o.proposed_by, refs=refs,
                                      summary=f"{what}, {o.reason}: awaits the group general "
                                              "manager (PLN-10)"))
            continue
        approved = o.status != model.REJECTED
        stages.append(stage(
            DEPARTMENT, "outsourcing approval", "done" if approved else "refused",
            o.proposed_at, ended_at=o.decided_at, actor=o.decided_by, refs=refs,
            summary=f"{what}: {'approved' if approved else 'rejected'} by {o.decided_by}"
                    f"{': ' + o.decision_reason if o.decision_reason else ''} (PLN-10)"))
        if o.sent_at is not None:
            state = "done" if o.status == model.COMPLETED else "in_progress"
            words = f"{what}; sent {o.sent_at:%Y-%m-%d %H:%M}, due back {o.agreed_return_date}"
            if o.received_at is not None:
                words += f"; received {o.received_at:%Y-%m-%d %H:%M}"
            if o.status == model.COMPLETED:
                words += f"; inspection passed ({o.inspected_by}): operation complete"
            elif o.returns_to_partner:
                words += f"; back at the partner after a failed inspection: {o.inspection_note}"
            stages.append(stage(DEPARTMENT, "outsourced operation", state, o.sent_at,
                                      ended_at=o.inspected_at if state == "done" else None,
                                      actor=o.inspected_by or o.received_by or o.sent_by,
                                      refs=refs, summary=words))
    return stages
