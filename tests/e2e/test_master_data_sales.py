"""Through the gateway on the real broker: sales keeps its own master data (issue 17) —
a new customer takes an order that is reviewed; a price dated tomorrow leaves today's
quotation alone (SAL-5); an Excel import with a bad row writes nothing and names it, a
good one is applied and exported again; every change audited."""

from __future__ import annotations

import io
import uuid
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from suite_harness import bearer

pytestmark = pytest.mark.e2e
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def code(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6].upper()}"


def shanghai_today() -> date:
    from datetime import datetime

    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def workbook(header: list, rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def order_for(customer_code: str, product_code: str = "KYN28-12") -> dict:
    return {"company_id": "P1", "customer_code": customer_code,
            "lines": [{"product_code": product_code, "quantity": "2",
                       "requested_date": (date.today() + timedelta(days=90)).isoformat()}]}


def test_a_customer_created_through_the_api_takes_an_order_that_is_reviewed(api, gateway):
    sales = bearer(gateway, "sales.p1")
    customer = code("CUST")
    created = api.post("/masterdata/sales/customers", headers=sales, json={
        "company_id": "P1", "customer_code": customer, "name": "Changzhou Rail Power",
        "grade": "A", "payment_terms": "30% deposit, rest before shipment",
        "contacts": "Mr. Xu, 0519-8888"})
    assert created.status_code == 201, created.text
    order = api.post("/sales/orders", headers=sales, json=order_for(customer))
    assert order.status_code == 201, order.text
    assert order.json()["customer_grade"] == "A"
    reviewed = api.post(f"/sales/orders/{order.json()['order_no']}/review", headers=sales)
    assert reviewed.status_code == 200, reviewed.text
    assert reviewed.json()["review"] is not None


def test_a_price_dated_tomorrow_does_not_change_todays_quotation(api, gateway):
    sales = bearer(gateway, "sales.p1")
    tomorrow = shanghai_today() + timedelta(days=1)
    dated = api.post("/masterdata/sales/prices", headers=sales, json={
        "company_id": "P1", "product_code": "GGD-400", "unit_price": "35000.00",
        "effective_from": tomorrow.isoformat()})
    assert dated.status_code == 201, dated.text
    order = api.post("/sales/orders", headers=sales,
                     json=order_for("CUST-001", "GGD-400")).json()
    assert api.post(f"/sales/orders/{order['order_no']}/review",
                    headers=sales).status_code == 200
    quoted = api.post(f"/sales/orders/{order['order_no']}/quote", headers=sales)
    assert quoted.status_code == 200, quoted.text
    assert quoted.json()["lines"][0]["unit_price"] == "32000.00"  # today's, not tomorrow's
    versions = api.get("/masterdata/sales/prices", headers=sales,
                       params={"company_id": "P1", "product_code": "GGD-400"}).json()
    assert [v["unit_price"] for v in versions][:2] == ["35000.00", "32000.00"]


def test_a_price_already_in_force_is_not_rewritten(api, gateway):
    refused = api.post("/masterdata/sales/prices", headers=bearer(gateway, "sales.p1"), json={
        "company_id": "P1", "product_code": "GGD-400", "unit_price": "1.00",
        "effective_from": (shanghai_today() - timedelta(days=1)).isoformat()})
    assert refused.status_code == 422 and "history" in refused.json()["error"]["message"]


def test_an_import_with_one_bad_row_writes_nothing_and_names_the_row(api, gateway):
    sales = bearer(gateway, "sales.p1")
    good, also_good = code("IMP"), code("IMP")
    content = workbook(["company_id", "customer_code", "name", "grade"], [
        ["P1", good, "Good Customer", "A"],
        ["P1", code("IMP"), "Bad Grade Customer", "Z"],
        ["P1", also_good, "Another Good One", "B"]])
    refused = api.post("/masterdata/sales/customers/import", headers={
        **sales, "Content-Type": XLSX}, content=content)
    assert refused.status_code == 422, refused.text
    assert [row["row"] for row in refused.json()["error"]["details"]["rows"]] == [3]
    assert "grade" in refused.json()["error"]["details"]["rows"][0]["errors"][0]
    for written in (good, also_good):
        assert api.get("/masterdata/sales/customers", headers=sales,
                       params={"search": written}).json()["total"] == 0


def test_an_import_for_another_company_writes_nothing_and_names_the_row(api, gateway):
    sales = bearer(gateway, "sales.p1")
    good = code("IMP")
    content = workbook(["company_id", "customer_code", "name", "grade"], [
        ["P1", good, "Good Customer", "A"], ["P2", code("IMP"), "Not Ours", "A"]])
    refused = api.post("/masterdata/sales/customers/import", headers={
        **sales, "Content-Type": XLSX}, content=content)
    assert refused.status_code == 422 and "row 2" in refused.json()["error"]["message"]
    assert api.get("/masterdata/sales/customers", headers=sales,
                   params={"search": good}).json()["total"] == 0


def test_a_good_import_is_applied_in_one_go_and_comes_back_in_the_export(api, gateway):
    sales = bearer(gateway, "sales.p1")
    first, second = code("IMP"), code("IMP")
    content = workbook(["company_id", "customer_code", "name", "grade", "payment_terms"], [
        ["P1", first, "Imported One", "A", "full payment"],
        ["P1", second, "Imported Two", "C", None]])
    imported = api.post("/masterdata/sales/customers/import", headers={
        **sales, "Content-Type": XLSX}, content=content)
    assert imported.status_code == 200, imported.text
    assert imported.json() == {"kind": "customer", "rows": 2, "created": 2, "changed": 0}
    order = api.post("/sales/orders", headers=sales, json=order_for(second))
    assert order.status_code == 201 and order.json()["customer_grade"] == "C"
    exported = api.get("/masterdata/sales/customers/export", headers=sales,
                       params={"company_id": "P1"})
    assert exported.status_code == 200 and exported.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(exported.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[first][2:4] == ("Imported One", "A") and rows[first][5] == "full payment"
    assert {first, second, "CUST-001"} <= set(rows)


def test_a_retired_customer_takes_no_new_order_and_the_audit_shows_who(api, gateway):
    sales = bearer(gateway, "sales.p1")
    customer = code("CUST")
    assert api.post("/masterdata/sales/customers", headers=sales, json={
        "company_id": "P1", "customer_code": customer, "name": "Short-lived Customer",
        "grade": "B"}).status_code == 201
    changed = api.patch(f"/masterdata/sales/customers/P1/{customer}", headers=sales,
                        json={"grade": "A"})
    assert changed.status_code == 200 and changed.json()["grade"] == "A"
    assert api.post(f"/masterdata/sales/customers/P1/{customer}/retire",
                    headers=sales).json()["retired"] is True
    refused = api.post("/sales/orders", headers=sales, json=order_for(customer))
    assert refused.status_code == 422
    trail = api.get("/masterdata/sales/customer/changes", headers=sales,
                    params={"key": f"P1/{customer}"}).json()
    assert [(c["action"], c["actor"]) for c in trail] == [
        ("created", "sales.p1"), ("changed", "sales.p1"), ("retired", "sales.p1")]
    assert trail[1]["before"]["grade"] == "B" and trail[1]["after"]["grade"] == "A"


def test_sales_of_p1_keeps_no_customers_of_p2_and_a_planner_none_at_all(api, gateway):
    refused = api.post("/masterdata/sales/customers", headers=bearer(gateway, "sales.p1"),
                       json={"company_id": "P2", "customer_code": code("CUST"),
                             "name": "Not Ours", "grade": "A"})
    assert refused.status_code == 403
    assert api.get("/masterdata/sales/customers",
                   headers=bearer(gateway, "planner.p1")).status_code == 403
