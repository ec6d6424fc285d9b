"""Logistics' business figures for the dashboards (servicekit.business_metrics): the
on-time rate compares each delivery with the arrival promised at dispatch (LOG-4/LOG-6)."""

from __future__ import annotations

from sqlalchemy import case, func, select

from logistics.adapters.tables import shipments
from servicekit import metrics
from servicekit.business_metrics import Measure, records


def _deliveries(conn) -> dict[tuple[str, ...], float]:
    timeliness = case((shipments.c.expected_arrival.is_(None), "no_promise"),
                      (shipments.c.delivered_at <= shipments.c.expected_arrival, "on_time"),
                      else_="late").label("timeliness")
    rows = conn.execute(select(shipments.c.company_id, timeliness, func.count())
                        .where(shipments.c.delivered_at.is_not(None))
                        .group_by(shipments.c.company_id, "timeliness"))
    found = {(company, when): count for company, when, count in rows}
    # on_time and late exist for every company that shipped: the rate's parts are never absent
    companies = conn.execute(select(shipments.c.company_id).distinct()).scalars()
    for company in companies:
        for when in ("on_time", "late"):
            found.setdefault((company, when), 0)
    return found


MEASURES = (records("shipment", shipments), Measure(metrics.DELIVERIES, _deliveries))
