"""Quality statistics of a company and period (QLT-5), through the gateway."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from contracts.rpc.common import Actor
from contracts.rpc.quality import QualityStatisticsPublic
from quality import views
from quality.domain import statistics
from quality.domain.errors import CompanyNotFound
from quality.domain.inspection import lot_pass_rates
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar


def quality_statistics(actor: Actor, company_id: str, period_from: date, period_to: date,
                       uow, calendar: WorkCalendar = DEFAULT_CALENDAR
                       ) -> QualityStatisticsPublic:
    """QLT-5: lot pass rate per supplier, first-pass yield and the defect Pareto of one
    company, over local dates from `period_from` to `period_to` inclusive."""
    if not actor.may_see(company_id):
        raise CompanyNotFound(f"company {company_id} not found")
    period = statistics.Period(period_from, period_to)
    start = datetime.combine(period.start, time(0), tzinfo=calendar.tz)
    end = datetime.combine(period.end + timedelta(days=1), time(0), tzinfo=calendar.tz)

    def within(moment: datetime | None) -> bool:
        return moment is not None and start <= moment < end

    with uow:
        lots = uow.lots.inspected_between(company_id, start, end)
        finals = uow.final_inspections.of_orders_inspected_between(company_id, start, end)
        found = uow.findings.found_between(company_id, start, end)
        complaints = uow.nonconformances.complaints_between(company_id, start, end)
    in_period = [item for item in finals if within(item.inspected_at)]
    return QualityStatisticsPublic(
        company_id=company_id, period_from=period.start, period_to=period.end,
        supplier_pass_rates=views.supplier_lot_pass_rates(lot_pass_rates(lots)),
        first_pass_yield=statistics.first_pass_yield(finals, within),
        defect_pareto=statistics.pareto(
            statistics.defect_categories(lots, in_period, found, complaints)))
