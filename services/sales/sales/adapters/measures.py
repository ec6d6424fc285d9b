"""Sales' business figures for the dashboards (servicekit.business_metrics)."""

from __future__ import annotations

from sqlalchemy import func, select

from contracts.events.sales import OrderStatus
from sales.adapters.tables import orders, payments
from servicekit import metrics
from servicekit.business_metrics import Measure, records

# SAL-10: once goods have left, whatever of the contract is unpaid is overdue
SHIPPED = (OrderStatus.SHIPPED.value, OrderStatus.DELIVERED.value)


def _overdue_receivables(conn) -> dict[tuple[str, ...], float]:
    paid = (select(payments.c.order_no, func.sum(payments.c.amount).label("paid"))
            .group_by(payments.c.order_no).subquery())
    unpaid = orders.c.contract_total - func.coalesce(paid.c.paid, 0)
    rows = conn.execute(
        select(orders.c.company_id, func.sum(unpaid))
        .select_from(orders.outerjoin(paid, paid.c.order_no == orders.c.order_no))
        .where(orders.c.status.in_(SHIPPED), unpaid > 0)
        .group_by(orders.c.company_id))
    totals = {(company,): float(total or 0) for company, total in rows}
    # every company with orders has a figure, 0 when nothing is overdue
    companies = conn.execute(select(orders.c.company_id).distinct()).scalars()
    return {(company,): totals.get((company,), 0.0) for company in companies}


MEASURES = (records("order", orders), Measure(metrics.OVERDUE_RECEIVABLES, _overdue_receivables))
