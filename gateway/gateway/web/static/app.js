// ordersuite web pages: every department's lists and actions, from the gateway's JSON API.
//
// Plain DOM, no framework and no build: the gateway serves these files as they are.
// Every value from the API is set as text (never as HTML), so data cannot inject markup.
// Only same-origin paths are called; the page's Content-Security-Policy allows nothing else.
//
// The pages are declarative (docs/web-pages.md): PAGES lists each department's page, its
// LISTS (an API path, filters, columns) and each list's ACTIONS (a form posted to a path
// template such as "/sales/orders/{order_no}/quote"). Adding an action is one entry there
// and its words in i18n/zh-CN.json and i18n/en.json.
"use strict";

(() => {
  // sessionStorage, not localStorage: the token lives as long as the tab and is not
  // shared with other tabs or left behind on a shared shop-floor PC after it closes.
  const TOKEN_KEY = "ordersuite.token";
  const NOTICE_KEY = "ordersuite.notice";
  const LANG_KEY = "ordersuite.lang"; // the language is a preference: kept across tabs
  const PAGE_SIZE = 20;
  const ZONE = document.querySelector('meta[name="ordersuite-timezone"]')?.content
    || "Asia/Shanghai";
  const VERSION = document.querySelector('meta[name="ordersuite-version"]')?.content || "";
  const SALES_ROLES = ["sales", "general_manager", "group_general_manager"];
  const GM_ROLES = ["general_manager", "group_general_manager"];

  const view = document.getElementById("view");
  const errorBox = document.getElementById("error");
  let LANG = "zh-CN";
  let WORDS = {};

  // --- words, numbers and times in the user's language ------------------------------------

  /** The phrase for a key, with {name} filled from vars; a missing key shows as itself. */
  function t(key, vars) {
    const phrase = WORDS[key] ?? key;
    return vars ? phrase.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? "")) : phrase;
  }

  const status = (value) => (value === null || value === undefined || value === ""
    ? "—" : t(`status.${value}`));

  async function loadWords() {
    const asked = /[#&]lang=([\w-]+)/.exec(location.hash)?.[1];
    if (asked) localStorage.setItem(LANG_KEY, asked.startsWith("en") ? "en" : "zh-CN");
    LANG = localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh-CN";
    document.documentElement.lang = LANG === "en" ? "en" : "zh-CN";
    const response = await fetch(`/ui/static/i18n/${LANG}.json?v=${VERSION}`);
    WORDS = await response.json();
  }

  // Money and quantities arrive as decimal strings: shown with the locale's grouping
  // without going through a float for the digits (the integer part is grouped by BigInt).
  function decimal(value, places) {
    if (value === null || value === undefined || value === "") return "—";
    const [whole, fraction = ""] = String(value).replace(/^-/, "").split(".");
    const sign = String(value).startsWith("-") ? "-" : "";
    const grouped = new Intl.NumberFormat(LANG).format(BigInt(whole || "0"));
    const digits = places === undefined ? fraction.replace(/0+$/, "")
      : fraction.padEnd(places, "0").slice(0, places);
    const point = new Intl.NumberFormat(LANG).formatToParts(1.5)
      .find((p) => p.type === "decimal")?.value || ".";
    return sign + grouped + (digits ? point + digits : "");
  }
  const money = (value) => (value === null || value === undefined ? "—"
    : `${t("money.symbol")}${decimal(value, 2)}`);

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
    if (!iso) return "—";
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return h("time", { datetime: iso }, iso); // a date
    const local = localParts(iso);
    if (!local) return String(iso);
    const since = sameDayAs ? localParts(sameDayAs) : null;
    const text = since && since.day === local.day ? local.time : `${local.day} ${local.time}`;
    return h("time", { datetime: iso, title: t("time.zone", { zone: ZONE }) }, text);
  }

  // --- small DOM helpers ---------------------------------------------------------------------

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

  function department(name) {
    return h("span", { class: `dept dept-${name}` }, t(`dept.${name}`));
  }

  function badge(state) {
    return h("span", { class: `badge state-${state}` }, status(state));
  }

  function orderLink(orderNo) {
    return h("a", { href: `/ui/orders/${encodeURIComponent(orderNo)}` }, orderNo);
  }

  const goods = (lines) => (lines || []).map((l) => `${l.product_code} × ${decimal(l.quantity)}`)
    .join(t("list.separator"));

  // --- the API -------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, type, message, details) {
      super(message);
      this.status = status;
      this.type = type;
      this.details = details || {};
    }
  }

  /** Call the gateway; a non-2xx answer throws its {"error": {type, message}} as ApiError. */
  async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    if (!headers.has("Accept")) headers.set("Accept", "application/json");
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    let response;
    try {
      response = await fetch(path, { ...options, headers });
    } catch (exc) {
      throw new ApiError(0, "NetworkError", t("error.network", { reason: exc.message }));
    }
    if (response.ok && options.raw) return response;
    const body = await response.json().catch(() => null);
    if (response.ok) return body;
    const error = (body && body.error) || {};
    throw new ApiError(response.status, error.type || `HTTP ${response.status}`,
      error.message || response.statusText || "request failed", error.details);
  }

  /** A command: JSON (or a form) posted with one Idempotency-Key per attempt of the user's. */
  function command(path, body, key) {
    const isForm = body instanceof FormData;
    return api(path, {
      method: "POST",
      headers: { "Idempotency-Key": key, ...(isForm ? {} : { "Content-Type": "application/json" }) },
      body: isForm ? body : JSON.stringify(body ?? {}),
    });
  }

  /** The server's refusal, in place: the kind in the user's language, then its own words. */
  function refusal(exc) {
    const type = exc instanceof ApiError ? exc.type : "Error";
    const kind = WORDS[`error.${type}`] ? t(`error.${type}`) : t("error.Error");
    const rows = exc.details?.refused || [];
    const fields = exc.details?.errors || [];
    return [  // (null parts are left out: replaceChildren would print them)
      h("strong", {}, kind), " ",
      // the services word their refusals in English (with the rule they cite)
      h("span", { lang: "en", class: "server-says" }, exc.message),
      rows.length ? h("ul", { class: "refused-rows" }, rows.map((r) =>
        h("li", {}, t("import.refused_row", { rows: r.rows }), " ",
          h("span", { lang: "en" }, r.reason)))) : null,
      fields.length ? h("ul", {}, fields.map((f) => h("li", {},
        t(`field.${f.loc[f.loc.length - 1]}`), ": ", h("span", { lang: "en" }, f.msg)))) : null,
    ].filter((part) => part !== null);
  }

  function showError(exc) {
    errorBox.replaceChildren(...refusal(exc));
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

  /** A PDF or workbook fetched with the bearer token, handed to the browser as a file. */
  async function download(path, filename, button) {
    button.disabled = true;
    try {
      const response = await api(path, { raw: true, headers: { Accept: "*/*" } });
      const url = URL.createObjectURL(await response.blob());
      const link = h("a", { href: url, download: filename, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (exc) {
      fail(exc);
    } finally {
      button.disabled = false;
    }
  }

  function downloadButton(label, path, filename) {
    const button = h("button", { type: "button", class: "secondary download",
      "data-path": path, onclick: () => download(path, filename, button) }, label);
    return button;
  }

  const pathWith = (path, params) => `${path}?${params}`;

  /** "/sales/orders/{order_no}/quote" with the row's values (URL-encoded). */
  function fill(template, row) {
    return template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(row[name] ?? ""));
  }

  // --- the token hand-off --------------------------------------------------------------------

  // "#token=<access token>" signs the tab in (tools, the end-to-end test). Fragments are
  // never sent to the server; the token is dropped from the address bar and history at once.
  function takeTokenFromFragment() {
    const match = /^#token=([^&]+)/.exec(location.hash);
    if (match) sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  }

  // --- forms of actions ------------------------------------------------------------------------

  // A field: {name, type: text|number|date|datetime|select|checkbox|textarea|file, required,
  // min, max, step, options: [[value, key]] , value: (row) => default}. The body is the
  // fields by name (numbers and decimals as strings: the API takes decimal strings), unless
  // the action gives body(values, row).
  function fieldInput(action, field, row, index) {
    const id = `${action.id}-${field.name}-${index}`;
    const initial = field.value ? field.value(row) : "";
    const common = { id, name: field.name, required: field.required || null };
    let input;
    if (field.type === "select") {
      const options = typeof field.options === "function" ? field.options(row) : field.options;
      input = h("select", common, options.map(([value, key]) => h("option",
        { value, selected: String(value) === String(initial) || null }, t(key))));
    } else if (field.type === "checkbox") {
      input = h("input", { ...common, type: "checkbox", checked: initial ? true : null });
    } else if (field.type === "textarea") {
      input = h("textarea", { ...common, rows: 2, maxlength: field.max || 1000 }, initial);
    } else {
      input = h("input", { ...common, type: field.type === "datetime" ? "datetime-local"
        : field.type === "decimal" ? "text" : (field.type || "text"),
      inputmode: field.type === "decimal" ? "decimal" : null,
      pattern: field.type === "decimal" ? "\\d+(\\.\\d{1,3})?" : null,
      min: field.min ?? null, max: field.type === "number" || field.type === "date"
        ? field.max ?? null : null, maxlength: ["text", undefined].includes(field.type)
        ? field.max ?? 200 : null, step: field.step ?? null, accept: field.accept ?? null,
      value: field.type === "file" ? null : initial });
    }
    const label = h("label", { for: id }, t(field.label || `field.${field.name}`));
    return field.type === "checkbox" ? h("div", { class: "field check" }, input, label)
      : h("div", { class: "field" }, label, input,
        field.hint ? h("small", { class: "muted" }, t(field.hint)) : null);
  }

  function valuesOf(form, action) {
    const values = {};
    for (const field of action.fields || []) {
      const input = form.elements[field.name];
      if (field.type === "checkbox") values[field.name] = input.checked;
      else if (field.type === "number") values[field.name] = input.value === "" ? null
        : Number(input.value);
      else if (field.type === "datetime") values[field.name] = input.value
        ? new Date(input.value).toISOString() : null;
      else values[field.name] = input.value.trim();
    }
    return values;
  }

  /** One action on a row: a button, or a small form with its fields; the server's refusal
   *  is shown in the form itself; on success `done(result)` refreshes what shows it. */
  function actionForm(action, row, index, done) {
    const alert = h("div", { class: "error", role: "alert", hidden: true });
    const submit = h("button", { type: "submit", class: action.danger ? "danger" : null },
      t(action.label));
    const form = h("form", { class: `action action-${action.id}`, "data-action": action.id,
      novalidate: null, onsubmit: send },
    (action.fields || []).map((field) => fieldInput(action, field, row, index)), submit, alert);
    let key = crypto.randomUUID(); // one key per attempt: a resend after no answer reuses it

    async function send(event) {
      event.preventDefault();
      if (!form.reportValidity()) return;
      alert.hidden = true;
      submit.disabled = true;
      form.setAttribute("aria-busy", "true");
      const values = valuesOf(form, action);
      const body = action.file ? new FormData(form)
        : (action.body ? action.body(values, row) : values);
      try {
        const result = await command(fill(action.post, { ...row, ...values }), body, key);
        key = crypto.randomUUID();
        await done(result, action);
      } catch (exc) {
        if (exc instanceof ApiError && exc.status === 401) { fail(exc); return; }
        if (!(exc instanceof ApiError) || exc.status !== 0) key = crypto.randomUUID();
        alert.replaceChildren(...refusal(exc));
        alert.hidden = false;
        alert.focus?.();
      } finally {
        submit.disabled = false;
        form.removeAttribute("aria-busy");
      }
    }
    return form;
  }

  const may = (me, roles) => !roles || roles.some((role) => me.roles.includes(role));

  /** The actions of a row this user may take now (each its own small form). */
  function rowActions(list, row, index, me, done) {
    const actions = (list.actions || []).filter((a) => may(me, a.roles) && (!a.when || a.when(row)));
    const documents = (list.documents || []).filter((d) => may(me, d.roles)
      && (!d.when || d.when(row)));
    if (!actions.length && !documents.length) return "";
    return h("div", { class: "actions" },
      actions.map((action) => actionForm(action, row, index, done)),
      documents.map((d) => downloadButton(t(d.label), fill(d.path, row),
        `${fill(d.name, row)}.pdf`)));
  }

  // --- lists with filters and paging -----------------------------------------------------------

  function filterForm(list, query) {
    return h("form", { method: "get", class: "filter", role: "search" },
      (list.filters || []).map((filter) => {
        const id = `filter-${list.id}-${filter.name}`;
        const value = query.get(filter.name) || "";
        const input = filter.options
          ? h("select", { id, name: filter.name },
            h("option", { value: "" }, t("filter.all")),
            filter.options.map((option) => h("option", { value: option,
              selected: option === value || null }, status(option))))
          : h("input", { id, name: filter.name, value, maxlength: 64 });
        return [h("label", { for: id }, t(`field.${filter.name}`)), input];
      }),
      h("button", { type: "submit" }, t("filter.apply")));
  }

  /** A list: filters from the URL, a page of rows, row actions, export, previous/next. */
  async function renderList(list, me, section) {
    const query = new URLSearchParams(location.search);
    const page = Math.max(0, Number(query.get("page") || 0) | 0);
    const params = new URLSearchParams();
    for (const filter of list.filters || []) {
      if (query.get(filter.name)) params.set(filter.name, query.get(filter.name));
    }
    for (const [name, value] of Object.entries(list.fixed || {})) params.set(name, value);
    // the API pages by a bounded limit: ask for this page and one more row, to know if
    // there is a next page
    params.set("limit", String(Math.min(1000, (page + 1) * PAGE_SIZE + 1)));
    const title = h("h2", { id: `list-${list.id}` }, t(list.title));
    const exportParams = new URLSearchParams(params);
    exportParams.set("lang", LANG);
    const tools = h("div", { class: "tools" },
      list.filters?.length ? filterForm(list, query) : null,
      list.export ? downloadButton(t("export.button"), `${list.export}?${exportParams}`,
        `${list.id}.xlsx`) : null);
    section.replaceChildren(title, tools, h("p", { class: "muted loading" }, t("page.loading")));
    let rows;
    try {
      rows = await api(pathWith(list.path, params)); // list.path: declared (and tested) above
    } catch (exc) {
      if (exc instanceof ApiError && exc.status === 401) { fail(exc); return; }
      section.replaceChildren(title, tools, h("div", { class: "error", role: "alert" },
        ...refusal(exc)));
      return;
    }
    if (list.keep) rows = rows.filter(list.keep);
    const shown = rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const refresh = async () => { await renderList(list, me, section); };
    const columns = [...list.columns.map(([key, cell]) => [t(`field.${key}`), cell]),
      [t("list.actions"), (row, i) => rowActions(list, row, i, me, refresh)]];
    const pager = (to, key) => {
      const next = new URLSearchParams(query);
      next.set("page", String(to));
      return h("a", { href: `?${next}`, class: "pager" }, t(key));
    };
    section.replaceChildren(title, tools,
      shown.length ? h("div", { class: "scroll" }, h("table", { "data-list": list.id },
        h("caption", { class: "visually-hidden" }, t(list.title)),
        h("thead", {}, h("tr", {}, columns.map(([name]) => h("th", { scope: "col" }, name)))),
        h("tbody", {}, shown.map((row, i) => h("tr", { "data-key": row[list.key] },
          columns.map(([, cell]) => h("td", {}, cell(row, i))))))))
        : h("p", { class: "muted empty" }, t("list.empty")),
      h("nav", { class: "pages", "aria-label": t("list.pages") },
        page > 0 ? pager(page - 1, "list.previous") : null,
        h("span", { class: "muted" }, t("list.page", { page: page + 1 })),
        rows.length > (page + 1) * PAGE_SIZE ? pager(page + 1, "list.next") : null));
  }

  // --- the declarations: lists, their actions and documents -----------------------------------

  const ORDER_STATUSES = [
    "received", "awaiting_design_review", "awaiting_sign_off", "reviewed", "date_infeasible",
    "declined", "quoted", "contracted", "effective", "instructed", "planned", "produced",
    "stocked", "shipped", "delivered",
  ];
  const is = (...statuses) => (row) => statuses.includes(row.status);
  const notIn = (...statuses) => (row) => !statuses.includes(row.status);
  const today = () => new Date().toISOString().slice(0, 10);

  const CHECK_ITEMS = ["people", "machines", "materials", "co_production", "purchases", "design"];
  const REMEDIES = ["split_operations", "reassign_people", "overtime", "more_output", "outsource",
    "escalate"];

  const LISTS = {
    orders: {
      id: "orders", title: "list.orders", path: "/sales/orders", export: "/exports/sales-orders",
      key: "order_no", filters: [{ name: "status", options: ORDER_STATUSES }],
      columns: [
        ["order_no", (o) => orderLink(o.order_no)], ["status", (o) => badge(o.status)],
        ["customer_code", (o) => `${o.customer_code} (${o.customer_grade})`],
        ["kind", (o) => [status(o.kind), o.rush ? ` · ${t("field.rush")}` : ""].join("")],
        ["lines", (o) => goods(o.lines)], ["received_at", (o) => when(o.received_at)],
        ["contract_total", (o) => money(o.contract_total)],
      ],
    },
    designReviews: {
      id: "design-reviews", title: "list.design_reviews", path: "/planning/design-reviews",
      export: "/exports/design-reviews", key: "order_no",
      columns: [["order_no", (d) => d.order_no], ["status", (d) => badge(d.status)],
        ["lines", (d) => goods(d.lines)], ["recorded_at", (d) => when(d.recorded_at)]],
      actions: [{
        id: "review-design", label: "action.review_design", roles: ["design", "group_general_manager"],
        post: "/planning/design-reviews/{order_no}",
        fields: [{ name: "feasible", type: "checkbox", value: () => true },
          { name: "design_days", type: "number", required: true, min: 0, max: 365, value: () => 5 },
          { name: "notes", type: "textarea" }],
      }],
    },
    plans: {  // PLN-1: proposed plans a planner publishes; PLN-3: the meeting and approvals first
      id: "plans", title: "list.plans", path: "/planning/plans", key: "order_no",
      fixed: { publication: "proposed" },
      columns: [["plan_no", (p) => p.plan_no], ["order_no", (p) => orderLink(p.order_no)],
        ["publication", (p) => badge(p.publication)],
        ["kind", (p) => status(p.non_regular ? "non_regular" : "regular")],
        ["planned_completion", (p) => when(p.planned_completion)],
        ["missing_approvals", (p) => p.missing_approvals.map((d) => t(`department.${d}`))
          .join(t("list.separator")) || "—"]],
      actions: [
        { id: "coordination-meeting", label: "action.coordination_meeting",
          roles: ["planning", "group_general_manager"], when: (p) => p.non_regular,
          post: "/planning/plans/{order_no}/coordination-meeting",
          fields: [{ name: "held_at", type: "datetime", required: true },
            { name: "attendees", type: "textarea", required: true, hint: "hint.attendees" },
            { name: "notes", type: "textarea" }],
          body: (v) => ({ held_at: v.held_at, notes: v.notes,
            attendees: v.attendees.split(/[,，、\n]/).map((a) => a.trim()).filter(Boolean) }) },
        { id: "approve-plan", label: "action.approve_plan",
          roles: ["design", "production_manager", "procurement", "quality", "group_general_manager"],
          when: (p) => p.missing_approvals.length > 0,
          post: "/planning/plans/{order_no}/coordination-approvals",
          fields: [{ name: "department", type: "select", options: (p) => p.missing_approvals
            .map((d) => [d, `department.${d}`]) }, { name: "remark", type: "textarea" }] },
        { id: "publish-plan", label: "action.publish_plan", roles: ["planning", "group_general_manager"],
          when: (p) => p.missing_approvals.length === 0,
          post: "/planning/plans/{order_no}/publication", fields: [{ name: "note", type: "textarea" }] },
      ],
    },
    workOrders: {
      id: "work-orders", title: "list.work_orders", path: "/planning/work-orders",
      export: "/exports/work-orders", key: "work_order_no",
      filters: [{ name: "status", options: ["waiting_material", "ready", "released", "in_progress", "done"] },
        { name: "order_no" }],
      columns: [["work_order_no", (w) => w.work_order_no], ["order_no", (w) => w.order_no],
        ["status", (w) => badge(w.status)], ["product_code", (w) => w.product_code],
        ["completed_quantity", (w) => `${decimal(w.completed_quantity)} / ${decimal(w.quantity)}`],
        ["work_centre", (w) => w.work_centre],
        ["planned_start", (w) => [when(w.planned_start), " → ", when(w.planned_finish, w.planned_start)]]],
      actions: [
        { id: "release", label: "action.release", post: "/planning/work-orders/{work_order_no}/release",
          when: is("ready", "waiting_material") },
        { id: "progress", label: "action.progress", when: is("released", "in_progress"),
          post: "/planning/work-orders/{work_order_no}/progress",
          fields: [{ name: "completed_quantity", type: "decimal", required: true,
            value: (w) => w.completed_quantity }, { name: "note", max: 500 }] },
        { id: "complete", label: "action.complete", post: "/planning/work-orders/{work_order_no}/complete",
          when: is("released", "in_progress") },
        { id: "preparation-check", label: "action.preparation_check",  // PLN-8: 人、机、物…
          post: "/planning/work-orders/{work_order_no}/preparation-check",
          when: is("waiting_material", "ready"),
          fields: [...CHECK_ITEMS.map((item) => ({ name: item, label: `check.${item}`,
            type: "checkbox", value: () => true })), { name: "note", max: 500 }],
          body: (v) => ({ items: CHECK_ITEMS.map((item) => ({ item, ok: v[item],
            note: v[item] ? "" : v.note })) }) },
        { id: "breakdown", label: "action.breakdown", when: notIn("done"),  // PLN-5
          roles: ["planning", "production_manager", "group_general_manager"],
          post: "/planning/live-plans/{company_id}/breakdowns",
          fields: [{ name: "down_from", type: "datetime", required: true, value: () => localMoment(0) },
            { name: "down_until", type: "datetime", required: true, value: () => localMoment(1) },
            { name: "reason", required: true, max: 500 }],
          body: (v, w) => ({ work_centre: w.work_centre, down_from: v.down_from,
            down_until: v.down_until, reason: v.reason }) },
        { id: "remedy", label: "action.remedy", when: is("released", "in_progress"),
          post: "/planning/work-orders/{work_order_no}/remedies",
          fields: [{ name: "kind", type: "select", options: REMEDIES.map((k) => [k, `remedy.${k}`]) },
            { name: "note", required: true, max: 1000 }] },
      ],
    },
    stockItems: {  // PLN-11: standard items kept between min and max; replenishment MTS-...
      id: "stock-items", title: "list.stock_items", path: "/planning/stock-items",
      key: "product_code",
      columns: [["product_code", (i) => `${i.product_code} ${i.name}`],
        ["minimum", (i) => (i.minimum === null ? "—"
          : `${decimal(i.minimum)} – ${decimal(i.maximum)}`)],
        ["on_hand", (i) => decimal(i.on_hand)], ["being_made", (i) => decimal(i.being_made)],
        ["status", (i) => (i.below_minimum ? badge("below_minimum") : "—")],
        ["replenishment_orders", (i) => i.replenishment_orders.join(t("list.separator")) || "—"],
        ["counted_at", (i) => when(i.counted_at)]],
      actions: [
        { id: "set-levels", label: "action.set_levels", roles: ["planning", "group_general_manager"],
          post: "/planning/stock-items/{product_code}/levels",
          fields: [{ name: "minimum", type: "decimal", required: true, value: (i) => i.minimum ?? "" },
            { name: "maximum", type: "decimal", required: true, value: (i) => i.maximum ?? "" }] },
        { id: "count-stock", label: "action.count_stock", when: (i) => i.minimum !== null,
          roles: ["logistics", "planning", "group_general_manager"],
          post: "/planning/stock-items/{product_code}/count",
          fields: [{ name: "on_hand", type: "decimal", required: true, value: (i) => i.on_hand }] },
      ],
    },
    transfers: {  // PRC-3: stock moved between the group's companies (调拨单)
      id: "transfers", title: "list.transfers", path: "/procurement/transfers", key: "transfer_no",
      filters: [{ name: "status", options: ["requested", "shipped", "received"] }, { name: "order_no" }],
      columns: [["transfer_no", (x) => x.transfer_no], ["order_no", (x) => x.order_no],
        ["status", (x) => badge(x.status)], ["material_code", (x) => x.material_code],
        ["quantity", (x) => decimal(x.quantity)],
        ["from_company", (x) => `${x.from_company} → ${x.to_company}`],
        ["shipped_at", (x) => when(x.shipped_at)]],
      actions: [
        { id: "ship-transfer", label: "action.ship_transfer", when: is("requested"),
          roles: ["procurement", "group_general_manager"],  // the holder's buyer
          post: "/procurement/transfers/{transfer_no}/shipment",
          fields: [{ name: "carrier", max: 100 }, { name: "note", type: "textarea", max: 500 }] },
        { id: "receive-transfer", label: "action.receive_transfer", when: is("shipped"),
          roles: ["procurement", "quality", "group_general_manager"],  // the receiver
          post: "/procurement/transfers/{transfer_no}/receipt",
          fields: [{ name: "quantity", type: "decimal", required: true, value: (x) => x.quantity },
            { name: "inspection_note", type: "textarea", max: 500 }] },
      ],
    },
    purchaseOrders: {
      id: "purchase-orders", title: "list.purchase_orders", path: "/procurement/purchase-orders",
      export: "/exports/purchase-orders", key: "po_no",
      filters: [{ name: "status", options: ["placed", "awaiting_replacement", "received", "closed"] },
        { name: "order_no" }],
      columns: [["po_no", (p) => p.po_no], ["order_no", (p) => p.order_no],
        ["status", (p) => badge(p.status)], ["material_code", (p) => p.material_code],
        ["quantity", (p) => decimal(p.quantity)], ["supplier_code", (p) => p.supplier_code],
        ["unit_price", (p) => money(p.unit_price)], ["confirmed_date", (p) => when(p.confirmed_date)],
        ["lots", (p) => p.lots.map((l) => `${l.lot_no} ${status(l.status)}`).join(t("list.separator"))]],
      actions: [{
        id: "receive", label: "action.receive", post: "/procurement/purchase-orders/{po_no}/receipts",
        when: (p) => ["placed", "awaiting_replacement"].includes(p.status)
          && !p.lots.some((l) => l.status === "awaiting_inspection"),
        fields: [{ name: "quantity", type: "decimal", required: true, value: (p) => p.quantity },
          { name: "delivery_note_quantity", label: "field.delivery_note_quantity", type: "decimal",
            required: true, value: (p) => p.quantity },
          { name: "delivery_note_no", label: "field.delivery_note_no", max: 64 }],
      }],
      documents: [{ label: "document.purchase_order", path: "/documents/purchase-order/{po_no}",
        name: "{po_no}" }],
    },
    lots: {
      id: "lots", title: "list.lots", path: "/quality/lots", export: "/exports/lots", key: "lot_no",
      filters: [{ name: "status", options: ["pending", "accepted", "rejected"] }, { name: "order_no" }],
      columns: [["lot_no", (l) => l.lot_no], ["order_no", (l) => l.order_no],
        ["status", (l) => badge(l.status)], ["material_code", (l) => l.material_code],
        ["supplier_code", (l) => l.supplier_code], ["quantity", (l) => decimal(l.quantity)],
        ["pass_rate", (l) => (l.pass_rate === null ? "—" : `${decimal(String(l.pass_rate * 100), 2)}%`)],
        ["received_at", (l) => when(l.received_at)]],
      actions: [{
        id: "inspect", label: "action.inspect", post: "/quality/lots/{lot_no}/inspection",
        when: is("pending"),
        fields: [{ name: "sample_size", type: "number", required: true, min: 1, max: 100000,
          value: () => 100 },
        { name: "defects", type: "number", required: true, min: 0, max: 100000, value: () => 0 },
        { name: "notes", type: "textarea" }],
      }],
      documents: [{ label: "document.inspection_report", path: "/documents/inspection-report/{lot_no}",
        name: "{lot_no}", when: notIn("pending") }],
    },
    finalInspections: {
      id: "final-inspections", title: "list.final_inspections", path: "/quality/final-inspections",
      export: "/exports/final-inspections", key: "inspection_no",
      filters: [{ name: "status", options: ["pending", "passed", "failed"] }, { name: "order_no" }],
      columns: [["inspection_no", (f) => f.inspection_no], ["order_no", (f) => f.order_no],
        ["status", (f) => badge(f.status)], ["inspected_at", (f) => when(f.inspected_at)]],
      actions: [{
        id: "final-inspect", label: "action.final_inspect", when: is("pending"),
        post: "/quality/final-inspections/{order_no}",
        fields: [{ name: "passed", type: "select", options: [["true", "verdict.passed"],
          ["false", "verdict.failed"]], value: () => "true" },
        { name: "findings", type: "textarea" }],
        body: (v) => ({ passed: v.passed === "true", findings: v.findings }),
      }],
      documents: [{ label: "document.final_inspection_report",
        path: "/documents/final-inspection-report/{order_no}", name: "{inspection_no}",
        when: notIn("pending") }],
    },
    finishedGoods: {
      id: "finished-goods", title: "list.finished_goods", path: "/logistics/finished-goods",
      export: "/exports/finished-goods", key: "stock_entry_no",
      filters: [{ name: "status", options: ["in_stock", "shipped"] }],
      columns: [["stock_entry_no", (g) => g.stock_entry_no], ["order_no", (g) => g.order_no],
        ["status", (g) => badge(g.status)], ["lines", (g) => goods(g.lines)],
        ["stocked_at", (g) => when(g.stocked_at)]],
      actions: [{
        id: "prepare-shipment", label: "action.prepare_shipment", post: "/logistics/shipments",
        when: is("in_stock"), fields: [{ name: "destination", max: 300 }],
        body: (v, g) => ({ order_no: g.order_no, destination: v.destination }),
      }],
    },
    shipments: {
      id: "shipments", title: "list.shipments", path: "/logistics/shipments",
      export: "/exports/shipments", key: "shipment_no",
      filters: [{ name: "status", options: ["prepared", "dispatched", "delivered"] }, { name: "order_no" }],
      columns: [["shipment_no", (s) => s.shipment_no], ["order_no", (s) => s.order_no],
        ["status", (s) => badge(s.status)],
        ["payment_cleared", (s) => t(s.payment_cleared ? "yes" : "no")],
        ["lines", (s) => goods(s.lines)], ["destination", (s) => s.destination || "—"],
        ["prepared_at", (s) => when(s.prepared_at)]],
      actions: [
        { id: "dispatch", label: "action.dispatch", when: is("prepared"),
          post: "/logistics/shipments/{shipment_no}/dispatch",
          fields: [{ name: "carrier", required: true, max: 100 }, { name: "vehicle_no", max: 32 }] },
        { id: "deliver", label: "action.deliver", when: is("dispatched"),
          post: "/logistics/shipments/{shipment_no}/delivery",
          fields: [{ name: "received_by", required: true, max: 100 },
            { name: "receipt_no", required: true, max: 64 }, { name: "damaged", type: "checkbox" }] },
      ],
      documents: [{ label: "document.shipping_notice", path: "/documents/shipping-notice/{shipment_no}",
        name: "{shipment_no}" }],
    },
    serviceRequests: {
      id: "service-requests", title: "list.service_requests", path: "/aftersales/service-requests",
      export: "/exports/service-requests", key: "request_no",
      filters: [{ name: "status", options: ["recorded", "forwarded", "contacted", "resolved"] },
        { name: "order_no" }],
      columns: [["request_no", (r) => r.request_no], ["order_no", (r) => orderLinkOrText(r.order_no)],
        ["status", (r) => badge(r.status)], ["kind", (r) => status(r.kind)],
        ["description", (r) => r.description], ["recorded_at", (r) => when(r.recorded_at)]],
      actions: [
        { id: "forward", label: "action.forward", when: is("recorded"),
          post: "/aftersales/service-requests/{request_no}/forward" },
        { id: "contact", label: "action.contact", when: is("forwarded"), roles: ["aftersales", "group_general_manager"],
          post: "/aftersales/service-requests/{request_no}/contact",
          fields: [{ name: "notes", type: "textarea", required: true }] },
        { id: "resolve", label: "action.resolve", when: is("forwarded", "contacted"),
          roles: ["aftersales", "group_general_manager"],
          post: "/aftersales/service-requests/{request_no}/resolve",
          fields: [{ name: "remedy", type: "textarea", required: true }] },
      ],
    },
  };

  // An order's change notices (更改通知单, SAL-8, PLN-15), on the order page: `path` is
  // filled from the order.
  LISTS.changes = {
    id: "changes", title: "list.changes", path: "/sales/orders/{order_no}/changes",
    key: "change_no",
    columns: [["change_no", (c) => c.change_no],
      ["status", (c) => h("span", { class: `badge state-${c.status}` }, t(`change.${c.status}`))],
      ["severity", (c) => (c.severity === null ? "—" : String(c.severity))],
      ["lines", (c) => goods(c.lines_after)], ["received_at", (c) => when(c.received_at)]],
    actions: [
      { id: "classify-change", label: "action.classify_change", when: is("received"),
        post: "/sales/changes/{change_no}/classification",
        fields: [{ name: "severity", type: "select", value: () => "1",
          options: [["1", "severity.1"], ["2", "severity.2"], ["3", "severity.3"]] },
        { name: "reason", type: "textarea", required: true }],
        body: (v) => ({ severity: Number(v.severity), reason: v.reason }) },
      { id: "rereview-change", label: "action.rereview_change", when: is("awaiting_rereview"),
        post: "/sales/changes/{change_no}/re-review" },
      { id: "agree-change", label: "action.agree_change", when: is("awaiting_customer"),
        post: "/sales/changes/{change_no}/customer-agreement",
        fields: [{ name: "confirmed_date", type: "date", required: true,
          value: (c) => c.earliest_date || "" }, { name: "note", max: 500 }] },
      { id: "review-change-design", label: "action.review_design", when: is("awaiting_design_review"),
        roles: ["design", "group_general_manager"], post: "/sales/changes/{change_no}/design-review",
        fields: [{ name: "feasible", type: "checkbox", value: () => true }, { name: "notes", type: "textarea" }] },
      { id: "supplementary-contract", label: "action.supplementary_contract", when: is("awaiting_contract"),
        post: "/sales/changes/{change_no}/supplementary-contract",
        fields: [{ name: "price_increase", type: "decimal", required: true, value: () => "0.00" },
          { name: "note", max: 500 }] },
    ],
    documents: [{ label: "document.change_notice", path: "/documents/change-notice/{change_no}",
      name: "{change_no}" }],
  };

  // Nonconformance reports (QLT-4): read and printed here; their acts grow with issue 12.
  LISTS.ncrs = {
    id: "ncrs", title: "list.ncrs", path: "/quality/nonconformances", key: "ncr_no",
    filters: [{ name: "order_no" }],
    columns: [["ncr_no", (n) => n.ncr_no], ["order_no", (n) => n.order_no],
      ["status", (n) => h("span", { class: `badge state-${n.status}` }, t(`ncr.${n.status}`))],
      ["source", (n) => `${t(`ncr.source.${n.source}`)} ${n.source_no}`],
      ["disposition", (n) => t(`ncr.${n.disposition}`)], ["cause", (n) => n.cause],
      ["opened_at", (n) => when(n.opened_at)]],
    documents: [{ label: "document.ncr", path: "/documents/ncr/{ncr_no}", name: "{ncr_no}" }],
  };

  // The escalations addressed to me (X-2, issue 14), newest first; acknowledged in place.
  LISTS.inbox = {
    id: "inbox", title: "list.inbox", path: "/me/inbox", key: "id",
    filters: [{ name: "pending_only", options: ["true"] }],
    columns: [["rule", (i) => i.rule_id], ["department", (i) => department(i.department)],
      ["order_no", (i) => (i.order_no ? orderLinkOrText(i.order_no) : "—")],
      ["level", (i) => t("inbox.level", { level: i.level })],
      ["due_at", (i) => when(i.due_at)], ["received_at", (i) => when(i.received_at)],
      ["acknowledged_at", (i) => when(i.acknowledged_at)]],
    actions: [{ id: "acknowledge", label: "action.acknowledge", post: "/me/inbox/{id}/acknowledge",
      when: (i) => !i.acknowledged_at }],
  };

  let ME = null;
  function orderLinkOrText(orderNo) {
    return ME && may(ME, SALES_ROLES) ? orderLink(orderNo) : orderNo;
  }

  // The order's own actions (sales, on the order page), in the order the journey takes them.
  const ORDER_ACTIONS = [
    { id: "review", label: "action.review", post: "/sales/orders/{order_no}/review",
      when: is("received", "reviewed") },
    { id: "agree-date", label: "action.agree_date", post: "/sales/orders/{order_no}/agree-date",
      when: is("date_infeasible"),
      fields: [{ name: "confirmed_date", type: "date", required: true, min: today(),
        value: (o) => o.review?.earliest_date || "" }, { name: "note", max: 500 }] },
    { id: "sign-off", label: "action.sign_off", roles: GM_ROLES, when: is("awaiting_sign_off"),
      post: "/sales/orders/{order_no}/sign-off" },
    { id: "decline", label: "action.decline", roles: GM_ROLES, danger: true,
      when: is("received", "reviewed", "date_infeasible", "awaiting_sign_off"),
      post: "/sales/orders/{order_no}/decline",
      fields: [{ name: "reason", type: "textarea", required: true, max: 500 }] },
    { id: "quote", label: "action.quote", post: "/sales/orders/{order_no}/quote", when: is("reviewed") },
    { id: "contract", label: "action.contract", post: "/sales/orders/{order_no}/contract",
      when: is("quoted"),
      fields: [{ name: "deposit_percent", type: "decimal", required: true, value: () => "30" },
        { name: "pay_in_full_before_shipment", type: "checkbox", value: () => true }] },
    { id: "payment", label: "action.payment", post: "/sales/orders/{order_no}/payments",
      when: (o) => o.contract_total !== null && o.status !== "declined"
        && Number(o.paid_total) < Number(o.contract_total),
      fields: [{ name: "amount", type: "decimal", required: true, value: outstanding },
        { name: "reference", max: 100 }] },
    { id: "instruct", label: "action.instruct", post: "/sales/orders/{order_no}/production-instruction",
      when: is("effective") },
    // LOG-2: contract & order management instructs shipping once the pre-shipment payment is in.
    { id: "shipping-instruction", label: "action.shipping_instruction",
      roles: ["contract_management", ...GM_ROLES],
      post: "/sales/orders/{order_no}/shipping-instructions",
      when: is("instructed", "planned", "produced", "stocked"),
      fields: [{ name: "ship_at", type: "datetime", required: true, value: () => localMoment(0) },
        { name: "arrival_at", type: "datetime", required: true, value: () => localMoment(2) },
        { name: "arrival_place", max: 300, hint: "hint.arrival_place" },
        { name: "note", type: "textarea", max: 500 }] },
    { id: "record-change", label: "action.record_change", post: "/sales/orders/{order_no}/changes",
      when: notIn("declined", "shipped", "delivered"),
      fields: [{ name: "received_from", required: true, max: 100 },
        { name: "description", type: "textarea" },
        { name: "line_no", type: "number", required: true, min: 1, max: 100, value: () => 1 },
        { name: "quantity", type: "decimal" }, { name: "requested_date", type: "date" }],
      body: (v) => ({ received_at: new Date().toISOString(), received_from: v.received_from,
        description: v.description, lines: [Object.fromEntries(Object.entries({
          line_no: v.line_no, quantity: v.quantity, requested_date: v.requested_date })
          .filter(([, value]) => value !== "" && value !== null))] }) },
    { id: "service-request", label: "action.service_request", post: "/aftersales/service-requests",
      when: is("delivered"),
      fields: [{ name: "kind", type: "select", value: () => "installation",
        options: ["installation", "repair", "replacement", "parts", "damage", "quality", "other"]
          .map((kind) => [kind, `status.${kind}`]) },
      { name: "description", type: "textarea", required: true, max: 2000 }],
      body: (v, o) => ({ order_no: o.order_no, kind: v.kind, description: v.description }) },
  ];
  const ORDER_DOCUMENTS = [
    { label: "document.contract", path: "/documents/contract/{order_no}", name: "{order_no}-contract",
      when: (o) => Boolean(o.contract_no) },
    { label: "document.production_instruction", path: "/documents/production-instruction/{order_no}",
      name: "{order_no}-instruction", when: (o) => Boolean(o.instruction_no) },
  ];

  /** A datetime-local value `days` from now, to the minute, in the browser's own zone. */
  function localMoment(days) {
    const at = new Date(Date.now() + days * 86400000 + 60000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
      + `T${pad(at.getHours())}:${pad(at.getMinutes())}`;
  }

  /** What is still to pay: the deposit until it is in, then the balance (SAL-6, LOG-2). */
  function outstanding(o) {
    const cents = (v) => Math.round(Number(v || 0) * 100);
    const due = Number(o.paid_total) < Number(o.deposit || 0) ? cents(o.deposit) : cents(o.contract_total);
    return ((due - cents(o.paid_total)) / 100).toFixed(2);
  }

  // The departments' pages: which lists each shows, and who sees it in the menu.
  const PAGES = [
    { page: "/ui/inbox", title: "page.inbox", lists: ["inbox"] },
    { page: "/ui/orders", title: "page.orders", roles: SALES_ROLES, lists: ["orders"], intake: true },
    { page: "/ui/design", title: "page.design", roles: ["design", "group_general_manager"],
      lists: ["designReviews", "plans"] },
    { page: "/ui/planning", title: "page.planning", roles: ["planning", "group_general_manager"],
      lists: ["plans", "workOrders", "stockItems"] },
    { page: "/ui/procurement", title: "page.procurement", roles: ["procurement", "group_general_manager"],
      lists: ["purchaseOrders", "transfers", "plans"] },
    { page: "/ui/quality", title: "page.quality", roles: ["quality", "group_general_manager"],
      lists: ["lots", "finalInspections", "ncrs", "transfers", "plans"] },
    { page: "/ui/logistics", title: "page.logistics", roles: ["logistics", "group_general_manager"],
      lists: ["finishedGoods", "shipments"] },
    { page: "/ui/aftersales", title: "page.aftersales",
      roles: ["aftersales", "sales", "group_general_manager"], lists: ["serviceRequests"] },
  ];

  // --- pages -----------------------------------------------------------------------------------

  function renderSignIn() {
    document.title = `${t("signin.title")} · ordersuite`;
    const notice = sessionStorage.getItem(NOTICE_KEY);
    sessionStorage.removeItem(NOTICE_KEY);
    if (notice) showError(new ApiError(401, "Unauthorized", notice));
    const statusLine = h("p", { class: "muted status", "aria-live": "polite" });
    const form = h("form", { class: "card narrow", id: "sign-in", onsubmit: signIn },
      h("h1", {}, t("signin.title")),
      h("label", { for: "username" }, t("signin.username")),
      h("input", { id: "username", name: "username", autocomplete: "username", required: true,
        autocapitalize: "none", spellcheck: "false" }),
      h("label", { for: "password" }, t("signin.password")),
      h("input", { id: "password", name: "password", type: "password", required: true,
        autocomplete: "current-password" }),
      h("button", { type: "submit" }, t("signin.submit")),
      statusLine);

    async function signIn(event) {
      event.preventDefault();
      errorBox.hidden = true;
      statusLine.textContent = t("signin.busy");
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
        statusLine.textContent = "";
        showError(exc); // a bad password is a 401 too: show it here, do not redirect
        form.elements.password.select();
      }
    }

    show(form);
    form.elements.username.focus();
  }

  function chrome(me) {
    document.getElementById("skip").textContent = t("page.skip");
    document.getElementById("nav").setAttribute("aria-label", t("nav.label"));
    const lang = document.getElementById("lang");
    lang.textContent = t("lang.switch");
    lang.setAttribute("lang", LANG === "en" ? "zh-CN" : "en");
    lang.onclick = () => {
      localStorage.setItem(LANG_KEY, LANG === "en" ? "zh-CN" : "en");
      location.reload();
    };
    lang.hidden = false;
    document.getElementById("sign-out").textContent = t("signin.out");
    if (!me) return;
    const roles = me.roles.map((role) => t(`role.${role}`)).join(t("list.separator"));
    const companies = me.companies === null ? t("who.group") : me.companies.join(", ");
    document.getElementById("who-name").textContent = me.name || me.username;
    document.getElementById("who-detail").textContent = `${me.username} · ${roles} · ${companies}`;
    document.getElementById("who").hidden = false;
    const nav = document.getElementById("nav");
    const items = [...PAGES.filter((page) => may(me, page.roles)).map((page) =>
      [page.page, t(page.title)]), ["/ui/work", t("page.work")]];
    nav.querySelector("ul").replaceChildren(...items.map(([path, title]) => h("li", {},
      h("a", { href: path, "aria-current": path === location.pathname ? "page" : null }, title))));
    nav.hidden = false;
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    location.assign("/ui/");
  }

  function startPage(me) {
    return PAGES.find((page) => page.roles && may(me, page.roles))?.page || "/ui/work";
  }

  async function renderDepartment(page, me) {
    document.title = `${t(page.title)} · ordersuite`;
    const sections = page.lists.map(() => h("section", { class: "list" }));
    show(h("h1", {}, t(page.title)), h("p", { class: "muted" }, t("time.zone", { zone: ZONE })),
      page.intake ? intakePanel(me) : null, sections);
    await Promise.all(page.lists.map((name, i) => renderList(LISTS[name], me, sections[i])));
  }

  // Sales' intake: a new order (SAL-1) by form, or a customer's spreadsheet of them.
  function intakePanel(me) {
    const companies = me.companies || ["P1", "P2"];
    const customers = h("datalist", { id: "customer-codes" });
    api("/sales/customers").then((list) => customers.replaceChildren(...list.map((c) =>
      h("option", { value: c.customer_code }, `${c.name} (${c.company_id})`)))).catch(() => {});
    const create = {
      id: "new-order", label: "action.new_order", post: "/sales/orders",
      fields: [
        { name: "company_id", type: "select", options: companies.map((c) => [c, c]),
          value: () => companies[0] },
        { name: "customer_code", required: true, max: 64 },
        { name: "product_code", required: true, max: 64 },
        { name: "spec", max: 200 },
        { name: "quantity", type: "decimal", required: true, value: () => "1" },
        { name: "requested_date", type: "date", required: true, min: today() },
        { name: "delivery_address", max: 300 },
        { name: "rush", type: "checkbox" },
      ],
      body: (v) => ({ company_id: v.company_id, customer_code: v.customer_code, rush: v.rush,
        delivery_address: v.delivery_address,
        lines: [{ product_code: v.product_code, spec: v.spec, quantity: v.quantity,
          requested_date: v.requested_date }] }),
    };
    const created = (order) => location.assign(`/ui/orders/${encodeURIComponent(order.order_no)}`);
    const form = actionForm(create, {}, 0, created);
    form.querySelector('[name="customer_code"]').setAttribute("list", "customer-codes");
    const upload = {
      id: "import", label: "action.import", post: "/sales/orders/import", file: true,
      fields: [{ name: "file", type: "file", required: true, label: "import.file",
        accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }],
    };
    const imported = h("p", { class: "muted", role: "status" });
    const importForm = actionForm(upload, {}, 0, async (orders) => {
      imported.textContent = t("import.done", { count: orders.length });
      const section = view.querySelector("section.list");
      if (section) await renderList(LISTS.orders, me, section);
    });
    return h("div", { class: "intake" },
      h("details", { class: "card", open: true },
        h("summary", {}, h("h2", {}, t("intake.new"))), form, customers),
      h("details", { class: "card" },
        h("summary", {}, h("h2", {}, t("intake.import"))),
        h("p", { class: "muted" }, t("import.help")),
        downloadButton(t("import.template"), `/sales/orders/import-template?lang=${LANG}`,
          "order-import.xlsx"), importForm, imported));
  }

  // One order's journey: header, the order's actions and documents, timeline, deadlines.
  async function renderJourney(orderNo, me) {
    document.title = `${orderNo} · ordersuite`;
    show(h("h1", {}, t("order.title", { no: orderNo })),
      h("p", { class: "muted loading" }, t("page.loading")));
    let journey;
    let order = null;
    try {
      [journey, order] = await Promise.all([
        api(`/orders/${encodeURIComponent(orderNo)}/journey`),
        may(me, SALES_ROLES) ? api(`/sales/orders/${encodeURIComponent(orderNo)}`) : null,
      ]);
    } catch (exc) {
      fail(exc);
      return;
    }
    const current = journey.current_stage;
    const facts = h("dl", { class: "facts" },
      h("dt", {}, t("field.status")), h("dd", {}, badge(journey.status)),
      h("dt", {}, t("order.current")), h("dd", {}, current
        ? [stageName(current.stage), " ", department(current.department), " ", badge(current.state)]
        : t("order.none")),
      h("dt", {}, t("field.company_id")), h("dd", {}, journey.company_id || "—"),
      h("dt", {}, t("field.customer_code")), h("dd", {}, journey.customer_code || "—"),
      order ? [
        h("dt", {}, t("field.lines")), h("dd", {}, goods(order.lines)),
        h("dt", {}, t("field.contract_total")), h("dd", {}, money(order.contract_total)),
        h("dt", {}, t("field.paid_total")), h("dd", { class: "paid" }, money(order.paid_total)),
      ] : null);
    const missing = journey.unavailable.length ? h("p", { class: "warning", role: "status" },
      t("order.unavailable"), " ",
      journey.unavailable.map((name, i) => [i ? ", " : "", department(name)])) : null;
    const done = () => renderJourney(orderNo, me);
    const panel = order ? h("section", { class: "order-actions", "aria-labelledby": "actions-title" },
      h("h2", { id: "actions-title" }, t("order.actions")),
      rowActions({ actions: ORDER_ACTIONS, documents: ORDER_DOCUMENTS }, order, 0, me, done)
        || h("p", { class: "muted" }, t("order.no_actions"))) : null;
    const changes = order ? h("section", { class: "list" }) : null;
    show(
      h("h1", {}, t("order.title", { no: journey.order_no })),
      facts, missing, panel, changes,
      h("div", { class: "journey" },
        h("section", { "aria-labelledby": "timeline-title" },
          h("h2", { id: "timeline-title" }, t("order.timeline")),
          h("p", { class: "muted" }, t("time.zone", { zone: ZONE })),
          timeline(journey.stages, journey.order_no)),
        deadlinesPanel(journey)));
    if (changes) {
      await renderList({ ...LISTS.changes, path: fill(LISTS.changes.path, order) }, me, changes);
    }
  }

  /** A stage's name in the user's language ("work order WO-…" keeps its number). */
  function stageName(name) {
    if (WORDS[`stage.${name}`]) return t(`stage.${name}`);
    const numbered = /^(work order|material) (.+)$/.exec(name);
    if (numbered) return t(`stage.${numbered[1].replace(" ", "_")}`, { no: numbered[2] });
    return name;
  }

  function timeline(stages, orderNo) {
    if (!stages.length) return h("p", { class: "muted" }, t("order.no_stages"));
    return h("ol", { class: "timeline" }, stages.map((stage) => {
      // the page's own order number on every stage is noise: show the other references
      const refs = Object.entries(stage.refs || {}).filter(([key, value]) => value !== orderNo
        && !["due_at", "deadline", "rule"].includes(key));
      return h("li", { class: `stage dept-${stage.department} state-${stage.state}` },
        h("div", { class: "stage-head" },
          department(stage.department),
          h("h3", {}, stageName(stage.stage)),
          badge(stage.state)),
        h("p", { class: "times" }, when(stage.started_at),
          stage.ended_at ? [" → ", when(stage.ended_at, stage.started_at)] : ` → ${t("order.open")}`,
          stage.actor ? [` · ${t("order.by")} `, h("span", { class: "actor" }, stage.actor)] : null),
        // the services describe a stage in English: shown as such where English is read
        stage.summary && LANG === "en" ? h("p", { class: "summary" }, stage.summary) : null,
        refs.length ? h("p", { class: "refs" }, refs.map(([key, value], i) =>
          [i ? " · " : "", h("span", { class: "muted" }, `${t(`field.${key}`)} `), value])) : null);
    }));
  }

  function deadlinesPanel(journey) {
    const met = journey.deadlines.filter((d) => d.met_at || d.status === "met");
    const item = (d, extra) => h("li", { class: `deadline deadline-${d.status}` },
      h("div", {}, h("strong", {}, d.rule_id), " ", department(d.department)),
      WORDS[`rule.${d.rule_id}`] ? h("div", {}, t(`rule.${d.rule_id}`))
        : (LANG === "en" && d.description ? h("div", {}, d.description) : null),
      h("div", {}, `${t("deadline.due")} `, when(d.due_at)),
      extra(d));
    const group = (title, list, extra, cls) => h("section", { class: cls },
      h("h3", {}, `${t(title)} (${list.length})`),
      list.length ? h("ul", {}, list.map((d) => item(d, extra)))
        : h("p", { class: "muted" }, t("order.none")));
    return h("aside", { class: "deadlines", "aria-labelledby": "deadlines-title" },
      h("h2", { id: "deadlines-title" }, t("deadline.title")),
      group("deadline.breached", journey.breached_deadlines, (d) => h("div", { class: "escalation" },
        `${t("deadline.breached_at")} `, when(d.breached_at),
        d.escalated_to ? [` · ${t("deadline.escalated")} `, h("strong", {}, d.escalated_to)] : ""),
      "breached"),
      group("deadline.open", journey.open_deadlines, () => null, "open"),
      group("deadline.met", met, (d) => h("div", { class: "muted" }, `${t("deadline.met_at")} `,
        when(d.met_at)), "met"));
  }

  // What is waiting for the signed-in person: each of their pages' lists, waiting rows only.
  async function renderWork(me) {
    document.title = `${t("page.work")} · ordersuite`;
    const mine = PAGES.filter((page) => may(me, page.roles)).flatMap((page) => page.lists);
    const sections = mine.map(() => h("section", { class: "work list" }));
    show(h("h1", {}, t("page.work")), h("p", { class: "muted" }, t("time.zone", { zone: ZONE })),
      sections.length ? sections : h("p", {}, t("work.none")));
    await Promise.all(mine.map((name, i) => renderList({ ...LISTS[name], filters: [],
      keep: (row) => (LISTS[name].actions || []).some((a) => may(me, a.roles)
        && (!a.when || a.when(row))) }, me, sections[i])));
  }

  // --- the router ------------------------------------------------------------------------------

  async function main() {
    await loadWords();
    takeTokenFromFragment();
    document.getElementById("sign-out").addEventListener("click", signOut);
    chrome(null);
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
    ME = me;
    chrome(me);
    const path = location.pathname.replace(/\/+$/, "");
    const journey = /^\/ui\/orders\/([^/]+)$/.exec(path);
    const page = PAGES.find((p) => p.page === path);
    if (journey) await renderJourney(decodeURIComponent(journey[1]), me);
    else if (page) await renderDepartment(page, me);
    else if (path === "/ui/work") await renderWork(me);
    else {
      const next = safeNext(new URLSearchParams(location.search).get("next"));
      location.replace(next || startPage(me));
    }
    document.body.dataset.ready = "true"; // the page has rendered what it loaded
  }

  main();
})();
