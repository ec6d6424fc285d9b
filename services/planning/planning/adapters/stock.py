"""Planning's copy of group-wide stock (PLN-2, CO-2): rows <-> StockFact.

Filled from procurement's `procurement.stock_level_changed` events (and the reference data's
opening balance at seed); never read from procurement's tables. A fact older than the one
held is ignored: events may arrive out of order.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import insert, select, update

from planning.adapters.tables import stock_facts
from planning.domain.material_promise import StockFact
from servicekit.repository import Repository


class SqlStockFacts(Repository):
    def record(self, company_id: str, material_code: str, on_hand: Decimal,
               available: Decimal, as_of: datetime) -> bool:
        """Keep the newest fact of a holding; False if `as_of` is older than the one held."""
        key = (stock_facts.c.company_id == company_id) & (
            stock_facts.c.material_code == material_code)
        held = self.session.execute(select(stock_facts.c.as_of).where(key)
                                    .with_for_update()).scalar()
        values = {"on_hand": on_hand, "available": available, "as_of": as_of}
        if held is None:
            self.session.execute(insert(stock_facts).values(
                company_id=company_id, material_code=material_code, **values))
            return True
        if as_of < held:
            return False
        self.session.execute(update(stock_facts).where(key).values(**values))
        return True

    def exists(self, company_id: str, material_code: str) -> bool:
        return self.session.execute(select(stock_facts.c.as_of).where(
            stock_facts.c.company_id == company_id,
            stock_facts.c.material_code == material_code)).first() is not None

    def for_materials(self, codes: set[str]) -> list[StockFact]:
        """Every company's available stock of these materials (group-wide, CO-2)."""
        if not codes:
            return []
        rows = self.session.execute(
            select(stock_facts).where(stock_facts.c.material_code.in_(sorted(codes)))
            .order_by(stock_facts.c.material_code, stock_facts.c.company_id)).all()
        return [StockFact(r.company_id, r.material_code, Decimal(r.available)) for r in rows]
