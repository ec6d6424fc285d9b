"""Planning's business figures for the dashboards (servicekit.business_metrics): work in
progress is work orders by state."""

from __future__ import annotations

from planning.adapters.tables import material_requests, plans, work_orders
from servicekit.business_metrics import records

MEASURES = (records("work_order", work_orders), records("plan", plans),
            records("material_request", material_requests))
