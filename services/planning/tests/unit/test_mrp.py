"""BOM explosion times quantity (PLN-4)."""

from decimal import Decimal

import pytest

from planning.demo import master_data_from
from planning.domain.mrp import explode, explode_order
from servicekit.demo_data import load

pytestmark = pytest.mark.unit
MASTER = master_data_from(load()["planning"])


def test_gross_needs_are_the_bom_quantities_times_the_order_quantity():
    needs = explode(MASTER.product("KYN28-12"), Decimal("3"))
    assert needs == {"CU-BAR-10x100": Decimal("37.5"), "ENC-KYN28": Decimal("3"),
                     "BRK-VS1-12": Decimal("3"), "CRATE-L": Decimal("3")}


def test_an_order_needs_one_total_per_material_across_its_lines():
    kyn, ggd = MASTER.product("KYN28-12"), MASTER.product("GGD-400")
    totals = explode_order([(kyn, Decimal("2")), (ggd, Decimal("4")), (kyn, Decimal("1"))])
    assert totals["CU-BAR-10x100"] == Decimal("37.5")
    assert totals["BRK-NXM-400"] == Decimal("12")
    assert totals["CRATE-L"] == Decimal("3") and totals["CRATE-M"] == Decimal("4")
    assert list(totals) == sorted(totals)


def test_a_product_of_another_company_is_not_found_for_this_one():
    assert MASTER.product("SC-500", "P1") is None
    assert MASTER.product("SC-500", "P2").company_id == "P2"
