"""The live plan (PLN-5): a company's open work orders as the scheduling engine's schedule.

Every open operation of a company's work orders, on its work centre's calendar, is one
engine operation; its duration is the working time its current slot takes. Operations that
have started are frozen (they keep their place in every re-plan). From that view:

- `insert_rush` (PLN-9, ORD-4): the rush order's lines go first, onto a plant holding only
  the frozen work (an A-grade customer's small rush order may take the dedicated line
  instead of the line it stands in for); the rest of the plan is repaired by right shift
  (planning.scheduling.repair), so the orders it delays, and by how much, are known exactly
  before anyone approves, and are applied unchanged after.
- `resequence` (PLN-7): the engine sequences every open operation again by due date,
  urgency and customer grade (weighted tardiness), frozen operations in place; the moves
  are a proposal for the production manager and the contract & order manager.

The plan has a version per company; each re-plan records what moved and by how much.
Pure: the service runs these off the eventlet hub within a time budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from planning.domain.budget import Budget
from planning.domain.forward_schedule import SHANGHAI, Booking, Plant, promise_materials
from planning.domain.master_data import MasterData, Product, RoutingStep, WorkCentreSpec
from planning.domain.material_promise import Supply
from planning.scheduling import Operation, Schedule, ScheduledOperation, WorkOrder, solve
from planning.scheduling.model import Problem
from planning.scheduling.repair import right_shift
from planning.scheduling.work_calendar import to_datetime, to_minutes

# ORD-4, PLN-9: an A-grade customer's rush order of at most this many units counts as small
# and may use a dedicated line.
SMALL_RUSH_UNITS = Decimal(2)
PRIORITY = {"normal": 0, "rush": 2}


@dataclass(frozen=True)
class LiveOperation:
    """One operation of an open work order as the plan holds it."""

    work_order_no: str
    order_no: str
    line_no: int
    step: int
    work_centre: str
    start: datetime
    finish: datetime


@dataclass(frozen=True)
class OrderTerms:
    """What sequencing weighs (PLN-5): the date owed, the customer's grade, urgency."""

    due: date
    grade: str = "B"
    rush: bool = False


@dataclass(frozen=True)
class Move:
    """One operation's new place in a re-plan."""

    work_order_no: str
    step: int
    work_centre: str
    start: datetime
    finish: datetime


@dataclass(frozen=True)
class Impact:
    """One work order whose finish a re-plan moves (per order and line: old and new)."""

    order_no: str
    work_order_no: str
    line_no: int
    old_finish: datetime
    new_finish: datetime

    @property
    def delay_minutes(self) -> int:
        return int((self.new_finish - self.old_finish).total_seconds() // 60)


@dataclass(frozen=True)
class Reserved:
    """A rush order's line step held on a work centre before its work orders exist."""

    line_no: int
    step: int
    work_centre: str
    start: datetime
    finish: datetime


@dataclass(frozen=True)
class Downtime:
    """A work centre out of action (a breakdown, PLN-5) from `start` until `finish`."""

    work_centre: str
    start: datetime
    finish: datetime


@dataclass
class Replan:
    """A re-plan's outcome: the moves to apply, who is affected, and (rush) the held slots."""

    moves: list[Move]
    impacts: list[Impact]
    reservations: list[Reserved] = field(default_factory=list)
    completion: datetime | None = None  # the rush order's
    dedicated_line: str | None = None

    def delayed_orders(self) -> list[str]:
        return sorted({i.order_no for i in self.impacts})


@dataclass
class LiveView:
    """The engine's view of a company's live plan at `now`."""

    plant: Plant
    problem: Problem
    schedule: Schedule
    ops: dict[str, LiveOperation]  # engine op id -> the operation it stands for
    # PLN-5: work centres down (breakdowns), as engine minutes: no re-plan puts work there
    downtime: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def now(self) -> datetime:
        return self.plant.origin


def live_view(centres: list[WorkCentreSpec], operations: list[LiveOperation], now: datetime,
              terms: dict[str, OrderTerms] | None = None,
              downtime: list[Downtime] = ()) -> LiveView:
    """The company's open operations as engine work orders (one per work order), frozen
    where started; operations wholly in the past are history and left out. `downtime`:
    the work centres' breakdowns no re-plan may put work into."""
    plant = Plant(centres, now)
    calendars = {wc.id: wc.calendar for wc in plant.problem.work_centres}
    terms = terms or {}
    by_order: dict[str, list[LiveOperation]] = {}
    for op in sorted(operations, key=lambda o: (o.work_order_no, o.step)):
        if op.work_centre in calendars and to_minutes(now, op.finish) > 0:
            by_order.setdefault(op.work_order_no, []).append(op)
    orders, placed, index = [], {}, {}
    for wo_no, ops in by_order.items():
        engine_ops = []
        for op in ops:
            op_id = f"{wo_no}/{op.step}"
            start = max(0, to_minutes(now, op.start))
            end = to_minutes(now, op.finish)
            cal = calendars[op.work_centre]
            duration = max(1, cal.working_minutes(start, end))
            frozen = to_minutes(now, op.start) <= 0  # started: it stays where it is
            engine_ops.append(Operation(op_id, op.work_centre, duration,
                                        fixed_start=start if frozen else None))
            placed[op_id] = ScheduledOperation(op_id, wo_no, op.work_centre, start,
                                               max(end, start + 1))
            index[op_id] = op
        term = terms.get(ops[0].order_no)
        due = (to_minutes(now, datetime.combine(term.due, time(17), SHANGHAI))
               if term else 2**40)
        orders.append(WorkOrder(wo_no, tuple(engine_ops), due=due,
                                priority=PRIORITY["rush"] if term and term.rush else 0,
                                grade=term.grade if term else "B"))
    problem = replace(plant.problem, orders=tuple(orders))
    return LiveView(plant, problem, Schedule(placed, method="live", objective=0), index,
                    spans_of(downtime, now, set(calendars)))


def spans_of(held, now: datetime, centres: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Time held on the work centres (breakdowns, operations: anything with `work_centre`,
    `start`, `finish`) as engine minutes from `now`, per work centre; the past left out."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for d in held:
        if d.work_centre in centres and to_minutes(now, d.finish) > 0:
            spans.setdefault(d.work_centre, []).append(
                (max(0, to_minutes(now, d.start)), to_minutes(now, d.finish)))
    return spans


def join_spans(spans: dict[str, list[tuple[int, int]]],
          more: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]]:
    joined = {centre: list(intervals) for centre, intervals in spans.items()}
    for centre, intervals in more.items():
        joined.setdefault(centre, []).extend(intervals)
    return joined


def _frozen_bookings(view: LiveView) -> list[tuple[str, datetime, datetime]]:
    return [(op.work_centre, to_datetime(view.now, op.start), to_datetime(view.now, op.end))
            for order in view.problem.orders for engine_op in order.operations
            if engine_op.fixed_start is not None
            for op in [view.schedule.operations[engine_op.id]]]


def _on_dedicated_line(product: Product, centres: list[WorkCentreSpec]) -> tuple[Product, str]:
    """The product's routing with each step on a line a dedicated rush line stands in for
    moved to that dedicated line (PLN-9); the dedicated line's code, or '' if none fits."""
    dedicated = {c.dedicated_rush_for: c.code for c in centres if c.dedicated_rush_for}
    steps = tuple(RoutingStep(s.step, dedicated.get(s.work_centre, s.work_centre),
                              s.minutes_per_unit) for s in product.routing)
    used = sorted({dedicated[s.work_centre] for s in product.routing
                   if s.work_centre in dedicated})
    return replace(product, routing=steps), ",".join(used)


def insert_rush(view: LiveView, master: MasterData, company_id: str,
                lines: list[tuple[int, Product, Decimal]], grade: str, supply: Supply,
                budget: Budget | None = None) -> Replan:
    """Place the rush order first (ORD-4, PLN-9) and repair the rest of the plan around it."""
    budget = budget or Budget()
    centres = master.centres_of(company_id)
    small = sum(q for _, _, q in lines) <= SMALL_RUSH_UNITS
    dedicated_line = None
    frozen_only = Plant(centres, view.now, [Booking(c, s, e) for c, s, e in
                                            _frozen_bookings(view)] + [
        Booking(c, to_datetime(view.now, s), to_datetime(view.now, e))
        for c, spans in view.downtime.items() for s, e in spans])
    reservations: list[Reserved] = []
    for line_no, product, quantity in lines:
        budget.check(f"placing rush line {line_no}")
        if grade == "A" and small:  # PLN-9: an A-grade small rush may use a dedicated line
            product, line = _on_dedicated_line(product, centres)
            dedicated_line = dedicated_line or line or None
        materials = promise_materials(master, company_id, product, quantity, view.now, supply)
        placed = frozen_only.place(product, quantity, materials)
        reservations += [Reserved(line_no, op.step, op.work_centre, op.planned_start,
                                  op.planned_finish) for op in placed.operations]
    blocked: dict[str, list[tuple[int, int]]] = {}
    for r in reservations:
        blocked.setdefault(r.work_centre, []).append(
            (to_minutes(view.now, r.start), to_minutes(view.now, r.finish)))
    budget.check("repairing the plan around the rush order")
    repaired = right_shift(view.problem, view.schedule, join_spans(view.downtime, blocked))
    replan = changes(view, repaired)
    replan.reservations = reservations
    replan.completion = max(r.finish for r in reservations)
    replan.dedicated_line = dedicated_line
    return replan


def resequence(view: LiveView, budget: Budget | None = None, seconds: float = 2.0) -> Replan:
    """PLN-7: the engine's sequence by due date, urgency and grade; frozen work in place."""
    budget = budget or Budget()
    budget.check("re-sequencing")
    seconds = max(0.05, min(seconds, budget.remaining / 2))
    schedule = solve(view.problem, time_limit=seconds, use_cp_sat=False,
                     heuristic_time=seconds)
    if view.downtime:  # the engine knows shifts, not breakdowns: keep its sequence, clear of them
        schedule = right_shift(view.problem, schedule, view.downtime)
    return changes(view, schedule)


def breakdown(view: LiveView, down: Downtime, budget: Budget | None = None) -> Replan:
    """PLN-5: a work centre is out of action: the plan repaired by right shift around it
    (and every other breakdown), so only the work it reaches moves, by what it must."""
    (budget or Budget()).check("repairing the plan around the breakdown")
    blocked = spans_of([down], view.now, {wc.id for wc in view.problem.work_centres})
    return changes(view, right_shift(view.problem, view.schedule,
                                     join_spans(view.downtime, blocked),
                                     method="repair:breakdown"))


def changes(view: LiveView, new: Schedule) -> Replan:
    """What moved between the live plan and `new`: every operation whose slot changed, and
    every work order whose finish changed (old and new)."""
    moves, old_finish, new_finish, first = [], {}, {}, {}
    started = {op.id for order in view.problem.orders for op in order.operations
               if op.fixed_start is not None}
    for op_id, was in view.schedule.operations.items():
        now_at, live = new.operations[op_id], view.ops[op_id]
        finish = live.finish
        if op_id not in started and (now_at.start, now_at.end) != (was.start, was.end):
            # the engine counts whole minutes from `now`; the plan holds times to the
            # second: shift the held times by the engine's move, so a delay is exactly it
            finish = live.finish + timedelta(minutes=now_at.end - was.end)
            moves.append(Move(live.work_order_no, live.step, live.work_centre,
                              live.start + timedelta(minutes=now_at.start - was.start),
                              finish))
        wo = live.work_order_no
        first.setdefault(wo, live)
        old_finish[wo] = max(old_finish.get(wo, live.finish), live.finish)
        new_finish[wo] = max(new_finish.get(wo, finish), finish)
    impacts = [Impact(first[wo].order_no, wo, first[wo].line_no, old, new_finish[wo])
               for wo, old in old_finish.items() if new_finish[wo] != old]
    impacts.sort(key=lambda i: (-i.delay_minutes, i.order_no, i.line_no))
    return Replan(moves, impacts)


def shift_text(minutes: int) -> str:
    hours, rest = divmod(abs(minutes), 60)
    sign = "later" if minutes >= 0 else "earlier"
    return f"{hours} h {rest:02d} min {sign}" if rest else f"{hours} h {sign}"


def describe(impact: Impact) -> str:
    return (f"order {impact.order_no} line {impact.line_no} ({impact.work_order_no}) finishes "
            f"{impact.new_finish.astimezone(SHANGHAI):%Y-%m-%d %H:%M} instead of "
            f"{impact.old_finish.astimezone(SHANGHAI):%Y-%m-%d %H:%M}: "
            f"{shift_text(impact.delay_minutes)}")


