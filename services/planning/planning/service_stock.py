"""Planning's make-to-stock entrypoints (PLN-11), mixed into PlanningService."""

from __future__ import annotations

from contracts.rpc.planning import API
from planning import replenishment
from servicekit.rpcs import exposes

expose = exposes(API)


class PlanningStockEntrypoints:
    @expose
    def set_stock_levels(self, actor, product_code, levels):
        return replenishment.set_stock_levels(actor, product_code, levels, self.uow,
                                              self.compute)

    @expose
    def count_stock(self, actor, product_code, count):
        return replenishment.count_stock(actor, product_code, count, self.uow, self.compute)

    @expose
    def list_stock_targets(self, actor, company_id, after, limit):
        return replenishment.list_stock_targets(actor, company_id, after, limit, self.uow)
