"""Helpers for planning's service tests: signed actors and the events planning consumes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from contracts.events.sales import (
    ConfirmedLine,
    OrderKind,
    OrderLine,
    OrderReceived,
    ProductionInstructionIssued,
)
from servicekit.testing import signed_actor

P1_PLANNER = signed_actor({"username": "planner.p1", "roles": ["planner"], "companies": ["P1"]})
P2_PLANNER = signed_actor({"username": "planner.p2", "roles": ["planner"], "companies": ["P2"]})
DESIGNER = signed_actor({"username": "designer.p1", "roles": ["design"], "companies": ["P1"]})


def order_received(order_no="SO-P1-000001", *, non_regular=False, lines=None):
    lines = lines or [("KYN28-12", "2"), ("GGD-400", "3")]
    return OrderReceived(
        order_no=order_no, customer_code="CUST-001", customer_grade="A",
        kind=OrderKind.NON_REGULAR if non_regular else OrderKind.REGULAR,
        non_regular_reasons=["new_design"] if non_regular else [],
        lines=[OrderLine(line_no=i, product_code=code, quantity=Decimal(qty),
                         requested_date=date.today() + timedelta(days=60))
               for i, (code, qty) in enumerate(lines, 1)])


def instruction(order_no="SO-P1-000001", *, complete_set=False, non_regular=False, lines=None):
    lines = lines or [("KYN28-12", "2"), ("GGD-400", "3")]
    return ProductionInstructionIssued(
        order_no=order_no, instruction_no=f"PI-{order_no}", customer_grade="A",
        complete_set=complete_set, non_regular=non_regular, issued_at=datetime.now(UTC),
        lines=[ConfirmedLine(line_no=i, product_code=code, quantity=Decimal(qty),
                             confirmed_date=date.today() + timedelta(days=60))
               for i, (code, qty) in enumerate(lines, 1)])
