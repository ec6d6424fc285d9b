"""Finished goods and shipments: logistics' own records and their rules.

- PLN-12: a finished product is complete when packed to factory standard and stocked;
  a passed final inspection puts it in the finished-goods store (`FG-<company>-<seq>`).
- LOG-2: the shipping notice (`SH-<company>-<seq>`) is prepared for stocked goods only;
  goods leave only when sales has confirmed the payment (see payment.py).
- LOG-3: picking checks the notice against the store: customer, products, quantities.
- LOG-4/LOG-6: a carrier takes the goods; the customer's receipt closes the shipment.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from logistics.domain.errors import ShippingRefused, ShippingRejected
from logistics.domain.instruction import InstructionCopy
from logistics.domain.lines import GoodsLine, totals_by_product
from logistics.domain.missing_parts import OPEN as MISSING_OPEN
from logistics.domain.missing_parts import MissingParts, pick_problems, shortage_refusal

PREPARED, DISPATCHED, DELIVERED = "prepared", "dispatched", "delivered"
IN_STOCK, SHIPPED = "in_stock", "shipped"


@dataclass(frozen=True)
class OrderCopy:
    """Logistics' copy of `sales.order_effective`: what is to be shipped, to whom, where."""

    order_no: str
    company_id: str
    customer_code: str
    customer_name: str
    delivery_address: str
    contract_no: str
    complete_set: bool
    lines: tuple[GoodsLine, ...]
    received_at: datetime


@dataclass(frozen=True)
class FinishedGoods:
    """A stock entry of the finished-goods store (PLN-12)."""

    stock_entry_no: str
    order_no: str
    company_id: str
    inspection_no: str
    stocked_at: datetime
    lines: tuple[GoodsLine, ...]
    customer_code: str | None = None  # packed for; known once the order copy is in
    status: str = IN_STOCK            # in_stock | shipped
    shipment_no: str | None = None    # the notice that reserved it (LOG-3)

    def labelled_for(self, order: OrderCopy) -> FinishedGoods:
        """The order copy arrived: label the goods for its customer; an inspection that
        named no lines passed the whole order."""
        return replace(self, customer_code=order.customer_code,
                       lines=self.lines or order.lines)

    def reserved_for(self, shipment_no: str) -> FinishedGoods:
        return replace(self, shipment_no=shipment_no)

    def shipped(self) -> FinishedGoods:
        return replace(self, status=SHIPPED)


def picking_check(order: OrderCopy, stock: list[FinishedGoods]) -> list[str]:
    """Rule LOG-3: the notice's customer and lines equal what the store holds for it.

    Returns the discrepancies (empty when the pick is right). Shipping short needs the
    customer's recorded consent (LOG-5), which this check does not grant.
    """
    problems = _entry_problems(order, stock)
    notice = totals_by_product(order.lines)
    store = totals_by_product(line for entry in stock for line in entry.lines)
    for product in sorted(set(notice) | set(store)):
        wanted, held = notice.get(product), store.get(product)
        if wanted != held:
            problems.append(f"{product}: notice {_qty(wanted)}, in store {_qty(held)}")
    return problems


def _entry_problems(order: OrderCopy, stock: list[FinishedGoods]) -> list[str]:
    """Rule LOG-3: each stock entry is this order's, packed for this customer."""
    problems: list[str] = []
    for entry in stock:
        if entry.order_no != order.order_no:
            problems.append(f"{entry.stock_entry_no} belongs to order {entry.order_no}")
        if entry.customer_code is not None and entry.customer_code != order.customer_code:
            problems.append(f"{entry.stock_entry_no} is packed for customer "
                            f"{entry.customer_code}, the notice is for {order.customer_code}")
    return problems


def _qty(value) -> str:
    return "none" if value is None else f"{value.normalize():f}"


@dataclass(frozen=True)
class Shipment:
    """The shipping notice (发货通知单) and what became of it: prepared → dispatched →
    delivered."""

    shipment_no: str
    order_no: str
    company_id: str
    customer_code: str
    destination: str
    lines: tuple[GoodsLine, ...]
    stock_entry_nos: tuple[str, ...]
    prepared_at: datetime
    prepared_by: str
    planned_ship_at: datetime | None = None
    status: str = PREPARED
    carrier: str | None = None
    vehicle_no: str | None = None
    expected_arrival: datetime | None = None
    dispatched_at: datetime | None = None
    dispatched_by: str | None = None
    delivered_at: datetime | None = None
    received_by: str | None = None
    receipt_no: str | None = None
    damaged: bool = False
    delivery_recorded_by: str | None = None
    instruction_no: str | None = None  # the shipping instruction it ships from (LOG-2)
    signed_receipt_by: str | None = None  # the carrier's signature (LOG-4)
    customer_notice: str | None = None    # what the customer was told at dispatch (LOG-6)
    missing_parts_no: str | None = None   # the missing parts it left behind or ships (LOG-5)
    delay_reports: int = 0                # same-day delay reports so far (LOG-4)

    def check_dispatchable(self) -> None:
        """A notice is dispatched once: only a prepared shipment may leave."""
        if self.status != PREPARED:
            raise ShippingRefused(f"shipment {self.shipment_no} is already {self.status}",
                                  {"shipment_no": self.shipment_no})

    def dispatch(self, *, carrier: str, vehicle_no: str, expected_arrival: datetime | None,
                 at: datetime, by: str, signed_receipt_by: str = "",
                 customer_name: str = "") -> Shipment:
        """Rule LOG-4: goods leave with the company vehicle or a contracted carrier, who
        signs for them. Rule LOG-6: the customer is told the same day (the notice is
        recorded with the dispatch). The payment gate (LOG-2) is checked by the caller."""
        self.check_dispatchable()
        eta = expected_arrival or self.expected_arrival
        notice = (f"{customer_name or self.customer_code}: shipment {self.shipment_no} left "
                  f"{at.date().isoformat()} with {carrier}"
                  + (f" ({vehicle_no})" if vehicle_no else "")
                  + (f", expected {eta.isoformat()}" if eta else "")
                  + f" at {self.destination}")
        return replace(self, status=DISPATCHED, carrier=carrier, vehicle_no=vehicle_no,
                       expected_arrival=eta, dispatched_at=at, dispatched_by=by,
                       signed_receipt_by=signed_receipt_by or None, customer_notice=notice)

    def delayed(self, *, new_ship_at: datetime, expected_arrival: datetime) -> Shipment:
        """Rule LOG-4: the goods cannot leave on time; they leave at the new time."""
        self.check_dispatchable()
        return replace(self, planned_ship_at=new_ship_at, expected_arrival=expected_arrival,
                       delay_reports=self.delay_reports + 1)

    @property
    def delay_subject(self) -> str:
        """The LOG-4 deadline of the current planned ship time."""
        return self.shipment_no if not self.delay_reports \
            else f"{self.shipment_no} re-planned {self.delay_reports}"

    def deliver(self, *, received_by: str, receipt_no: str, damaged: bool, at: datetime,
                by: str) -> Shipment:
        """Rule LOG-6: the customer's delivery receipt is collected after the goods left."""
        details = {"shipment_no": self.shipment_no}
        if self.status == PREPARED:
            raise ShippingRefused(f"shipment {self.shipment_no} has not been dispatched: "
                                  f"a delivery can only be confirmed after dispatch (LOG-6)",
                                  details)
        if self.status == DELIVERED:
            raise ShippingRefused(f"shipment {self.shipment_no} was already delivered "
                                  f"(receipt {self.receipt_no})", details)
        return replace(self, status=DELIVERED, received_by=received_by,
                       receipt_no=receipt_no, damaged=damaged, delivered_at=at,
                       delivery_recorded_by=by)


# Shipping times a person may plan or a carrier promise (LOG-2, LOG-4): about now.
TIMES_FROM = timedelta(days=366)   # back-dating a plan or an ETA by up to a year
TIMES_UNTIL = timedelta(days=731)  # planning up to two years ahead


def check_plausible(what: str, moment: datetime | None, now: datetime) -> None:
    """A planned ship time or an ETA lies between a year ago and two years ahead."""
    if moment is not None and not now - TIMES_FROM <= moment <= now + TIMES_UNTIL:
        raise ShippingRejected(f"{what} {moment.isoformat()} must lie between one year ago "
                               "and two years from now", {"field": what})


def prepare_shipment(*, shipment_no: str, order: OrderCopy, stock: list[FinishedGoods],
                     instruction: InstructionCopy, picked: tuple[GoodsLine, ...] | None,
                     consented: bool, destination: str, planned_ship_at: datetime | None,
                     at: datetime, by: str, existing: list[Shipment],
                     ) -> tuple[Shipment, dict[str, Decimal]]:
    """Rules LOG-2, LOG-3, LOG-5: a shipment from the shipping instruction, for goods in
    store, picked line by line; short only with the customer's consent. Returns the
    shipment and what it is short of."""
    details = {"order_no": order.order_no}
    if existing:
        raise ShippingRefused(f"order {order.order_no} already has shipment "
                              f"{existing[0].shipment_no} ({existing[0].status}); missing "
                              f"parts ship from their own record (LOG-5)", details)
    in_store = [entry for entry in stock if entry.status == IN_STOCK]
    if not in_store:
        raise ShippingRefused(f"the goods of order {order.order_no} are not in the "
                              f"finished-goods store yet (LOG-2, PLN-12)", details)
    held = [line for entry in in_store for line in entry.lines]
    taken = picked or tuple(held)
    more, shortage = pick_problems(instruction.lines, held, taken)
    problems = _entry_problems(order, in_store) + more
    if problems:
        raise ShippingRefused("picking check failed (LOG-3): " + "; ".join(problems),
                              {**details, "problems": problems})
    if shortage and not consented:
        raise shortage_refusal(order.order_no, shortage)
    return Shipment(
        shipment_no=shipment_no, order_no=order.order_no, company_id=order.company_id,
        customer_code=order.customer_code,
        destination=destination.strip() or instruction.arrival_place or order.delivery_address,
        lines=taken, stock_entry_nos=tuple(e.stock_entry_no for e in in_store),
        prepared_at=at, prepared_by=by, planned_ship_at=planned_ship_at or instruction.ship_at,
        instruction_no=instruction.instruction_no,
    ), shortage


def prepare_missing_parts_shipment(*, shipment_no: str, missing: MissingParts,
                                   order: OrderCopy, instruction_no: str | None,
                                   destination: str, planned_ship_at: datetime | None,
                                   at: datetime, by: str) -> Shipment:
    """Rule LOG-5: the missing parts ship later as a shipment of their own."""
    if missing.status != MISSING_OPEN or missing.shipment_no is not None:
        raise ShippingRefused(f"missing parts {missing.missing_no} already ship with "
                              f"{missing.shipment_no} ({missing.status})",
                              {"missing_no": missing.missing_no})
    return Shipment(
        shipment_no=shipment_no, order_no=order.order_no, company_id=order.company_id,
        customer_code=order.customer_code,
        destination=destination.strip() or order.delivery_address, lines=missing.lines,
        stock_entry_nos=(), prepared_at=at, prepared_by=by, planned_ship_at=planned_ship_at,
        instruction_no=instruction_no, missing_parts_no=missing.missing_no)


@dataclass(frozen=True)
class DispatchRefusal:
    """A dispatch attempt the payment gate turned away: who, when, why (X-3, LOG-2)."""

    shipment_no: str
    order_no: str
    company_id: str
    refused_at: datetime
    refused_by: str
    reason: str


@dataclass(frozen=True)
class Carrier:
    code: str
    name: str

