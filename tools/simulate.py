"""Drive N orders through the whole journey via the gateway's public API only.

Acts for every person — sales, GM, design, planner, buyer, inspector,
shipping clerk, service engineer — with configurable odds of a rejected lot.
It is the demo, the load generator and (later) the chaos driver.

    python tools/simulate.py --orders 20 [--url http://127.0.0.1:8000]
                             [--reject-odds 0.2] [--outsource-odds 0.3]
                             [--concurrency 4] [--seed 1]

Prints a summary: journeys completed, wall time, per-route p50/p99.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx

PASSWORD = "demo"
PRODUCTS = {"P1": ["KYN28-12", "GGD-400"], "P2": ["SC-500"]}
CUSTOMERS = {"P1": ["CUST-001", "CUST-002", "CUST-003"], "P2": ["CUST-101", "CUST-102"]}
ROLES = ("sales", "contracts", "gm", "design", "planner", "buyer", "qc", "shipping",
         "service")


class JourneyFailed(RuntimeError):
    pass


@dataclass
class Stats:
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    statuses: dict = field(default_factory=lambda: defaultdict(int))
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, route: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies[route].append(seconds)
            self.statuses[status] += 1

    def all_latencies(self) -> list[float]:
        return [value for values in self.latencies.values() for value in values]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _transient(response: httpx.Response) -> bool:
    """Worth sending again with the same key: the outcome is unknown or not yet final."""
    if response.status_code in (502, 503, 504):
        return True
    # the idempotency store: the first request with this key is still running
    return response.status_code == 409 and "retry-after" in response.headers


class Gateway:
    """A thin client that logs in as the demo users and times every call by route."""

    def __init__(self, url: str, stats: Stats, timeout: float = 30.0,
                 retry_for_s: float = 90.0):
        self.client = httpx.Client(base_url=url, timeout=timeout)
        self.retry_for_s = retry_for_s
        self.stats = stats
        self.tokens: dict[str, str] = {}
        self.lock = threading.Lock()

    def token(self, username: str) -> str:
        with self.lock:
            if username not in self.tokens:
                response = self.client.post("/auth/token",
                                            data={"username": username, "password": PASSWORD})
                response.raise_for_status()
                self.tokens[username] = response.json()["access_token"]
            return self.tokens[username]

    def call(self, user: str, method: str, path: str, route: str, expect=(200, 201), **kw):
        """One logical call. A command carries an Idempotency-Key, and every retry of it
        (after a lost connection, a 503 or 504, or "still in progress") reuses that key,
        so the suite runs it once however often it is sent."""
        response = self.send(user, method, path, route, **kw)
        if response.status_code not in expect:
            raise JourneyFailed(f"{method} {path} as {user}: {response.status_code} "
                                f"{response.text[:300]}")
        return response.json() if response.content else None

    def send(self, user: str, method: str, path: str, route: str, **kw) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token(user)}"}
        if method != "GET":
            headers["Idempotency-Key"] = uuid.uuid4().hex
        deadline = time.monotonic() + self.retry_for_s
        pause = 0.2
        while True:
            started = time.perf_counter()
            try:
                response = self.client.request(method, path, headers=headers, **kw)
            except httpx.TransportError as exc:
                response, error = None, exc
            else:
                error = None
                self.stats.record(f"{method} {route}", time.perf_counter() - started,
                                  response.status_code)
                if not _transient(response):
                    return response
            if time.monotonic() + pause > deadline:
                if response is not None:
                    return response
                raise JourneyFailed(f"{method} {path} as {user}: {error!r}")
            with self.lock:
                self.stats.retries += 1
            time.sleep(pause)
            pause = min(pause * 2, 2.0)

    def poll(self, fetch, what: str, timeout: float = 60.0, interval: float = 0.2):
        deadline = time.monotonic() + timeout
        while True:
            value = fetch()
            if value:
                return value
            if time.monotonic() > deadline:
                raise JourneyFailed(f"timed out waiting for {what}")
            time.sleep(interval)


def users(company: str) -> dict[str, str]:
    suffix = company.lower()
    return {"sales": f"sales.{suffix}", "contracts": f"contracts.{suffix}",
            "gm": f"gm.{suffix}",
            "design": "design.p1" if company == "P1" else "group.gm",
            "production": f"prod.{suffix}",
            "planner": f"planner.{suffix}", "buyer": f"buyer.{suffix}", "qc": f"qc.{suffix}",
            "shipping": f"shipping.{suffix}", "service": f"service.{suffix}"}


@dataclass
class OrderPlan:
    company: str
    customer: str
    product: str
    quantity: int
    reject_first_lot: bool
    try_shipping_before_payment: bool = True
    service_request: bool = False
    outsource_test: bool = False  # PLN-10: the test step goes to an external lab


# PLN-10: products whose routing ends in a test bay, and the lab that stands in for it
OUTSOURCED_TEST = {"KYN28-12": 30, "GGD-400": 30, "SC-500": 30}
TEST_LAB = "OSP-SZHV"


class Journey:
    """One order, intake to after-sales, each step performed by its department."""

    def __init__(self, gateway: Gateway, plan: OrderPlan):
        self.gw = gateway
        self.plan = plan
        self.who = users(plan.company)
        self.order_no: str | None = None
        self.rejected_lots = 0
        self.refused_instructions = 0

    def run(self) -> dict:
        order = self.intake()
        self.review()
        self.contract_and_pay_deposit(order)
        self.instruct()
        self.procure_and_inspect()
        self.notify_packaging()
        self.produce()
        self.final_inspection()
        shipment = self.ship()
        self.deliver(shipment)
        if self.plan.service_request:
            self.after_sales()
        return self.journey()

    def intake(self) -> dict:
        requested = date.today() + timedelta(days=random.randint(60, 90))
        order = self.gw.call(self.who["sales"], "POST", "/sales/orders", "/sales/orders", json={
            "company_id": self.plan.company, "customer_code": self.plan.customer,
            "lines": [{"product_code": self.plan.product, "quantity": str(self.plan.quantity),
                       "requested_date": requested.isoformat()}],
        })
        self.order_no = order["order_no"]
        return order

    def _sales(self, action: str, user: str = "sales", **kw) -> dict:
        return self.gw.call(self.who[user], "POST", f"/sales/orders/{self.order_no}/{action}",
                            f"/sales/orders/{{no}}/{action}", **kw)

    def review(self) -> None:
        order = self._sales("review")
        if order["status"] == "date_infeasible":  # SAL-4: the customer accepts a later date
            self._sales("agree-date", json={"confirmed_date": order["review"]["earliest_date"]})

    def contract_and_pay_deposit(self, order: dict) -> None:
        self._sales("quote")
        order = self._sales("contract", json={"deposit_percent": "30"})
        deposit = (Decimal(order["contract_total"]) * Decimal("0.30")).quantize(Decimal("0.01"))
        self._sales("payments", json={"amount": str(deposit), "reference": "deposit"})

    def instruct(self) -> None:
        """Sales' production instruction (SAL-7), then planning's proposed plan published
        by the planner (PLN-1) -- after the coordination meeting a non-regular order's plan
        needs (PLN-3)."""
        self._sales("production-instruction")
        self.publish_plan()

    def publish_plan(self) -> dict:
        plan = self.gw.poll(self._plan, f"the proposed plan of {self.order_no}")
        if plan["publication"] == "published":
            return plan
        base = f"/planning/plans/{self.order_no}"
        if plan["non_regular"]:
            self.gw.call(self.who["planner"], "POST", f"{base}/coordination-meeting",
                         "/planning/plans/{no}/coordination-meeting", json={
                             "held_at": datetime.now(UTC).isoformat(),
                             "attendees": [self.who[user] for user in (
                                 "planner", "design", "production", "buyer", "qc")],
                             "notes": "design, workshop, procurement and quality agree"})
            for department, user in (("design", "design"), ("workshops", "production"),
                                     ("procurement", "buyer"), ("quality", "qc")):
                self.gw.call(self.who[user], "POST", f"{base}/coordination-approvals",
                             "/planning/plans/{no}/coordination-approvals",
                             json={"department": department})
        return self.gw.call(self.who["planner"], "POST", f"{base}/publication",
                            "/planning/plans/{no}/publication", json={"note": "as proposed"})

    def _plan(self) -> dict | None:
        response = self.gw.call(self.who["planner"], "GET", f"/planning/plans/{self.order_no}",
                                "/planning/plans/{no}", expect=(200, 404))
        return response if response and "plan_no" in response else None

    def procure_and_inspect(self) -> None:
        plan = self.gw.poll(self._plan, f"plan of {self.order_no}")
        wanted = {request["request_no"] for request in plan["material_requests"]}

        def all_available():
            current = self._plan()
            return current and all(r["status"] == "available"
                                   for r in current["material_requests"])

        deadline = time.monotonic() + 120
        while not all_available():
            if time.monotonic() > deadline:
                raise JourneyFailed(f"materials of {self.order_no} never became available")
            self._move_transfers()
            self._receive_open_purchase_orders()
            self._inspect_pending_lots()
            time.sleep(0.2)
        assert wanted  # every plan needs some material

    def _move_transfers(self) -> None:
        """PRC-3: the holder's buyer ships each transfer; the receiver's QC receives it."""
        moving = self.gw.call(self.who["buyer"], "GET", "/procurement/transfers",
                              "/procurement/transfers", params={"order_no": self.order_no})
        for transfer in moving:
            path = f"/procurement/transfers/{transfer['transfer_no']}"
            if transfer["status"] == "requested":
                self.gw.call(f"buyer.{transfer['from_company'].lower()}", "POST",
                             f"{path}/shipment", "/procurement/transfers/{no}/shipment",
                             expect=(200, 409), json={"carrier": "group truck"})
            elif transfer["status"] == "shipped":
                self.gw.call(self.who["qc"], "POST", f"{path}/receipt",
                             "/procurement/transfers/{no}/receipt", expect=(200, 409),
                             json={"quantity": transfer["quantity"],
                                   "inspection_note": "counted and inspected at receipt"})

    def _receive_open_purchase_orders(self) -> None:
        orders = self.gw.call(self.who["buyer"], "GET", "/procurement/purchase-orders",
                              "/procurement/purchase-orders", params={"order_no": self.order_no})
        for po in orders:
            if po["order_no"] != self.order_no:
                continue
            awaiting = po["status"] in ("placed", "awaiting_replacement") and not any(
                lot["status"] == "awaiting_inspection" for lot in po["lots"])
            if awaiting:
                self.gw.call(self.who["buyer"], "POST",
                             f"/procurement/purchase-orders/{po['po_no']}/receipts",
                             "/procurement/purchase-orders/{po}/receipts",
                             json={"quantity": po["quantity"],
                                   "delivery_note_quantity": po["quantity"]})

    def _inspect_pending_lots(self) -> None:
        lots = self.gw.call(self.who["qc"], "GET", "/quality/lots", "/quality/lots",
                            params={"status": "pending"})
        for lot in lots:
            if lot["order_no"] != self.order_no or lot["status"] != "pending":
                continue
            reject = self.plan.reject_first_lot and self.rejected_lots == 0
            self.rejected_lots += int(reject)
            self.gw.call(self.who["qc"], "POST", f"/quality/lots/{lot['lot_no']}/inspection",
                         "/quality/lots/{lot}/inspection", expect=(200, 201, 409),
                         json={"sample_size": 100, "defects": 10 if reject else 1})

    def notify_packaging(self) -> dict:
        """LOG-1: production tells packaging what must be complete before the goods are
        ready (the notice is timed by the plan's completion, which logistics hears of)."""
        def due():
            return self.gw.call(self.who["planner"], "GET", "/logistics/packaging-notices",
                                "/logistics/packaging-notices",
                                params={"order_no": self.order_no})

        self.gw.poll(due, f"packaging notice of {self.order_no} due")
        return self.gw.call(self.who["planner"], "POST",
                            f"/logistics/packaging-notices/{self.order_no}",
                            "/logistics/packaging-notices/{no}", json={
                                "packing": "wooden crate, moisture barrier",
                                "accessories": "spare fuses, door keys",
                                "documents": "manual, test certificate, wiring diagram"})

    def produce(self) -> None:
        plan = self.gw.poll(lambda: (p := self._plan()) and all(
            wo["status"] in ("ready", "released", "in_progress", "done")
            for wo in p["work_orders"]) and p, "work orders ready")
        for wo in plan["work_orders"]:
            number = wo["work_order_no"]
            base = f"/planning/work-orders/{number}"
            self.gw.call(self.who["planner"], "POST", f"{base}/release",
                         "/planning/work-orders/{wo}/release")
            half = (Decimal(wo["quantity"]) / 2).quantize(Decimal("0.001"))
            self.gw.call(self.who["planner"], "POST", f"{base}/progress",
                         "/planning/work-orders/{wo}/progress",
                         json={"completed_quantity": str(half)})
            if self.plan.outsource_test and wo["product_code"] in OUTSOURCED_TEST:
                self.outsource_test(wo)  # its return completes the work order
                continue
            self.gw.call(self.who["planner"], "POST", f"{base}/complete",
                         "/planning/work-orders/{wo}/complete")

    def outsource_test(self, wo: dict) -> None:
        """PLN-10: the company's GM outsources the last step (the test); the group GM
        approves before it goes out; the buyer sends and receives it, quality passes it."""
        os = self.gw.call(self.who["gm"], "POST",
                          f"/planning/work-orders/{wo['work_order_no']}/outsourcing",
                          "/planning/work-orders/{wo}/outsourcing", json={
                              "step": OUTSOURCED_TEST[wo["product_code"]],
                              "partner_code": TEST_LAB, "reason": "capacity_saturated",
                              "unit_price": "420.00"})
        base = f"/planning/outsourcing-orders/{os['outsourcing_no']}"
        self.gw.call("group.gm", "POST", f"{base}/decision",
                     "/planning/outsourcing-orders/{no}/decision", json={"approve": True})
        self.gw.call(self.who["buyer"], "POST", f"{base}/dispatch",
                     "/planning/outsourcing-orders/{no}/dispatch")
        self.gw.call(self.who["buyer"], "POST", f"{base}/receipt",
                     "/planning/outsourcing-orders/{no}/receipt",
                     json={"quantity": str(wo["quantity"])})
        self.gw.call(self.who["qc"], "POST", f"{base}/inspection",
                     "/planning/outsourcing-orders/{no}/inspection", json={"passed": True})

    def final_inspection(self) -> None:
        def pending():
            found = self.gw.call(self.who["qc"], "GET", "/quality/final-inspections",
                                 "/quality/final-inspections", params={"status": "pending"})
            return [i for i in found if i["order_no"] == self.order_no]

        self.gw.poll(pending, "final inspection")
        self.gw.call(self.who["qc"], "POST", f"/quality/final-inspections/{self.order_no}",
                     "/quality/final-inspections/{no}", json={"passed": True})

    def ship(self) -> dict:
        def stocked():
            goods = self.gw.call(self.who["shipping"], "GET", "/logistics/finished-goods",
                                 "/logistics/finished-goods")
            return [g for g in goods if g["order_no"] == self.order_no]

        self.gw.poll(stocked, "finished goods in stock")
        if self.plan.try_shipping_before_payment:  # LOG-2: no instruction before the balance
            self._instruct_shipping(expect=(409,))
            self.refused_instructions += 1
        order = self.gw.call(self.who["sales"], "GET", f"/sales/orders/{self.order_no}",
                             "/sales/orders/{no}")
        balance = Decimal(order["contract_total"]) - Decimal(order["paid_total"])
        self._sales("payments", json={"amount": str(balance), "reference": "balance"})
        self._instruct_shipping()

        def prepared():  # the instruction reaches logistics by event
            response = self.gw.send(self.who["shipping"], "POST", "/logistics/shipments",
                                    "/logistics/shipments", json={"order_no": self.order_no})
            if response.status_code == 201:
                return response.json()
            if "already has shipment" in response.text:  # an earlier attempt made it
                return self.gw.call(self.who["shipping"], "GET", "/logistics/shipments",
                                    "/logistics/shipments",
                                    params={"order_no": self.order_no})[0]
            return None

        shipment = self.gw.poll(prepared, "shipment prepared from the instruction",
                                interval=0.3)
        dispatch = {"carrier": "OWN-TRUCK", "vehicle_no": "苏A-12345",
                    "signed_receipt_by": "driver Wu"}
        path = f"/logistics/shipments/{shipment['shipment_no']}/dispatch"

        def dispatched():
            response = self.gw.send(self.who["shipping"], "POST", path,
                                    "/logistics/shipments/{no}/dispatch", json=dispatch)
            return response.json() if response.status_code == 200 else None

        # the payment reaches logistics by event too: it checks it again at dispatch (LOG-2)
        return self.gw.poll(dispatched, "dispatch after payment", interval=0.3)

    def _instruct_shipping(self, expect=(201,)) -> dict:
        """LOG-2: contract & order management's shipping instruction: leave now, arrive in
        two days at the order's address."""
        now = datetime.now(UTC)
        return self._sales("shipping-instructions", user="contracts", expect=expect, json={
            "ship_at": now.isoformat(), "arrival_at": (now + timedelta(days=2)).isoformat()})

    def deliver(self, shipment: dict) -> None:
        self.gw.call(self.who["shipping"], "POST",
                     f"/logistics/shipments/{shipment['shipment_no']}/delivery",
                     "/logistics/shipments/{no}/delivery",
                     json={"received_by": "site foreman", "receipt_no": f"R-{self.order_no}"})

    def after_sales(self) -> None:
        def open_request():
            response = self.gw.send(
                self.who["sales"], "POST", "/aftersales/service-requests",
                "/aftersales/service-requests",
                json={"order_no": self.order_no, "kind": "installation",
                      "description": "please commission the cabinets on site"})
            return response.json() if response.status_code == 201 else None

        request = self.gw.poll(open_request, "service request accepted")
        base = f"/aftersales/service-requests/{request['request_no']}"
        self.gw.call(self.who["service"], "POST", f"{base}/forward",
                     "/aftersales/service-requests/{no}/forward")
        self.gw.call(self.who["service"], "POST", f"{base}/contact",
                     "/aftersales/service-requests/{no}/contact",
                     json={"notes": "site visit booked"})
        self.gw.call(self.who["service"], "POST", f"{base}/resolve",
                     "/aftersales/service-requests/{no}/resolve",
                     json={"remedy": "commissioned on site"})

    def journey(self) -> dict:
        def delivered():
            view = self.gw.call(self.who["sales"], "GET", f"/orders/{self.order_no}/journey",
                                "/orders/{no}/journey")
            return view if view.get("status") == "delivered" else None

        # sales hears of the delivery by event: slower when many processes share the cores
        return self.gw.poll(delivered, "journey shows delivery", timeout=90)


def make_plans(count: int, reject_odds: float, rng: random.Random,
               outsource_odds: float = 0.0) -> list[OrderPlan]:
    plans = []
    for index in range(count):
        company = "P1" if index % 3 else "P2"
        plans.append(OrderPlan(
            company=company, customer=rng.choice(CUSTOMERS[company]),
            product=rng.choice(PRODUCTS[company]), quantity=rng.randint(1, 3),
            reject_first_lot=rng.random() < reject_odds,
            service_request=index % 4 == 0,
            outsource_test=outsource_odds > 0 and rng.random() < outsource_odds,
        ))
    return plans


def run(url: str, orders: int, reject_odds: float, concurrency: int, seed: int,
        outsource_odds: float = 0.0) -> dict:
    rng = random.Random(seed)
    random.seed(seed)
    stats = Stats()
    gateway = Gateway(url, stats)
    plans = make_plans(orders, reject_odds, rng, outsource_odds)
    started = time.perf_counter()
    completed, failures, rejected, refused = 0, [], 0, 0
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        journeys = [Journey(gateway, plan) for plan in plans]
        futures = {pool.submit(journey.run): journey for journey in journeys}
        for future in as_completed(futures):
            journey = futures[future]
            try:
                future.result()
                completed += 1
                rejected += journey.rejected_lots
                refused += journey.refused_instructions
            except Exception as exc:  # report every failed journey, keep the others going
                failures.append(f"{journey.order_no}: {exc}")
    elapsed = time.perf_counter() - started
    timed = [value for value in stats.all_latencies() if value > 0]
    return {
        "orders": orders, "completed": completed, "failed": failures,
        "seconds": round(elapsed, 1), "rejected_lots": rejected,
        "instructions_refused_before_payment": refused,
        "gateway_calls": len(timed),
        "p50_ms": round(percentile(timed, 0.5) * 1000, 1),
        "p99_ms": round(percentile(timed, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(timed) * 1000, 1) if timed else 0,
        "statuses": dict(stats.statuses),
        "retries": stats.retries,
        "routes": {route: {"calls": len(values),
                           "p50_ms": round(percentile(values, 0.5) * 1000, 1),
                           "p99_ms": round(percentile(values, 0.99) * 1000, 1)}
                   for route, values in sorted(stats.latencies.items())
                   if any(v > 0 for v in values)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--orders", type=int, default=20)
    parser.add_argument("--reject-odds", type=float, default=0.2)
    parser.add_argument("--outsource-odds", type=float, default=0.0,
                        help="share of orders whose test step is outsourced (PLN-10)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON only")
    args = parser.parse_args(argv)
    summary = run(args.url, args.orders, args.reject_odds, args.concurrency, args.seed,
                  args.outsource_odds)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"journeys completed: {summary['completed']}/{summary['orders']} in "
              f"{summary['seconds']} s; lots rejected then replaced: {summary['rejected_lots']}; "
              f"shipping instructions refused before payment: "
              f"{summary['instructions_refused_before_payment']}")
        print(f"gateway calls: {summary['gateway_calls']}, p50 {summary['p50_ms']} ms, "
              f"p99 {summary['p99_ms']} ms")
        for route, figures in summary["routes"].items():
            print(f"  {route:55} {figures['calls']:5d}  p50 {figures['p50_ms']:7.1f}  "
                  f"p99 {figures['p99_ms']:7.1f}")
        for failure in summary["failed"]:
            print(f"FAILED {failure}")
    return 0 if summary["completed"] == summary["orders"] else 1


if __name__ == "__main__":
    sys.exit(main())
