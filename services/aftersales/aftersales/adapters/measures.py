"""After-sales' business figures for the dashboards (servicekit.business_metrics)."""

from __future__ import annotations

from aftersales.adapters.tables import requests
from servicekit.business_metrics import records

MEASURES = (records("service_request", requests),)
