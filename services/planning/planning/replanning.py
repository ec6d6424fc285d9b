"""Re-planning the live plan: rush orders (ORD-4, PLN-9), re-sequencing (PLN-7) and a work
centre's breakdown (PLN-5).

A re-plan is proposed, shown, approved, then applied *unchanged*: the proposal stores the
exact moves computed against one version of the company's live plan. Approval applies them
only if the plan is still at that version (otherwise 409: assess again), so every order the
impact list named moves by exactly the amount it said, and no other order moves. Each
applied re-plan bumps the plan's version, records what moved, and tells sales of every
re-dated order (planning.order_redated, SAL-11).

The engine runs through `compute` (off the eventlet hub, within the time budget) after the
transaction that read the plan; nothing is held while it runs.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from contracts.events.planning import OrderRedated, RushApproved
from contracts.rpc.common import Actor
from contracts.rpc.planning import (
    ApprovalPublic,
    BreakdownCreate,
    ImpactPublic,
    LivePlanPublic,
    ReplanProposalPublic,
)
from planning import computing
from planning.computing import Compute
from planning.domain import live_plan
from planning.domain.demand import DECLINED, PLANNED
from planning.domain.errors import NotAllowedToPlan, NotInPlanning, PlanningRejected, StepRefused
from planning.domain.forward_schedule import SHANGHAI
from planning.domain.live_plan import Impact, Move, Replan, Reserved
from planning.domain.replenishment import is_replenishment
from planning.handlers import supply_for
from servicekit import clock

LEADERSHIP = "general_manager"  # ORD-4, PLN-9: leadership approves a rush order
PRODUCTION_MANAGER, CONTRACT_MANAGER = "production_manager", "contract_management"
RESEQUENCE_APPROVERS = (PRODUCTION_MANAGER, CONTRACT_MANAGER)  # PLN-7: both agree
PROPOSED, APPROVED = "proposed", "approved"


# -- reading the live plan -------------------------------------------------------------------
def get_live_plan(actor: Actor, company_id: str, limit: int, uow) -> LivePlanPublic:
    _may_plan(actor, company_id)
    with uow:
        version, at, reason = uow.live.version(company_id)
        return LivePlanPublic(
            company_id=company_id, version=version, replanned_at=at, reason=reason,
            open_operations=len(uow.live.operations(company_id)),
            moves=[_impact_public(i) for i in uow.live.moves(company_id, version, limit)])


def _may_plan(actor: Actor, company_id: str) -> None:
    if not actor.may_see(company_id):
        raise NotInPlanning(f"no live plan of company {company_id} for you")


def _view(uow, company_id: str, now: datetime) -> tuple[live_plan.LiveView, int]:
    master = uow.master_data.load()
    view = live_plan.live_view(master.centres_of(company_id), uow.live.operations(company_id),
                               now, uow.live.terms(company_id),
                               uow.live.downtime(company_id, now))
    return view, uow.live.version(company_id)[0]


# -- rush orders (ORD-4, PLN-9) ----------------------------------------------------------------
def assess_rush(actor: Actor, order_no: str, uow, compute: Compute | None = None
                ) -> ReplanProposalPublic:
    """The orders the rush order would delay, per order and line, before any approval."""
    now = clock.now()
    with uow:
        demand = uow.demands.get(order_no)
        if demand is None or not actor.may_see(demand.company_id):
            raise NotInPlanning(f"planning has no demand for order {order_no}")
        if not demand.rush:
            raise StepRefused(f"order {order_no} is not a rush order (ORD-4)")
        if demand.status in (PLANNED, DECLINED) or uow.live.reservations_of(order_no):
            raise StepRefused(f"rush order {order_no} is {demand.status}: nothing to assess")
        master = uow.master_data.load()
        lines = [(line.line_no, master.product(line.product_code, demand.company_id),
                  line.quantity) for line in demand.lines]
        view, version = _view(uow, demand.company_id, now)
        supply = supply_for(uow, master, [line.product_code for line in demand.lines], None)
    if any(product is None for _, product, _ in lines):
        raise StepRefused(f"rush order {order_no} names a product planning cannot route")
    replan = (compute or computing.inline())(partial(
        live_plan.insert_rush, view, master, demand.company_id, lines,
        demand.customer_grade, supply))
    with uow:
        proposal = _new_proposal(uow, actor, demand.company_id, "rush", version, replan, now,
                                 order_no=order_no)
        uow.commit()
    return _proposal_public(proposal)


def approve_rush(actor: Actor, order_no: str, uow) -> ReplanProposalPublic:
    """Leadership approves: the assessed moves are applied exactly, the delayed orders are
    re-dated and sales is told (SAL-11); the rush order's slots are held for its plan."""
    now = clock.now()
    if LEADERSHIP not in actor.roles:
        raise NotAllowedToPlan("only leadership (a general manager) approves a rush order (PLN-9)")
    with uow:
        proposal = uow.live.latest_rush_proposal(order_no, for_update=True)
        if proposal is None or not actor.may_see(proposal["company_id"]):
            raise StepRefused(f"rush order {order_no} has no impact list yet: assess it first "
                              "(PLN-9: the delayed orders are shown before approval)")
        if proposal["status"] != PROPOSED:
            raise StepRefused(f"rush order {order_no}'s assessment is {proposal['status']}")
        _require_base_version(uow, proposal)
        proposal["approvals"][LEADERSHIP] = {"by": actor.username, "at": now.isoformat()}
        body = proposal["body"]
        impacts = _apply(uow, proposal, f"rush order {order_no} inserted (PLN-9)", now)
        uow.live.hold(proposal["company_id"], order_no,
                      [Reserved(**_times(r)) for r in body["reservations"]])
        proposal["status"] = APPROVED
        uow.live.save_proposal(proposal)
        uow.emit("planning.rush_approved", RushApproved(
            order_no=order_no, proposal_no=proposal["proposal_no"],
            approved_by=actor.username, delayed_orders=sorted({i.order_no for i in impacts}),
            dedicated_line=body.get("dedicated_line")),
            company_id=proposal["company_id"], order_no=order_no)
        uow.commit()
    return _proposal_public(proposal)


# -- re-sequencing under overload (PLN-7) -------------------------------------------------------
def propose_resequence(actor: Actor, company_id: str, uow, compute: Compute | None = None
                       ) -> ReplanProposalPublic:
    _may_plan(actor, company_id)
    now = clock.now()
    with uow:
        view, version = _view(uow, company_id, now)
    if not view.problem.orders:
        raise StepRefused(f"company {company_id} has no open work to re-sequence")
    replan = (compute or computing.inline())(partial(live_plan.resequence, view))
    with uow:
        proposal = _new_proposal(uow, actor, company_id, "resequence", version, replan, now)
        uow.commit()
    return _proposal_public(proposal)


def approve_resequence(actor: Actor, proposal_no: str, uow) -> ReplanProposalPublic:
    """PLN-7: each of the two managers approves once; the second approval applies it."""
    now = clock.now()
    roles = [role for role in RESEQUENCE_APPROVERS if role in actor.roles]
    if not roles:
        raise NotAllowedToPlan("a re-sequence is approved by the production manager and the "
                           "contract & order manager (PLN-7)")
    with uow:
        proposal = uow.live.proposal(proposal_no, for_update=True)
        if (proposal is None or proposal["kind"] != "resequence"
                or not actor.may_see(proposal["company_id"])):
            raise NotInPlanning(f"no re-sequence proposal {proposal_no}")
        if proposal["status"] != PROPOSED:
            raise StepRefused(f"re-sequence {proposal_no} is {proposal['status']}")
        missing = [r for r in roles if r not in proposal["approvals"]]
        if not missing:
            raise StepRefused(f"{actor.username} already approved re-sequence {proposal_no}; "
                              "the other manager's approval is awaited")
        _require_base_version(uow, proposal)
        proposal["approvals"][missing[0]] = {"by": actor.username, "at": now.isoformat()}
        if all(r in proposal["approvals"] for r in RESEQUENCE_APPROVERS):
            _apply(uow, proposal, f"re-sequence {proposal_no} agreed (PLN-7)", now)
            proposal["status"] = APPROVED
        uow.live.save_proposal(proposal)
        uow.commit()
    return _proposal_public(proposal)


# -- a work centre out of action (PLN-5) ---------------------------------------------------------
def record_breakdown(actor: Actor, company_id: str, entry: BreakdownCreate, uow,
                     compute: Compute | None = None) -> LivePlanPublic:
    """A work centre is down: recorded, and the live plan repaired around it at once (right
    shift: only the work it reaches moves); sales is told of each re-dated order (SAL-11).
    Placements and re-plans keep clear of it from now on."""
    _may_plan(actor, company_id)
    now = clock.now()
    with uow:
        master = uow.master_data.load()
    centre = master.work_centres.get(entry.work_centre)
    if centre is None or centre.company_id != company_id:
        raise NotInPlanning(f"company {company_id} has no work centre {entry.work_centre}")
    if entry.down_until <= entry.down_from or entry.down_until <= now:
        raise PlanningRejected("a breakdown ends after it starts and after now",
                               {"down_from": entry.down_from.isoformat(),
                                "down_until": entry.down_until.isoformat()})
    down = live_plan.Downtime(entry.work_centre, entry.down_from, entry.down_until)
    for _ in range(3):  # the plan moved meanwhile: repair the newer one (a fact, not a proposal)
        with uow:
            view, version = _view(uow, company_id, now)
        replan = (compute or computing.inline())(partial(live_plan.breakdown, view, down))
        with uow:
            if uow.live.version(company_id, for_update=True)[0] != version:
                continue
            no = uow.numbers.next("BD", company_id)
            uow.live.add_downtime(no, company_id, down, entry.reason, actor.username, now)
            span = " to ".join(f"{t.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"
                               for t in (entry.down_from, entry.down_until))
            reason = f"{entry.work_centre} down {span} ({no}: {entry.reason}), PLN-5"
            _apply_replan(uow, company_id, replan.moves, replan.impacts, reason, now)
            uow.commit()
        return get_live_plan(actor, company_id, 1000, uow)
    raise StepRefused(f"the live plan of {company_id} kept changing; record the breakdown "
                      "again")


# -- shared --------------------------------------------------------------------------------------
def _require_base_version(uow, proposal: dict) -> None:
    version = uow.live.version(proposal["company_id"], for_update=True)[0]
    if version != proposal["base_version"]:
        raise StepRefused(
            f"the live plan changed since {proposal['proposal_no']} was computed (version "
            f"{proposal['base_version']}, now {version}): assess again, so the impact shown "
            "is the impact applied")


def _apply(uow, proposal: dict, reason: str, now: datetime) -> list[Impact]:
    body = proposal["body"]
    impacts = [Impact(**_times(i)) for i in body["impacts"]]
    _apply_replan(uow, proposal["company_id"], [Move(**_times(m)) for m in body["moves"]],
                  impacts, reason, now)
    return impacts


def _apply_replan(uow, company: str, moves: list[Move], impacts: list[Impact], reason: str,
                  now: datetime) -> None:
    """Write the moves, bump the plan's version and tell sales of each re-dated order."""
    plans_touched = uow.live.apply(moves)
    version = uow.live.bump(company, now, reason, impacts)
    old = {}
    for impact in impacts:
        old[impact.order_no] = max(old.get(impact.order_no, impact.old_finish),
                                   impact.old_finish)
    for plan_no in sorted(plans_touched):
        plan = uow.plans.by_plan_no(plan_no)
        if plan is None or plan.order_no not in old or is_replenishment(plan.order_no):
            continue  # PLN-11: a replenishment order has no customer to tell
        uow.emit("planning.order_redated", OrderRedated(
            order_no=plan.order_no, plan_no=plan_no, old_completion=_old_completion(
                plan, impacts), new_completion=plan.planned_completion, reason=reason,
            plan_version=version), company_id=company, order_no=plan.order_no)


def _old_completion(plan, impacts: list[Impact]) -> datetime:
    moved = {i.work_order_no: i.old_finish for i in impacts}
    return max(moved.get(wo.work_order_no, wo.planned_finish) for wo in plan.work_orders)


def _new_proposal(uow, actor: Actor, company_id: str, kind: str, version: int,
                  replan: Replan, now: datetime, order_no: str | None = None) -> dict:
    proposal = {
        "proposal_no": uow.numbers.next("RP", company_id), "company_id": company_id,
        "kind": kind, "order_no": order_no, "base_version": version, "status": PROPOSED,
        "proposed_at": now, "proposed_by": actor.username, "approvals": {},
        "body": {
            "moves": [_jsonable(m) for m in replan.moves],
            "impacts": [_jsonable(i) for i in replan.impacts],
            "reservations": [_jsonable(r) for r in replan.reservations],
            "rush_completion": replan.completion.isoformat() if replan.completion else None,
            "dedicated_line": replan.dedicated_line,
        }}
    uow.live.add_proposal(proposal)
    return proposal


def _jsonable(record) -> dict:
    return {k: v.isoformat() if isinstance(v, datetime) else v
            for k, v in record.__dict__.items()}


TIME_FIELDS = ("start", "finish", "old_finish", "new_finish")


def _times(values: dict) -> dict:
    return {k: datetime.fromisoformat(v) if k in TIME_FIELDS else v for k, v in values.items()}


def _impact_public(i: Impact) -> ImpactPublic:
    return ImpactPublic(order_no=i.order_no, work_order_no=i.work_order_no, line_no=i.line_no,
                        old_finish=i.old_finish, new_finish=i.new_finish,
                        delay_minutes=i.delay_minutes, sentence=live_plan.describe(i))


def _proposal_public(p: dict) -> ReplanProposalPublic:
    body = p["body"]
    impacts = [Impact(**_times(i)) for i in body["impacts"]]
    required = (LEADERSHIP,) if p["kind"] == "rush" else RESEQUENCE_APPROVERS
    delayed = sorted({i.order_no for i in impacts if i.delay_minutes > 0})
    if p["kind"] == "rush":
        summary = (f"rush order {p['order_no']} delays {len(delayed)} order(s)"
                   + (f": {', '.join(delayed)}" if delayed else "")
                   + (f"; on the dedicated line {body['dedicated_line']}"
                      if body.get("dedicated_line") else ""))
    else:
        summary = (f"the new sequence moves {len(impacts)} work order(s) of "
                   f"{len({i.order_no for i in impacts})} order(s)")
    return ReplanProposalPublic(
        proposal_no=p["proposal_no"], company_id=p["company_id"], kind=p["kind"],
        order_no=p["order_no"], base_version=p["base_version"], status=p["status"],
        needs=[r for r in required if r not in p["approvals"]] if p["status"] == PROPOSED
        else [],
        approvals=[ApprovalPublic(role=role, approved_by=a["by"],
                                  approved_at=datetime.fromisoformat(a["at"]))
                   for role, a in p["approvals"].items()],
        rush_completion=body.get("rush_completion"), dedicated_line=body.get("dedicated_line"),
        impacts=[_impact_public(i) for i in impacts], summary=summary)
