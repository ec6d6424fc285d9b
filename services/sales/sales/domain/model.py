"""Sales' domain: customer orders as sales records them (SAL-1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

GRADES = ("A", "B", "C")


class OrderRejected(ValueError):
    """The order breaks a sales rule; the message says which."""


@dataclass(frozen=True)
class OrderLine:
    line_no: int
    product_code: str
    spec: str
    quantity: Decimal
    requested_date: date


@dataclass
class Order:
    order_no: str
    company_id: str
    customer_code: str
    customer_grade: str
    received_at: datetime
    lines: list[OrderLine]
    status: str = "received"
    events: list = field(default_factory=list, repr=False, compare=False)


@dataclass(frozen=True)
class OrderReceived:
    """Domain event: the order was recorded."""

    order: Order


def receive_order(
    *, order_no: str, company_id: str, customer_code: str, customer_grade: str,
    lines: list[dict], received_at: datetime,
) -> Order:
    """Record a customer order with its lines (SAL-1)."""
    if received_at.tzinfo is None:
        raise OrderRejected("received_at must be timezone-aware")
    if customer_grade not in GRADES:
        raise OrderRejected(f"customer grade must be one of {GRADES}")
    if not lines:
        raise OrderRejected("an order needs at least one line")
    order_lines = []
    for number, line in enumerate(lines, start=1):
        if line["quantity"] <= 0:
            raise OrderRejected(f"line {number}: quantity must be positive")
        if line["requested_date"] < received_at.date():
            raise OrderRejected(f"line {number}: requested date is in the past")
        order_lines.append(OrderLine(number, line["product_code"], line.get("spec", ""),
                                     Decimal(line["quantity"]), line["requested_date"]))
    order = Order(order_no, company_id, customer_code, customer_grade, received_at, order_lines)
    order.events.append(OrderReceived(order))
    return order


def order_number(company_id: str, sequence: int) -> str:
    """Business number people quote (X-4): SO-<company>-<6-digit sequence>."""
    return f"SO-{company_id}-{sequence:06d}"
