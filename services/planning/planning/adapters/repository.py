"""Planning's records in and out of the database: rows <-> domain objects."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

from sqlalchemy import delete, insert, select, update

from contracts.events.planning import WorkOrderStatus
from planning.adapters.tables import (
    demand_lines,
    demands,
    downtimes,
    material_requests,
    operations,
    plan_approvals,
    plan_coordinations,
    plans,
    reservations,
    work_orders,
)
from planning.domain.demand import Demand, DemandLine, DesignReview
from planning.domain.forward_schedule import Booking
from planning.domain.plan import MaterialRequest, Plan
from planning.domain.publication import Approval, Coordination
from planning.domain.replenishment import PREFIX as REPLENISHMENT
from planning.domain.work_orders import PlannedOperation, WorkOrder
from servicekit.repository import Repository, TableRepository, row_of, rows_by, visible_to


def _columns(obj, table, skip=()) -> dict:
    names = set(table.c.keys())
    return {f.name: getattr(obj, f.name) for f in fields(obj)
            if f.name in names and f.name not in skip}


def _build(cls, row, **extra):
    mapping = row._mapping
    values = {f.name: mapping[f.name] for f in fields(cls) if f.name in mapping}
    values.update(extra)
    return cls(**values)


class SqlDemandRepository(TableRepository):
    table, key, record = demands, "order_no", Demand

    def add(self, demand: Demand) -> None:
        super().add(demand)
        self.session.execute(insert(demand_lines), [
            {"order_no": demand.order_no, **line.__dict__} for line in demand.lines
        ])

    @staticmethod
    def _row(demand: Demand) -> dict:
        review = demand.design_review
        return {
            **_columns(demand, demands),
            "design_feasible": review.feasible if review else None,
            "design_days": review.design_days if review else None,
            "design_notes": review.notes if review else None,
            "design_reviewed_by": review.reviewed_by if review else None,
            "design_reviewed_at": review.reviewed_at if review else None,
        }

    def list(self, *, companies: list[str] | None = None, awaiting_design: bool = False,
             limit: int = 100) -> list[Demand]:
        query = visible_to(select(demands), demands, companies).order_by(
            demands.c.recorded_at, demands.c.order_no).limit(limit)
        if awaiting_design:
            query = query.where(demands.c.non_regular.is_(True),
                                demands.c.design_reviewed_at.is_(None),
                                demands.c.status != "declined")
        return [self._record(row) for row in self.session.execute(query).all()]

    def _record(self, row) -> Demand:
        lines = self.session.execute(
            select(demand_lines).where(demand_lines.c.order_no == row.order_no)
            .order_by(demand_lines.c.line_no)).all()
        review = None
        if row.design_reviewed_at is not None:
            review = DesignReview(row.design_feasible, row.design_days, row.design_notes or "",
                                  row.design_reviewed_by, row.design_reviewed_at)
        return _build(Demand, row, design_review=review,
                      declined_reason=row.declined_reason or "",
                      lines=tuple(DemandLine(line.line_no, line.product_code, line.quantity,
                                             line.requested_date) for line in lines))

    def count(self) -> int:
        return len(self.session.execute(select(demands.c.order_no)).all())


class SqlPlanRepository(Repository):
    # -- writing -------------------------------------------------------------------
    def add(self, plan: Plan) -> None:
        self.session.execute(insert(plans).values(**_columns(plan, plans)))
        for wo in plan.work_orders:
            self.session.execute(insert(work_orders).values(**_columns(wo, work_orders)))
            self.session.execute(insert(operations), [
                {"work_order_no": wo.work_order_no, **op.__dict__} for op in wo.operations])
        if plan.material_requests:
            self.session.execute(insert(material_requests), [
                _columns(r, material_requests) for r in plan.material_requests])
        self._save_coordination(plan)

    def save(self, plan: Plan) -> None:
        self.session.execute(update(plans).where(plans.c.plan_no == plan.plan_no)
                             .values(**_columns(plan, plans, skip=("plan_no",))))
        for wo in plan.work_orders:
            self.save_work_order(wo)
        for r in plan.material_requests:
            self.session.execute(
                update(material_requests).where(material_requests.c.request_no == r.request_no)
                .values(**_columns(r, material_requests, skip=("request_no",))))
        self._save_coordination(plan)

    def _save_coordination(self, plan: Plan) -> None:
        """PLN-3: the meeting and its approvals, written whole (a handful of rows)."""
        meeting = plan.coordination
        if meeting is None:
            return
        for table in (plan_approvals, plan_coordinations):
            self.session.execute(delete(table).where(table.c.plan_no == plan.plan_no))
        self.session.execute(insert(plan_coordinations).values(
            **_columns(meeting, plan_coordinations, skip=("attendees",)), plan_no=plan.plan_no,
            attendees=list(meeting.attendees)))
        if meeting.approvals:
            self.session.execute(insert(plan_approvals), [
                {"plan_no": plan.plan_no, **_columns(a, plan_approvals)}
                for a in meeting.approvals.values()])

    def save_work_order(self, wo: WorkOrder) -> None:
        self.session.execute(
            update(work_orders).where(work_orders.c.work_order_no == wo.work_order_no)
            .values(**_columns(wo, work_orders, skip=("work_order_no",))))

    def reschedule_operations(self, wo: WorkOrder) -> None:
        """The work order's operations moved (PRC-7 re-dating): its booked load with them."""
        self.session.execute(delete(operations).where(
            operations.c.work_order_no == wo.work_order_no))
        if wo.operations:
            self.session.execute(insert(operations), [
                {"work_order_no": wo.work_order_no, **op.__dict__} for op in wo.operations])

    # -- reading -------------------------------------------------------------------
    def for_order(self, order_no: str, for_update: bool = False) -> Plan | None:
        row = self.session.execute(row_of(plans, "order_no", for_update),
                                   {"value": order_no}).first()
        return self._load([row])[0] if row else None

    def by_plan_no(self, plan_no: str) -> Plan | None:
        row = self.session.execute(row_of(plans, "plan_no"), {"value": plan_no}).first()
        return self._load([row])[0] if row else None

    def order_of_work_order(self, work_order_no: str) -> str | None:
        return self.session.execute(select(work_orders.c.order_no).where(
            work_orders.c.work_order_no == work_order_no)).scalar()

    def _load(self, rows) -> list[Plan]:
        """The plans of these rows with their work orders, operations, material requests
        and coordination: one query per kind of child for the whole page (issue 16)."""
        numbers = [row.plan_no for row in rows]
        wos = rows_by(self.session, work_orders, "plan_no", numbers, "line_no")
        requests = rows_by(self.session, material_requests, "plan_no", numbers,
                           "material_code")
        meetings = rows_by(self.session, plan_coordinations, "plan_no", numbers)
        approvals = rows_by(self.session, plan_approvals, "plan_no", numbers, "department")
        built = self._work_orders([w for no in numbers for w in wos[no]])
        return [_build(Plan, row, rework_note=row.rework_note or "",
                       publish_note=row.publish_note or "",
                       coordination=_coordination(meetings[row.plan_no],
                                                  approvals[row.plan_no]),
                       work_orders=[built[w.work_order_no] for w in wos[row.plan_no]],
                       material_requests=[_build(MaterialRequest, r)
                                          for r in requests[row.plan_no]])
                for row in rows]

    def _work_orders(self, rows) -> dict[str, WorkOrder]:
        """{work order no: work order} of these rows, their operations in one query."""
        ops = rows_by(self.session, operations, "work_order_no",
                      [row.work_order_no for row in rows], "step")
        return {row.work_order_no: _build(
                    WorkOrder, row, note=row.note or "",
                    operations=tuple(_build(PlannedOperation, op)
                                     for op in ops[row.work_order_no]))
                for row in rows}

    def plans(self, *, companies: list[str] | None, published: bool | None,
              limit: int) -> list[Plan]:
        """Plans oldest first; published=False is the planners' queue (PLN-1)."""
        query = visible_to(select(plans), plans, companies)
        if published is not None:
            column = plans.c.published_at
            query = query.where(column.is_not(None) if published else column.is_(None))
        query = query.order_by(plans.c.created_at, plans.c.plan_no).limit(limit)
        return self._load(self.session.execute(query).all())

    def work_orders(self, *, companies: list[str] | None, status: str | None = None,
                    limit: int = 100, order_no: str | None = None) -> list[WorkOrder]:
        query = visible_to(select(work_orders), work_orders, companies, status=status,
                           order_no=order_no).order_by(
            work_orders.c.planned_start, work_orders.c.work_order_no).limit(limit)
        return list(self._work_orders(self.session.execute(query).all()).values())

    def committed_bookings(self, company_id: str,
                           yielding_after: datetime | None = None) -> list[Booking]:
        """Operations of the company's work orders not yet done: the load already booked, in
        a stable order (two reads of the same load compare equal). With `yielding_after`,
        the load a customer order sees when replenishment yields (PLN-11): replenishment
        operations not started by then are left out."""
        query = (select(operations.c.work_centre, operations.c.planned_start,
                        operations.c.planned_finish)
                 .join(work_orders, work_orders.c.work_order_no == operations.c.work_order_no)
                 .where(work_orders.c.company_id == company_id,
                        work_orders.c.status != str(WorkOrderStatus.DONE)))
        if yielding_after is not None:
            query = query.where(~work_orders.c.order_no.like(f"{REPLENISHMENT}-%")
                                | (operations.c.planned_start <= yielding_after))
        rows = self.session.execute(
            query.order_by(operations.c.work_order_no, operations.c.step)).all()
        held = self.session.execute(  # approved rush orders' slots (PLN-9) count as booked
            select(reservations.c.work_centre, reservations.c.planned_start,
                   reservations.c.planned_finish)
            .where(reservations.c.company_id == company_id)
            .order_by(reservations.c.order_no, reservations.c.line_no, reservations.c.step)
        ).all()
        down = self.session.execute(  # PLN-5: a work centre out of action takes no work
            select(downtimes.c.work_centre, downtimes.c.down_from.label("planned_start"),
                   downtimes.c.down_until.label("planned_finish"))
            .where(downtimes.c.company_id == company_id)
            .order_by(downtimes.c.down_from, downtimes.c.downtime_no)).all()
        return [Booking(row.work_centre, row.planned_start, row.planned_finish)
                for row in [*rows, *held, *down]]


def _coordination(meeting_rows, approval_rows) -> Coordination | None:
    """PLN-3: the plan's meeting and its approvals, from their rows (None: no meeting)."""
    if not meeting_rows:
        return None
    row = meeting_rows[0]
    return _build(Coordination, row, attendees=tuple(row.attendees),
                  approvals={a.department: _build(Approval, a) for a in approval_rows})
