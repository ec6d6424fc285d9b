"""A regular order clicked through its whole journey in the web pages, in zh-CN (issue 15).

Headless Chromium (Debian's chromium and chromium-driver, through selenium's WebDriver;
no browser download) signs in as each department's user in turn with the sign-in form
and does that department's part with the page's own forms and buttons: sales records,
reviews, quotes, contracts, takes the deposit and instructs; procurement receives the
purchase orders; quality inspects the lots and the finished order; planning releases,
reports and completes the work orders; contract & order management is refused the
shipping instruction before the balance (the refusal shown in the form, LOG-2); sales takes
the balance; contract & order management issues the shipping instruction; logistics
prepares the shipment from it, dispatches and confirms delivery; sales records a service
request that after-sales forwards, contacts and resolves. The test makes no API call of its own.

Screenshots go to $WEB_SCREENSHOTS (default var/screenshots/): one per department's
step, named in order.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)),
                None)
CHROMEDRIVER = shutil.which("chromedriver")
UNDER_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
MISSING = ("headless Chromium with its WebDriver is not installed (Debian: apt-get install -y "
           "chromium chromium-driver, or `make infra`)")
pytestmark = [pytest.mark.e2e, pytest.mark.skipif(
    (CHROMIUM is None or CHROMEDRIVER is None) and not UNDER_CI, reason=MISSING)]
SHOTS = Path(os.environ.get("WEB_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var"
                            / "screenshots"))
CJK = re.compile(r"[\u4e00-\u9fff]")


class Pages:
    """The browser, as a person uses it: sign in, open a page, fill a form, read the page."""

    def __init__(self, driver, url: str):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        self.d, self.url, self.By, self.Wait = driver, url, By, WebDriverWait
        self.shot_no = 0

    def find(self, css: str, timeout: float = 20):
        from selenium.webdriver.support import expected_conditions as ec

        return self.Wait(self.d, timeout).until(
            ec.presence_of_element_located((self.By.CSS_SELECTOR, css)))

    def all(self, css: str):
        return self.d.find_elements(self.By.CSS_SELECTOR, css)

    def open(self, path: str) -> None:
        self.d.get(self.url + path)
        self.find("body[data-ready]")

    def sign_in(self, username: str) -> None:
        self.d.get(self.url + "/ui/")
        self.find("#sign-in, body[data-ready]")  # the sign-in form, or a signed-in page
        if not self.all("#sign-in"):
            self.d.find_element(self.By.ID, "sign-out").click()
        form = self.find("#sign-in")
        form.find_element(self.By.ID, "username").send_keys(username)
        form.find_element(self.By.ID, "password").send_keys("demo")
        form.find_element(self.By.CSS_SELECTOR, "button[type=submit]").click()
        self.find("#who:not([hidden])")
        self.find("body[data-ready]")
        assert self.d.find_element(self.By.ID, "who-detail").text.startswith(username)

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.shot_no += 1
        path = SHOTS / f"{self.shot_no:02d}-{name}.png"
        height = self.d.execute_script("return document.documentElement.scrollHeight")
        self.d.set_window_size(1024, min(max(height + 40, 800), 4000))
        self.d.save_screenshot(str(path))
        return path

    def form(self, action: str, row_text: str | None = None, timeout: float = 60):
        """The first form of this action (in the row that mentions row_text), reloading the
        page while the data it waits for (from another department's event) is on its way."""
        deadline = time.monotonic() + timeout
        while True:
            for form in self.all(f'form[data-action="{action}"]'):
                row = form.find_elements(self.By.XPATH, "ancestor::tr")
                if row_text is None or (row and row_text in row[0].text):
                    return form
            if time.monotonic() > deadline:
                raise AssertionError(f"no {action} form for {row_text} on {self.d.current_url}")
            time.sleep(0.5)
            self.d.refresh()
            self.find("body[data-ready]")

    def submit(self, form, **values) -> str | None:
        """Fill the form's fields by name, send it; the refusal shown in it, or None."""
        for name, value in values.items():
            field = form.find_element(self.By.NAME, name)
            if field.get_attribute("type") == "checkbox":
                if field.is_selected() != bool(value):
                    field.click()
            elif field.get_attribute("type") == "date":  # the picker's typing is locale-bound
                self.d.execute_script("arguments[0].value = arguments[1]", field, value)
            elif field.tag_name == "select":
                from selenium.webdriver.support.select import Select

                Select(field).select_by_value(str(value))
            else:
                field.clear()
                field.send_keys(str(value))
        button = form.find_element(self.By.CSS_SELECTOR, "button[type=submit]")
        button.click()
        from selenium.common.exceptions import WebDriverException

        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            try:
                alert = form.find_element(self.By.CSS_SELECTOR, "[role=alert]")
                if alert.is_displayed() and not button.get_attribute("disabled"):
                    return alert.text
            except WebDriverException:  # stale: gone with the re-rendered page
                return None  # the page re-rendered (or moved on) with the result
            time.sleep(0.1)
        raise AssertionError("the form neither finished nor showed a refusal")

    def status(self) -> str:
        return self.find(".facts .badge").get_attribute("class").split("state-")[-1]

    def order_page(self, order_no: str) -> None:
        self.open(f"/ui/orders/{order_no}")
        self.find(".facts")


@pytest.fixture(scope="module")
def pages(suite):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.fail(MISSING + " (CI: a missing tool fails)", pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking", "--lang=zh-CN",
                 "--window-size=1024,1200", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield Pages(driver, suite.url)
    finally:
        driver.quit()


def test_a_regular_order_is_clicked_through_its_whole_journey_in_chinese(pages):
    later = (date.today() + timedelta(days=75)).isoformat()
    # -- sales: record the order with the intake form (SAL-1) -------------------------------
    pages.sign_in("sales.p1")
    assert pages.find("h1").text == "销售订单"
    assert pages.find('label[for="new-order-customer_code-0"]').text == "客户编码"
    refused = pages.submit(pages.form("new-order"), customer_code="CUST-404",
                           product_code="GGD-400", quantity="2", requested_date=later)
    assert refused and "输入有误" in refused and "CUST-404" in refused  # shown in place
    pages.shot("sales-intake-refused-in-place")
    pages.submit(pages.form("new-order"), customer_code="CUST-001", product_code="GGD-400",
                 quantity="2", requested_date=later)
    pages.find(".facts")
    order_no = re.search(r"/ui/orders/(SO-P1-\d+)", pages.d.current_url).group(1)
    assert pages.status() == "received"
    # -- sales: review, quote, contract, deposit, instruction (SAL-2..7) ---------------------
    pages.submit(pages.form("review"))
    if pages.status() == "date_infeasible":  # SAL-4: the customer takes the feasible date
        pages.submit(pages.form("agree-date"))
    assert pages.status() == "reviewed"
    pages.submit(pages.form("quote"))
    pages.submit(pages.form("contract"))
    assert pages.status() == "contracted"
    pages.submit(pages.form("payment"))  # the deposit, as the form proposes it
    assert pages.status() == "effective"
    pages.submit(pages.form("instruct"))
    assert pages.status() == "instructed"
    assert [b.text for b in pages.all(".order-actions button.download")] == [
        "订单购销单 PDF", "生产指令 PDF"]
    pages.shot("sales-order-instructed")
    # -- planning: the proposed plan, published by the planner (PLN-1) ----------------------
    pages.sign_in("planner.p1")
    pages.open("/ui/planning")
    pages.submit(pages.form("publish-plan", order_no, timeout=90), note="按建议计划执行")
    pages.shot("planning-plan-published")
    # -- procurement and quality: receive and inspect until the materials are in -------------
    _materials_in(pages, order_no)
    # -- planning: release, report and complete each work order (PLN-8) ---------------------
    pages.sign_in("planner.p1")
    pages.open(f"/ui/planning?status=ready&order_no={order_no}")
    done = 0
    while True:
        forms = [f for f in pages.all('form[data-action="release"]')
                 if order_no in f.find_element(pages.By.XPATH, "ancestor::tr").text]
        if not forms:
            break
        pages.submit(forms[0])
        done += 1
        pages.open(f"/ui/planning?order_no={order_no}")  # the planner narrows to the order
        progress = pages.form("progress", order_no)
        quantity = progress.find_element(pages.By.XPATH, "ancestor::tr").find_elements(
            pages.By.TAG_NAME, "td")[4].text.split("/")[-1].strip()
        pages.submit(progress, completed_quantity=quantity)
        pages.shot("planning-progress-reported") if done == 1 else None
        pages.submit(pages.form("complete", order_no))
        pages.open(f"/ui/planning?status=ready&order_no={order_no}")
    assert done >= 1
    # -- quality: the final inspection (QLT-2) ----------------------------------------------
    pages.sign_in("qc.p1")
    pages.open(f"/ui/quality?order_no={order_no}")
    pages.submit(pages.form("final-inspect", order_no, timeout=90), passed="true")
    pages.shot("quality-final-inspection-passed")
    # -- contract & order management: no shipping instruction before the balance (LOG-2) ---
    pages.sign_in("contracts.p1")
    pages.order_page(order_no)
    refused = pages.submit(pages.form("shipping-instruction"))
    assert refused and "当前状态不允许此操作" in refused and "LOG-2" in refused
    pages.shot("contracts-shipping-instruction-refused-before-payment")
    # -- sales: the balance (SAL-10) -------------------------------------------------------
    pages.sign_in("sales.p1")
    pages.order_page(order_no)
    assert not pages.all('form[data-action="shipping-instruction"]')  # not sales admin's
    pages.submit(pages.form("payment"))
    assert not pages.all('form[data-action="payment"]')  # paid in full
    # -- contract & order management: the shipping instruction, once paid (LOG-2) ----------
    pages.sign_in("contracts.p1")
    pages.order_page(order_no)
    assert pages.submit(pages.form("shipping-instruction")) is None
    pages.shot("contracts-shipping-instruction-issued")
    # -- logistics: prepare from the instruction, dispatch, then delivery (LOG-2, LOG-4, LOG-6)
    pages.sign_in("shipping.p1")
    pages.open("/ui/logistics")
    pages.submit(pages.form("prepare-shipment", order_no, timeout=90))
    deadline = time.monotonic() + 60
    while True:
        pages.open("/ui/logistics")
        refused = pages.submit(pages.form("dispatch", order_no), carrier="OWN-TRUCK",
                               vehicle_no="苏A-12345")
        if refused is None:
            break
        assert time.monotonic() < deadline, refused
        time.sleep(1)
    pages.submit(pages.form("deliver", order_no), received_by="现场负责人",
                 receipt_no=f"R-{order_no}")
    pages.open(f"/ui/logistics?order_no={order_no}")
    pages.shot("logistics-delivered")
    # -- sales records a service request; after-sales takes it to the remedy (AFS-1..4) ------
    pages.sign_in("sales.p1")
    pages.order_page(order_no)
    assert pages.status() == "delivered"
    pages.submit(pages.form("service-request", timeout=60),
                 description="请到现场调试开关柜")
    pages.sign_in("service.p1")
    pages.open("/ui/aftersales")
    pages.submit(pages.form("forward", order_no))
    pages.submit(pages.form("contact", order_no), notes="已约定现场服务时间")
    pages.submit(pages.form("resolve", order_no), remedy="现场调试完成")
    pages.open("/ui/aftersales?status=resolved")
    assert order_no in pages.find('table[data-list="service-requests"]').text
    pages.shot("aftersales-resolved")
    # -- the order page: the whole journey, in Chinese, then in English ---------------------
    pages.sign_in("sales.p1")
    pages.order_page(order_no)
    body = pages.find("main").text
    for heading in ("进程", "时限", "接收订单", "进货检验", "成品检验"):
        assert heading in body, heading
    assert "Timeline" not in body and "Deadlines" not in body
    pages.shot("sales-order-journey-zh")
    pages.d.find_element(pages.By.ID, "lang").click()
    pages.find("html[lang=en] body[data-ready]")
    english = pages.find("main").text
    assert "Timeline" in english and "Deadlines" in english
    chinese_left = [line for line in english.splitlines() if CJK.search(line)]
    # only data is Chinese in English (the customer's address, people's words)
    assert all("苏A" in line or "现场" in line or "按建议计划执行" in line
               for line in chinese_left), chinese_left
    pages.shot("sales-order-journey-en")
    pages.d.find_element(pages.By.ID, "lang").click()  # back to zh-CN for later runs
    pages.find("html[lang=zh-CN] body[data-ready]")


def _materials_in(pages, order_no: str) -> None:
    """Buyer receives each open PO of the order; the inspector passes each pending lot; until
    planning has the order's work orders ready (materials available, PLN-7)."""
    deadline = time.monotonic() + 180
    shots = set()
    while True:
        pages.sign_in("buyer.p1")
        pages.open(f"/ui/procurement?order_no={order_no}")
        for _ in range(10):
            forms = pages.all('form[data-action="receive"]')
            if not forms:
                break
            pages.submit(forms[0])
            if "receive" not in shots:
                shots.add("receive")
                pages.shot("procurement-goods-received")
        for holder in ("S1", "P2"):  # PRC-3: a sister company's stock comes by transfer
            pages.sign_in(f"buyer.{holder.lower()}")
            pages.open(f"/ui/procurement?order_no={order_no}")
            for form in [f for f in pages.all('form[data-action="ship-transfer"]')
                         if f"{holder} →" in f.find_element(pages.By.XPATH, "ancestor::tr").text]:
                pages.submit(form, carrier="自有车辆")
                pages.shot("procurement-transfer-shipped") if "ship" not in shots else None
                shots.add("ship")
                break  # the page is drawn again after each act
        pages.sign_in("buyer.p1")
        pages.open(f"/ui/procurement?order_no={order_no}")
        for _ in range(10):
            forms = pages.all('form[data-action="receive-transfer"]')
            if not forms:
                break
            pages.submit(forms[0], inspection_note="外观完好")
        pages.sign_in("qc.p1")
        pages.open(f"/ui/quality?status=pending&order_no={order_no}")
        for _ in range(10):
            forms = [f for f in pages.all('form[data-action="inspect"]')
                     if order_no in f.find_element(pages.By.XPATH, "ancestor::tr").text]
            if not forms:
                break
            pages.submit(forms[0], sample_size=100, defects=0)
            if "inspect" not in shots:
                shots.add("inspect")
                pages.shot("quality-lot-inspected")
        pages.sign_in("planner.p1")
        pages.open(f"/ui/planning?status=ready&order_no={order_no}")
        ready = [row for row in pages.all('table[data-list="work-orders"] tbody tr')
                 if order_no in row.text]
        waiting = None
        if ready:
            pages.open(f"/ui/planning?status=waiting_material&order_no={order_no}")
            waiting = [row for row in pages.all('table[data-list="work-orders"] tbody tr')
                       if order_no in row.text]
        if ready and not waiting:
            pages.open(f"/ui/planning?status=ready&order_no={order_no}")
            return
        assert time.monotonic() < deadline, "the order's materials never became available"
        time.sleep(1)


def test_a_change_notice_is_recorded_and_classified_from_the_order_page(pages):
    """SAL-8 in the pages: sales records the customer's change on the order and answers it."""
    later = (date.today() + timedelta(days=80)).isoformat()
    pages.sign_in("sales.p1")
    pages.submit(pages.form("new-order"), customer_code="CUST-002", product_code="GGD-400",
                 quantity="3", requested_date=later)
    pages.find(".facts")
    assert pages.find('label[for="record-change-received_from-0"]').text == "来源"
    pages.submit(pages.form("record-change"), received_from="客户采购部传真",
                 description="减少一台", line_no=1, quantity="2")
    classify = pages.form("classify-change")
    pages.submit(classify, severity="1", reason="仅数量变化，计划与交期不变")
    table = pages.find('table[data-list="changes"]')
    assert "1" in table.text and "GGD-400 × 2" in table.text
    assert "更改通知单 PDF" in table.text
    pages.shot("sales-change-notice-classified")
