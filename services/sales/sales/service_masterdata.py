"""Sales' master data entrypoints (issue 17), mixed into SalesService: thin, as the rest."""

from __future__ import annotations

from contracts.rpc.sales import API
from sales import masterdata
from servicekit.rpcs import exposes

expose = exposes(API)


class SalesMasterDataEntrypoints:
    @expose
    def search_customers(self, actor, search, company_id, include_retired, offset, limit):
        return masterdata.search_customers(actor, search, company_id, include_retired, offset,
                                           limit, self.uow)

    @expose
    def create_customer(self, actor, customer):
        return masterdata.create_customer(actor, customer, self.uow)

    @expose
    def change_customer(self, actor, company_id, customer_code, change):
        return masterdata.change_customer(actor, company_id, customer_code, change, self.uow)

    @expose
    def retire_customer(self, actor, company_id, customer_code):
        return masterdata.retire_customer(actor, company_id, customer_code, self.uow)

    @expose
    def import_customers(self, actor, customers):
        return masterdata.import_customers(actor, customers, self.uow)

    @expose
    def set_price(self, actor, price):
        return masterdata.set_price(actor, price, self.uow)

    @expose
    def list_prices(self, actor, company_id, product_code, offset, limit):
        return masterdata.list_prices(actor, company_id, product_code, offset, limit, self.uow)

    @expose
    def master_data_changes(self, actor, kind, key, offset, limit):
        return masterdata.master_data_changes(actor, kind, key, offset, limit, self.uow)
