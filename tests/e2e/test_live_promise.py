"""Capable-to-promise against the live plan, with group-wide stock (PLN-2, CO-2, PRC-3).

Through the gateway on the real broker: an HXGN-12 ring-main unit whose enclosure is in the
sister company S1's store is promised earlier than one whose enclosure must be bought, and
the pegging says where each enclosure comes from. When another order takes S1's enclosures
(procurement transfers them and reports the stock level), the same question is promised
later, by the supplier's lead time in working days on the group's one calendar.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from servicekit.workcalendar import DEFAULT_CALENDAR

from simulate import Journey, OrderPlan

ENCLOSURE = "ENC-HXGN"  # S1 holds 3; the supplier needs 10 working days
LEAD_DAYS, TRANSFER_DAYS = 10, 1


def promise(gateway, quantity: int) -> dict:
    return gateway.call("planner.p1", "POST", "/planning/feasibility", "feasibility", json={
        "company_id": "P1", "lines": [{
            "product_code": "HXGN-12", "quantity": str(quantity),
            "requested_date": (date.today() + timedelta(days=120)).isoformat()}]})


def enclosure(answer: dict) -> dict:
    [line] = answer["per_line"]
    return next(step for step in line["pegging"] if step["subject"] == ENCLOSURE)


def test_sister_stock_promises_earlier_than_buying_and_later_once_the_stock_is_gone(gateway):
    from_sister, bought = promise(gateway, 2), promise(gateway, 5)  # S1 holds 3

    assert from_sister["earliest_date"] < bought["earliest_date"]
    assert enclosure(from_sister)["source"] == "sister_stock"
    assert "S1" in enclosure(from_sister)["sentence"]
    assert enclosure(bought)["source"] == "purchase"
    assert enclosure(bought)["binding"] and bought["binding_kind"] == "material"
    assert f"{LEAD_DAYS} working days" in enclosure(bought)["sentence"]

    # Another order takes all three enclosures: procurement transfers them from S1 (PRC-3)
    taker = Journey(gateway, OrderPlan(company="P1", customer="CUST-002", product="HXGN-12",
                                       quantity=3, reject_first_lot=False))
    taker.intake()
    taker.review()
    taker.contract_and_pay_deposit({})
    taker.instruct()
    def once_bought():
        answer = promise(gateway, 2)
        return answer if enclosure(answer)["source"] == "purchase" else None

    gone = gateway.poll(once_bought, "planning to learn that S1's enclosures are gone")

    before = datetime.fromisoformat(enclosure(from_sister)["ready_at"])
    after = datetime.fromisoformat(enclosure(gone)["ready_at"])
    assert DEFAULT_CALENDAR.working_days_between(before, after) == LEAD_DAYS - TRANSFER_DAYS
    assert gone["binding_kind"] == "material" and enclosure(gone)["binding"]
    later = DEFAULT_CALENDAR.working_days_between(
        DEFAULT_CALENDAR.start_of_business(date.fromisoformat(from_sister["earliest_date"])),
        DEFAULT_CALENDAR.start_of_business(date.fromisoformat(gone["earliest_date"])))
    assert later == LEAD_DAYS - TRANSFER_DAYS
