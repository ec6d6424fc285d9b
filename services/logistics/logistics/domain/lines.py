"""Goods lines as logistics counts them: a product and a quantity (LOG-3)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True)
class GoodsLine:
    product_code: str
    quantity: Decimal

    def as_dict(self) -> dict:
        return {"product_code": self.product_code, "quantity": str(self.quantity)}


def line_from_dict(raw: dict) -> GoodsLine:
    """A line from a payload dict ({product_code, quantity}); quantities as Decimal."""
    try:
        quantity = Decimal(str(raw["quantity"]))
    except (KeyError, InvalidOperation) as exc:
        raise ValueError(f"goods line needs a numeric quantity: {raw!r}") from exc
    code = str(raw.get("product_code") or "").strip()
    if not code:
        raise ValueError(f"goods line needs a product_code: {raw!r}")
    return GoodsLine(code, quantity)


def totals_by_product(lines: Iterable[GoodsLine]) -> dict[str, Decimal]:
    """Quantities summed per product: two lines of one product count as one pick."""
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.product_code] = totals.get(line.product_code, Decimal(0)) + line.quantity
    return totals


def lines_from_payload(raw: list[dict]) -> tuple[tuple[GoodsLine, ...], str | None]:
    """An upstream message's lines, or none and why when one is unreadable: a permanent
    defect of the message, which retrying cannot mend."""
    try:
        return tuple(line_from_dict(item) for item in raw), None
    except ValueError as exc:
        return (), str(exc)
