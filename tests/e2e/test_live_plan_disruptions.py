"""Make-to-stock replenishment (PLN-11) and a work centre's breakdown (PLN-5) through the
gateway: a planner keeps a standard item between min and max; the shortfall is planned as a
replenishment order; a customer order that needs the capacity goes first and the
replenishment gives way. A breakdown repairs the plan at once and sales hears of it.

Its own suite: months of replenishment on P1's assembly line and a P2 breakdown would move
every other e2e test's dates.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from simulate import Gateway, Journey, OrderPlan, Stats
from suite_harness import running_suite

ITEM = "XGN15-12"  # one step on P1's assembly line


@pytest.fixture(scope="module")
def gw(rabbit_api, tmp_path_factory):
    with running_suite(rabbit_api, tmp_path_factory.mktemp("var"), LOG_LEVEL="WARNING",
                       JWT_SECRET="e2e-test-secret-not-for-production") as running:
        client = Gateway(running.url, Stats())
        yield client
        client.client.close()


def item(gw: Gateway, user: str = "planner.p1") -> dict:
    listed = gw.call(user, "GET", "/planning/stock-items", "stock-items",
                     params={"company_id": "P1", "limit": 100})
    return next(i for i in listed if i["product_code"] == ITEM)


def plan(gw: Gateway, order_no: str) -> dict:
    return gw.call("planner.p1", "GET", f"/planning/plans/{order_no}", "plan")


def test_a_short_standard_item_is_replenished_and_gives_way_to_a_customer_order(gw):
    assert item(gw)["minimum"] is None  # made to order until a planner sets levels

    # PLN-11: levels on an empty store: replenishment up to the maximum, at once
    levels = {"minimum": "1000", "maximum": "3000"}
    refused = gw.send("sales.p1", "POST", f"/planning/stock-items/{ITEM}/levels", "levels",
                      json=levels)
    assert refused.status_code == 403
    target = gw.call("planner.p1", "POST", f"/planning/stock-items/{ITEM}/levels", "levels",
                     json=levels)
    stock_order = target["planned_now"]
    assert stock_order.startswith("MTS-P1-") and Decimal(target["being_made"]) == 3000
    proposed = plan(gw, stock_order)
    assert proposed["publication"] == "proposed"
    assert [(w["product_code"], Decimal(w["quantity"])) for w in proposed["work_orders"]] == [
        (ITEM, 3000)]
    published = gw.call("planner.p1", "POST", f"/planning/plans/{stock_order}/publication",
                        "publish", json={"note": "stock for the season"})
    assert published["publication"] == "published"
    stock_finish = datetime.fromisoformat(published["planned_completion"])

    # the store's count: 2,500 on hand plus 3,000 being made hold the minimum
    counted = gw.call("shipping.p1", "POST", f"/planning/stock-items/{ITEM}/count", "count",
                      json={"on_hand": "2500"})
    assert counted["planned_now"] is None and counted["replenishment_orders"] == [stock_order]
    assert Decimal(counted["on_hand"]) == 2500 and not counted["below_minimum"]

    # a customer order confirmed within the months the replenishment holds the line (its
    # breakers take 15 working days to come, so it cannot slip in before the replenishment
    # starts)
    journey = Journey(gw, OrderPlan(company="P1", customer="CUST-001", product="KYN28-12",
                                    quantity=1, reject_first_lot=False))
    journey.intake()
    journey.review()
    journey.contract_and_pay_deposit({})
    journey.instruct()
    order = gw.call("sales.p1", "GET", f"/sales/orders/{journey.order_no}", "order")
    confirmed = date.fromisoformat(order["lines"][0]["confirmed_date"])
    customer = plan(gw, journey.order_no)
    assert datetime.fromisoformat(customer["planned_completion"]).date() <= confirmed
    assert datetime.fromisoformat(customer["planned_completion"]) < stock_finish

    # the replenishment gave way: moved later, and the live plan says so (PLN-5)
    assert datetime.fromisoformat(plan(gw, stock_order)["planned_completion"]) > stock_finish
    live = gw.call("planner.p1", "GET", "/planning/live-plans/P1", "live plan")
    assert "ahead of stock replenishment (PLN-11)" in live["reason"]
    assert {m["order_no"] for m in live["moves"]} == {stock_order}
    assert all(m["delay_minutes"] > 0 for m in live["moves"])


def test_levels_that_make_no_sense_are_refused_and_change_nothing(gw):
    before = item(gw)
    bad = gw.send("planner.p1", "POST", f"/planning/stock-items/{ITEM}/levels", "levels",
                  json={"minimum": "50", "maximum": "40"})
    assert bad.status_code == 422 and "minimum" in bad.text
    unknown = gw.send("planner.p1", "POST", "/planning/stock-items/NO-SUCH/levels", "levels",
                      json={"minimum": "1", "maximum": "2"})
    assert unknown.status_code == 404
    assert item(gw) == before


def test_another_companys_planner_sees_only_their_products(gw):
    theirs = gw.call("planner.p2", "GET", "/planning/stock-items", "stock-items",
                     params={"limit": 100})
    assert theirs and {i["company_id"] for i in theirs} == {"P2"}


# -- a work centre out of action (PLN-5) -------------------------------------------------------
def test_a_breakdown_repairs_the_plan_at_once_and_sales_hears_of_the_new_date(gw):
    journey = Journey(gw, OrderPlan(company="P2", customer="CUST-101", product="SC-500",
                                    quantity=1, reject_first_lot=False))
    journey.intake()
    journey.review()
    journey.contract_and_pay_deposit({})
    journey.instruct()
    before = gw.call("planner.p2", "GET", f"/planning/plans/{journey.order_no}", "plan")
    first = before["work_orders"][0]["operations"][0]
    start = datetime.fromisoformat(first["planned_start"])
    until = start + timedelta(days=2)
    breakdown = {"work_centre": first["work_centre"], "reason": "winding machine spindle",
                 "down_from": (start - timedelta(hours=1)).isoformat(),
                 "down_until": until.isoformat()}
    assert gw.send("sales.p2", "POST", "/planning/live-plans/P2/breakdowns", "breakdown",
                   json=breakdown).status_code == 403
    live = gw.call("prod.p2", "POST", "/planning/live-plans/P2/breakdowns", "breakdown",
                   json=breakdown)
    assert "PLN-5" in live["reason"] and journey.order_no in {m["order_no"]
                                                              for m in live["moves"]}
    after = gw.call("planner.p2", "GET", f"/planning/plans/{journey.order_no}", "plan")
    assert datetime.fromisoformat(
        after["work_orders"][0]["operations"][0]["planned_start"]) >= until
    completion = datetime.fromisoformat(after["planned_completion"])
    assert completion > datetime.fromisoformat(before["planned_completion"])

    def told():  # SAL-11: sales holds the new completion
        order = gw.call("sales.p2", "GET", f"/sales/orders/{journey.order_no}", "order")
        return (order["planned_completion"]
                and datetime.fromisoformat(order["planned_completion"]) == completion)
    gw.poll(told, f"sales to hear that {journey.order_no} was re-dated")
