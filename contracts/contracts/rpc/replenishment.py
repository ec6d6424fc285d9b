"""Make-to-stock replenishment of standard items (PLN-11). Its methods join planning's
table."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import Code, CompanyId, CompletedQuantity, Quantity
from contracts.rpc.common import PageAfter, PageLimit, StrictPayload


class StockLevelsSet(StrictPayload):
    """A standard item's finished-goods levels (PLN-11), set by a planner."""

    minimum: CompletedQuantity = Field(description="replenish when on hand plus being "
                                                   "made falls below this")
    maximum: Quantity = Field(description="replenish up to this")


class StockCounted(StrictPayload):
    """The store's count of a standard item in the finished-goods store (a stock take)."""

    on_hand: CompletedQuantity


class StockTargetPublic(BaseModel):
    """A product's make-to-stock levels (PLN-11), what is on hand and what is being made;
    levels None: the product is made to order only."""

    company_id: str
    product_code: str
    name: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    on_hand: Decimal = Decimal(0)
    being_made: Decimal = Field(default=Decimal(0), description="of replenishment orders "
                                                                "not yet in the store")
    below_minimum: bool = Field(default=False, description="on hand plus being made is "
                                                           "below the minimum")
    replenishment_orders: list[str] = Field(default_factory=list,
                                            description="open replenishment orders (MTS-...)")
    planned_now: str | None = Field(default=None, description="the replenishment order this "
                                                              "act planned, if any")
    set_by: str | None = None
    set_at: datetime | None = None
    counted_by: str | None = None
    counted_at: datetime | None = None


METHODS = [
    command("set_stock_levels", product_code=Code, levels=StockLevelsSet,
            reply=StockTargetPublic, refuses=(NotFound, Forbidden, InvalidRequest, Conflict),
            doc="PLN-11: a planner sets a standard item's min/max finished-goods levels; a "
                "replenishment order (MTS-...) is planned at once if stock is short; "
                "Conflict if the plant has no room for it within the horizon or budget"),
    command("count_stock", product_code=Code, count=StockCounted, reply=StockTargetPublic,
            refuses=(NotFound, Forbidden, InvalidRequest, Conflict),
            doc="PLN-11: the store's count of a standard item with levels; below the minimum "
                "it plans a replenishment order up to the maximum"),
    query("list_stock_targets", company_id=(CompanyId | None, None),
          after=(PageAfter, None), limit=(PageLimit, 100), reply=list[StockTargetPublic],
          doc="PLN-11: your companies' products by code, a page after `after`, each with "
              "its make-to-stock levels (None: made to order only), on hand and being made"),
]
