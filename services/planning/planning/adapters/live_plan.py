"""The live plan in and out of the database (PLN-5, PLN-7, PLN-9).

The schedule itself is the operations of the open work orders (planning_operation) plus the
slots held for approved rush orders not yet decomposed; around it: the plan's version per
company with what each re-plan moved, and the re-plan proposals awaiting approval.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update

from contracts.events.planning import WorkOrderStatus
from planning.adapters.tables import (
    demand_lines,
    demands,
    downtimes,
    live_plans,
    operations,
    plan_moves,
    plans,
    replan_proposals,
    reservations,
    work_orders,
)
from planning.domain.forward_schedule import Booking
from planning.domain.live_plan import (
    Downtime,
    Impact,
    LiveOperation,
    Move,
    OrderTerms,
    Reserved,
)
from servicekit.repository import Repository


class SqlLivePlan(Repository):
    # -- the schedule ----------------------------------------------------------------
    def operations(self, company_id: str) -> list[LiveOperation]:
        rows = self.session.execute(
            select(operations, work_orders.c.order_no, work_orders.c.line_no)
            .join(work_orders, work_orders.c.work_order_no == operations.c.work_order_no)
            .where(work_orders.c.company_id == company_id,
                   work_orders.c.status != str(WorkOrderStatus.DONE))
            .order_by(operations.c.work_order_no, operations.c.step)).all()
        return [LiveOperation(r.work_order_no, r.order_no, r.line_no, r.step, r.work_centre,
                              r.planned_start, r.planned_finish) for r in rows]

    def terms(self, company_id: str) -> dict[str, OrderTerms]:
        """Each open demand's due date (its earliest requested line), grade and urgency."""
        rows = self.session.execute(
            select(demands.c.order_no, demands.c.customer_grade, demands.c.rush,
                   func.min(demand_lines.c.requested_date).label("due"))
            .join(demand_lines, demand_lines.c.order_no == demands.c.order_no)
            .where(demands.c.company_id == company_id)
            .group_by(demands.c.order_no, demands.c.customer_grade, demands.c.rush)).all()
        return {r.order_no: OrderTerms(r.due, r.customer_grade, bool(r.rush)) for r in rows}

    def downtime(self, company_id: str, after: datetime) -> list[Downtime]:
        """The company's breakdowns not over by `after` (PLN-5)."""
        rows = self.session.execute(
            select(downtimes).where(downtimes.c.company_id == company_id,
                                    downtimes.c.down_until > after)
            .order_by(downtimes.c.down_from, downtimes.c.downtime_no)).all()
        return [Downtime(r.work_centre, r.down_from, r.down_until) for r in rows]

    def add_downtime(self, downtime_no: str, company_id: str, down: Downtime, reason: str,
                     by: str, at: datetime) -> None:
        self.session.execute(insert(downtimes).values(
            downtime_no=downtime_no, company_id=company_id, work_centre=down.work_centre,
            down_from=down.start, down_until=down.finish, reason=reason, recorded_by=by,
            recorded_at=at))

    def reserved_bookings(self, company_id: str) -> list[Booking]:
        rows = self.session.execute(
            select(reservations).where(reservations.c.company_id == company_id)
            .order_by(reservations.c.order_no, reservations.c.line_no,
                      reservations.c.step)).all()
        return [Booking(r.work_centre, r.planned_start, r.planned_finish) for r in rows]

    def reservations_of(self, order_no: str) -> list[Reserved]:
        rows = self.session.execute(
            select(reservations).where(reservations.c.order_no == order_no)
            .order_by(reservations.c.line_no, reservations.c.step)).all()
        return [Reserved(r.line_no, r.step, r.work_centre, r.planned_start, r.planned_finish)
                for r in rows]

    def hold(self, company_id: str, order_no: str, held: list[Reserved]) -> None:
        if held:
            self.session.execute(insert(reservations), [
                {"order_no": order_no, "company_id": company_id, "line_no": r.line_no,
                 "step": r.step, "work_centre": r.work_centre, "planned_start": r.start,
                 "planned_finish": r.finish} for r in held])

    def release_hold(self, order_no: str) -> None:
        self.session.execute(delete(reservations).where(reservations.c.order_no == order_no))

    def apply(self, moves: list[Move]) -> set[str]:
        """Write the moved operations and their work orders' and plans' dates; the plans
        (order numbers) whose completion changed."""
        touched: set[str] = set()
        for m in moves:
            self.session.execute(update(operations).where(
                operations.c.work_order_no == m.work_order_no, operations.c.step == m.step)
                .values(planned_start=m.start, planned_finish=m.finish))
            touched.add(m.work_order_no)
        plans_touched = set()
        for wo in sorted(touched):
            span = self.session.execute(
                select(func.min(operations.c.planned_start), func.max(operations.c.planned_finish))
                .where(operations.c.work_order_no == wo)).one()
            self.session.execute(update(work_orders).where(work_orders.c.work_order_no == wo)
                                 .values(planned_start=span[0], planned_finish=span[1]))
            plans_touched.add(self.session.execute(select(work_orders.c.plan_no).where(
                work_orders.c.work_order_no == wo)).scalar())
        for plan_no in sorted(plans_touched):
            finish = self.session.execute(select(func.max(work_orders.c.planned_finish)).where(
                work_orders.c.plan_no == plan_no)).scalar()
            self.session.execute(update(plans).where(plans.c.plan_no == plan_no)
                                 .values(planned_completion=finish))
        return plans_touched

    # -- version and what moved ----------------------------------------------------------
    def version(self, company_id: str, for_update: bool = False) -> tuple[int, datetime | None,
                                                                           str]:
        query = select(live_plans).where(live_plans.c.company_id == company_id)
        row = self.session.execute(query.with_for_update() if for_update else query).first()
        return (row.version, row.replanned_at, row.reason) if row else (0, None, "")

    def bump(self, company_id: str, at: datetime, reason: str,
             impacts: list[Impact] = ()) -> int:
        """A new version of the company's plan, recording what moved (PLN-5)."""
        version, _, _ = self.version(company_id, for_update=True)
        values = {"version": version + 1, "replanned_at": at, "reason": reason[:2000]}
        if version == 0:
            self.session.execute(insert(live_plans).values(company_id=company_id, **values))
        else:
            self.session.execute(update(live_plans).where(
                live_plans.c.company_id == company_id).values(**values))
        if impacts:
            self.session.execute(insert(plan_moves), [
                {"company_id": company_id, "version": version + 1,
                 "work_order_no": i.work_order_no, "order_no": i.order_no,
                 "line_no": i.line_no, "old_finish": i.old_finish, "new_finish": i.new_finish}
                for i in impacts])
        return version + 1

    def moves(self, company_id: str, version: int, limit: int) -> list[Impact]:
        rows = self.session.execute(
            select(plan_moves).where(plan_moves.c.company_id == company_id,
                                     plan_moves.c.version == version)
            .order_by(plan_moves.c.order_no, plan_moves.c.line_no).limit(limit)).all()
        return [Impact(r.order_no, r.work_order_no, r.line_no, r.old_finish, r.new_finish)
                for r in rows]

    # -- proposals awaiting approval --------------------------------------------------------
    def add_proposal(self, row: dict) -> None:
        self.session.execute(insert(replan_proposals).values(
            **{**row, "approvals": json.dumps(row["approvals"]),
               "body": json.dumps(row["body"])}))

    def proposal(self, proposal_no: str, for_update: bool = False) -> dict | None:
        query = select(replan_proposals).where(replan_proposals.c.proposal_no == proposal_no)
        row = self.session.execute(query.with_for_update() if for_update else query).first()
        return _proposal(row) if row else None

    def latest_rush_proposal(self, order_no: str, for_update: bool = False) -> dict | None:
        query = (select(replan_proposals).where(replan_proposals.c.order_no == order_no,
                                                replan_proposals.c.kind == "rush")
                 .order_by(replan_proposals.c.proposed_at.desc()).limit(1))
        row = self.session.execute(query.with_for_update() if for_update else query).first()
        return _proposal(row) if row else None

    def save_proposal(self, proposal: dict) -> None:
        self.session.execute(update(replan_proposals).where(
            replan_proposals.c.proposal_no == proposal["proposal_no"]).values(
            status=proposal["status"], approvals=json.dumps(proposal["approvals"])))


def _proposal(row) -> dict:
    values = dict(row._mapping)
    values["approvals"] = json.loads(values["approvals"])
    values["body"] = json.loads(values["body"])
    return values
