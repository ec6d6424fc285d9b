"""The customer master and the dated price list, as maintained through the gateway
(issue 17)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import insert, select, update

from sales.adapters.tables import customers, price_list
from servicekit import masterdata
from servicekit.repository import Repository, visible_to

CUSTOMER_FIELDS = ("company_id", "customer_code", "name", "grade", "address", "payment_terms",
                   "contacts", "retired")


class SqlSalesMasterData(Repository):
    def customer(self, company_id: str, customer_code: str) -> dict | None:
        """A customer, retired or not."""
        row = self.session.execute(select(customers).where(
            customers.c.company_id == company_id,
            customers.c.customer_code == customer_code)).first()
        return {name: row._mapping[name] for name in CUSTOMER_FIELDS} if row else None

    def search_customers(self, companies: list[str] | None, *, search: str | None,
                         company_id: str | None, include_retired: bool, offset: int,
                         limit: int) -> tuple[list[dict], int]:
        query = visible_to(select(customers), customers, companies)
        if company_id:
            query = query.where(customers.c.company_id == company_id)
        if not include_retired:
            query = query.where(customers.c.retired.is_(False))
        query = masterdata.searched(query, [customers.c.customer_code, customers.c.name],
                                    search)
        rows, total = masterdata.page(self.session, query.order_by(
            customers.c.company_id, customers.c.customer_code), offset=offset, limit=limit)
        return [{name: row._mapping[name] for name in CUSTOMER_FIELDS} for row in rows], total

    def add_customer(self, record: dict) -> None:
        self.session.execute(insert(customers).values(**record))

    def save_customer(self, record: dict) -> None:
        self.session.execute(update(customers).where(
            customers.c.company_id == record["company_id"],
            customers.c.customer_code == record["customer_code"]).values(**record))

    # -- the price list, by version ----------------------------------------------------
    def price_version(self, company_id: str, product_code: str,
                      effective_from: date) -> dict | None:
        row = self.session.execute(select(price_list).where(
            price_list.c.company_id == company_id, price_list.c.product_code == product_code,
            price_list.c.effective_from == effective_from)).first()
        return dict(row._mapping) if row else None

    def put_price(self, record: dict) -> None:
        key = (record["company_id"], record["product_code"], record["effective_from"])
        if self.price_version(*key):
            self.session.execute(update(price_list).where(
                price_list.c.company_id == key[0], price_list.c.product_code == key[1],
                price_list.c.effective_from == key[2]).values(**record))
        else:
            self.session.execute(insert(price_list).values(**record))

    def price_versions(self, company_id: str, product_code: str | None, *, offset: int,
                       limit: int) -> list[dict]:
        query = select(price_list).where(price_list.c.company_id == company_id)
        if product_code:
            query = query.where(price_list.c.product_code == product_code)
        query = query.order_by(price_list.c.product_code, price_list.c.effective_from.desc())
        return [dict(row._mapping) | {"unit_price": Decimal(row.unit_price)}
                for row in self.session.execute(query.offset(offset).limit(limit))]
