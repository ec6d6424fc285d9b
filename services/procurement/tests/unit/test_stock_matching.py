"""PRC-1 own stock first, PRC-3 a sister company's stock next, PRC-2 buy otherwise (CO-2)."""

from decimal import Decimal

import pytest

from contracts.events.procurement import SupplySource
from procurement.domain.errors import StockShort
from procurement.domain.stock import StockLevel, cover_from_stock, match_stock

D = Decimal


def levels(**by_company):
    return {c: StockLevel(c, "CRATE-L", D(q)) for c, q in by_company.items()}


def test_own_stock_is_used_before_a_sister_companys():  # rule PRC-1
    match = match_stock("P1", D(3), levels(P1="4", S1="10").values())
    assert match.source == SupplySource.STOCK and match.from_company == "P1"


def test_a_sister_companys_stock_is_transferred_when_own_stock_is_short():  # rule PRC-3
    match = match_stock("P1", D(5), levels(P1="4", S1="10").values())
    assert match.source == SupplySource.TRANSFER and match.from_company == "S1"


def test_nothing_matches_when_no_single_store_covers_the_request():  # rule PRC-2
    assert match_stock("P1", D(11), levels(P1="4", S1="10").values()) is None


def test_reserved_stock_is_not_available_to_another_request():
    stock = levels(P1="4")
    stock["P1"].reserve(D(3))
    assert match_stock("P1", D(2), stock.values()) is None


def test_covering_from_own_stock_reserves_it():
    stock = levels(P1="4")
    cover_from_stock(match_stock("P1", D(3), stock.values()), "P1", "CRATE-L", stock)
    assert (stock["P1"].on_hand, stock["P1"].reserved) == (D(4), D(3))


def test_a_transfer_moves_stock_to_the_requester_and_reserves_it_there():  # rule PRC-3
    stock = levels(S1="10")
    changed = cover_from_stock(match_stock("P2", D(6), stock.values()), "P2", "CRATE-L", stock)
    assert {lv.company_id for lv in changed} == {"S1", "P2"}
    assert stock["S1"].on_hand == D(4)
    assert (stock["P2"].on_hand, stock["P2"].reserved) == (D(6), D(6))


def test_more_than_is_available_cannot_be_reserved():
    with pytest.raises(StockShort):
        StockLevel("P1", "X", D(1)).reserve(D(2))
