"""An outsourcing lead time as capable-to-promise's binding constraint (PLN-2, PLN-10).

A line whose part has an operation out at a partner cannot be finished before the partner
returns it on the agreed date (and, when in-house steps follow, before the next working day
after it). When that is later than the plant's own answer the line's date moves to it and
the answer says why: "outsourcing lead time at <partner>". Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time

from planning.domain.feasibility import Answer, LineAnswer, PeggingStep
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

OUTSOURCING = "outsourcing"


@dataclass(frozen=True)
class OutsourcedReturn:
    outsourcing_no: str
    product_code: str
    step: int
    partner_name: str
    agreed_return_date: date
    last_step: bool


def ready_date(out: OutsourcedReturn, calendar: WorkCalendar = DEFAULT_CALENDAR) -> date:
    """When the line can be finished: the return day, or the next working day after it
    when in-house operations still follow."""
    return out.agreed_return_date if out.last_step \
        else calendar.next_workday(out.agreed_return_date)


def bound_by_outsourcing(answer: Answer, returns: list[OutsourcedReturn],
                         calendar: WorkCalendar = DEFAULT_CALENDAR) -> Answer:
    if not returns:
        return answer
    lines = [_bound_line(line, [r for r in returns if r.product_code == line.product_code],
                         calendar) for line in answer.lines]
    latest = max(lines, key=lambda line: line.earliest_date)
    return Answer(feasible=all(line.feasible for line in lines),
                  earliest_date=latest.earliest_date, binding_kind=latest.binding_kind,
                  binding_constraint=latest.binding_constraint, lines=tuple(lines))


def _bound_line(line: LineAnswer, returns: list[OutsourcedReturn], calendar) -> LineAnswer:
    if not returns:
        return line
    out = max(returns, key=lambda r: ready_date(r, calendar))
    ready = ready_date(out, calendar)
    sentence = (f"outsourcing lead time at {out.partner_name}: step {out.step} of "
                f"{out.product_code} returns on {out.agreed_return_date.isoformat()} "
                f"({out.outsourcing_no})")
    binding = ready > line.earliest_date
    step = PeggingStep(OUTSOURCING, out.partner_name, OUTSOURCING,
                       datetime.combine(out.agreed_return_date, time(17), tzinfo=calendar.tz),
                       sentence, binding=binding)
    pegging = tuple(dataclasses.replace(p, binding=False) if binding else p
                    for p in line.pegging) + (step,)
    if not binding:
        return dataclasses.replace(line, pegging=pegging)
    return dataclasses.replace(line, earliest_date=ready, feasible=ready <= line.requested_date,
                               binding_kind=OUTSOURCING, binding_constraint=sentence,
                               pegging=pegging)
