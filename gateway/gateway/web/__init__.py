"""The department web pages: a small static UI over the gateway's own JSON API.

One HTML shell for every page; ``static/app.js`` renders the page the URL path
names and calls the same JSON API as any other client, with the bearer token kept
in ``sessionStorage``. No build step and nothing from another origin (the
machines that run this reach no CDN), which the Content-Security-Policy enforces.

Pages (all ``GET``, none in the OpenAPI schema: they are not API):

    /                         -> redirect to /ui/
    /ui/                      sign-in, then on to the user's start page
    /ui/orders                orders of the user's companies (sales, general managers)
    /ui/orders/{order_no}     one order's journey (timeline, deadlines)
    /ui/work                  what is waiting for the signed-in person, per role
    /ui/<department>          a department's lists and actions (DEPARTMENT_PAGES)

The words are in static/i18n/<lang>.json (zh-CN by default, English by the switch);
docs/web-pages.md says how a page, a list or an action is added.

A page URL may carry ``#token=<access token>``: the page stores it as if the
user had signed in and drops it from the address bar. Fragments never reach the
server, so the token is not logged; this lets a tool (or the end-to-end test)
open a page already signed in.
"""

from __future__ import annotations

import hashlib
import html
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).with_name("static")
# the departments' pages (app.js PAGES renders each): one shell route per page
DEPARTMENT_PAGES = ("inbox", "design", "planning", "procurement", "quality", "logistics",
                    "aftersales")
UI = "/ui"
DEFAULT_TIMEZONE = "Asia/Shanghai"

# The shell and the scripts it loads come only from this origin; the API is on it too.
# 'self' alone for scripts and styles also means no inline code: data shown is text.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # the shell is tiny and names versioned assets: always revalidate it
    "Cache-Control": "no-cache",
}


def company_timezone() -> str:
    """The zone times are shown in: the services' ORDERSUITE_TIMEZONE, if it is a real zone."""
    name = os.environ.get("ORDERSUITE_TIMEZONE", DEFAULT_TIMEZONE)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return DEFAULT_TIMEZONE
    return name


def render_shell(timezone: str) -> str:
    """index.html with the zone and the assets' version filled in."""
    assets = b"".join((STATIC / name).read_bytes() for name in (
        "app.js", "app.css", "i18n/zh-CN.json", "i18n/en.json"))
    version = hashlib.sha256(assets).hexdigest()[:12]  # a new build is a new URL: no stale JS
    shell = (STATIC / "index.html").read_text(encoding="utf-8")
    return (shell.replace("__TIMEZONE__", html.escape(timezone))
            .replace("__VERSION__", version))


def build_router(shell: str) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def page() -> HTMLResponse:
        return HTMLResponse(shell, headers=PAGE_HEADERS)

    @router.get("/")
    async def root() -> RedirectResponse:
        """Send a browser to the web pages."""
        return RedirectResponse(f"{UI}/", status_code=303)

    @router.get(UI)
    async def ui_without_slash() -> RedirectResponse:
        """The web pages live under /ui/."""
        return RedirectResponse(f"{UI}/", status_code=303)

    @router.get(f"{UI}/")
    async def start_page() -> HTMLResponse:
        """Sign-in, then the signed-in user's start page."""
        return page()

    @router.get(f"{UI}/orders")
    async def orders_page() -> HTMLResponse:
        """Orders of the user's companies."""
        return page()

    @router.get(f"{UI}/orders/{{order_no}}")
    async def journey_page(order_no: str) -> HTMLResponse:
        """One order's journey (the page reads the number from its URL)."""
        return page()

    @router.get(f"{UI}/work")
    async def work_page() -> HTMLResponse:
        """What is waiting for the signed-in person."""
        return page()

    for name in DEPARTMENT_PAGES:
        router.add_api_route(f"{UI}/{name}", page, methods=["GET"],
                             summary=f"The {name} department's page.")

    return router


def install(app: FastAPI) -> None:
    """Add the page routes and the static assets to the app."""
    app.include_router(build_router(render_shell(company_timezone())))
    app.mount(f"{UI}/static", StaticFiles(directory=STATIC), name="ui-static")
