"""Nothing twice, nothing lost: commands and journeys while services die and links drop.

Rule of the house: every command and every event is exactly-once in effect, under
kills, restarts and lost connections; retries reuse the same id (issue 8). The
figures come from each service's own database, not from what the API answered.
"""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from chaos import Chaos, close_connections, kill, rows, scale, wait_alive
from simulate import JourneyFailed, run

SCALE = scale()


def contracted_order(gateway) -> str:
    """An order up to a signed contract, ready to be paid (SAL-1..6)."""
    order = gateway.call("sales.p1", "POST", "/sales/orders", "/sales/orders", json={
        "company_id": "P1", "customer_code": "CUST-001",
        "lines": [{"product_code": "KYN28-12", "quantity": "50",
                   "requested_date": "2027-09-01"}]})
    number = order["order_no"]
    for action, body in (("review", None), ("quote", None),
                         ("contract", {"deposit_percent": "100"})):
        order = gateway.call("sales.p1", "POST", f"/sales/orders/{number}/{action}",
                             f"/sales/orders/{{no}}/{action}", json=body)
        if order["status"] == "date_infeasible":
            gateway.call("sales.p1", "POST", f"/sales/orders/{number}/agree-date",
                         "/sales/orders/{no}/agree-date",
                         json={"confirmed_date": order["review"]["earliest_date"]})
    return number


def test_concurrent_payments_with_kills_and_closes_are_each_recorded_once(
        fault_suite, gateway, rabbit_api):
    order_no = contracted_order(gateway)
    accepted: list[str] = []
    failed: list[str] = []
    lock = threading.Lock()

    def pay(index: int) -> None:
        reference = f"pay-{index}-{uuid.uuid4().hex[:8]}"
        try:
            gateway.call("sales.p1", "POST", f"/sales/orders/{order_no}/payments",
                         "/sales/orders/{no}/payments",
                         json={"amount": "1.00", "reference": reference})
        except JourneyFailed as exc:
            with lock:
                failed.append(f"{reference}: {exc}")
            return
        with lock:
            accepted.append(reference)

    faults_at: list[float] = []
    paid = threading.Event()
    # forced closes, with the kills of sales spread among them (a service killed again
    # while it restarts would only measure the launcher's backoff)
    plan = ["close"] * SCALE.closes
    for index in range(SCALE.payment_kills):
        plan.insert(1 + index * 3, "kill")

    def faults() -> None:
        last_kill = 0.0
        for fault in plan:
            if paid.wait(0.15):
                return
            if fault == "kill":
                paid.wait(max(0.0, last_kill + 4 - time.monotonic()))
                if wait_alive(fault_suite, "sales", 10):
                    kill(fault_suite, "sales")
                    last_kill = time.monotonic()
            else:
                close_connections(rabbit_api, fault_suite.vhost)
            faults_at.append(time.monotonic())

    chaos = threading.Thread(target=faults)
    started = time.monotonic()
    chaos.start()
    with ThreadPoolExecutor(SCALE.payment_clients) as pool:
        list(pool.map(pay, range(SCALE.payments)))
    finished = time.monotonic()
    paid.set()
    chaos.join()
    during = sum(1 for at in faults_at if at < finished)

    ledger = rows(fault_suite.var, "sales",
                  "SELECT reference, amount FROM sales_payment WHERE order_no = ?", order_no)
    references = [reference for reference, _ in ledger]
    duplicated = len(references) - len(set(references))
    lost = sorted(set(accepted) - set(references))
    print(f"\npayments tried {SCALE.payments}, accepted {len(accepted)}, failed {len(failed)}, "
          f"ledger lines {len(ledger)}, duplicated {duplicated}, lost {len(lost)}; "
          f"{during} of {len(faults_at)} faults while paying ({finished - started:.1f} s)")
    assert during >= min(3, len(plan)), "the payments finished before the faults"
    assert not failed, failed[:3]
    assert duplicated == 0
    assert lost == []
    assert sorted(references) == sorted(accepted)  # ledger lines = payments accepted

    # logistics' copy of "paid" (LOG-2) counts every payment once, too
    total = sum(Decimal(str(amount)) for _, amount in ledger)
    assert wait_alive(fault_suite, "logistics", 30)
    gateway.poll(lambda: rows(fault_suite.var, "logistics",
                              "SELECT paid_total FROM logistics_payment WHERE order_no = ?"
                              " AND paid_total = ?", order_no, str(total)),
                 "logistics' copy of the paid total", timeout=60)


def test_journeys_reach_their_end_while_services_are_killed_and_links_closed(
        fault_suite, rabbit_api):
    var = fault_suite.var
    orders_before = {no for (no,) in rows(var, "sales", "SELECT order_no FROM sales_order")}
    with Chaos(fault_suite, rabbit_api, fault_suite.vhost, kills=SCALE.kills,
               closes=SCALE.closes, terms=SCALE.terms) as chaos:
        summary = run(fault_suite.url, SCALE.journeys, reject_odds=0.2,
                      concurrency=SCALE.concurrency, seed=17)
        while chaos.running() and len(chaos.done) < SCALE.kills + SCALE.terms + SCALE.closes:
            threading.Event().wait(0.5)
    faults = chaos.counts()
    new_orders = {no for (no,) in rows(var, "sales", "SELECT order_no FROM sales_order")
                  } - orders_before
    payments = rows(var, "sales", "SELECT order_no, COUNT(*) FROM sales_payment "
                    "GROUP BY order_no HAVING COUNT(*) != 2")
    shipments = rows(var, "logistics", "SELECT order_no, COUNT(*) FROM logistics_shipment "
                     "GROUP BY order_no HAVING COUNT(*) != 1")
    duplicated = (len(new_orders) - SCALE.journeys) + len(
        [p for p in payments if p[0] in new_orders]) + len(shipments)
    print(f"\njourneys tried {SCALE.journeys}, completed {summary['completed']}, failed "
          f"{len(summary['failed'])}, lost {SCALE.journeys - summary['completed']}, "
          f"duplicated effects {duplicated}; faults {faults}; client retries "
          f"{summary['retries']}; statuses {summary['statuses']}")
    assert summary["failed"] == [], summary["failed"][:3]
    assert summary["completed"] == SCALE.journeys
    assert faults == {"kill": SCALE.kills, "term": SCALE.terms, "close": SCALE.closes}
    assert len(new_orders) == SCALE.journeys  # no order created twice
    assert [p for p in payments if p[0] in new_orders] == []  # deposit + balance, once each
    assert shipments == []  # one shipment per order
