"""Planning's closing (PLN-13) and statistics (PLN-14) entrypoints, mixed into
PlanningService."""

from __future__ import annotations

from contracts.rpc.planning import API
from planning import closing as closings
from planning import production_statistics
from servicekit.rpcs import exposes

expose = exposes(API)


class PlanningClosingEntrypoints:
    @expose
    def close_order(self, actor, order_no, closing):
        return closings.close_order(actor, order_no, closing, self.uow)

    @expose
    def get_closing(self, actor, order_no):
        return closings.get_closing(actor, order_no, self.uow)

    @expose
    def production_statistics(self, actor, company_id, period_from, period_to, work_centre):
        return production_statistics.production_statistics(
            actor, company_id, period_from, period_to, work_centre, self.uow, self.compute)
