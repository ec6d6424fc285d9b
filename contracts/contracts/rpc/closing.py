"""Closing a production order (PLN-13) and the production statistics (PLN-14). Its methods
join planning's table."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import NO_NUL, BoundedDate, Code, CompanyId, decimal_text
from contracts.rpc.common import BusinessNo, StrictPayload

# Money spent or budgeted on one order: 0 to a trillion, in cents.
Cost = decimal_text(digits=12, places=2, above_zero=False,
                    words="an amount from 0 with at most 2 decimals")
# Hours booked on one order: 0 to 1,000,000, in hundredths.
Hours = decimal_text(digits=6, places=2, above_zero=False,
                     words="hours from 0 to 1000000 with at most 2 decimals")
Rate = Decimal | None


class ClosingCreate(StrictPayload):
    """What the planner enters to close a completed order (PLN-13). Planning holds no
    prices, so the cost is entered here; the quantities and hours come from the plan."""

    actual_cost: Cost = Field(description="what the order cost, in `currency`")
    planned_cost: Cost | None = Field(default=None, description="the order's cost budget, "
                                                                "if there is one")
    actual_hours: Hours | None = Field(default=None, description="labour hours booked on "
                                                                 "the order")
    currency: str = Field(default="CNY", pattern=r"^[A-Z]{3}$")
    note: str = Field(default="", max_length=1000, pattern=NO_NUL)


class ClosingLinePublic(BaseModel):
    product_code: str
    planned_quantity: Decimal
    produced_quantity: Decimal
    scrapped_quantity: Decimal
    good_quantity: Decimal
    quantity_variance: Decimal = Field(description="good minus planned")


class ClosingPublic(BaseModel):
    """A closed order's reconciliation (PLN-13): planned vs actual quantity, scrap (from
    quality's scrap records, QLT-4), hours and cost."""

    closing_no: str
    order_no: str
    plan_no: str
    company_id: str
    closed_by: str
    closed_at: datetime
    planned_completion: datetime
    completed_at: datetime = Field(description="stocked (PLN-12)")
    on_time: bool = Field(description="stocked by the plan's completion")
    lines: list[ClosingLinePublic]
    planned_quantity: Decimal
    produced_quantity: Decimal
    scrapped_quantity: Decimal
    unattributed_scrapped: Decimal = Field(description="scrap naming no product of the plan")
    good_quantity: Decimal
    quantity_variance: Decimal = Field(description="good minus planned")
    reworked_quantity: Decimal = Field(description="units quality sent to rework (QLT-4)")
    scrap_records: list[str] = Field(description="planning's scrap records (SCR-...)")
    standard_hours: Decimal = Field(description="routing minutes x planned quantity")
    earned_hours: Decimal = Field(description="routing minutes x good quantity")
    actual_hours: Decimal | None = None
    efficiency: Rate = Field(default=None, description="earned per actual hour")
    actual_cost: Decimal
    planned_cost: Decimal | None = None
    cost_variance: Decimal | None = Field(default=None, description="actual minus planned")
    currency: str
    cost_basis: str = Field(description="where the cost figures come from")
    note: str = ""


# -- PLN-14 -----------------------------------------------------------------------------
class EfficiencyPublic(BaseModel):
    planned_quantity: Decimal = Field(description="of work orders planned to finish in the "
                                                  "period")
    produced_quantity: Decimal
    output_rate: Rate = Field(description="produced of planned units")
    closed_orders: int
    earned_hours: Decimal = Field(description="of orders closed in the period that booked "
                                              "hours (PLN-13)")
    actual_hours: Decimal
    hours_efficiency: Rate = Field(description="earned standard per actual hour")


class DefectsPublic(BaseModel):
    produced_units: Decimal = Field(description="of work orders done in the period")
    scrapped_units: Decimal
    reworked_units: Decimal
    defective_units: Decimal = Field(description="of NCR records (QLT-4) made in the period")
    defect_rate: Rate


class UtilisationPublic(BaseModel):
    work_centre: str
    company_id: str
    available_hours: Decimal = Field(description="working hours of its shifts on the "
                                                 "company calendar")
    booked_hours: Decimal = Field(description="working hours its scheduled operations hold")
    utilisation: Rate


class OnTimePublic(BaseModel):
    work_orders_finished: int
    work_orders_on_time: int = Field(description="done by their planned finish")
    work_order_rate: Rate
    orders_completed: int = Field(description="stocked in the period (PLN-12)")
    orders_on_time: int = Field(description="stocked by the plan's completion")
    order_rate: Rate


class ProductionStatisticsPublic(BaseModel):
    """PLN-14 for a company (none: the group) and period (local dates, inclusive). Rates
    are truncated to 4 places; none where nothing was counted."""

    company_id: str | None = None
    work_centre: str | None = None
    period_from: date
    period_to: date
    efficiency: EfficiencyPublic
    defects: DefectsPublic
    utilisation: list[UtilisationPublic]
    on_time: OnTimePublic


METHODS = [
    command("close_order", order_no=BusinessNo, closing=ClosingCreate, reply=ClosingPublic,
            refuses=(NotFound, Conflict),
            doc="PLN-13: a planner closes a completed (stocked, PLN-12) order: planned vs "
                "actual quantity, scrap, hours and cost reconciled; Conflict before it is "
                "complete or once closed"),
    query("get_closing", order_no=BusinessNo, reply=ClosingPublic, refuses=(NotFound,),
          doc="PLN-13: an order's closing"),
    query("production_statistics", company_id=(CompanyId | None, None),
          period_from=BoundedDate, period_to=BoundedDate, work_centre=(Code | None, None),
          reply=ProductionStatisticsPublic, refuses=(NotFound, Forbidden, Conflict,
                                                     InvalidRequest),
          doc="PLN-14: efficiency, defect rate, equipment utilisation and on-time rate of a "
              "company (group-wide only for the group) and period of at most 366 days; "
              "computed off the event loop within the time budget (Conflict beyond it)"),
]
