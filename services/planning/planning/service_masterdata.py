"""Planning's master data entrypoints (issue 17), mixed into PlanningService."""

from __future__ import annotations

from contracts.envelope import EventEnvelope
from contracts.events.procurement import SupplierChanged
from contracts.rpc.planning import API
from planning import masterdata
from servicekit.events import event_handler
from servicekit.rpcs import exposes

expose = exposes(API)


class PlanningMasterDataEntrypoints:
    @expose
    def search_products(self, actor, search, company_id, include_retired, offset, limit):
        return masterdata.search_products(actor, search, company_id, include_retired, offset,
                                          limit, self.uow)

    @expose
    def create_product(self, actor, product):
        return masterdata.create_product(actor, product, self.uow)

    @expose
    def change_product(self, actor, product_code, change):
        return masterdata.change_product(actor, product_code, change, self.uow)

    @expose
    def retire_product(self, actor, product_code):
        return masterdata.retire_product(actor, product_code, self.uow)

    @expose
    def list_work_centres(self, actor, company_id, offset, limit):
        return masterdata.list_work_centres(actor, company_id, offset, limit, self.uow)

    @expose
    def create_work_centre(self, actor, work_centre):
        return masterdata.create_work_centre(actor, work_centre, self.uow)

    @expose
    def change_work_centre(self, actor, code, change):
        return masterdata.change_work_centre(actor, code, change, self.uow)

    @event_handler("procurement.supplier_changed")
    def on_supplier_changed(self, event: EventEnvelope, payload: SupplierChanged):
        masterdata.supplier_changed(event, payload, self.uow)
