"""Multi-level BOMs (PLN-4, issue 17): a sub-assembly's materials are exploded to any depth
for the planner, and a BOM that would contain itself is found before it is stored."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planning.domain.master_data import BomLine, Product, bom_cycle, flattened
from planning.domain.mrp import explode

pytestmark = pytest.mark.unit


def product(code: str, *lines: tuple[str, str], company: str = "P1") -> Product:
    return Product(code, company, code, False,
                   tuple(BomLine(m, Decimal(q)) for m, q in lines), ())


def test_a_two_level_bom_explodes_into_the_sub_assemblys_materials():
    catalogue = {"KIT": product("KIT", ("BUSBAR", "2"), ("BOLT", "8")),
                 "CAB": product("CAB", ("KIT", "3"), ("BREAKER", "1"), ("BOLT", "4"))}
    cabinet = flattened(catalogue)["CAB"]
    assert explode(cabinet, Decimal("2")) == {"BOLT": Decimal("56"), "BREAKER": Decimal("2"),
                                              "BUSBAR": Decimal("12")}


def test_three_levels_multiply_all_the_way_down():
    catalogue = {"A": product("A", ("B", "2")), "B": product("B", ("C", "3")),
                 "C": product("C", ("STEEL", "0.5"))}
    assert flattened(catalogue)["A"].bom == (BomLine("STEEL", Decimal("3.0")),)


def test_a_product_of_another_company_is_bought_not_exploded():
    catalogue = {"PART": product("PART", ("STEEL", "1"), company="S1"),
                 "CAB": product("CAB", ("PART", "2"))}
    assert flattened(catalogue)["CAB"].bom == (BomLine("PART", Decimal("2")),)


def test_a_bom_that_would_contain_itself_is_named_by_its_chain():
    catalogue = {"A": product("A", ("B", "1")), "B": product("B", ("STEEL", "1"))}
    changed_b = product("B", ("A", "1"))
    assert bom_cycle(catalogue, changed_b) == ["B", "A", "B"]
    assert bom_cycle(catalogue, product("B", ("STEEL", "2"))) is None
