"""PRC-2: only approved suppliers; the one meeting the need date, then the cheapest."""

from datetime import date, timedelta
from decimal import Decimal

from procurement.domain.suppliers import Offer, choose_supplier

TODAY = date(2026, 3, 2)


def arrival(lead_days: int) -> date:
    return TODAY + timedelta(days=lead_days)


def offer(code, lead, price, approved=True, material="BRK-VS1-12"):
    return Offer(code, material, lead, Decimal(price), approved)


def test_an_unapproved_supplier_is_never_chosen_even_if_cheaper_and_faster():  # rule PRC-2
    offers = [offer("SUP-ABB", 15, "14500"), offer("SUP-CHEAP", 5, "9000", approved=False)]
    choice = choose_supplier(offers, "BRK-VS1-12", TODAY + timedelta(days=7), arrival)
    assert choice.offer.supplier_code == "SUP-ABB"
    assert choice.meets_need is False


def test_no_approved_supplier_means_no_choice():  # rule PRC-2
    offers = [offer("SUP-CHEAP", 5, "9000", approved=False)]
    assert choose_supplier(offers, "BRK-VS1-12", TODAY + timedelta(days=30), arrival) is None


def test_a_supplier_meeting_the_need_date_beats_a_cheaper_late_one():
    offers = [offer("SLOW", 20, "100"), offer("FAST", 5, "120")]
    choice = choose_supplier(offers, "BRK-VS1-12", TODAY + timedelta(days=10), arrival)
    assert choice.offer.supplier_code == "FAST"
    assert choice.confirmed_date == TODAY + timedelta(days=5)


def test_among_suppliers_meeting_the_date_the_cheapest_wins():
    offers = [offer("A", 5, "130"), offer("B", 8, "110"), offer("C", 20, "90")]
    choice = choose_supplier(offers, "BRK-VS1-12", TODAY + timedelta(days=10), arrival)
    assert choice.offer.supplier_code == "B"


def test_offers_of_other_materials_are_ignored():
    offers = [offer("A", 5, "1", material="CU-BAR-8x80"), offer("B", 5, "2")]
    choice = choose_supplier(offers, "BRK-VS1-12", TODAY + timedelta(days=10), arrival)
    assert choice.offer.supplier_code == "B"
