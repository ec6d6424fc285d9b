"""Through the gateway on the real broker (issue 17): master data created through the API
carries an order — a new customer, a product with a two-level BOM and a routing, a work
centre with its shift calendar and an approved supplier; the order is reviewed, planned on
that work centre and bought from that supplier (PLN-4, PLN-5, PRC-2). The supplier's lead
times travel to planning as an event (PLN-2). A BOM change leaves the published plan as
it was."""

from __future__ import annotations

import time
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from simulate import Journey, OrderPlan
from suite_harness import bearer

pytestmark = pytest.mark.e2e


def created(api, headers: dict, path: str, body: dict) -> dict:
    response = api.post(path, headers=headers, json=body)
    assert response.status_code == 201, f"{path}: {response.text}"
    return response.json()


def poll(fetch, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = fetch()
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"{what} did not happen within {timeout}s")


@pytest.fixture(scope="module")
def master(suite):
    """The master data of a new product line, every record created through the API."""
    import httpx

    from simulate import Gateway, Stats

    gateway = Gateway(suite.url, Stats())
    tag = uuid.uuid4().hex[:5].upper()
    codes = {"busbar": f"CU-{tag}", "breaker": f"BRK-{tag}", "supplier": f"SUP-{tag}",
             "centre": f"P1-L{tag}", "sub": f"SUB-{tag}", "product": f"TOP-{tag}",
             "customer": f"CUST-{tag}"}
    buyer, planner, sales = (bearer(gateway, user) for user in
                             ("buyer.p1", "planner.p1", "sales.p1"))
    with httpx.Client(base_url=suite.url, timeout=30) as api:
        for material in ("busbar", "breaker"):
            created(api, buyer, "/masterdata/procurement/materials",
                    {"material_code": codes[material], "name": f"new {material}"})
        created(api, buyer, "/masterdata/procurement/suppliers", {
            "supplier_code": codes["supplier"], "name": "Changzhou Busbar Works",
            "approved": True, "approved_on": date.today().isoformat(),
            "scope": "busbars and breakers", "offers": [
                {"material_code": codes["busbar"], "lead_days": 5, "unit_price": "80.00"},
                {"material_code": codes["breaker"], "lead_days": 21,
                 "unit_price": "5200.00"}]})
        created(api, planner, "/masterdata/planning/work-centres", {
            "company_id": "P1", "code": codes["centre"], "name": "New cabinet line",
            "shifts": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"},
                       {"start": "18:00", "end": "22:00"}], "parallel_units": 1})
        created(api, planner, "/masterdata/planning/products", {
            "company_id": "P1", "product_code": codes["sub"], "name": "Busbar kit",
            "bom": [{"material_code": codes["busbar"], "quantity": "2"}],
            "routing": [{"step": 10, "work_centre": codes["centre"], "minutes_per_unit": 30}]})
        created(api, planner, "/masterdata/planning/products", {
            "company_id": "P1", "product_code": codes["product"], "name": "New cabinet",
            "bom": [{"material_code": codes["sub"], "quantity": "3"},
                    {"material_code": codes["breaker"], "quantity": "1"}],
            "routing": [{"step": 10, "work_centre": codes["centre"], "minutes_per_unit": 60}]})
        created(api, sales, "/masterdata/sales/customers", {
            "company_id": "P1", "customer_code": codes["customer"], "name": "Yangzhou Grid",
            "grade": "B", "payment_terms": "30% deposit"})
        created(api, sales, "/masterdata/sales/prices", {
            "company_id": "P1", "product_code": codes["product"], "unit_price": "91000.00",
            "effective_from": datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()})
    yield gateway, codes
    gateway.client.close()


def test_the_approved_suppliers_lead_time_reaches_planning_as_an_event(api, master):
    """PLN-2: planning answers with the new supplier's 21-day lead time of the breaker."""
    gateway, codes = master
    soon = (date.today() + timedelta(days=3)).isoformat()

    def answer():
        response = api.post("/planning/feasibility", headers=bearer(gateway, "sales.p1"), json={
            "company_id": "P1", "lines": [{"product_code": codes["product"], "quantity": "1",
                                           "requested_date": soon}]})
        assert response.status_code == 200, response.text
        body = response.json()
        return body if codes["breaker"] in body["binding_constraint"] else None

    found = poll(answer, "planning learning the breaker's lead time")
    assert found["binding_kind"] == "material" and not found["feasible"]


def test_an_order_for_the_new_product_is_reviewed_planned_on_the_new_line_and_bought_from_the_new_supplier(  # noqa: E501
        api, master):
    gateway, codes = master
    journey = Journey(gateway, OrderPlan("P1", codes["customer"], codes["product"], 2, False))
    order = journey.intake()
    assert order["customer_grade"] == "B"
    journey.review()
    journey.contract_and_pay_deposit(order)
    journey.instruct()
    plan = gateway.poll(journey._plan, f"plan of {journey.order_no}")
    centres = {op["work_centre"] for wo in plan["work_orders"] for op in wo["operations"]}
    assert centres == {codes["centre"]}
    needs = {r["material_code"]: Decimal(r["quantity"]) for r in plan["material_requests"]}
    # two levels: 2 cabinets x 3 kits x 2 busbars, and 2 x 1 breaker
    assert needs == {codes["busbar"]: Decimal("12"), codes["breaker"]: Decimal("2")}
    buyer = bearer(gateway, "buyer.p1")

    def both_ordered():
        orders = api.get("/procurement/purchase-orders", headers=buyer,
                         params={"order_no": journey.order_no}).json()
        return orders if len(orders) == 2 else None

    orders = poll(both_ordered, "both materials bought")
    assert {po["supplier_code"] for po in orders} == {codes["supplier"]}
    assert {po["material_code"] for po in orders} == set(needs)

    # a BOM change after the plan was published leaves that plan as it was
    changed = api.patch(f"/masterdata/planning/products/{codes['product']}",
                        headers=bearer(gateway, "planner.p1"), json={"bom": [
                            {"material_code": codes["sub"], "quantity": "5"},
                            {"material_code": codes["breaker"], "quantity": "2"}]})
    assert changed.status_code == 200, changed.text
    again = api.get(f"/planning/plans/{journey.order_no}",
                    headers=bearer(gateway, "planner.p1")).json()
    assert {r["material_code"]: Decimal(r["quantity"])
            for r in again["material_requests"]} == needs
    assert again["plan_no"] == plan["plan_no"]


def test_a_bom_that_contains_itself_and_a_routing_on_an_unknown_line_are_refused(api, master):
    gateway, codes = master
    planner = bearer(gateway, "planner.p1")
    cycle = api.patch(f"/masterdata/planning/products/{codes['sub']}", headers=planner,
                      json={"bom": [{"material_code": codes["product"], "quantity": "1"}]})
    assert cycle.status_code == 422 and "contains the product itself" in cycle.text
    unknown = api.post("/masterdata/planning/products", headers=planner, json={
        "company_id": "P1", "product_code": f"X-{codes['product']}", "name": "Nowhere",
        "bom": [{"material_code": codes["busbar"], "quantity": "1"}],
        "routing": [{"step": 10, "work_centre": "NO-SUCH-LINE", "minutes_per_unit": 5}]})
    assert unknown.status_code == 422 and "NO-SUCH-LINE" in unknown.text


def test_a_second_shift_is_kept_and_a_retired_supplier_leaves_the_approved_list(api, master):
    gateway, codes = master
    planner, buyer = bearer(gateway, "planner.p1"), bearer(gateway, "buyer.p1")
    shifts = api.patch(f"/masterdata/planning/work-centres/{codes['centre']}", headers=planner,
                       json={"shifts": [{"start": "06:00", "end": "14:00"},
                                        {"start": "14:00", "end": "22:00"}]})
    assert shifts.status_code == 200 and len(shifts.json()["shifts"]) == 2
    listed = api.get("/masterdata/planning/work-centres", headers=planner,
                     params={"company_id": "P1"}).json()
    assert codes["centre"] in {centre["code"] for centre in listed}
    short_lived = f"OLD-{codes['supplier']}"
    created(api, buyer, "/masterdata/procurement/suppliers", {
        "supplier_code": short_lived, "name": "Short-lived Supplier", "approved": True,
        "scope": "busbars", "offers": [
            {"material_code": codes["busbar"], "lead_days": 9, "unit_price": "81.00"}]})
    approved = api.get("/masterdata/procurement/suppliers", headers=buyer,
                       params={"search": short_lived, "approved_only": True}).json()
    assert approved["total"] == 1 and approved["items"][0]["scope"] == "busbars"
    retired = api.post(f"/masterdata/procurement/suppliers/{short_lived}/retire",
                       headers=buyer)
    assert retired.status_code == 200 and retired.json()["approved"] is False
    assert api.get("/masterdata/procurement/suppliers", headers=buyer, params={
        "search": short_lived, "approved_only": True}).json()["total"] == 0
    assert api.post("/masterdata/procurement/suppliers", headers=bearer(gateway, "sales.p1"),
                    json={}).status_code == 403


def supplier_workbook(rows: list[list]) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["supplier_code", "name", "approved", "scope", "material_code",
                        "lead_days", "unit_price"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_supplier_import_with_a_bad_row_writes_nothing_and_a_good_one_reaches_planning(
        api, master):
    """The import is applied in procurement in one transaction and its lead times arrive
    in planning's copy (PLN-2), as a supplier made one by one."""
    gateway, codes = master
    buyer = {**bearer(gateway, "buyer.p1"),
             "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    imported = f"IMP-{codes['supplier']}"
    bad = supplier_workbook([[imported, "Imported Works", True, "busbars", codes["busbar"], 4,
                              "79.00"],
                             [imported, "Imported Works", True, "busbars", codes["breaker"],
                              "soon", "5000.00"]])
    refused = api.post("/masterdata/procurement/suppliers/import", headers=buyer, content=bad)
    assert refused.status_code == 422, refused.text
    assert [row["row"] for row in refused.json()["error"]["details"]["rows"]] == [3]
    assert api.get("/masterdata/procurement/suppliers", headers=bearer(gateway, "buyer.p1"),
                   params={"search": imported}).json()["total"] == 0
    good = supplier_workbook([[imported, "Imported Works", True, "busbars", codes["busbar"], 4,
                               "79.00"],
                              [imported, "Imported Works", True, "busbars", codes["breaker"],
                               14, "5000.00"]])
    report = api.post("/masterdata/procurement/suppliers/import", headers=buyer, content=good)
    assert report.status_code == 200, report.text
    assert report.json() == {"kind": "supplier", "rows": 1, "created": 1, "changed": 0}
    soon = (date.today() + timedelta(days=3)).isoformat()

    def planning_uses_the_imported_lead_time():
        answer = api.post("/planning/feasibility", headers=bearer(gateway, "sales.p1"), json={
            "company_id": "P1", "lines": [{"product_code": codes["product"], "quantity": "1",
                                           "requested_date": soon}]}).json()
        return answer if "lead time 14 working days" in answer["binding_constraint"] else None

    found = poll(planning_uses_the_imported_lead_time, "planning's copy of the import")
    assert codes["breaker"] in found["binding_constraint"]
