"""Procurement's business figures for the dashboards (servicekit.business_metrics)."""

from __future__ import annotations

from procurement.adapters.tables import material_requests, purchase_orders
from servicekit.business_metrics import records

MEASURES = (records("purchase_order", purchase_orders),
            records("material_request", material_requests))
