"""Production statistics (PLN-14): use case.

Efficiency, defect rate, equipment utilisation and on-time rate of one company (or the
whole group, for group roles only) and a period of at most 366 days, optionally of one work
centre. The facts of the period are read in one transaction; the figures are computed
(planning.domain.statistics) off the eventlet hub within the time budget
(planning.computing): a period too heavy to count in time is refused, never a held service.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from functools import partial

from contracts.rpc.closing import ProductionStatisticsPublic
from contracts.rpc.common import Actor
from planning import computing
from planning.computing import Compute
from planning.domain import statistics as model
from planning.domain.errors import MasterRecordNotFound, NotAllowedToPlan, NotInPlanning


def production_statistics(actor: Actor, company_id: str | None, period_from: date,
                          period_to: date, work_centre: str | None, uow,
                          compute: Compute | None = None) -> ProductionStatisticsPublic:
    period = model.Period(period_from, period_to)
    if company_id is None and actor.companies is not None:
        raise NotAllowedToPlan("group-wide statistics are for the group's roles: name "
                               "your company", {"companies": actor.companies})
    if company_id is not None and not actor.may_see(company_id):
        raise NotInPlanning(f"company {company_id} not found")
    companies = None if company_id is None else [company_id]
    start, end = period.begins, period.ends
    with uow:
        centres = [c for c in uow.master_data.load().work_centres.values()
                   if companies is None or c.company_id in companies]
        if work_centre is not None and work_centre not in {c.code for c in centres}:
            raise MasterRecordNotFound(f"no work centre {work_centre}"
                                       + (f" of {company_id}" if company_id else ""))
        facts = uow.production_facts
        work_orders = facts.work_orders_between(companies, start, end)
        orders = facts.orders_stocked_between(companies, start, end)
        records = facts.records_between(companies, start, end)
        closed = uow.closings.closed_between(companies, start, end)
        centres_of_order = {} if work_centre is None else facts.centres_of_orders(
            [*(w.order_no for w in work_orders), *(o.order_no for o in orders),
             *(r.order_no for r in records), *(c.order_no for c in closed)])
    stats = (compute or computing.inline())(partial(  # task(budget), off the hub
        model.compute, model.Facts(work_orders, orders, records, closed, centres,
                                   centres_of_order), period, work_centre))
    return ProductionStatisticsPublic(
        company_id=company_id, work_centre=work_centre, period_from=period.start,
        period_to=period.end, efficiency=asdict(stats.efficiency),
        defects={**asdict(stats.defects), "defective_units": stats.defects.defective_units},
        utilisation=[asdict(u) for u in stats.utilisation], on_time=asdict(stats.on_time))

