"""Procurement's master data entrypoints (issue 17), mixed into ProcurementService."""

from __future__ import annotations

from contracts.rpc.procurement import API
from procurement import masterdata
from servicekit.rpcs import exposes

expose = exposes(API)


class ProcurementMasterDataEntrypoints:
    @expose
    def create_material(self, actor, material):
        return masterdata.create_material(actor, material, self.uow)

    @expose
    def search_suppliers(self, actor, search, approved_only, offset, limit):
        return masterdata.search_suppliers(actor, search, approved_only, offset, limit,
                                           self.uow)

    @expose
    def create_supplier(self, actor, supplier):
        return masterdata.create_supplier(actor, supplier, self.uow)

    @expose
    def change_supplier(self, actor, supplier_code, change):
        return masterdata.change_supplier(actor, supplier_code, change, self.uow)

    @expose
    def retire_supplier(self, actor, supplier_code):
        return masterdata.retire_supplier(actor, supplier_code, self.uow)

    @expose
    def import_suppliers(self, actor, suppliers):
        return masterdata.import_suppliers(actor, suppliers, self.uow)
