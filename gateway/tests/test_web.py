"""The web pages: served as documents and assets, same-origin only (no broker, no browser).

Rendering against a live suite in headless Chromium is tests/e2e/test_web_pages.py.
"""

from __future__ import annotations

import json
import re

import pytest

from gateway.web import DEPARTMENT_PAGES, PAGE_HEADERS, STATIC, company_timezone, render_shell

pytestmark = pytest.mark.unit
PAGES = ["/ui/", "/ui/orders", "/ui/orders/SO-P1-000001", "/ui/work",
         *(f"/ui/{name}" for name in DEPARTMENT_PAGES)]
ASSETS = sorted(str(path.relative_to(STATIC)) for path in STATIC.rglob("*") if path.is_file())
# an absolute or protocol-relative URL in a string, attribute, url() or import
EXTERNAL = re.compile(r"""(?:https?:|wss?:|ftp:)//|["'`(=]\s*//[^/\s]""", re.IGNORECASE)


def test_root_redirects_to_the_ui(client):
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 303, 307)
    assert response.headers["location"] == "/ui/"
    assert client.get("/ui", follow_redirects=False).headers["location"] == "/ui/"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_the_html_shell_with_a_same_origin_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<main" in response.text and "/ui/static/app.js?v=" in response.text
    assert response.headers["content-security-policy"] == PAGE_HEADERS["Content-Security-Policy"]
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    assert "__" not in response.text, "a placeholder was left unfilled"


@pytest.mark.parametrize(("name", "content_type"), [("app.js", "javascript"),
                                                    ("app.css", "text/css")])
def test_assets_are_served_with_their_content_type(client, name, content_type):
    response = client.get(f"/ui/static/{name}")
    assert response.status_code == 200
    assert content_type in response.headers["content-type"]
    assert response.content == (STATIC / name).read_bytes()


def test_an_unknown_asset_or_page_is_a_404_in_the_api_error_shape(client):
    for path in ("/ui/static/nothing.js", "/ui/nothing"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["type"] == "NotFound"


def test_the_shell_names_the_company_zone_and_versioned_assets(monkeypatch):
    shell = render_shell("Asia/Shanghai")
    assert '<meta name="ordersuite-timezone" content="Asia/Shanghai">' in shell
    version = re.search(r"app\.js\?v=([0-9a-f]+)", shell).group(1)
    assert f"app.css?v={version}" in shell
    monkeypatch.setenv("ORDERSUITE_TIMEZONE", "Europe/Berlin")
    assert company_timezone() == "Europe/Berlin"
    monkeypatch.setenv("ORDERSUITE_TIMEZONE", "<script>")  # not a zone: the default
    assert company_timezone() == "Asia/Shanghai"


@pytest.mark.parametrize("name", ASSETS)
def test_the_static_files_reference_only_same_origin_paths(name):
    text = (STATIC / name).read_text(encoding="utf-8")
    assert not EXTERNAL.findall(text), f"{name} names another origin"
    # every path the page loads or calls is absolute on this origin
    for ref in re.findall(r"""(?:src|href|action)=["']([^"']+)["']""", text):
        assert ref.startswith("/") or ref.startswith("#") or ref == "data:,", (name, ref)
    for call in re.findall(r"""api\(\s*[`"']([^`"']*)""", text):
        assert call.startswith("/"), (name, call)


def test_the_pages_call_only_routes_the_gateway_has(client):
    """Each API path the script calls exists (so a renamed route breaks here, not in a browser)."""
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    # "/orders/${no}/journey" -> "/orders/X/journey"; "/sales/orders${query}" -> "/sales/orders"
    # the actions' and documents' templates: "/sales/orders/{order_no}/quote" -> ".../X/quote"
    called = {re.sub(r"\{\w+\}", "X", re.sub(r"\$\{[^}]*\}", "", re.sub(
        r"(?<=/)\$\{[^}]*\}", "X", path))).split("?")[0]
        for path in re.findall(r"""(?:api\(|path: |post: |export: )\s*[`"'](/[^`"']*)""", script)}
    assert {"/auth/token", "/auth/me", "/sales/orders", "/orders/X/journey",
            "/planning/work-orders", "/quality/lots", "/logistics/shipments",
            "/sales/orders/X/review", "/sales/orders/X/payments", "/sales/orders/import",
            "/logistics/shipments/X/dispatch", "/quality/lots/X/inspection",
            "/documents/contract/X", "/exports/sales-orders"} <= called
    spec_paths = client.get("/openapi.json").json()["paths"]
    patterns = [re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")
                for path in spec_paths]
    for path in called:
        assert any(pattern.match(path) for pattern in patterns), path


def test_the_page_routes_stay_out_of_the_api_schema(client):
    spec_paths = client.get("/openapi.json").json()["paths"]
    assert not [path for path in spec_paths if path == "/" or path.startswith("/ui")]


def test_both_languages_have_every_word_the_pages_use():
    """zh-CN and English say the same things, and every literal key app.js asks for exists
    (a screen never shows a key, nor falls back to another language)."""
    zh = json.loads((STATIC / "i18n" / "zh-CN.json").read_text(encoding="utf-8"))
    en = json.loads((STATIC / "i18n" / "en.json").read_text(encoding="utf-8"))
    assert set(zh) == set(en)
    assert all(zh.values()) and all(en.values())
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    used = set(re.findall(r"""\bt\(\s*["']([\w.-]+)["']""", script))
    used |= set(re.findall(r"""(?:label|title): ["']([a-z]+\.[\w.]+)["']""", script))
    assert used and not used - set(zh), sorted(used - set(zh))
    # the placeholders a phrase fills are the same in both languages
    for key in zh:
        assert set(re.findall(r"\{(\w+)\}", zh[key])) == set(re.findall(r"\{(\w+)\}", en[key])), key
