"""Make-to-stock levels (PLN-11) in and out of planning's database, and what of each
standard item is being made (open replenishment work orders). Migration 0013."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, insert, select, update

from planning.adapters.tables import plans, stock_targets, work_orders
from planning.domain.replenishment import PREFIX, StockTarget
from servicekit.repository import Repository


class SqlStockTargets(Repository):
    def get(self, company_id: str, product_code: str, *,
            for_update: bool = False) -> StockTarget | None:
        query = select(stock_targets).where(stock_targets.c.company_id == company_id,
                                            stock_targets.c.product_code == product_code)
        row = self.session.execute(query.with_for_update() if for_update else query).first()
        return None if row is None else StockTarget(**row._mapping)

    def add(self, target: StockTarget) -> None:
        self.session.execute(insert(stock_targets).values(**target.__dict__))

    def save(self, target: StockTarget) -> None:
        self.session.execute(update(stock_targets).where(
            stock_targets.c.company_id == target.company_id,
            stock_targets.c.product_code == target.product_code).values(**target.__dict__))

    def for_products(self, codes: list[str]) -> dict[str, StockTarget]:
        """The targets of these products (a product code is the group's), by code."""
        if not codes:
            return {}
        rows = self.session.execute(
            select(stock_targets).where(stock_targets.c.product_code.in_(codes))).all()
        return {row.product_code: StockTarget(**row._mapping) for row in rows}

    def being_made(self, company_id: str, product_code: str) -> tuple[Decimal, list[str]]:
        """What the item's replenishment orders not yet in the store will bring, and those
        orders (MTS-...): made or not, their goods are on their way."""
        return self.being_made_of(company_id, [product_code]).get(product_code,
                                                                   (Decimal(0), []))

    def being_made_of(self, company_id: str | None,
                      codes: list[str]) -> dict[str, tuple[Decimal, list[str]]]:
        """`being_made` of a page of products in one query (issue 16: a page costs the same
        however many rows it holds); `company_id` None: the products' own companies."""
        if not codes:
            return {}
        query = (select(work_orders.c.product_code, work_orders.c.order_no,
                        func.sum(work_orders.c.quantity))
                 .join(plans, plans.c.plan_no == work_orders.c.plan_no)
                 .where(work_orders.c.product_code.in_(codes),
                        work_orders.c.order_no.like(f"{PREFIX}-%"),
                        plans.c.stocked_at.is_(None))
                 .group_by(work_orders.c.product_code, work_orders.c.order_no)
                 .order_by(work_orders.c.product_code, work_orders.c.order_no))
        if company_id is not None:
            query = query.where(work_orders.c.company_id == company_id)
        made: dict[str, tuple[Decimal, list[str]]] = {}
        for code, order_no, quantity in self.session.execute(query).all():
            total, orders = made.get(code, (Decimal(0), []))
            made[code] = (total + Decimal(quantity), [*orders, order_no])
        return made
