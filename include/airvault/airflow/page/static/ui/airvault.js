const _ = (e) => new URL(`airvault${e}`, document.baseURI).toString(), $ = (e = "") => _(`/${e ? `#${e}` : ""}`), Te = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class F extends Error {
  constructor(l, a) {
    super(a), this.status = l;
  }
  status;
}
async function p(e, l = {}) {
  let a = e;
  for (const [i, o] of Object.entries(l)) a = a.replace(`{${i}}`, encodeURIComponent(o));
  const t = await fetch(_(a), { credentials: "same-origin" }), s = await t.json().catch(() => null);
  if (!t.ok) {
    const i = s && typeof s.detail == "string" ? s.detail : t.statusText;
    throw new F(t.status, `${t.status}: ${i}`);
  }
  return s;
}
function j(e, l = {}, a = 30) {
  const t = JSON.stringify(l), [s, i] = globalThis.React.useState({ loading: !0 }), o = globalThis.React.useCallback(() => {
    p(e, JSON.parse(t)).then((n) => i({ data: n, loading: !1 })).catch((n) => i((r) => ({ ...r, error: n.message, loading: !1 })));
  }, [e, t]);
  return globalThis.React.useEffect(() => {
    o();
    const n = setInterval(o, a * 1e3);
    return () => clearInterval(n);
  }, [o, a]), s;
}
async function v(e, l = {}, a = {}) {
  let t = e;
  for (const [o, n] of Object.entries(a)) t = t.replace(`{${o}}`, encodeURIComponent(n));
  const s = await fetch(_(t), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(l)
  }), i = await s.json().catch(() => null);
  if (!s.ok) {
    const o = i && typeof i.detail == "string" ? i.detail : JSON.stringify(i?.detail ?? s.statusText);
    throw new F(s.status, `${s.status}: ${o}`);
  }
  return i;
}
const C = (e) => {
  if (!e) return "-";
  const l = new Date(e);
  return Number.isNaN(l.getTime()) ? e : `${l.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, g = (e, l = Date.now()) => {
  if (!e) return "-";
  const a = (new Date(e).getTime() - l) / 1e3, t = a > 0, s = Math.abs(a), [i, o] = s >= 86400 ? [s / 86400, "day"] : s >= 3600 ? [s / 3600, "hour"] : s >= 60 ? [s / 60, "minute"] : [0, ""];
  if (!o) return t ? "in a moment" : "just now";
  const n = Math.floor(i), r = `${n} ${o}${n === 1 ? "" : "s"}`;
  return t ? `in ${r}` : `${r} ago`;
}, E = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, y = (e) => {
  if (e == null) return "-";
  const l = ["B", "KB", "MB", "GB", "TB"];
  let a = e, t = 0;
  for (; a >= 1024 && t < l.length - 1; )
    a /= 1024, t += 1;
  return `${a.toFixed(t ? 1 : 0)} ${l[t]}`;
}, L = (e) => e == null ? "-" : e.toLocaleString("en-US"), Re = ({ row: e }) => {
  const l = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: l, children: e.verified === "-" ? "not yet" : e.verified });
}, Q = ({ rows: e, mayRestore: l, empty: a = "No backup yet.", showScope: t = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Backup" }),
    t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Kind · scope" }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Rows" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Size" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Verified" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Actions" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "22rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "medium", wordBreak: "break-word", children: s.label ?? s.id }),
      s.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: s.note }) : null
    ] }),
    t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      s.kind,
      " · ",
      s.scope
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: C(s.started_at), children: g(s.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: L(s.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: y(s.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Re, { row: s }),
      s.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: s.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        s.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.type === "backup" && s.url && l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: $(`restore=${encodeURIComponent(s.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, s.url ?? s.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: a }), me = (e) => {
  const l = j("/api/backups");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
      "Storage: ",
      l.data.storage
    ] }) : null,
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
    l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Q, { rows: l.data.backups, mayRestore: l.data.may.restore ?? !1 }) : null
  ] });
};
function B(e, l) {
  const a = globalThis.React.useRef(e);
  a.current = e;
  const [t, s] = globalThis.React.useState({}), i = globalThis.React.useCallback(() => {
    a.current().then((o) => s({ data: o })).catch((o) => s((n) => ({ ...n, error: o.message })));
  }, []);
  return globalThis.React.useEffect(() => {
    i();
    const o = setInterval(i, l * 1e3);
    return () => clearInterval(o);
  }, [i, l]), { ...t, reload: i };
}
const xe = (e, l) => {
  const a = e?.detail;
  return typeof a == "string" ? a : a === void 0 ? l : JSON.stringify(a);
};
async function ee(e, l, a, t) {
  const s = { "X-Requested-With": "airvault" };
  t && (s["Content-Type"] = t);
  const i = await fetch(_(l), { method: e, credentials: "same-origin", headers: s, body: a }), o = await i.json().catch(() => null);
  if (!i.ok) throw new F(i.status, `${i.status}: ${xe(o, i.statusText)}`);
  return o;
}
const ke = (e) => ee("POST", `/api/imports/upload?filename=${encodeURIComponent(e.name)}`, e, "text/csv"), Se = (e) => ee("DELETE", `/api/exports/templates/${encodeURIComponent(e)}`), H = (e) => _(`/api/jobs/download?file=${encodeURIComponent(e)}`), pe = 10, Ce = (e) => !(e instanceof F) || e.status >= 500;
async function O(e, l, a, t) {
  for (let s = 0; ; ) {
    try {
      const i = await e();
      if (l(i) || !a()) return i;
      s = 0;
    } catch (i) {
      if (s += 1, !Ce(i) || s >= pe || !a()) throw i;
    }
    await new Promise((i) => setTimeout(i, t));
  }
}
const ae = (e) => e ? (/* @__PURE__ */ new Date(`${e}${e.length === 16 ? ":00" : ""}Z`)).toISOString() : null, le = {
  datasets: [],
  format: "csv",
  readable: !0,
  short_ids: !1,
  columns: [],
  filters: {},
  tenant: "",
  date_column: "",
  since: "",
  until: "",
  timezone: "UTC",
  filterText: ""
}, Je = (e) => ({
  ...le,
  ...e,
  filterText: Object.entries(e.filters).map(([l, a]) => `${l}=${a}`).join(", ")
}), fe = (e) => {
  const l = {};
  for (const a of e.split(",").map((t) => t.trim()).filter(Boolean)) {
    const t = a.indexOf("=");
    if (t < 1) throw new Error(`Filters: '${a}' is not column=value`);
    l[a.slice(0, t).trim()] = a.slice(t + 1).trim();
  }
  return l;
}, te = (e) => {
  const { filterText: l, ...a } = e;
  return { ...a, filters: fe(l) };
}, q = (e) => e.includes(".") ? e : `public.${e}`, je = (e, l) => {
  const a = new Map(e.modules.map((t) => [t.name, t.tables.map(q)]));
  return [...new Set(l.flatMap((t) => a.get(t) ?? [q(t)]))];
}, Y = (e, l) => [
  ...new Set(je(e, l).flatMap((a) => e.tables[a] ?? []))
], K = ({ legend: e, items: l, chosen: a, onChange: t, empty: s = "none" }) => {
  const i = (o, n) => t(n ? [...a, o] : a.filter((r) => r !== o));
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { fontSize: "sm", fontWeight: "medium", children: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { maxH: "11rem", overflowY: "auto", borderWidth: "1px", borderRadius: "md", px: 2, py: 1, children: l.length ? l.map((o) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
      globalThis.ChakraUI.Checkbox.Root,
      {
        size: "sm",
        display: "flex",
        py: 0.5,
        checked: a.includes(o.value),
        onCheckedChange: (n) => i(o.value, n.checked === !0),
        children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { title: o.hint, wordBreak: "break-word", children: o.label ?? o.value })
        ]
      },
      o.value
    )) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: s }) })
  ] });
}, U = ({ label: e, value: l, choices: a, change: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "10rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { value: l, onChange: (s) => t(s.target.value), children: Object.entries(a).map(([s, i]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: s, children: i }, s)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), Xe = {
  csv: "CSV",
  json: "JSON lines",
  parquet: "Parquet",
  xlsx: "Excel (xlsx)",
  pdf: "PDF (a report to read)",
  zip: "ZIP (CSV files: a module's tables, or several datasets)"
}, Ie = ({ options: e, choices: l, change: a }) => {
  const t = e.modules.map((o) => ({ value: o.name, label: `${o.name} (module)`, hint: o.tables.join(", ") })), s = Object.keys(e.tables).map((o) => ({ value: o })), i = Y(e, l.datasets);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2 }, gap: 3, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        K,
        {
          legend: "Datasets to export",
          items: [...t, ...s],
          chosen: l.datasets,
          onChange: (o) => a({ datasets: o, columns: l.columns.filter((n) => Y(e, o).includes(n)) })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        K,
        {
          legend: "Columns (none ticked: all)",
          items: i.map((o) => ({ value: o })),
          chosen: l.columns,
          onChange: (o) => a({ columns: i.filter((n) => o.includes(n)) }),
          empty: "choose a dataset first"
        }
      )
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: 4 }, gap: 3, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        U,
        {
          label: "Format",
          value: l.format,
          choices: Object.fromEntries(e.formats.map((o) => [o, Xe[o] ?? o])),
          change: (o) => a({ format: o })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Filters" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "column=value, ...", value: l.filterText, onChange: (o) => a({ filterText: o.target.value }) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Label, { children: [
          "Tenant (",
          e.tenant_column,
          ")"
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "all tenants", value: l.tenant, onChange: (o) => a({ tenant: o.target.value }) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Time zone" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: l.timezone, onChange: (o) => a({ timezone: o.target.value }) })
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: l.readable, onCheckedChange: (o) => a({ readable: o.checked === !0 }), children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { children: "Readable: names for user ids, local times (off: raw values, exact for machines)" })
    ] })
  ] });
}, se = ({ label: e, button: l, name: a, change: t, save: s }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "12rem", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "template name", value: a, onChange: (i) => t(i.target.value) })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !a.trim(), onClick: s, children: l })
] }), Ue = ({ templates: e, problems: l, choices: a, load: t, saved: s, say: i }) => {
  const [o, n] = globalThis.React.useState(""), [r, u] = globalThis.React.useState(""), x = (c) => {
    n(c);
    const d = e.find((J) => J.name === c);
    d && t(Je(d.choices));
  }, k = async () => {
    try {
      const c = await v("/api/exports/templates", { name: r, choices: te(a) });
      i({ ok: !0, text: `Saved the export template ${c.name}: it is in the list of templates.` }), n(c.name), u(""), s();
    } catch (c) {
      i({ ok: !1, text: c.message });
    }
  }, R = async () => {
    try {
      await Se(o), i({ ok: !0, text: `Deleted the export template ${o}.` }), n(""), s();
    } catch (c) {
      i({ ok: !1, text: c.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "12rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Saved template" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Field, { value: o, onChange: (c) => x(c.target.value), "data-testid": "airvault-export-templates", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: "", children: e.length ? "choose one to load…" : "none saved yet" }),
          e.map((c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("option", { value: c.name, children: [
            c.name,
            c.saved_by ? ` (by ${c.saved_by})` : ""
          ] }, c.name))
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !o, onClick: R, "aria-label": o ? `Delete template ${o}` : "Delete template", children: "Delete template" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(se, { label: "Save these choices as", button: "Save template", name: r, change: u, save: k }),
    l.map((c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.error", w: "full", children: c }, c))
  ] });
}, ie = ({ said: e, testId: l }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.ok ? "info" : "error", role: e.ok ? "status" : "alert", "data-testid": l, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: e.text }),
    e.more ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Description, { children: e.more }) : null
  ] })
] }) : null, we = ["success", "failed"], ve = ({ job: e, link: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", "data-testid": "airvault-export-files", children: [
  e.files.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: H(a.file ?? ""), download: !0, colorPalette: "blue", children: a.name }, a.file)),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: l, color: "fg.muted", children: "the run in Airflow" })
] }), ye = ({ show: e, exported: l }) => {
  const a = B(() => p("/api/exports/options"), 300), [t, s] = globalThis.React.useState(le), [i, o] = globalThis.React.useState(""), [n, r] = globalThis.React.useState(null), [u, x] = globalThis.React.useState(!1), k = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    k.current = !1;
  }, []);
  const R = (d) => s((J) => ({ ...J, ...d })), c = async () => {
    x(!0);
    try {
      const d = await v("/api/exports", { ...te(t), run_after: ae(i) });
      if (i) {
        r({ ok: !0, text: `Export scheduled for ${C(d.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      r({ ok: !0, text: "Export running…", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: d.link, children: "the run in Airflow" }) }), await O(
        () => p("/api/runs/{dag_id}/{run_id}", { dag_id: d.dag_id, run_id: d.run_id }),
        (X) => we.includes(X.state),
        () => k.current,
        3e3
      );
      const f = (await O(() => p("/api/jobs"), () => !0, () => k.current, 3e3)).jobs.find((X) => X.run_id === d.run_id);
      if (!k.current) return;
      if (!f) {
        r({ ok: !0, text: "The export ended: the Jobs tab has it.", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: d.link, children: "the run in Airflow" }) });
        return;
      }
      const T = f.state === "done", I = T ? `Export done: ${(f.records ?? 0).toLocaleString("en-US")} records.` : `The export ${f.state}: its log in Airflow says why.`;
      r({ ok: T, text: I, more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ve, { job: f, link: d.link }) }), l();
    } catch (d) {
      r({ ok: !1, text: d.message });
    } finally {
      x(!1);
    }
  };
  return a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: (d) => (d.preventDefault(), void c()), "data-testid": "airvault-export-form", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      Ue,
      {
        templates: a.data.templates,
        problems: a.data.template_problems,
        choices: t,
        load: s,
        saved: a.reload,
        say: r
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ie, { options: a.data, choices: t, change: R }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Later, at (UTC; empty: now)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: i, onChange: (d) => o(d.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: u, disabled: !t.datasets.length, children: i ? "Schedule export" : "Export now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Link,
        {
          href: "?tab=schedules",
          onClick: (d) => {
            d.preventDefault(), e("schedules");
          },
          children: "Make it recurring…"
        }
      )
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ie, { said: n, testId: "airvault-export-said" })
  ] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the export choices…" });
}, _e = 20, $e = ({ exports: e, mayDownload: l }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-exports", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Rows" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Size" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Download" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.slice(0, _e).map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-report": a.report, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "18rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: [
        a.table,
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", children: [
          "(",
          a.format ?? "?",
          ")"
        ] })
      ] }),
      a.withheld?.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
        "secret columns left out: ",
        a.withheld.join(", ")
      ] }) : null,
      a.declared === !1 ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: "not a declared dataset: no download" }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: C(a.started_at), children: g(a.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: L(a.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: y(a.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: a.triggered_by ?? "-" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      a.file ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: H(a.file), download: !0, colorPalette: "blue", wordBreak: "break-all", me: 2, children: a.file.split("/").pop() }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: H(a.report), download: !0, fontSize: "xs", color: "fg.muted", children: "report.json" })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, a.report)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No exports in this storage yet." }), ze = ({ columns: e, sample: l, tableColumns: a, mapping: t, change: s }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-import-mapping", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "File column" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "First values" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Table column" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((i, o) => {
    const n = t[i] ?? i, r = a ? a.includes(n) ? a : [n, ...a] : [n];
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: i }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { maxW: "16rem", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: l.map((u) => u[o] ?? "").join(" · ") }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "xs", minW: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": `Table column for ${i}`, value: n, onChange: (u) => s(i, u.target.value), children: r.map((u) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: u, children: a && !a.includes(u) ? `${u} (not a column of the table)` : u }, u)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] }) })
    ] }, i);
  }) })
] }) }), Ae = ({ rejects: e, counts: l }) => {
  if (!e.length) return null;
  const a = new Set(e.map((t) => t.line)).size;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-rejects", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Caption, { captionSide: "top", textAlign: "start", color: "fg.muted", children: "Every problem of each rejected row" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Line" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Column" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "File column" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Problem" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Value" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-line": t.line, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: t.line }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: t.column }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: t.file_column }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: t.reason }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: t.value ?? "" })
      ] }, `${t.line}/${t.column}/${t.reason}`)) })
    ] }) }),
    a < l.rejected ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
      "The first ",
      a,
      " of ",
      l.rejected.toLocaleString("en-US"),
      " rejected rows are shown; rejects.csv on the Jobs tab has them all."
    ] }) : null
  ] });
}, w = (e) => (e ?? 0).toLocaleString("en-US"), Be = (e) => `${w(e)} ${e === 1 ? "row" : "rows"}`, He = ({ result: e, dryRun: l, run: a, busy: t }) => {
  const [s, i] = globalThis.React.useState(""), o = e.report, n = l ? "Dry run" : "Import";
  if (!o) {
    const u = e.failure;
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.error", "data-testid": "airvault-import-summary", children: [
      "The ",
      n.toLowerCase(),
      " ended ",
      e.state,
      " without a report",
      u?.error ? `: ${u.error}` : " (its log in Airflow says why)",
      ". ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] });
  }
  const r = o.problems && o.problems !== o.rejected ? ` (${w(o.problems)} problems)` : "";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: o.rejected ? "fg.error" : void 0, "data-testid": "airvault-import-summary", children: [
      n,
      ": ",
      Be(o.rows),
      " read, ",
      w(o.inserted),
      " ",
      l ? "to insert" : "inserted",
      ", ",
      w(o.updated),
      " ",
      l ? "to update" : "updated",
      ", ",
      w(o.rejected),
      " rejected",
      r,
      ". ",
      o.message ?? "",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] }),
    e.withheld ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: e.withheld }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ae, { rejects: e.rejects ?? [], counts: o }),
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: t, onClick: () => a(!1, ""), children: "Import now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "or at (UTC)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: s, onChange: (u) => i(u.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !s, onClick: () => a(!1, s), children: "Schedule import" })
    ] }) : null
  ] });
}, Fe = (e, l) => {
  const a = e.columns.map((s) => l?.mapping[s] ?? s), t = (s) => a.filter((i) => e.tables[s].includes(i)).length;
  return Object.keys(e.tables).sort((s, i) => t(i) - t(s))[0] ?? "";
}, Le = { upsert: "upsert", insert: "insert", "update-only": "update-only" }, Pe = { atomic: "reject the whole file", skip: "skip them, import the rest" }, Ee = () => {
  const [e, l] = globalThis.React.useState(null), [a, t] = globalThis.React.useState(null), [s, i] = globalThis.React.useState(""), [o, n] = globalThis.React.useState(""), [r, u] = globalThis.React.useState({}), [x, k] = globalThis.React.useState("upsert"), [R, c] = globalThis.React.useState("atomic"), [d, J] = globalThis.React.useState(""), [f, T] = globalThis.React.useState(null), [I, X] = globalThis.React.useState(null), [P, z] = globalThis.React.useState(!1), N = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    N.current = !1;
  }, []);
  const M = (b, h) => {
    n(h), u({ ...b.mappings.find((S) => S.name === h)?.mapping ?? {} });
  }, ue = async (b) => {
    if (b.preventDefault(), !e) return T({ ok: !1, text: "Choose a .csv file first." });
    z(!0), X(null);
    try {
      const h = await ke(e), S = h.mappings.find((m) => m.fits);
      t(h), M(h, S?.name ?? ""), i(Fe(h, S)), T({ ok: !0, text: `${h.name}: ${h.columns.length} columns. Check the mapping, then a dry run.` });
    } catch (h) {
      T({ ok: !1, text: h.message });
    } finally {
      z(!1);
    }
  }, V = async (b, h) => {
    if (!a) return;
    z(!0);
    const S = Object.fromEntries(a.columns.map((m) => [m, r[m] ?? m]));
    try {
      const m = { file: a.file, table: s, mapping: S, template: o, mode: x, policy: R, dry_run: b, run_after: ae(h) }, G = await v("/api/imports", m);
      if (h) {
        T({ ok: !0, text: `Import scheduled for ${C(G.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      T({ ok: !0, text: `${b ? "Dry run" : "Import"} running…` });
      const de = await O(
        () => p("/api/imports/{run_id}", { run_id: G.run_id }),
        (ge) => ["success", "failed"].includes(ge.state),
        () => N.current,
        3e3
      );
      T(null), X({ report: de, dryRun: b });
    } catch (m) {
      T({ ok: !1, text: m.message });
    } finally {
      z(!1);
    }
  }, be = async () => {
    if (!a) return;
    const b = Object.fromEntries(a.columns.map((h) => [h, r[h] ?? h]));
    try {
      const h = await v("/api/imports/templates", { name: d, table: s, mapping: b }), S = [...a.mappings.filter((m) => m.name !== h.name), { ...h, fits: !0 }];
      t({ ...a, mappings: S }), n(h.name), J(""), T({ ok: !0, text: `Saved the mapping ${h.name}: offered for the next file too.` });
    } catch (h) {
      T({ ok: !1, text: h.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-import-form", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Import a CSV" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: ue, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "CSV file" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "file", accept: ".csv,text/csv", p: 1, onChange: (b) => l(b.target.files?.[0] ?? null) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", variant: "outline", loading: P && !a, children: "Upload and map columns" })
    ] }) }),
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        Object.keys(a.tables).length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(U, { label: "Into table", value: s, choices: Object.fromEntries(Object.keys(a.tables).map((b) => [b, b])), change: i }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Into table" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "schema.table", value: s, onChange: (b) => i(b.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
          U,
          {
            label: "Saved mapping",
            value: o,
            choices: { "": "none", ...Object.fromEntries(a.mappings.map((b) => [b.name, `${b.name}${b.fits ? " (fits this file)" : ""}`])) },
            change: (b) => M(a, b)
          }
        ),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(U, { label: "Mode", value: x, choices: Le, change: k }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(U, { label: "Bad rows", value: R, choices: Pe, change: c })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        ze,
        {
          columns: a.columns,
          sample: a.sample ?? [],
          tableColumns: a.tables[s],
          mapping: r,
          change: (b, h) => u((S) => ({ ...S, [b]: h }))
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: P, onClick: () => V(!0, ""), children: "Dry run" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(se, { label: "Save this mapping as", button: "Save mapping", name: d, change: J, save: be })
      ] })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "A dry run checks every row and writes nothing; the import then runs in one transaction." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ie, { said: f, testId: "airvault-import-said" }),
    I ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(He, { result: I.report, dryRun: I.dryRun, run: V, busy: P }) : null
  ] });
}, Oe = ({ show: e }) => {
  const l = B(() => p("/api/backups"), 60), a = l.data?.may ?? {};
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 6, "data-testid": "airvault-exchange-tab", children: [
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
    a.export ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ye, { show: e, exported: l.reload }) : null,
    l.data && !a.export && !a.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Your role may read exports but not start exports or imports: that needs the right to trigger the export and import DAGs." }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-exports-title", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", mb: 2, id: "airvault-exports-title", children: "Exports in storage" }),
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx($e, { exports: l.data.exports, mayDownload: !!a.export }) : null
    ] }),
    a.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ee, {}) : null
  ] });
}, D = (e) => e === "import" ? "Import" : e === "export" || e.startsWith("export_") ? "Export" : e.startsWith("restore") ? "Restore" : e === "backup_diff" ? "Compare" : e === "pg_dump_archive" ? "Archive" : e, De = (e, l = Date.now()) => {
  const a = e.run_after ? new Date(e.run_after).getTime() > l : !1;
  switch (e.state) {
    case "pending":
      return a ? { word: "scheduled", palette: "blue", when: `starts ${g(e.run_after, l)}` } : { word: "waiting to start", palette: "blue", when: `asked ${g(e.run_after, l)}` };
    case "running":
      return { word: "running", palette: "blue", when: `started ${g(e.run_after, l)}` };
    case "done":
      return { word: "done", palette: "green", when: `ended ${g(e.ended, l)}` };
    case "cancelled":
      return { word: "cancelled", palette: "gray", when: e.ended ? `cancelled ${g(e.ended, l)}` : "" };
    case "failed":
      return { word: "failed", palette: "red", when: `ended ${g(e.ended, l)}` };
    default:
      return { word: e.state, palette: "gray", when: g(e.ended ?? e.run_after, l) };
  }
}, We = ({ job: e, mayDownload: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 0, children: [
  l ? e.files.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: H(a.file), download: !0, colorPalette: "blue", wordBreak: "break-all", children: a.name }, a.file)) : null,
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, fontSize: "xs", color: "fg.muted", children: "run in Airflow" })
] }), Ne = ({ jobs: e, mayDownload: l, cancelling: a, onCancel: t, progressOf: s }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-jobs", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Job" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "State" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Records" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Result" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.VisuallyHidden, { children: "Actions" }) })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((i) => {
    const o = De(i);
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-run": i.run_id, "data-state": i.state, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "20rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: D(i.dag_id) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: i.what })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: o.palette, children: o.word }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", title: C(i.state === "pending" ? i.run_after : i.ended), children: o.when }),
        i.state === "running" ? s(i) : null,
        i.state === "cancelled" && i.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: i.note }) : null
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: i.asked_by ?? "-" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: L(i.records) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(We, { job: i, mayDownload: l }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: i.may_cancel ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "xs",
          variant: "outline",
          colorPalette: "red",
          loading: a === i.run_id,
          "aria-label": `Cancel ${i.what}`,
          onClick: () => t(i),
          children: "Cancel"
        }
      ) : null })
    ] }, `${i.dag_id}/${i.run_id}`);
  }) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
  "No jobs yet: exports and imports start on the Imports & Exports tab, restores on the",
  " ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: $(), children: "classic page" }),
  "."
] }), Me = ["export", "import", "archive", "restore"], Ve = { export: "Exporting", import: "Importing", archive: "Archiving", restore: "Restoring" }, Ge = (e) => e.bytes_estimate ? Math.min(100, 100 * (e.bytes ?? 0) / e.bytes_estimate) : e.tables_total ? 100 * (e.tables_done ?? 0) / e.tables_total : null, oe = ({ row: e }) => {
  const l = e.progress ?? {}, t = `${e.type === "restore" && l.kind === "restore-plan" ? "Planning a restore of" : Ve[e.type] ?? e.type} ${l.label ?? l.scope ?? e.folder}`, s = Ge(l);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 2, "data-testid": "airvault-running-job", "data-type": e.type, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Progress.Root, { value: s, max: 100, size: "sm", "aria-label": `${t}: ${s === null ? "under way" : `${Math.round(s)} %`}`, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Label, { fontSize: "sm", fontWeight: "medium", wordBreak: "break-word", children: t }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Track, { mt: 1, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Range, {}) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
      l.step ? `${l.step} · ` : "",
      l.tables_total ? `${l.tables_done ?? 0} / ${l.tables_total} tables · ` : "",
      L(l.rows ?? 0),
      " rows · ",
      y(l.bytes ?? 0),
      l.mb_per_s ? ` · ${l.mb_per_s} MB/s` : "",
      e.host ? ` · on ${e.host}` : ""
    ] })
  ] });
}, qe = ({ rows: e }) => {
  const l = e.filter((a) => Me.includes(a.type));
  return l.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Stack, { gap: 2, "aria-label": "Running now", children: l.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oe, { row: a }, a.folder)) }) : null;
}, Z = { Export: "export", Import: "import", Archive: "archive", Restore: "restore" }, Ye = (e, l) => (a) => {
  const t = Z[D(a.dag_id)], s = l.filter((o) => o.type === t), i = e.filter((o) => o.state === "running" && Z[D(o.dag_id)] === t);
  return s.length === 1 && i.length === 1 ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oe, { row: s[0] }) : null;
}, Ke = (e, l = Date.now()) => e.some((a) => a.state === "running" || a.state === "pending" && new Date(a.run_after ?? 0).getTime() - l < 6e4), Ze = (e) => {
  const [l, a] = globalThis.React.useState(!1), t = B(() => p("/api/jobs"), l ? 5 : 60), s = B(() => p("/api/running"), l ? 5 : 60), [i, o] = globalThis.React.useState(null), [n, r] = globalThis.React.useState(null), u = s.data?.running ?? [], x = t.data?.jobs ?? [];
  globalThis.React.useEffect(() => a(t.data ? Ke(t.data.jobs) : !1), [t.data]);
  const k = async (R) => {
    r(R.run_id);
    try {
      await v("/api/jobs/{dag_id}/{run_id}/cancel", {}, { dag_id: R.dag_id, run_id: R.run_id }), o({ ok: !0, text: `Cancelled: ${R.what} will not run.` });
    } catch (c) {
      o({ ok: !1, text: c.message });
    } finally {
      r(null), t.reload();
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 4, "data-testid": "airvault-jobs-tab", children: [
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: i.ok ? "success" : "error", role: i.ok ? "status" : "alert", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: i.text })
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(qe, { rows: u }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Jobs" }),
    t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
    t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      Ne,
      {
        jobs: x,
        mayDownload: t.data.may_download,
        cancelling: n,
        onCancel: k,
        progressOf: Ye(x, u)
      }
    ) : t.error ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the jobs…" })
  ] });
}, ne = { ok: "green", stale: "orange", failing: "red" }, A = ({ children: e, state: l, testId: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${ne[l] ?? "gray"}.solid`, "data-testid": a, children: e }), Qe = ({ card: e, newest: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(A, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: ne[e.state] ?? "gray", children: e.state })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: l?.label ?? (e.newest ? "newest backup" : "no usable backup yet") }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
    e.age_hours === null || e.age_hours === void 0 ? "" : `${E(e.age_hours)} old`,
    e.target_hours !== null && e.target_hours !== void 0 ? ` · target ${E(e.target_hours)}` : "",
    e.verified === !1 ? " · verification FAILED" : e.verified ? " · verified" : ""
  ] }),
  e.failed_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: e.failed_run.link, fontSize: "sm", color: "fg.error", children: [
    "last run of ",
    e.failed_run.dag_id,
    " failed"
  ] }) : null
] }), re = (e, l = []) => l.find((a) => a.url === e.newest), ea = ({ status: e, rows: l, compact: a = !1 }) => {
  const t = e.drill, s = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: a ? 3 : 4 }, gap: 3, children: [
    e.cards.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Qe, { card: i, newest: re(i, l) }, `${i.kind}/${i.scope}`)),
    a ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(A, { state: t ? t.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: t ? `${t.ok ? "passed" : "FAILED"}: ${t.kind}/${t.scope} ${g(t.drilled_at)}` : "no restore drill yet" }),
        t?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          t.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(A, { state: s.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          s.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: s.rpo_seconds === null || s.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${E(s.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(A, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          y(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([i, o]) => `${i} ${y(o)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, aa = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, la = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.severity === "red" ? "red" : "orange", mr: 2, children: e.severity === "red" ? "at risk" : "behind target" }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", fontWeight: "semibold", children: e.where }),
  ": ",
  e.what,
  e.since ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", title: C(e.since), children: [
    " ",
    "(since ",
    g(e.since),
    ")"
  ] }) : null,
  ". ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", children: [
    "Fix: ",
    e.fix
  ] })
] }), he = ({ status: e, error: l, findings: a = !0 }) => {
  if (!e)
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: l ? "error" : "info", "data-testid": "airvault-verdict", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: l ? `Am I safe? Cannot tell: ${l}` : "Am I safe? Checking…" })
    ] });
  const t = e.findings.some((s) => s.severity === "red");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.safe ? "success" : t ? "error" : "warning", "data-testid": "airvault-verdict", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Title, { children: [
        "Am I safe? ",
        aa(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        a && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(la, { finding: s }, `${s.where}:${s.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          g(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, ta = (e) => {
  const l = j("/api/status"), t = j("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(he, { status: l.data, error: l.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ea, { status: l.data, rows: t }) : null
    ] })
  ] });
}, sa = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: $(), children: "classic Backups page" }),
  " for now."
] }), ia = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: $(), children: "classic Backups page" }),
  " for now."
] }), oa = ({ dagId: e }) => {
  const l = j("/api/dags/{dag_id}/backups", { dag_id: e }), t = j("/api/schedules").data?.schedules.find((i) => i.dag_id === e), s = l.data;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: 2, "data-testid": "airvault-dag-tab", children: [
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
    t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      t.scheduled ? t.schedule : "manual: runs when triggered",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: t.paused ? "gray" : "green", children: t.paused ? "off" : "on" }),
      t.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " · next run ",
        g(t.next_run),
        " (",
        C(t.next_run),
        ")"
      ] }) : null,
      t.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " ",
        "· last run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: t.last_run.link, colorPalette: "blue", children: t.last_run.state }),
        " ",
        g(t.last_run.when)
      ] }) : null
    ] }) : null,
    s && s.kind ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
        "Backups of ",
        s.kind,
        " · ",
        s.scope
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Q, { rows: s.backups, mayRestore: s.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, W = [
  { value: "overview", label: "Overview", Panel: ta },
  { value: "backups", label: "Backups", Panel: me },
  { value: "restore", label: "Restore", Panel: sa },
  { value: "schedules", label: "Schedules", Panel: ia },
  { value: "exchange", label: "Imports & Exports", Panel: Oe },
  { value: "jobs", label: "Jobs", Panel: Ze }
], na = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return W.some((l) => l.value === e) ? e : "overview";
}, ra = () => {
  const [e, l] = globalThis.React.useState(na), a = (t) => {
    l(t);
    const s = new URL(window.location.href);
    s.searchParams.set("tab", t), window.history.replaceState(window.history.state, "", s);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: $(), children: "Open the classic page" }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Tabs.Root, { value: e, onValueChange: (t) => a(t.value), lazyMount: !0, unmountOnExit: !0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: W.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: t.value, "data-testid": `airvault-tab-${t.value}`, children: t.label }, t.value)) }),
      W.map(({ value: t, Panel: s }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: t, "data-testid": `airvault-panel-${t}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(s, { show: a }) }, t))
    ] })
  ] });
}, ce = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oa, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ra, {}), ha = () => {
  const e = j("/api/status"), a = j("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: Te("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(he, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((t) => {
        const s = re(t, a);
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
            t.kind,
            " · ",
            t.scope
          ] }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s?.label ?? (t.newest ? "(not listed)" : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "none yet" })) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: C(t.newest_at), children: g(t.newest_at) })
        ] }, `${t.kind}/${t.scope}`);
      }) })
    ] }) : null
  ] }) });
}, ca = {
  Backups: ce,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": ha
  // the widget on Airflow's home page
};
Object.assign(globalThis, ca, { AirflowPlugin: ce });
export {
  ca as APPS,
  ce as BackupsPage,
  ha as Dashboard
};
