const v = (e) => new URL(`airvault${e}`, document.baseURI).toString(), y = (e = "") => v(`/${e ? `#${e}` : ""}`), Te = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class O extends Error {
  constructor(l, a) {
    super(a), this.status = l;
  }
  status;
}
async function C(e, l = {}) {
  let a = e;
  for (const [i, o] of Object.entries(l)) a = a.replace(`{${i}}`, encodeURIComponent(o));
  const t = await fetch(v(a), { credentials: "same-origin" }), s = await t.json().catch(() => null);
  if (!t.ok) {
    const i = s && typeof s.detail == "string" ? s.detail : t.statusText;
    throw new O(t.status, `${t.status}: ${i}`);
  }
  return s;
}
function j(e, l = {}, a = 30) {
  const t = JSON.stringify(l), [s, i] = globalThis.React.useState({ loading: !0 }), o = globalThis.React.useCallback(() => {
    C(e, JSON.parse(t)).then((n) => i({ data: n, loading: !1 })).catch((n) => i((r) => ({ ...r, error: n.message, loading: !1 })));
  }, [e, t]);
  return globalThis.React.useEffect(() => {
    o();
    const n = setInterval(o, a * 1e3);
    return () => clearInterval(n);
  }, [o, a]), s;
}
async function U(e, l = {}, a = {}) {
  let t = e;
  for (const [o, n] of Object.entries(a)) t = t.replace(`{${o}}`, encodeURIComponent(n));
  const s = await fetch(v(t), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(l)
  }), i = await s.json().catch(() => null);
  if (!s.ok) {
    const o = i && typeof i.detail == "string" ? i.detail : JSON.stringify(i?.detail ?? s.statusText);
    throw new O(s.status, `${s.status}: ${o}`);
  }
  return i;
}
const J = (e) => {
  if (!e) return "-";
  const l = new Date(e);
  return Number.isNaN(l.getTime()) ? e : `${l.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, g = (e, l = Date.now()) => {
  if (!e) return "-";
  const a = (new Date(e).getTime() - l) / 1e3, t = a > 0, s = Math.abs(a), [i, o] = s >= 86400 ? [s / 86400, "day"] : s >= 3600 ? [s / 3600, "hour"] : s >= 60 ? [s / 60, "minute"] : [0, ""];
  if (!o) return t ? "in a moment" : "just now";
  const n = Math.floor(i), r = `${n} ${o}${n === 1 ? "" : "s"}`;
  return t ? `in ${r}` : `${r} ago`;
}, L = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, w = (e) => {
  if (e == null) return "-";
  const l = ["B", "KB", "MB", "GB", "TB"];
  let a = e, t = 0;
  for (; a >= 1024 && t < l.length - 1; )
    a /= 1024, t += 1;
  return `${a.toFixed(t ? 1 : 0)} ${l[t]}`;
}, F = (e) => e == null ? "-" : e.toLocaleString("en-US"), Re = ({ row: e }) => {
  const l = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: l, children: e.verified === "-" ? "not yet" : e.verified });
}, Z = ({ rows: e, mayRestore: l, empty: a = "No backup yet.", showScope: t = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: J(s.started_at), children: g(s.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: F(s.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: w(s.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Re, { row: s }),
      s.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: s.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        s.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.type === "backup" && s.url && l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: y(`restore=${encodeURIComponent(s.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, s.url ?? s.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: a }), me = (e) => {
  const l = j("/api/backups");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
      "Storage: ",
      l.data.storage
    ] }) : null,
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
    l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Z, { rows: l.data.backups, mayRestore: l.data.may.restore ?? !1 }) : null
  ] });
};
function A(e, l) {
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
async function Q(e, l, a, t) {
  const s = { "X-Requested-With": "airvault" };
  t && (s["Content-Type"] = t);
  const i = await fetch(v(l), { method: e, credentials: "same-origin", headers: s, body: a }), o = await i.json().catch(() => null);
  if (!i.ok) throw new O(i.status, `${i.status}: ${xe(o, i.statusText)}`);
  return o;
}
const ke = (e) => Q("POST", `/api/imports/upload?filename=${encodeURIComponent(e.name)}`, e, "text/csv"), Se = (e) => Q("DELETE", `/api/exports/templates/${encodeURIComponent(e)}`), B = (e) => v(`/api/jobs/download?file=${encodeURIComponent(e)}`);
async function ee(e, l, a, t) {
  for (; ; ) {
    const s = await e();
    if (l(s) || !a()) return s;
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
}, pe = (e) => ({
  ...le,
  ...e,
  filterText: Object.entries(e.filters).map(([l, a]) => `${l}=${a}`).join(", ")
}), Ce = (e) => {
  const l = {};
  for (const a of e.split(",").map((t) => t.trim()).filter(Boolean)) {
    const t = a.indexOf("=");
    if (t < 1) throw new Error(`Filters: '${a}' is not column=value`);
    l[a.slice(0, t).trim()] = a.slice(t + 1).trim();
  }
  return l;
}, te = (e) => {
  const { filterText: l, ...a } = e;
  return { ...a, filters: Ce(l) };
}, G = (e) => e.includes(".") ? e : `public.${e}`, Je = (e, l) => {
  const a = new Map(e.modules.map((t) => [t.name, t.tables.map(G)]));
  return [...new Set(l.flatMap((t) => a.get(t) ?? [G(t)]))];
}, q = (e, l) => [
  ...new Set(Je(e, l).flatMap((a) => e.tables[a] ?? []))
], Y = ({ legend: e, items: l, chosen: a, onChange: t, empty: s = "none" }) => {
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
}, X = ({ label: e, value: l, choices: a, change: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "10rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { value: l, onChange: (s) => t(s.target.value), children: Object.entries(a).map(([s, i]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: s, children: i }, s)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), fe = {
  csv: "CSV",
  json: "JSON lines",
  parquet: "Parquet",
  xlsx: "Excel (xlsx)",
  pdf: "PDF (a report to read)",
  zip: "ZIP (CSV files: a module's tables, or several datasets)"
}, je = ({ options: e, choices: l, change: a }) => {
  const t = e.modules.map((o) => ({ value: o.name, label: `${o.name} (module)`, hint: o.tables.join(", ") })), s = Object.keys(e.tables).map((o) => ({ value: o })), i = q(e, l.datasets);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2 }, gap: 3, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        Y,
        {
          legend: "Datasets to export",
          items: [...t, ...s],
          chosen: l.datasets,
          onChange: (o) => a({ datasets: o, columns: l.columns.filter((n) => q(e, o).includes(n)) })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        Y,
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
        X,
        {
          label: "Format",
          value: l.format,
          choices: Object.fromEntries(e.formats.map((o) => [o, fe[o] ?? o])),
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
] }), Xe = ({ templates: e, problems: l, choices: a, load: t, saved: s, say: i }) => {
  const [o, n] = globalThis.React.useState(""), [r, u] = globalThis.React.useState(""), k = (c) => {
    n(c);
    const d = e.find((T) => T.name === c);
    d && t(pe(d.choices));
  }, p = async () => {
    try {
      const c = await U("/api/exports/templates", { name: r, choices: te(a) });
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
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Field, { value: o, onChange: (c) => k(c.target.value), "data-testid": "airvault-export-templates", children: [
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(se, { label: "Save these choices as", button: "Save template", name: r, change: u, save: p }),
    l.map((c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.error", w: "full", children: c }, c))
  ] });
}, ie = ({ said: e, testId: l }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.ok ? "info" : "error", role: e.ok ? "status" : "alert", "data-testid": l, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: e.text }),
    e.more ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Description, { children: e.more }) : null
  ] })
] }) : null, Ie = ["success", "failed"], Ue = ({ job: e, link: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", "data-testid": "airvault-export-files", children: [
  e.files.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: B(a.file ?? ""), download: !0, colorPalette: "blue", children: a.name }, a.file)),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: l, color: "fg.muted", children: "the run in Airflow" })
] }), we = ({ show: e, exported: l }) => {
  const a = A(() => C("/api/exports/options"), 300), [t, s] = globalThis.React.useState(le), [i, o] = globalThis.React.useState(""), [n, r] = globalThis.React.useState(null), [u, k] = globalThis.React.useState(!1), p = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    p.current = !1;
  }, []);
  const R = (d) => s((T) => ({ ...T, ...d })), c = async () => {
    k(!0);
    try {
      const d = await U("/api/exports", { ...te(t), run_after: ae(i) });
      if (i) {
        r({ ok: !0, text: `Export scheduled for ${J(d.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      r({ ok: !0, text: "Export running…", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: d.link, children: "the run in Airflow" }) }), await ee(
        () => C("/api/runs/{dag_id}/{run_id}", { dag_id: d.dag_id, run_id: d.run_id }),
        (f) => Ie.includes(f.state),
        () => p.current,
        3e3
      );
      const T = (await C("/api/jobs")).jobs.find((f) => f.run_id === d.run_id);
      if (!p.current) return;
      if (!T) {
        r({ ok: !0, text: "The export ended: the Jobs tab has it.", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: d.link, children: "the run in Airflow" }) });
        return;
      }
      const _ = T.state === "done", m = _ ? `Export done: ${(T.records ?? 0).toLocaleString("en-US")} records.` : `The export ${T.state}: its log in Airflow says why.`;
      r({ ok: _, text: m, more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ue, { job: T, link: d.link }) }), l();
    } catch (d) {
      r({ ok: !1, text: d.message });
    } finally {
      k(!1);
    }
  };
  return a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: (d) => (d.preventDefault(), void c()), "data-testid": "airvault-export-form", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      Xe,
      {
        templates: a.data.templates,
        problems: a.data.template_problems,
        choices: t,
        load: s,
        saved: a.reload,
        say: r
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(je, { options: a.data, choices: t, change: R }),
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
}, ve = 20, ye = ({ exports: e, mayDownload: l }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-exports", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Rows" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Size" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Download" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.slice(0, ve).map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-report": a.report, children: [
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: J(a.started_at), children: g(a.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: F(a.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: w(a.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: a.triggered_by ?? "-" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      a.file ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: B(a.file), download: !0, colorPalette: "blue", wordBreak: "break-all", me: 2, children: a.file.split("/").pop() }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: B(a.report), download: !0, fontSize: "xs", color: "fg.muted", children: "report.json" })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, a.report)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No exports in this storage yet." }), _e = ({ columns: e, sample: l, tableColumns: a, mapping: t, change: s }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-import-mapping", children: [
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
] }) }), $e = ({ rejects: e, counts: l }) => {
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
}, I = (e) => (e ?? 0).toLocaleString("en-US"), ze = (e) => `${I(e)} ${e === 1 ? "row" : "rows"}`, Ae = ({ result: e, dryRun: l, run: a, busy: t }) => {
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
  const r = o.problems && o.problems !== o.rejected ? ` (${I(o.problems)} problems)` : "";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: o.rejected ? "fg.error" : void 0, "data-testid": "airvault-import-summary", children: [
      n,
      ": ",
      ze(o.rows),
      " read, ",
      I(o.inserted),
      " ",
      l ? "to insert" : "inserted",
      ", ",
      I(o.updated),
      " ",
      l ? "to update" : "updated",
      ", ",
      I(o.rejected),
      " rejected",
      r,
      ". ",
      o.message ?? "",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] }),
    e.withheld ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: e.withheld }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx($e, { rejects: e.rejects ?? [], counts: o }),
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: t, onClick: () => a(!1, ""), children: "Import now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "or at (UTC)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: s, onChange: (u) => i(u.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !s, onClick: () => a(!1, s), children: "Schedule import" })
    ] }) : null
  ] });
}, Be = (e, l) => {
  const a = e.columns.map((s) => l?.mapping[s] ?? s), t = (s) => a.filter((i) => e.tables[s].includes(i)).length;
  return Object.keys(e.tables).sort((s, i) => t(i) - t(s))[0] ?? "";
}, Fe = { upsert: "upsert", insert: "insert", "update-only": "update-only" }, He = { atomic: "reject the whole file", skip: "skip them, import the rest" }, Le = () => {
  const [e, l] = globalThis.React.useState(null), [a, t] = globalThis.React.useState(null), [s, i] = globalThis.React.useState(""), [o, n] = globalThis.React.useState(""), [r, u] = globalThis.React.useState({}), [k, p] = globalThis.React.useState("upsert"), [R, c] = globalThis.React.useState("atomic"), [d, T] = globalThis.React.useState(""), [_, m] = globalThis.React.useState(null), [f, D] = globalThis.React.useState(null), [H, $] = globalThis.React.useState(!1), W = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    W.current = !1;
  }, []);
  const N = (b, h) => {
    n(h), u({ ...b.mappings.find((S) => S.name === h)?.mapping ?? {} });
  }, ue = async (b) => {
    if (b.preventDefault(), !e) return m({ ok: !1, text: "Choose a .csv file first." });
    $(!0), D(null);
    try {
      const h = await ke(e), S = h.mappings.find((x) => x.fits);
      t(h), N(h, S?.name ?? ""), i(Be(h, S)), m({ ok: !0, text: `${h.name}: ${h.columns.length} columns. Check the mapping, then a dry run.` });
    } catch (h) {
      m({ ok: !1, text: h.message });
    } finally {
      $(!1);
    }
  }, M = async (b, h) => {
    if (!a) return;
    $(!0);
    const S = Object.fromEntries(a.columns.map((x) => [x, r[x] ?? x]));
    try {
      const x = { file: a.file, table: s, mapping: S, template: o, mode: k, policy: R, dry_run: b, run_after: ae(h) }, V = await U("/api/imports", x);
      if (h) {
        m({ ok: !0, text: `Import scheduled for ${J(V.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      m({ ok: !0, text: `${b ? "Dry run" : "Import"} running…` });
      const de = await ee(
        () => C("/api/imports/{run_id}", { run_id: V.run_id }),
        (ge) => ["success", "failed"].includes(ge.state),
        () => W.current,
        3e3
      );
      m(null), D({ report: de, dryRun: b });
    } catch (x) {
      m({ ok: !1, text: x.message });
    } finally {
      $(!1);
    }
  }, be = async () => {
    if (!a) return;
    const b = Object.fromEntries(a.columns.map((h) => [h, r[h] ?? h]));
    try {
      const h = await U("/api/imports/templates", { name: d, table: s, mapping: b }), S = [...a.mappings.filter((x) => x.name !== h.name), { ...h, fits: !0 }];
      t({ ...a, mappings: S }), n(h.name), T(""), m({ ok: !0, text: `Saved the mapping ${h.name}: offered for the next file too.` });
    } catch (h) {
      m({ ok: !1, text: h.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-import-form", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Import a CSV" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: ue, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "CSV file" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "file", accept: ".csv,text/csv", p: 1, onChange: (b) => l(b.target.files?.[0] ?? null) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", variant: "outline", loading: H && !a, children: "Upload and map columns" })
    ] }) }),
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        Object.keys(a.tables).length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(X, { label: "Into table", value: s, choices: Object.fromEntries(Object.keys(a.tables).map((b) => [b, b])), change: i }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Into table" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "schema.table", value: s, onChange: (b) => i(b.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
          X,
          {
            label: "Saved mapping",
            value: o,
            choices: { "": "none", ...Object.fromEntries(a.mappings.map((b) => [b.name, `${b.name}${b.fits ? " (fits this file)" : ""}`])) },
            change: (b) => N(a, b)
          }
        ),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(X, { label: "Mode", value: k, choices: Fe, change: p }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(X, { label: "Bad rows", value: R, choices: He, change: c })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        _e,
        {
          columns: a.columns,
          sample: a.sample ?? [],
          tableColumns: a.tables[s],
          mapping: r,
          change: (b, h) => u((S) => ({ ...S, [b]: h }))
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: H, onClick: () => M(!0, ""), children: "Dry run" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(se, { label: "Save this mapping as", button: "Save mapping", name: d, change: T, save: be })
      ] })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "A dry run checks every row and writes nothing; the import then runs in one transaction." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ie, { said: _, testId: "airvault-import-said" }),
    f ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ae, { result: f.report, dryRun: f.dryRun, run: M, busy: H }) : null
  ] });
}, Ee = ({ show: e }) => {
  const l = A(() => C("/api/backups"), 60), a = l.data?.may ?? {};
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 6, "data-testid": "airvault-exchange-tab", children: [
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
    a.export ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(we, { show: e, exported: l.reload }) : null,
    l.data && !a.export && !a.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Your role may read exports but not start exports or imports: that needs the right to trigger the export and import DAGs." }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-exports-title", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", mb: 2, id: "airvault-exports-title", children: "Exports in storage" }),
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ye, { exports: l.data.exports, mayDownload: !!a.export }) : null
    ] }),
    a.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Le, {}) : null
  ] });
}, E = (e) => e === "import" ? "Import" : e === "export" || e.startsWith("export_") ? "Export" : e.startsWith("restore") ? "Restore" : e === "backup_diff" ? "Compare" : e === "pg_dump_archive" ? "Archive" : e, Pe = (e, l = Date.now()) => {
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
}, Oe = ({ job: e, mayDownload: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 0, children: [
  l ? e.files.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: B(a.file), download: !0, colorPalette: "blue", wordBreak: "break-all", children: a.name }, a.file)) : null,
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, fontSize: "xs", color: "fg.muted", children: "run in Airflow" })
] }), De = ({ jobs: e, mayDownload: l, cancelling: a, onCancel: t, progressOf: s }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-jobs", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Job" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "State" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Records" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Result" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.VisuallyHidden, { children: "Actions" }) })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((i) => {
    const o = Pe(i);
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-run": i.run_id, "data-state": i.state, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "20rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: E(i.dag_id) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: i.what })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: o.palette, children: o.word }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", title: J(i.state === "pending" ? i.run_after : i.ended), children: o.when }),
        i.state === "running" ? s(i) : null,
        i.state === "cancelled" && i.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: i.note }) : null
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: i.asked_by ?? "-" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: F(i.records) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Oe, { job: i, mayDownload: l }) }),
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
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: y(), children: "classic page" }),
  "."
] }), We = ["export", "import", "archive", "restore"], Ne = { export: "Exporting", import: "Importing", archive: "Archiving", restore: "Restoring" }, Me = (e) => e.bytes_estimate ? Math.min(100, 100 * (e.bytes ?? 0) / e.bytes_estimate) : e.tables_total ? 100 * (e.tables_done ?? 0) / e.tables_total : null, oe = ({ row: e }) => {
  const l = e.progress ?? {}, t = `${e.type === "restore" && l.kind === "restore-plan" ? "Planning a restore of" : Ne[e.type] ?? e.type} ${l.label ?? l.scope ?? e.folder}`, s = Me(l);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 2, "data-testid": "airvault-running-job", "data-type": e.type, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Progress.Root, { value: s, max: 100, size: "sm", "aria-label": `${t}: ${s === null ? "under way" : `${Math.round(s)} %`}`, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Label, { fontSize: "sm", fontWeight: "medium", wordBreak: "break-word", children: t }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Track, { mt: 1, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Range, {}) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
      l.step ? `${l.step} · ` : "",
      l.tables_total ? `${l.tables_done ?? 0} / ${l.tables_total} tables · ` : "",
      F(l.rows ?? 0),
      " rows · ",
      w(l.bytes ?? 0),
      l.mb_per_s ? ` · ${l.mb_per_s} MB/s` : "",
      e.host ? ` · on ${e.host}` : ""
    ] })
  ] });
}, Ve = ({ rows: e }) => {
  const l = e.filter((a) => We.includes(a.type));
  return l.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Stack, { gap: 2, "aria-label": "Running now", children: l.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oe, { row: a }, a.folder)) }) : null;
}, K = { Export: "export", Import: "import", Archive: "archive", Restore: "restore" }, Ge = (e, l) => (a) => {
  const t = K[E(a.dag_id)], s = l.filter((o) => o.type === t), i = e.filter((o) => o.state === "running" && K[E(o.dag_id)] === t);
  return s.length === 1 && i.length === 1 ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oe, { row: s[0] }) : null;
}, qe = (e, l = Date.now()) => e.some((a) => a.state === "running" || a.state === "pending" && new Date(a.run_after ?? 0).getTime() - l < 6e4), Ye = (e) => {
  const [l, a] = globalThis.React.useState(!1), t = A(() => C("/api/jobs"), l ? 5 : 60), s = A(() => C("/api/running"), l ? 5 : 60), [i, o] = globalThis.React.useState(null), [n, r] = globalThis.React.useState(null), u = s.data?.running ?? [], k = t.data?.jobs ?? [];
  globalThis.React.useEffect(() => a(t.data ? qe(t.data.jobs) : !1), [t.data]);
  const p = async (R) => {
    r(R.run_id);
    try {
      await U("/api/jobs/{dag_id}/{run_id}/cancel", {}, { dag_id: R.dag_id, run_id: R.run_id }), o({ ok: !0, text: `Cancelled: ${R.what} will not run.` });
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ve, { rows: u }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Jobs" }),
    t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
    t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      De,
      {
        jobs: k,
        mayDownload: t.data.may_download,
        cancelling: n,
        onCancel: p,
        progressOf: Ge(k, u)
      }
    ) : t.error ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the jobs…" })
  ] });
}, ne = { ok: "green", stale: "orange", failing: "red" }, z = ({ children: e, state: l, testId: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${ne[l] ?? "gray"}.solid`, "data-testid": a, children: e }), Ke = ({ card: e, newest: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(z, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: ne[e.state] ?? "gray", children: e.state })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: l?.label ?? (e.newest ? "newest backup" : "no usable backup yet") }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
    e.age_hours === null || e.age_hours === void 0 ? "" : `${L(e.age_hours)} old`,
    e.target_hours !== null && e.target_hours !== void 0 ? ` · target ${L(e.target_hours)}` : "",
    e.verified === !1 ? " · verification FAILED" : e.verified ? " · verified" : ""
  ] }),
  e.failed_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: e.failed_run.link, fontSize: "sm", color: "fg.error", children: [
    "last run of ",
    e.failed_run.dag_id,
    " failed"
  ] }) : null
] }), re = (e, l = []) => l.find((a) => a.url === e.newest), Ze = ({ status: e, rows: l, compact: a = !1 }) => {
  const t = e.drill, s = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: a ? 3 : 4 }, gap: 3, children: [
    e.cards.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ke, { card: i, newest: re(i, l) }, `${i.kind}/${i.scope}`)),
    a ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(z, { state: t ? t.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: t ? `${t.ok ? "passed" : "FAILED"}: ${t.kind}/${t.scope} ${g(t.drilled_at)}` : "no restore drill yet" }),
        t?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          t.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(z, { state: s.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          s.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: s.rpo_seconds === null || s.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${L(s.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(z, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          w(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([i, o]) => `${i} ${w(o)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, Qe = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, ea = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.severity === "red" ? "red" : "orange", mr: 2, children: e.severity === "red" ? "at risk" : "behind target" }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", fontWeight: "semibold", children: e.where }),
  ": ",
  e.what,
  e.since ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", title: J(e.since), children: [
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
        Qe(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        a && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ea, { finding: s }, `${s.where}:${s.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          g(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, aa = (e) => {
  const l = j("/api/status"), t = j("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(he, { status: l.data, error: l.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ze, { status: l.data, rows: t }) : null
    ] })
  ] });
}, la = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: y(), children: "classic Backups page" }),
  " for now."
] }), ta = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: y(), children: "classic Backups page" }),
  " for now."
] }), sa = ({ dagId: e }) => {
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
        J(t.next_run),
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
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Z, { rows: s.backups, mayRestore: s.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, P = [
  { value: "overview", label: "Overview", Panel: aa },
  { value: "backups", label: "Backups", Panel: me },
  { value: "restore", label: "Restore", Panel: la },
  { value: "schedules", label: "Schedules", Panel: ta },
  { value: "exchange", label: "Imports & Exports", Panel: Ee },
  { value: "jobs", label: "Jobs", Panel: Ye }
], ia = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return P.some((l) => l.value === e) ? e : "overview";
}, oa = () => {
  const [e, l] = globalThis.React.useState(ia), a = (t) => {
    l(t);
    const s = new URL(window.location.href);
    s.searchParams.set("tab", t), window.history.replaceState(window.history.state, "", s);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: y(), children: "Open the classic page" }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Tabs.Root, { value: e, onValueChange: (t) => a(t.value), lazyMount: !0, unmountOnExit: !0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: P.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: t.value, "data-testid": `airvault-tab-${t.value}`, children: t.label }, t.value)) }),
      P.map(({ value: t, Panel: s }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: t, "data-testid": `airvault-panel-${t}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(s, { show: a }) }, t))
    ] })
  ] });
}, ce = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(sa, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oa, {}), na = () => {
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
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: J(t.newest_at), children: g(t.newest_at) })
        ] }, `${t.kind}/${t.scope}`);
      }) })
    ] }) : null
  ] }) });
}, ra = {
  Backups: ce,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": na
  // the widget on Airflow's home page
};
Object.assign(globalThis, ra, { AirflowPlugin: ce });
export {
  ra as APPS,
  ce as BackupsPage,
  na as Dashboard
};
