"""Time limits breach end to end (X-1, X-2): each limit is driven past its due time
through the gateway, and what its people see is asserted — the breach on the order's
journey, the item in the holder's department leader's inbox (and nobody else's), and,
left unacknowledged, the climb to the company's general manager.

Limits whose anchor a user states are breached by stating a moment already past, no
clock touched: a change notice received two working hours ago (SAL-8), a shipment
planned to leave two working days ago (LOG-4). Limits that run from "now" are breached
by a sweep that looks 30 days ahead (test-only <SVC>_DEADLINE_SWEEP_AHEAD_S): PRC-4,
PRC-5, QLT-3, AFS-1, AFS-2; LOG-2, due a working day before the confirmed delivery date
(60-90 days out), on a second suite whose sales sweep looks 200 days ahead. Every
service climbs a rung 3 s after a breach (<SVC>_DEADLINE_ESCALATION_STEP_S).

Where it is cheap the limit is also shown met when the act comes in time: SAL-8 answered
at once, LOG-2 issued before the goods are ready, LOG-4 re-planned and dispatched.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from servicekit.timelimits import X1_TIME_LIMITS, due_at
from servicekit.workcalendar import DEFAULT_CALENDAR

from simulate import Gateway, Journey, OrderPlan, Stats
from suite_harness import running_suite

AHEAD_S = str(30 * 24 * 3600)
FAR_AHEAD_S = str(200 * 24 * 3600)
STEP_S = 3
BREACH_WAIT_S = 30


@pytest.fixture(scope="module")
def breaching_suite(rabbit_api, tmp_path_factory):
    step = str(STEP_S)
    with running_suite(rabbit_api, tmp_path_factory.mktemp("var"), LOG_LEVEL="WARNING",
                       DEADLINE_SWEEP_INTERVAL_S="0.5",
                       PROCUREMENT_DEADLINE_SWEEP_AHEAD_S=AHEAD_S,
                       AFTERSALES_DEADLINE_SWEEP_AHEAD_S=AHEAD_S,
                       QUALITY_DEADLINE_SWEEP_AHEAD_S=AHEAD_S,
                       SALES_DEADLINE_ESCALATION_STEP_S=step,
                       QUALITY_DEADLINE_ESCALATION_STEP_S=step,
                       LOGISTICS_DEADLINE_ESCALATION_STEP_S=step,
                       PROCUREMENT_DEADLINE_ESCALATION_STEP_S=step,
                       AFTERSALES_DEADLINE_ESCALATION_STEP_S=step,
                       JWT_SECRET="e2e-test-secret-not-for-production") as running:
        yield running


@pytest.fixture(scope="module")
def gw(breaching_suite):
    client = Gateway(breaching_suite.url, Stats())
    yield client
    client.client.close()


@pytest.fixture(scope="module")
def far_ahead_gw(rabbit_api, tmp_path_factory):
    """A suite whose sales sweep looks FAR_AHEAD_S ahead: LOG-2 counts back from the
    confirmed delivery date (60-90 days out in the simulator), which no user states."""
    with running_suite(rabbit_api, tmp_path_factory.mktemp("var"), LOG_LEVEL="WARNING",
                       DEADLINE_SWEEP_INTERVAL_S="0.5", SALES_DEADLINE_SWEEP_AHEAD_S=FAR_AHEAD_S,
                       SALES_DEADLINE_ESCALATION_STEP_S=str(STEP_S),
                       JWT_SECRET="e2e-test-secret-not-for-production") as running:
        client = Gateway(running.url, Stats())
        yield client
        client.client.close()


def working_hours_ago(hours: float) -> datetime:
    return DEFAULT_CALENDAR.add_working_hours(datetime.now(UTC), -timedelta(hours=hours))


def new_journey(gw: Gateway, product: str = "GGD-400") -> Journey:
    journey = Journey(gw, OrderPlan(company="P1", customer="CUST-001", product=product,
                                    quantity=1, reject_first_lot=False,
                                    try_shipping_before_payment=False))
    journey.intake()
    return journey


def effective(journey: Journey, instruct: bool = True) -> Journey:
    order = journey.gw.call("sales.p1", "GET", f"/sales/orders/{journey.order_no}", "order")
    journey.review()
    journey.contract_and_pay_deposit(order)
    if instruct:
        journey.instruct()
    return journey


def limits(gw: Gateway, order_no: str, rule_id: str) -> list[dict]:
    """The order's `rule_id` limits as its journey shows them (X-1)."""
    view = gw.call("sales.p1", "GET", f"/orders/{order_no}/journey", "journey")
    return [d for d in view["deadlines"] if d["rule_id"] == rule_id]


def inbox(gw: Gateway, user: str, order_no: str, rule_id: str, subject: str) -> list[dict]:
    return [i for i in gw.call(user, "GET", "/me/inbox", "inbox")
            if (i["order_no"], i["rule_id"], i["subject"]) == (order_no, rule_id, subject)]


def assert_breach_reaches(gw: Gateway, order_no: str, rule_id: str, subject: str, *,
                          department: str, others: tuple[str, ...]) -> dict:
    """X-1/X-2: the `subject` limit of `rule_id` is breached on the order's journey, in the
    inbox of P1's `department` leader and nobody else's (`others`, P2's GM), and left
    unacknowledged it climbs to P1's general manager. Returns the journey's entry."""
    leader = f"lead.{department}.p1"
    [item] = gw.poll(lambda: inbox(gw, leader, order_no, rule_id, subject),
                     f"the {rule_id} breach of {subject} in {leader}'s inbox",
                     timeout=BREACH_WAIT_S)
    assert (item["rung"], item["level"], item["department"], item["company_id"]) == (
        "department_leader", 1, department, "P1"), item
    assert item["acknowledged_at"] is None
    [climbed] = gw.poll(lambda: inbox(gw, "gm.p1", order_no, rule_id, subject),
                        f"the {rule_id} breach of {subject} climbing to P1's GM",
                        timeout=BREACH_WAIT_S)
    assert (climbed["rung"], climbed["level"], climbed["source_id"]) == (
        "general_manager", 2, item["source_id"]), climbed
    for person in (*others, "gm.p2"):
        assert not inbox(gw, person, order_no, rule_id, subject), f"{person} got {subject}"
    [entry] = [d for d in limits(gw, order_no, rule_id) if d["subject"] == subject]
    assert entry["status"] == "breached" and entry["breached_at"], entry
    assert entry["escalated_to"] == "general_manager", entry
    return entry


def assert_met_late(gw: Gateway, order_no: str, rule_id: str, subject: str) -> dict:
    """The late act is on record: breached, then met (the breach stays visible)."""
    [entry] = [d for d in limits(gw, order_no, rule_id) if d["subject"] == subject]
    assert entry["status"] == "breached" and entry["breached_at"] and entry["met_at"], entry
    return entry


def assert_met_in_time(entry: dict) -> None:
    assert entry["status"] == "met" and entry["met_at"], entry
    assert entry["breached_at"] is None and entry["escalated_to"] is None, entry
    assert datetime.fromisoformat(entry["met_at"]) <= datetime.fromisoformat(entry["due_at"])


# -- SAL-8: a change notice answered within 30 working minutes ------------------------------

def record_change(gw: Gateway, order_no: str, received_at: datetime) -> dict:
    return gw.call("sales.p1", "POST", f"/sales/orders/{order_no}/changes", "changes", json={
        "received_at": received_at.isoformat(), "received_from": "customer's engineer, by fax",
        "description": "IP54 instead of IP4X", "lines": [{"line_no": 1, "spec": "IP54"}]})


def classify(gw: Gateway, change_no: str) -> dict:
    return gw.call("sales.p1", "POST", f"/sales/changes/{change_no}/classification",
                   "classify", json={"severity": 1, "reason": "enclosure seals only"})


def test_sal_8_a_change_left_unanswered_for_30_working_minutes_breaches(gw):
    # rule SAL-8, X-1, X-2: received two working hours ago, nobody answered it
    late = effective(new_journey(gw), instruct=False)
    change = record_change(gw, late.order_no, working_hours_ago(2))
    subject = f"change {change['change_no']}"
    assert_breach_reaches(gw, late.order_no, "SAL-8", subject, department="sales",
                          others=("sales.p1", "lead.sales.p2", "lead.planning.p1"))
    classify(gw, change["change_no"])
    assert_met_late(gw, late.order_no, "SAL-8", subject)

    # answered at once: met, never breached
    prompt = effective(new_journey(gw), instruct=False)
    change = record_change(gw, prompt.order_no, datetime.now(UTC))
    classify(gw, change["change_no"])
    [entry] = limits(gw, prompt.order_no, "SAL-8")
    assert_met_in_time(entry)


# -- QLT-3: the quality leader's 30 working minutes on a kind 4 finding -------------------

def quality_metric(suite, name: str, **labels: str) -> float:
    """A sample of the quality service's own /metrics (its Prometheus endpoint)."""
    port = suite.env["QUALITY_METRICS_PORT"]
    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    wanted = [f'{key}="{value}"' for key, value in labels.items()]
    for line in text.splitlines():
        if line.startswith(name + "{") and all(label in line for label in wanted):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_qlt_3_a_kind_4_finding_the_leader_leaves_unresolved_breaches_to_the_gm(
        gw, breaching_suite):
    # rule QLT-3 (4), X-1, X-2: the inspector reports to the quality leader at once; the
    # leader's own 30 working minutes pass unresolved: the limit is the leader's, so its
    # breach goes past the leader straight to the general manager, and is counted
    journey = new_journey(gw)
    before = quality_metric(breaching_suite, "ordersuite_deadline_breaches_total",
                            rule_id="QLT-3", escalated_to="general_manager")
    finding = gw.call("qc.p1", "POST", "/quality/findings", "findings", json={
        "company_id": "P1", "order_no": journey.order_no, "kind": "design_or_undecided",
        "description": "terminal spacing does not match the drawing",
        "found_at": datetime.now(UTC).isoformat()})
    path = f"/quality/findings/{finding['finding_no']}"
    gw.call("qc.p1", "POST", f"{path}/reaction", "reaction",
            json={"action": "reported to the quality leader"})
    subject = f"finding {finding['finding_no']} coordination"
    [item] = gw.poll(lambda: inbox(gw, "gm.p1", journey.order_no, "QLT-3", subject),
                     f"the QLT-3 breach of {subject} in P1's GM's inbox",
                     timeout=BREACH_WAIT_S)
    assert (item["rung"], item["department"], item["company_id"]) == (
        "general_manager", "quality", "P1"), item
    for person in ("lead.quality.p1", "qc.p1", "gm.p2"):
        assert not inbox(gw, person, journey.order_no, "QLT-3", subject), person
    [entry] = [d for d in limits(gw, journey.order_no, "QLT-3") if d["subject"] == subject]
    assert (entry["status"], entry["escalated_to"]) == ("breached", "general_manager"), entry
    assert quality_metric(breaching_suite, "ordersuite_deadline_breaches_total",
                          rule_id="QLT-3", escalated_to="general_manager") == before + 1
    gw.call("lead.quality.p1", "POST", f"{path}/resolution", "resolution",
            json={"resolution": "drawing revised by design"})
    assert_met_late(gw, journey.order_no, "QLT-3", subject)


# -- PRC-4 and PRC-5: the supplier's confirmation and the ship-day call -----------------------

def purchase_orders(gw: Gateway, order_no: str) -> list[dict]:
    return [po for po in gw.call("buyer.p1", "GET", "/procurement/purchase-orders", "po",
                                 params={"order_no": order_no}) if po["order_no"] == order_no]


def test_prc_4_and_prc_5_unconfirmed_and_unchecked_breach_to_procurement(gw):
    # rule PRC-4, PRC-5, X-1, X-2: a breaker due in 15 working days is not confirmed by the
    # supplier 5 working days ahead; once confirmed, nobody calls on the ship day
    journey = effective(new_journey(gw, product="KYN28-12"))
    [po] = gw.poll(lambda: [po for po in purchase_orders(gw, journey.order_no)
                            if po["material_code"] == "BRK-VS1-12"], "the breaker's PO")
    others = ("buyer.p1", "lead.procurement.p2", "lead.sales.p1", "lead.planning.p1")
    subject = f"PO {po['po_no']}"
    assert_breach_reaches(gw, journey.order_no, "PRC-4", subject, department="procurement",
                          others=others)
    gw.call("buyer.p1", "POST", f"/procurement/purchase-orders/{po['po_no']}/ship-date",
            "ship-date", json={"ship_date": po["confirmed_date"]})
    assert_met_late(gw, journey.order_no, "PRC-4", subject)

    ship_day = f"ship day of PO {po['po_no']} ({po['confirmed_date']})"
    entry = assert_breach_reaches(gw, journey.order_no, "PRC-5", ship_day,
                                  department="procurement", others=others)
    assert entry["due_at"].startswith(po["confirmed_date"]), entry  # close of the ship day
    gw.call("buyer.p1", "POST", f"/procurement/purchase-orders/{po['po_no']}/shipment-check",
            "shipment-check", json={"shipped": True, "carrier": "Deppon Logistics"})
    assert_met_late(gw, journey.order_no, "PRC-5", ship_day)


# -- LOG-2: the shipping instruction 1 working day before the goods are ready ---------------

def issue_shipping_instruction(journey: Journey) -> None:
    """The balance arrives, then contract management issues the instruction (LOG-2)."""
    order = journey.gw.call("sales.p1", "GET", f"/sales/orders/{journey.order_no}", "order")
    balance = Decimal(order["contract_total"]) - Decimal(order["paid_total"])
    journey._sales("payments", json={"amount": str(balance), "reference": "balance"})
    journey._instruct_shipping()


def test_log_2_no_shipping_instruction_a_working_day_before_the_delivery_date_breaches(
        far_ahead_gw):
    # rule LOG-2, X-1, X-2: the instruction is due a working day before the confirmed
    # delivery date; the sweep looks past it and none was issued
    gw = far_ahead_gw
    journey = effective(new_journey(gw))
    order = gw.call("sales.p1", "GET", f"/sales/orders/{journey.order_no}", "order")
    [confirmed] = {line["confirmed_date"] for line in order["lines"]}
    subject = f"shipping instruction of {journey.order_no}"
    entry = assert_breach_reaches(gw, journey.order_no, "LOG-2", subject, department="sales",
                                  others=("contracts.p1", "sales.p1", "lead.sales.p2",
                                          "lead.logistics.p1"))
    # due on the working day before the confirmed date (nothing to do with goods ready)
    due_day = DEFAULT_CALENDAR.local(datetime.fromisoformat(entry["due_at"])).date()
    ship = date.fromisoformat(confirmed)
    # one working day before the ship day's start, on the Chinese calendar (over the Spring
    # Festival that is more than a week earlier by the wall clock)
    assert datetime.fromisoformat(entry["due_at"]) == due_at(
        X1_TIME_LIMITS["LOG-2.shipping_instruction"], DEFAULT_CALENDAR.start_of_business(ship))
    assert due_day < ship and DEFAULT_CALENDAR.is_workday(due_day), (entry, confirmed)
    assert DEFAULT_CALENDAR.is_workday(due_day), entry
    issue_shipping_instruction(journey)
    assert_met_late(gw, journey.order_no, "LOG-2", subject)


# -- LOG-4 (and LOG-2 met): goods that did not leave on the planned day ------------------------

@pytest.fixture(scope="module")
def shipped_late(gw) -> dict:
    """An order produced and paid, its shipping instruction issued in time (LOG-2), its
    shipment planned to leave two working days ago and left standing until the LOG-4
    breach reached P1's GM; then the delay is reported, the goods leave at the new time
    and are delivered."""
    journey = effective(new_journey(gw))
    journey.procure_and_inspect()
    journey.notify_packaging()
    journey.produce()
    journey.final_inspection()
    gw.poll(lambda: [g for g in gw.call("shipping.p1", "GET", "/logistics/finished-goods",
                                        "goods") if g["order_no"] == journey.order_no],
            "finished goods in stock")
    issue_shipping_instruction(journey)
    planned_at = working_hours_ago(16)
    shipment = gw.poll(lambda: (r := gw.send(
        "shipping.p1", "POST", "/logistics/shipments", "shipments",
        json={"order_no": journey.order_no, "planned_ship_at": planned_at.isoformat()})
    ).status_code == 201 and r.json(), "the shipment prepared from the instruction")
    found = {"journey": journey, "shipment": shipment}
    found["breached"] = assert_breach_reaches(
        gw, journey.order_no, "LOG-4", shipment["shipment_no"], department="logistics",
        others=("shipping.p1", "lead.logistics.p2", "lead.sales.p1"))
    path = f"/logistics/shipments/{shipment['shipment_no']}"
    new_time = datetime.now(UTC) + timedelta(hours=1)
    gw.call("shipping.p1", "POST", f"{path}/delay", "delay", json={
        "reason": "the crane broke down", "new_ship_at": new_time.isoformat(),
        "expected_arrival": (new_time + timedelta(days=2)).isoformat()})
    gw.poll(lambda: gw.send("shipping.p1", "POST", f"{path}/dispatch", "dispatch", json={
        "carrier": "OWN-TRUCK", "vehicle_no": "苏A-12345", "signed_receipt_by": "driver Wu"}
    ).status_code == 200, "dispatch")
    journey.deliver(shipment)
    return found


def test_log_4_goods_not_left_on_the_planned_day_breach_to_logistics(gw, shipped_late):
    # rule LOG-4, X-1, X-2 (the breach and its climb are asserted as the fixture waits)
    order_no = shipped_late["journey"].order_no
    shipment_no = shipped_late["shipment"]["shipment_no"]
    assert shipped_late["breached"]["escalated_to"] == "general_manager"
    late = assert_met_late(gw, order_no, "LOG-4", shipment_no)  # the late report
    assert datetime.fromisoformat(late["due_at"]) < datetime.now(UTC)
    # the new ship time had a limit of its own, met by the dispatch in time
    [replanned] = [d for d in limits(gw, order_no, "LOG-4")
                   if d["subject"] == f"{shipment_no} re-planned 1"]
    assert_met_in_time(replanned)
    # and the shipping instruction came before the goods were ready (LOG-2)
    [instruction] = limits(gw, order_no, "LOG-2")
    assert_met_in_time(instruction)


# -- AFS-1 and AFS-2: a service request forwarded and answered ------------------------------

def service_request(gw: Gateway, order_no: str) -> tuple[str, str]:
    """Sales records a customer's request on the delivered order (AFS-1): its subject and
    path."""
    request = gw.call("sales.p1", "POST", "/aftersales/service-requests", "requests", json={
        "order_no": order_no, "kind": "installation",
        "description": "please commission the cabinets on site"})
    return (f"request {request['request_no']}",
            f"/aftersales/service-requests/{request['request_no']}")


def test_afs_1_a_request_left_unforwarded_breaches_to_sales(gw, shipped_late):
    # rule AFS-1, X-1, X-2
    order_no = shipped_late["journey"].order_no
    subject, path = service_request(gw, order_no)
    [entry] = gw.poll(lambda: [d for d in limits(gw, order_no, "AFS-1")
                               if d["subject"] == subject
                               and d["escalated_to"] == "general_manager"],
                      "AFS-1 breached and climbed to the GM", timeout=BREACH_WAIT_S)
    assert entry["status"] == "breached" and entry["breached_at"], entry
    [climbed] = gw.poll(lambda: inbox(gw, "gm.p1", order_no, "AFS-1", subject),
                        "the AFS-1 breach in P1's GM's inbox", timeout=BREACH_WAIT_S)
    assert (climbed["rung"], climbed["company_id"]) == ("general_manager", "P1")
    assert not inbox(gw, "gm.p2", order_no, "AFS-1", subject)
    gw.call("sales.p1", "POST", f"{path}/forward", "forward")  # late: on record as such
    assert_met_late(gw, order_no, "AFS-1", subject)
    # sales records the request and forwards it to after-sales within 60 minutes: the
    # breach is the sales leader's, and after-sales (who never received it) is not blamed
    assert [i["rung"] for i in inbox(gw, "lead.sales.p1", order_no, "AFS-1", subject)] == [
        "department_leader"]
    assert not inbox(gw, "lead.aftersales.p1", order_no, "AFS-1", subject)


def test_afs_2_a_forwarded_request_without_contact_breaches_to_aftersales(gw, shipped_late):
    # rule AFS-2, X-1, X-2: forwarded at once, after-sales does not call within 2 hours
    order_no = shipped_late["journey"].order_no
    subject, path = service_request(gw, order_no)
    gw.call("sales.p1", "POST", f"{path}/forward", "forward")
    assert_breach_reaches(gw, order_no, "AFS-2", subject, department="aftersales",
                          others=("service.p1", "lead.aftersales.p2", "lead.sales.p1"))
    gw.call("service.p1", "POST", f"{path}/contact", "contact",
            json={"notes": "site visit booked"})
    assert_met_late(gw, order_no, "AFS-2", subject)
