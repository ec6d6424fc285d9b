"""Documents (X-4) as PDFs and lists as Excel, through the gateway on the running suite.

Each document is rendered by the gateway for an order the simulator drove through the
whole journey, its text extracted with poppler's ``pdftotext`` and searched for what a
person checks on the paper: the Chinese heading, the business number, the company and
the lines. Needs ``pdftotext`` (Debian poppler-utils, installed by ``make infra``) and
the fonts-noto-cjk fonts; without pdftotext these tests skip, except under CI.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import Workbook, load_workbook

from simulate import Gateway, Journey, OrderPlan, Stats

PDFTOTEXT = shutil.which("pdftotext")
UNDER_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
pytestmark = pytest.mark.e2e
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None and not UNDER_CI,
    reason="pdftotext is not installed (Debian: apt-get install poppler-utils; `make infra`)")
COMPANY = "华电开关有限公司"


@pytest.fixture(scope="module")
def delivered(suite):
    """A regular P1 order driven through the whole journey, with its records per department."""
    gateway = Gateway(suite.url, Stats())
    try:
        journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001", product="GGD-400",
                                             quantity=2, reject_first_lot=False))
        journey.run()
        no = journey.order_no

        def get(user, path, **params):
            return gateway.call(user, "GET", path, path, params=params)

        return {
            "order": get("sales.p1", f"/sales/orders/{no}"),
            "pos": get("buyer.p1", "/procurement/purchase-orders", order_no=no),
            "lots": [lot for lot in get("qc.p1", "/quality/lots", limit=1000)
                     if lot["order_no"] == no],
            "shipments": get("shipping.p1", "/logistics/shipments", order_no=no),
            "tokens": {user: gateway.token(user) for user in
                       ("sales.p1", "buyer.p1", "qc.p1", "shipping.p1", "planner.p1")},
        }
    finally:
        gateway.client.close()


def pdf_text(api, token: str, path: str) -> str:
    response = api.get(path, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(response.content)
        file.flush()
        result = subprocess.run([PDFTOTEXT or "pdftotext", "-layout", file.name, "-"],
                                capture_output=True, text=True, check=True)
    return result.stdout


@needs_pdftotext
def test_the_contract_prints_its_number_company_customer_and_lines_in_chinese(api, delivered):
    order = delivered["order"]
    text = pdf_text(api, delivered["tokens"]["sales.p1"],
                    f"/documents/contract/{order['order_no']}")
    for expected in ("订单购销单", "合同号", order["contract_no"], order["order_no"], COMPANY,
                     "GGD-400", "产品型号", "交货日期", "定金", "CUST-001"):
        assert expected in text, expected
    total = f"{float(order['contract_total']):,.2f}"
    assert f"¥{total}" in text  # money as printed: yuan sign, thousands, two places


@needs_pdftotext
def test_the_production_instruction_prints_its_number_and_the_plans_work_orders(api, delivered):
    order = delivered["order"]
    text = pdf_text(api, delivered["tokens"]["planner.p1"],
                    f"/documents/production-instruction/{order['order_no']}")
    for expected in ("生产指令", "指令号", order["instruction_no"], order["order_no"], COMPANY,
                     "GGD-400", "计划号", "工单"):
        assert expected in text, expected


@needs_pdftotext
def test_each_purchase_order_prints_its_number_supplier_and_material(api, delivered):
    assert delivered["pos"], "the journey bought no material"
    for po in delivered["pos"]:
        text = pdf_text(api, delivered["tokens"]["buyer.p1"],
                        f"/documents/purchase-order/{po['po_no']}")
        for expected in ("采购订单", "采购单号", po["po_no"], COMPANY, po["supplier_code"],
                         po["material_code"], "物料编码"):
            assert expected in text, expected


@needs_pdftotext
def test_the_inspection_reports_print_the_lot_its_sample_and_verdict(api, delivered):
    lot = delivered["lots"][0]
    text = pdf_text(api, delivered["tokens"]["qc.p1"],
                    f"/documents/inspection-report/{lot['lot_no']}")
    for expected in ("进货检验报告", "批次号", lot["lot_no"], COMPANY, lot["material_code"],
                     "抽样数", "合格入库", lot["po_no"]):
        assert expected in text, expected
    no = delivered["order"]["order_no"]
    text = pdf_text(api, delivered["tokens"]["qc.p1"], f"/documents/final-inspection-report/{no}")
    for expected in ("成品检验报告", "检验单号", no, COMPANY, "GGD-400", "合格"):
        assert expected in text, expected


@needs_pdftotext
def test_the_shipping_notice_prints_its_number_lines_and_the_payment_clearance(api, delivered):
    shipment = delivered["shipments"][0]
    text = pdf_text(api, delivered["tokens"]["shipping.p1"],
                    f"/documents/shipping-notice/{shipment['shipment_no']}")
    for expected in ("发货通知单", "发货单号", shipment["shipment_no"], COMPANY, "GGD-400",
                     "货款已结清", shipment["carrier"], "签收人"):
        assert expected in text, expected


def test_another_companys_document_is_not_found(api, gateway, delivered):
    order_no = delivered["order"]["order_no"]
    response = api.get(f"/documents/contract/{order_no}",
                       headers={"Authorization": f"Bearer {gateway.token('sales.p2')}"})
    assert response.status_code == 404


def test_a_list_exports_to_xlsx_with_chinese_headers_and_its_rows(api, delivered):
    token = delivered["tokens"]["sales.p1"]
    response = api.get("/exports/sales-orders", params={"status": "delivered"},
                       headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text[:300]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("订单号", "公司", "客户编码")
    numbers = [row[0] for row in rows[1:]]
    assert delivered["order"]["order_no"] in numbers
    english = api.get("/exports/sales-orders", params={"lang": "en"},
                      headers={"Authorization": f"Bearer {token}"})
    assert next(load_workbook(io.BytesIO(english.content)).active.iter_rows(
        values_only=True))[0] == "Order no."


def order_sheet(*rows) -> bytes:
    book = Workbook()
    book.active.append(["客户订单号", "公司", "客户编码", "产品型号", "规格", "数量", "要求交期"])
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(api, token: str, data: bytes):
    return api.post("/sales/orders/import", headers={"Authorization": f"Bearer {token}"},
                    files={"file": ("orders.xlsx", data, "application/vnd.openxmlformats-"
                                    "officedocument.spreadsheetml.sheet")})


def orders_of_customer(api, token: str, customer: str) -> int:
    response = api.get("/sales/orders", params={"limit": 1000},
                       headers={"Authorization": f"Bearer {token}"})
    return sum(order["customer_code"] == customer for order in response.json())


def test_an_order_sheet_with_one_bad_row_is_refused_with_that_rows_reason(api, gateway):
    token = gateway.token("sales.p1")
    later = date.today() + timedelta(days=80)
    before = orders_of_customer(api, token, "CUST-003")
    bad_quantity = upload(api, token, order_sheet(
        ("PO-A", "P1", "CUST-003", "GGD-400", "", 2, later),
        ("PO-B", "P1", "CUST-003", "KYN28-12", "", "two", later)))
    assert bad_quantity.status_code == 422, bad_quantity.text[:500]
    assert "refused" in bad_quantity.json()["error"]["details"], bad_quantity.text[:500]
    refused = bad_quantity.json()["error"]["details"]["refused"]
    assert [r["rows"] for r in refused] == ["3"] and "数量" in refused[0]["reason"]
    unknown_product = upload(api, token, order_sheet(
        ("PO-A", "P1", "CUST-003", "GGD-400", "", 2, later),
        ("PO-B", "P1", "CUST-003", "NO-SUCH-PRODUCT", "", 1, later)))
    assert unknown_product.status_code == 422
    assert unknown_product.json()["error"]["details"]["refused"] == [
        {"rows": "3", "reason": "line 1: NO-SUCH-PRODUCT is not in P1's price list"}]
    assert orders_of_customer(api, token, "CUST-003") == before  # nothing written


def test_a_good_order_sheet_records_one_order_per_reference(api, gateway):
    token = gateway.token("sales.p1")
    later = date.today() + timedelta(days=80)
    response = upload(api, token, order_sheet(
        ("PO-7", "P1", "CUST-002", "GGD-400", "", 1, later),
        ("PO-7", "P1", "CUST-002", "KYN28-12", "", "3", later),
        ("PO-8", "P1", "CUST-002", "GGD-400", "", 2, later)))
    assert response.status_code == 201, response.text[:400]
    orders = response.json()
    assert [len(order["lines"]) for order in orders] == [2, 1]
    assert all(order["status"] == "received" for order in orders)


@needs_pdftotext
def test_a_change_notice_prints_its_number_and_the_lines_before_and_after(api, gateway):
    later = (date.today() + timedelta(days=80)).isoformat()
    order = gateway.call("sales.p1", "POST", "/sales/orders", "orders", json={
        "company_id": "P1", "customer_code": "CUST-002",
        "lines": [{"product_code": "GGD-400", "quantity": "3", "requested_date": later}]})
    change = gateway.call("sales.p1", "POST", f"/sales/orders/{order['order_no']}/changes",
                          "changes", json={
                              "received_at": datetime.now(UTC).isoformat(),
                              "received_from": "客户采购部传真", "description": "减少一台",
                              "lines": [{"line_no": 1, "quantity": "2"}]})
    text = pdf_text(api, gateway.token("sales.p1"),
                    f"/documents/change-notice/{change['change_no']}")
    for expected in ("更改通知单", "更改单号", change["change_no"], order["order_no"], COMPANY,
                     "GGD-400", "原数量", "新数量", "客户采购部传真", "减少一台"):
        assert expected in text, expected
    assert re.search(r"GGD-400\s+3\s+2\b", text), text  # the line: 3 before, 2 after


@needs_pdftotext
def test_a_nonconformance_report_prints_its_number_cause_and_goods(api, gateway):
    later = (date.today() + timedelta(days=80)).isoformat()
    order = gateway.call("sales.p1", "POST", "/sales/orders", "orders", json={
        "company_id": "P1", "customer_code": "CUST-002",
        "lines": [{"product_code": "GGD-400", "quantity": "1", "requested_date": later}]})
    finding = gateway.call("qc.p1", "POST", "/quality/findings", "findings", json={
        "company_id": "P1", "order_no": order["order_no"], "kind": "internal_rework",
        "description": "电缆接头压接模具用错", "product_code": "GGD-400", "quantity": "1"})
    text = pdf_text(api, gateway.token("qc.p1"), f"/documents/ncr/{finding['ncr_no']}")
    for expected in ("不合格品报告", "报告号", finding["ncr_no"], order["order_no"], COMPANY,
                     "GGD-400", "电缆接头压接模具用错", "处置", "待定"):
        assert expected in text, expected
