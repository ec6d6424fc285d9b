"""Quality's business figures for the dashboards (servicekit.business_metrics): the lot
pass rate is accepted lots over inspected ones (QLT-1)."""

from __future__ import annotations

from quality.adapters.tables import final_inspections, lots, nonconformances
from servicekit.business_metrics import records

MEASURES = (records("lot", lots), records("final_inspection", final_inspections),
            records("nonconformance", nonconformances))
