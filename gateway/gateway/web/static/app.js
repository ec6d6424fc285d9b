// ordersuite web pages: render the page the URL path names, from the gateway's JSON API.
//
// Plain DOM, no framework and no build: the gateway serves these files as they are.
// Every value from the API is set as text (never as HTML), so data cannot inject markup.
// Only same-origin paths are called; the page's Content-Security-Policy allows nothing else.
"use strict";

(() => {
  // sessionStorage, not localStorage: the token lives as long as the tab and is not
  // shared with other tabs or left behind on a shared shop-floor PC after it closes.
  const TOKEN_KEY = "ordersuite.token";
  const NOTICE_KEY = "ordersuite.notice";
  const ZONE = document.querySelector('meta[name="ordersuite-timezone"]')?.content
    || "Asia/Shanghai";

  // Department names are fixed, so they are shown in both languages; data is shown as is.
  const DEPARTMENTS = {
    sales: ["Sales", "销售"],
    planning: ["Planning", "计划"],
    procurement: ["Procurement", "采购"],
    quality: ["Quality", "质量"],
    logistics: ["Logistics", "物流"],
    aftersales: ["After-sales", "售后"],
  };
  const SALES_ROLES = ["sales", "general_manager", "group_general_manager"];
  // the order statuses sales reports (services/sales domain), in the order they come
  const ORDER_STATUSES = [
    "received", "awaiting_design_review", "awaiting_sign_off", "reviewed", "date_infeasible",
    "declined", "quoted", "contracted", "effective", "instructed", "planned", "produced",
    "stocked", "shipped", "delivered",
  ];

  const view = document.getElementById("view");
  const errorBox = document.getElementById("error");

  // --- small helpers ---------------------------------------------------------------------

  /** An element with attributes (on* = listeners) and children (strings become text). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  /** Replace the page's content (lists are spread, null and false left out, as in h). */
  function show(...nodes) {
    view.replaceChildren(...nodes.flat(Infinity).filter((node) => node !== null && node !== false));
  }

  const words = (value) => String(value ?? "").replaceAll("_", " ");

  // Times come as UTC instants; people read them in the company's zone, whatever the
  // browser's zone is, as "YYYY-MM-DD HH:mm" (unambiguous in Chinese and English alike).
  const clock = new Intl.DateTimeFormat("en-CA", {
    timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });

  function localParts(iso) {
    const instant = new Date(iso);
    if (Number.isNaN(instant.getTime())) return null;
    const part = Object.fromEntries(clock.formatToParts(instant).map((p) => [p.type, p.value]));
    return { day: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}:${part.minute}` };
  }

  /** A <time> in the company's zone; `sameDayAs` drops a date the reader has just seen. */
  function when(iso, sameDayAs) {
    if (!iso) return "";
    const local = localParts(iso);
    if (!local) return String(iso);
    const since = sameDayAs ? localParts(sameDayAs) : null;
    const text = since && since.day === local.day ? local.time : `${local.day} ${local.time}`;
    return h("time", { datetime: iso, title: `${iso} (shown in ${ZONE})` }, text);
  }

  function department(name) {
    const [english, chinese] = DEPARTMENTS[name] || [words(name), ""];
    return h("span", { class: `dept dept-${name}` }, english,
      chinese ? h("span", { lang: "zh-Hans", class: "zh" }, chinese) : null);
  }

  function badge(state) {
    return h("span", { class: `badge state-${state}` }, words(state));
  }

  function orderLink(orderNo) {
    return h("a", { href: `/ui/orders/${encodeURIComponent(orderNo)}` }, orderNo);
  }

  /** A table of rows; `hideCaption` where a heading right above already says the same
   *  (the caption stays for screen readers, which announce it with the table). */
  function table(caption, columns, rows, { hideCaption = false, empty = "None." } = {}) {
    if (!rows.length) return h("p", { class: "muted" }, empty);
    return h("div", { class: "scroll" }, h("table", {},
      h("caption", { class: hideCaption ? "visually-hidden" : null }, caption),
      h("thead", {}, h("tr", {}, columns.map(([title]) => h("th", { scope: "col" }, title)))),
      h("tbody", {}, rows.map((row) => h("tr", {}, columns.map(([, cell]) => h("td", {},
        cell(row))))))));
  }

  // --- the API -----------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, type, message) {
      super(message);
      this.status = status;
      this.type = type;
    }
  }

  /** Call the gateway; a non-2xx answer throws its {"error": {type, message}} as ApiError. */
  async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    headers.set("Accept", "application/json");
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    let response;
    try {
      response = await fetch(path, { ...options, headers });
    } catch (exc) {
      throw new ApiError(0, "NetworkError", `the gateway did not answer (${exc.message})`);
    }
    const body = await response.json().catch(() => null);
    if (response.ok) return body;
    const error = (body && body.error) || {};
    throw new ApiError(response.status, error.type || `HTTP ${response.status}`,
      error.message || response.statusText || "request failed");
  }

  function showError(exc) {
    const type = exc instanceof ApiError ? exc.type : "Error";
    errorBox.replaceChildren(h("strong", {}, `${type}: `), exc.message);
    errorBox.hidden = false;
  }

  /** An API failure: 401 means the token is gone or expired, so sign in again. */
  function fail(exc) {
    if (exc instanceof ApiError && exc.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.setItem(NOTICE_KEY, exc.message);
      const next = location.pathname + location.search;
      location.replace(`/ui/?next=${encodeURIComponent(next)}`);
      return;
    }
    for (const loading of view.querySelectorAll(".loading")) loading.remove();
    showError(exc);
  }

  /** Only a path of these pages: never an open redirect to another site. */
  function safeNext(value) {
    return value && value.startsWith("/ui/") ? value : null;
  }

  // --- the token hand-off ------------------------------------------------------------------

  // "#token=<access token>" signs the tab in (tools, the end-to-end test). Fragments are
  // never sent to the server; the token is dropped from the address bar and history at once.
  function takeTokenFromFragment() {
    const match = /^#token=([^&]+)/.exec(location.hash);
    if (!match) return;
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }

  // --- pages ---------------------------------------------------------------------------------

  function renderSignIn() {
    document.title = "Sign in · ordersuite";
    const notice = sessionStorage.getItem(NOTICE_KEY);
    sessionStorage.removeItem(NOTICE_KEY);
    if (notice) showError(new ApiError(401, "Unauthorized", notice));
    const status = h("p", { class: "muted status", "aria-live": "polite" });
    const form = h("form", { class: "card narrow", onsubmit: signIn },
      h("h1", {}, "Sign in"),
      h("label", { for: "username" }, "Username"),
      h("input", { id: "username", name: "username", autocomplete: "username", required: true,
        autocapitalize: "none", spellcheck: "false" }),
      h("label", { for: "password" }, "Password"),
      h("input", { id: "password", name: "password", type: "password", required: true,
        autocomplete: "current-password" }),
      h("button", { type: "submit" }, "Sign in"),
      status);

    async function signIn(event) {
      event.preventDefault();
      errorBox.hidden = true;
      status.textContent = "Signing in…";
      const data = new FormData(form);
      try {
        // the OAuth2 password form the API documents (urlencoded)
        const token = await api("/auth/token", {
          method: "POST",
          body: new URLSearchParams({ username: data.get("username"),
            password: data.get("password") }),
        });
        sessionStorage.setItem(TOKEN_KEY, token.access_token);
        // back to the page asked for: ?next= after a 401, else the page signed in on
        const next = safeNext(new URLSearchParams(location.search).get("next"))
          || location.pathname + location.search;
        location.assign(next);
      } catch (exc) {
        status.textContent = "";
        showError(exc);  // a bad password is a 401 too: show it here, do not redirect
        form.elements.password.select();
      }
    }

    show(form);
    form.elements.username.focus();
  }

  function showUser(me) {
    const roles = me.roles.map(words).join(", ");
    const companies = me.companies === null ? "whole group" : me.companies.join(", ");
    document.getElementById("who-name").textContent = me.name || me.username;
    document.getElementById("who-detail").textContent =
      `${me.username} · ${roles} · ${companies}`;
    document.getElementById("who").hidden = false;
    const nav = document.getElementById("nav");
    for (const item of nav.querySelectorAll("[data-needs]")) {
      item.hidden = !item.dataset.needs.split(" ").some((role) => me.roles.includes(role));
    }
    for (const link of nav.querySelectorAll("a")) {
      if (link.pathname === location.pathname) link.setAttribute("aria-current", "page");
    }
    nav.hidden = false;
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    location.assign("/ui/");
  }

  function startPage(me) {
    return me.roles.some((role) => SALES_ROLES.includes(role)) ? "/ui/orders" : "/ui/work";
  }

  // Orders of the user's companies, newest first, with a status filter (a plain GET form).
  async function renderOrders() {
    document.title = "Orders · ordersuite";
    const selected = new URLSearchParams(location.search).get("status") || "";
    const filter = h("form", { method: "get", action: "/ui/orders", class: "filter" },
      h("label", { for: "status" }, "Status"),
      h("select", { id: "status", name: "status" },
        h("option", { value: "" }, "All statuses"),
        ORDER_STATUSES.map((status) => h("option",
          { value: status, selected: status === selected }, words(status)))),
      h("button", { type: "submit" }, "Filter"));
    show(h("h1", {}, "Orders"), filter, h("p", { class: "muted loading" }, "Loading orders…"));
    const query = selected ? `?status=${encodeURIComponent(selected)}` : "";
    let orders;
    try {
      orders = await api(`/sales/orders${query}`);
    } catch (exc) {
      fail(exc);
      return;
    }
    const requested = (order) => [...new Set(order.lines.map((l) => l.requested_date))].join(", ");
    const confirmed = (order) => [...new Set(order.lines.map((l) => l.confirmed_date)
      .filter(Boolean))].join(", ");
    show(h("h1", {}, "Orders"), filter, table(
      selected ? `Orders: ${words(selected)}` : "Orders, newest first",
      [
        ["Order", (o) => orderLink(o.order_no)],
        ["Status", (o) => badge(o.status)],
        ["Company", (o) => o.company_id],
        ["Customer", (o) => `${o.customer_code} (grade ${o.customer_grade})`],
        ["Kind", (o) => [words(o.kind), o.rush ? " · rush" : ""].join("")],
        ["Products", (o) => o.lines.map((l) => `${l.product_code} × ${l.quantity}`).join(", ")],
        ["Received", (o) => when(o.received_at)],
        ["Requested", requested],
        ["Confirmed", confirmed],
      ],
      orders, { empty: "No orders." }));
  }

  // One order's journey: header, the timeline by time (coloured by department), deadlines.
  async function renderJourney(orderNo) {
    document.title = `${orderNo} · ordersuite`;
    show(h("h1", {}, `Order ${orderNo}`), h("p", { class: "muted loading" }, "Loading the journey…"));
    let journey;
    try {
      journey = await api(`/orders/${encodeURIComponent(orderNo)}/journey`);
    } catch (exc) {
      fail(exc);
      return;
    }
    const current = journey.current_stage;
    const facts = h("dl", { class: "facts" },
      h("dt", {}, "Status"), h("dd", {}, badge(journey.status)),
      h("dt", {}, "Current stage"), h("dd", {}, current
        ? [current.stage, " ", department(current.department), " ", badge(current.state)]
        : "none yet"),
      h("dt", {}, "Company"), h("dd", {}, journey.company_id || "—"),
      h("dt", {}, "Customer"), h("dd", {}, journey.customer_code || "—"));
    const missing = journey.unavailable.length ? h("p", { class: "warning", role: "status" },
      "Not answering, so their part is missing: ",
      journey.unavailable.map((name, i) => [i ? ", " : "", department(name)])) : null;
    show(
      h("h1", {}, `Order ${journey.order_no}`),
      facts,
      missing,
      h("div", { class: "journey" },
        h("section", { "aria-labelledby": "timeline-title" },
          h("h2", { id: "timeline-title" }, "Timeline"),
          h("p", { class: "muted" }, `Times in ${ZONE}.`),
          timeline(journey.stages, journey.order_no)),
        deadlinesPanel(journey)));
  }

  function timeline(stages, orderNo) {
    if (!stages.length) return h("p", { class: "muted" }, "No stages recorded yet.");
    return h("ol", { class: "timeline" }, stages.map((stage) => {
      // the page's own order number on every stage is noise: show the other references
      const refs = Object.entries(stage.refs || {}).filter(([, value]) => value !== orderNo);
      return h("li", { class: `stage dept-${stage.department} state-${stage.state}` },
        h("div", { class: "stage-head" },
          department(stage.department),
          h("h3", {}, stage.stage),
          badge(stage.state)),
        h("p", { class: "times" }, when(stage.started_at),
          stage.ended_at ? [" → ", when(stage.ended_at, stage.started_at)] : " → (open)",
          stage.actor ? [" · by ", h("span", { class: "actor" }, stage.actor)] : null),
        stage.summary ? h("p", { class: "summary" }, stage.summary) : null,
        refs.length ? h("p", { class: "refs" }, refs.map(([key, value], i) =>
          [i ? " · " : "", h("span", { class: "muted" }, `${words(key)} `), value])) : null);
    }));
  }

  function deadlinesPanel(journey) {
    const met = journey.deadlines.filter((d) => d.met_at || d.status === "met");
    const item = (d, extra) => h("li", { class: `deadline deadline-${d.status}` },
      h("div", {}, h("strong", {}, d.rule_id), " ", department(d.department)),
      d.description ? h("div", {}, d.description) : null,
      d.subject ? h("div", { class: "muted" }, d.subject) : null,
      h("div", {}, "due ", when(d.due_at)),
      extra(d));
    const group = (title, list, extra, cls) => h("section", { class: cls },
      h("h3", {}, `${title} (${list.length})`),
      list.length ? h("ul", {}, list.map((d) => item(d, extra))) : h("p", { class: "muted" },
        "none"));
    return h("aside", { class: "deadlines", "aria-labelledby": "deadlines-title" },
      h("h2", { id: "deadlines-title" }, "Deadlines"),
      group("Breached", journey.breached_deadlines, (d) => h("div", { class: "escalation" },
        "breached ", when(d.breached_at),
        d.escalated_to ? [" · escalated to ", h("strong", {}, d.escalated_to)] : ""),
      "breached"),
      group("Open", journey.open_deadlines, () => null, "open"),
      group("Met", met, (d) => h("div", { class: "muted" }, "met ", when(d.met_at)), "met"));
  }

  // What is waiting for the signed-in person: one section per department role they hold.
  const notIn = (...statuses) => (item) => !statuses.includes(item.status);
  const WORK = [
    {
      roles: SALES_ROLES, title: "Orders waiting on sales", path: "/sales/orders",
      keep: (o) => ["received", "awaiting_sign_off", "reviewed", "date_infeasible", "quoted",
        "contracted", "effective"].includes(o.status),
      columns: [["Order", (o) => orderLink(o.order_no)], ["Status", (o) => badge(o.status)],
        ["Customer", (o) => o.customer_code], ["Received", (o) => when(o.received_at)]],
    },
    {
      roles: ["design"], title: "Design reviews", path: "/planning/design-reviews",
      columns: [["Order", (d) => orderLink(d.order_no)], ["Status", (d) => badge(d.status)],
        ["Products", (d) => d.lines.map((l) => `${l.product_code} × ${l.quantity}`).join(", ")],
        ["Recorded", (d) => when(d.recorded_at)]],
    },
    {
      roles: ["planning"], title: "Work orders to release or report",
      path: "/planning/work-orders",
      keep: (w) => ["ready", "released", "in_progress"].includes(w.status),
      columns: [["Work order", (w) => w.work_order_no], ["Order", (w) => orderLink(w.order_no)],
        ["Status", (w) => badge(w.status)], ["Product", (w) => w.product_code],
        ["Done", (w) => `${w.completed_quantity} / ${w.quantity}`],
        ["Work centre", (w) => w.work_centre],
        ["Planned", (w) => [when(w.planned_start), " → ", when(w.planned_finish)]]],
    },
    {
      roles: ["procurement"], title: "Open purchase orders",
      path: "/procurement/purchase-orders", keep: notIn("closed"),
      columns: [["PO", (p) => p.po_no], ["Order", (p) => orderLink(p.order_no)],
        ["Status", (p) => badge(p.status)], ["Material", (p) => p.material_code],
        ["Quantity", (p) => p.quantity], ["Supplier", (p) => p.supplier_code],
        ["Confirmed date", (p) => p.confirmed_date]],
    },
    {
      roles: ["quality"], title: "Incoming lots to inspect", path: "/quality/lots?status=pending",
      columns: [["Lot", (l) => l.lot_no], ["Order", (l) => orderLink(l.order_no)],
        ["Material", (l) => l.material_code], ["Supplier", (l) => l.supplier_code],
        ["Quantity", (l) => l.quantity], ["Received", (l) => when(l.received_at)]],
    },
    {
      roles: ["quality"], title: "Final inspections", path: "/quality/final-inspections?status=pending",
      columns: [["Inspection", (f) => f.inspection_no], ["Order", (f) => orderLink(f.order_no)],
        ["Status", (f) => badge(f.status)]],
    },
    {
      roles: ["logistics"], title: "Finished goods in stock",
      path: "/logistics/finished-goods?status=in_stock",
      columns: [["Order", (g) => orderLink(g.order_no)], ["Stock entry", (g) => g.stock_entry_no],
        ["Goods", (g) => g.lines.map((l) => `${l.product_code} × ${l.quantity}`).join(", ")],
        ["Stocked", (g) => when(g.stocked_at)]],
    },
    {
      roles: ["logistics"], title: "Shipments under way", path: "/logistics/shipments",
      keep: notIn("delivered"),
      columns: [["Shipment", (s) => s.shipment_no], ["Order", (s) => orderLink(s.order_no)],
        ["Status", (s) => badge(s.status)],
        ["Payment", (s) => (s.payment_cleared ? "cleared" : "not cleared")],
        ["Destination", (s) => s.destination], ["Prepared", (s) => when(s.prepared_at)]],
    },
    {
      roles: ["aftersales"], title: "Open service requests", path: "/aftersales/service-requests",
      keep: notIn("resolved"),
      columns: [["Request", (r) => r.request_no], ["Order", (r) => orderLink(r.order_no)],
        ["Status", (r) => badge(r.status)], ["Kind", (r) => words(r.kind)],
        ["Description", (r) => r.description], ["Recorded", (r) => when(r.recorded_at)]],
    },
  ];

  async function renderWork(me) {
    document.title = "My work · ordersuite";
    const mine = WORK.filter((work) => work.roles.some((role) => me.roles.includes(role)));
    const sections = mine.map((work) => h("section", { class: "work" },
      h("h2", {}, work.title), h("p", { class: "muted loading" }, "Loading…")));
    show(h("h1", {}, "My work"), h("p", { class: "muted" }, `Times in ${ZONE}.`),
      sections.length ? sections : h("p", {}, "Your roles have no work lists here."));
    await Promise.all(mine.map(async (work, i) => {
      let items;
      try {
        items = await api(work.path);
      } catch (exc) {
        if (exc instanceof ApiError && exc.status === 401) {
          fail(exc);
          return;
        }
        // one list failing (a service down) leaves the others readable
        sections[i].replaceChildren(h("h2", {}, work.title),
          h("p", { class: "error" }, `${exc.type}: ${exc.message}`));
        return;
      }
      const kept = work.keep ? items.filter(work.keep) : items;
      sections[i].replaceChildren(h("h2", {}, `${work.title} (${kept.length})`),
        table(work.title, work.columns, kept, { hideCaption: true, empty: "Nothing waiting." }));
    }));
  }

  // --- the router ----------------------------------------------------------------------------

  async function main() {
    takeTokenFromFragment();
    document.getElementById("sign-out").addEventListener("click", signOut);
    if (!sessionStorage.getItem(TOKEN_KEY)) {
      renderSignIn();
      return;
    }
    let me;
    try {
      me = await api("/auth/me");
    } catch (exc) {
      if (exc instanceof ApiError && exc.status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        sessionStorage.setItem(NOTICE_KEY, exc.message);
        renderSignIn();
      } else {
        show();
        showError(exc);
      }
      return;
    }
    showUser(me);
    const path = location.pathname.replace(/\/+$/, "");
    const journey = /^\/ui\/orders\/([^/]+)$/.exec(path);
    if (journey) await renderJourney(decodeURIComponent(journey[1]));
    else if (path === "/ui/orders") await renderOrders();
    else if (path === "/ui/work") await renderWork(me);
    else {
      const next = safeNext(new URLSearchParams(location.search).get("next"));
      location.replace(next || startPage(me));
    }
  }

  main();
})();
