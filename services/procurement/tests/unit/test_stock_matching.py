"""PRC-1 group-wide stock first — own store, then sisters' (PRC-3) — and PRC-2 buy only the
rest (CO-2)."""

from decimal import Decimal

import pytest

from procurement.domain.errors import StockShort
from procurement.domain.stock import StockCover, StockLevel, plan_cover, reserve_cover

D = Decimal


def levels(**by_company):
    return {c: StockLevel(c, "CRATE-L", D(q)) for c, q in by_company.items()}


def test_own_stock_is_used_before_a_sister_companys():  # rule PRC-1
    assert plan_cover("P1", D(3), levels(P1="4", S1="10").values()) == StockCover(own=D(3))


def test_what_own_stock_lacks_is_transferred_from_a_sister():  # rule PRC-1, PRC-3
    cover = plan_cover("P1", D(5), levels(P1="4", S1="10").values())
    assert cover == StockCover(own=D(4), transfers=(("S1", D(1)),), to_buy=D(0))


def test_sixty_percent_in_a_sisters_store_is_transferred_and_the_rest_bought():  # PRC-1/2/3
    cover = plan_cover("P1", D(5), levels(S1="3").values())
    assert cover == StockCover(own=D(0), transfers=(("S1", D(3)),), to_buy=D(2))


def test_several_sisters_cover_a_request_the_one_with_most_first():  # rule PRC-3
    cover = plan_cover("P1", D(10), levels(P1="1", P2="3", S1="4").values())
    assert cover == StockCover(own=D(1), transfers=(("S1", D(4)), ("P2", D(3))), to_buy=D(2))


def test_nothing_in_store_means_everything_is_bought():  # rule PRC-2
    assert plan_cover("P1", D(11), levels().values()) == StockCover(to_buy=D(11))


def test_reserved_stock_is_not_available_to_another_request():
    stock = levels(P1="4")
    stock["P1"].reserve(D(3))
    assert plan_cover("P1", D(2), stock.values()) == StockCover(own=D(1), to_buy=D(1))


def test_a_cover_reserves_own_stock_and_the_sisters_stock_where_it_lies():  # rule PRC-3
    stock = levels(P1="4", S1="10")
    changed = reserve_cover(plan_cover("P1", D(6), stock.values()), "P1", stock)
    assert {lv.company_id for lv in changed} == {"P1", "S1"}
    assert (stock["P1"].on_hand, stock["P1"].reserved) == (D(4), D(4))
    assert (stock["S1"].on_hand, stock["S1"].reserved) == (D(10), D(2))  # not moved yet


def test_more_than_is_available_cannot_be_reserved():
    with pytest.raises(StockShort):
        StockLevel("P1", "X", D(1)).reserve(D(2))
