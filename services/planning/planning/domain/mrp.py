"""MRP (PLN-4): gross material needs of an order from the BOM times the quantity.

Netting against group-wide stock and open supply is procurement's part of PRC-1/3: it
answers each request from stock (or a sister company's) before buying.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from planning.domain.master_data import Product


def explode(product: Product, quantity: Decimal) -> dict[str, Decimal]:
    """Gross needs of `quantity` units of `product`: material code -> quantity."""
    needs: dict[str, Decimal] = {}
    for line in product.bom:
        needs[line.material_code] = needs.get(line.material_code, Decimal(0)) + \
            line.quantity * quantity
    return needs


def explode_order(lines: Iterable[tuple[Product, Decimal]]) -> dict[str, Decimal]:
    """Gross needs of a whole order, one total per material across its lines."""
    total: dict[str, Decimal] = {}
    for product, quantity in lines:
        for code, qty in explode(product, quantity).items():
            total[code] = total.get(code, Decimal(0)) + qty
    return dict(sorted(total.items()))
