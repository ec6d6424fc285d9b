"""Getting paid, through the gateway on the real broker (SAL-10): invoices from the
contract's payment terms, dunning that escalates step by step and stops when paid, and an
aging view that sums to the open invoices."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from servicekit.workcalendar import DEFAULT_CALENDAR


def company_today() -> date:
    """Today where the companies are (Asia/Shanghai): an invoice is issued on that date,
    which after 16:00 UTC is a day ahead of the UTC date."""
    return DEFAULT_CALENDAR.local(datetime.now(UTC)).date()

TERMS = {"deposit_percent": "30", "payment_terms": [
    {"stage": "deposit", "percent": "30", "due_days": 5},
    {"stage": "before_shipment", "percent": "70", "due_days": 0}]}


def contracted_order(gateway, customer: str) -> str:
    order = gateway.call("sales.p1", "POST", "/sales/orders", "orders", json={
        "company_id": "P1", "customer_code": customer,
        "lines": [{"product_code": "GGD-400", "quantity": "1",
                   "requested_date": (date.today() + timedelta(days=70)).isoformat()}]})
    no = order["order_no"]
    reviewed = gateway.call("sales.p1", "POST", f"/sales/orders/{no}/review", "review")
    if reviewed["status"] == "date_infeasible":
        gateway.call("sales.p1", "POST", f"/sales/orders/{no}/agree-date", "agree",
                     json={"confirmed_date": reviewed["review"]["earliest_date"]})
    gateway.call("sales.p1", "POST", f"/sales/orders/{no}/quote", "quote")
    gateway.call("sales.p1", "POST", f"/sales/orders/{no}/contract", "contract", json=TERMS)
    return no


def invoices(gateway, **params) -> list[dict]:
    return gateway.call("sales.p1", "GET", "/sales/invoices", "invoices",
                        params={"limit": 1000, **params})


def dun(gateway, as_of: date) -> list[dict]:
    return gateway.call("sales.p1", "POST", "/sales/receivables/dunning-runs", "dunning",
                        json={"as_of": as_of.isoformat()})


def test_an_unpaid_invoice_is_dunned_step_by_step_until_it_is_paid(gateway):
    no = contracted_order(gateway, "CUST-002")
    [deposit] = invoices(gateway, order_no=no)
    assert (deposit["stage"], deposit["status"]) == ("deposit", "open")
    assert date.fromisoformat(deposit["due_date"]) == company_today() + timedelta(days=5)
    due = date.fromisoformat(deposit["due_date"])

    def steps(as_of: date) -> list[int]:
        return [n["level"] for n in dun(gateway, as_of)
                if n["invoice_no"] == deposit["invoice_no"]]

    assert steps(due) == []  # due today: not overdue yet
    assert steps(due + timedelta(days=2)) == [1]  # a reminder through the salesperson
    assert steps(due + timedelta(days=2)) == []  # the same run again adds nothing
    assert steps(due + timedelta(days=20)) == [2]  # escalated: the department leader
    assert steps(due + timedelta(days=40)) == [3]  # one step per run: the GM's final notice

    gateway.call("sales.p1", "POST", f"/sales/orders/{no}/payments", "payments",
                 json={"amount": deposit["amount"], "reference": "late deposit"})
    [paid] = invoices(gateway, order_no=no)
    assert paid["status"] == "paid" and Decimal(paid["open_amount"]) == 0
    assert steps(due + timedelta(days=90)) == []  # paid: never dunned again

    notices = gateway.call("sales.p1", "GET", "/sales/receivables/dunning-notices", "notices",
                           params={"order_no": no})
    assert [(n["level"], n["addressed_to"]) for n in notices] == [
        (3, "general_manager"), (2, "department_leader"), (1, "salesperson")]
    view = gateway.call("sales.p1", "GET", f"/orders/{no}/journey", "journey")
    assert [s["stage"] for s in view["stages"] if s["stage"] == "dunning"] == ["dunning"] * 3
    sal10 = {d["subject"]: d["status"] for d in view["deadlines"] if d["rule_id"] == "SAL-10"}
    assert sal10 and set(sal10.values()) == {"met"}  # payment met every limit


def test_the_aging_view_sums_to_the_open_invoices_per_customer_and_company(gateway):
    first, second = contracted_order(gateway, "CUST-001"), contracted_order(gateway, "CUST-003")
    as_of = company_today() + timedelta(days=45)  # the new deposits are 40 days overdue then
    aging = gateway.call("sales.p1", "GET", "/sales/receivables/aging", "aging",
                         params={"as_of": as_of.isoformat(), "company_id": "P1"})
    open_now = invoices(gateway, status="open")
    [p1] = aging["companies"]
    assert Decimal(p1["buckets"]["total_open"]) == sum(
        Decimal(i["open_amount"]) for i in open_now if i["company_id"] == "P1")
    assert Decimal(aging["total_open"]) == Decimal(p1["buckets"]["total_open"])
    for customer in p1["customers"]:
        mine = [i for i in open_now if i["customer_code"] == customer["customer_code"]]
        assert Decimal(customer["buckets"]["total_open"]) == sum(
            Decimal(i["open_amount"]) for i in mine)
        bucketed = sum(Decimal(customer["buckets"][name]) for name in (
            "current", "days_1_30", "days_31_60", "days_61_90", "over_90"))
        assert bucketed == Decimal(customer["buckets"]["total_open"])
    new = [i for i in open_now if i["order_no"] in (first, second)]
    assert len(new) == 2
    assert Decimal(p1["buckets"]["days_31_60"]) >= sum(Decimal(i["open_amount"]) for i in new)
