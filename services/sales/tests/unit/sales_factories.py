"""Builders for domain tests: an order in a given state without the database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from contracts.events.sales import NonRegularReason, OrderKind
from sales.domain import model, pricing

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REQUESTED = date(2026, 4, 1)
CUSTOMER = {"customer_code": "CUST-001", "name": "State Grid Jiangsu", "grade": "A",
            "address": "No. 1 Grid Road"}
PRICES = {"KYN28-12": Decimal("86000.00"), "GGD-400": Decimal("32000.00")}
GM = ["general_manager"]
CLERK = ["sales_admin"]


def new_order(kind: OrderKind = OrderKind.REGULAR, **overrides) -> model.Order:
    reasons = [NonRegularReason.NEW_DESIGN] if kind == OrderKind.NON_REGULAR else []
    args = dict(
        order_no="SO-P1-000001", company_id="P1", customer=CUSTOMER, kind=kind,
        lines=[{"product_code": "KYN28-12", "spec": "1250A", "quantity": Decimal("2"),
                "requested_date": REQUESTED}],
        received_at=NOW, received_by="alice", non_regular_reasons=reasons,
        repeat_of="SO-P1-000000" if kind == OrderKind.REPEAT else None)
    args.update(overrides)
    return model.receive(**args)


def review(feasible: bool = True, earliest: date = REQUESTED) -> model.Review:
    return model.Review(feasible, earliest, "none" if feasible else "capacity",
                        "" if feasible else "assembly line A fully booked until 2026-04-20",
                        "alice", NOW)


def reviewed_order(**kw) -> model.Order:
    order = new_order(**kw)
    order.record_review(review())
    return order


def quoted_order(**kw) -> model.Order:
    order = reviewed_order(**kw)
    order.record_quotation(pricing.quote([(1, "KYN28-12", Decimal("2"))], PRICES,
                                         non_regular=False, surcharge_percent=Decimal("15")),
                           "alice", NOW)
    return order


def contracted_order(deposit_percent="30", pay_in_full=True) -> model.Order:
    order = quoted_order()
    order.sign_contract("CT-P1-000001", Decimal(deposit_percent), pay_in_full, "alice", NOW)
    return order


def effective_order() -> model.Order:
    order = contracted_order()
    order.record_payment(Decimal("51600.00"), "bank 1", "alice", NOW + timedelta(hours=1))
    return order
