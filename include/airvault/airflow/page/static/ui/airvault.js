const B = (e) => new URL(`airvault${e}`, document.baseURI).toString(), P = (e = "") => B(`/${e ? `#${e}` : ""}`), Xe = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class W extends Error {
  constructor(t, l) {
    super(l), this.status = t;
  }
  status;
}
async function I(e, t = {}) {
  let l = e;
  for (const [s, n] of Object.entries(t)) l = l.replace(`{${s}}`, encodeURIComponent(n));
  const i = await fetch(B(l), { credentials: "same-origin" }), a = await i.json().catch(() => null);
  if (!i.ok) {
    const s = a && typeof a.detail == "string" ? a.detail : i.statusText;
    throw new W(i.status, `${i.status}: ${s}`);
  }
  return a;
}
function v(e, t = {}, l = 30) {
  const i = JSON.stringify(t), [a, s] = globalThis.React.useState({ loading: !0 }), n = globalThis.React.useCallback(() => {
    I(e, JSON.parse(i)).then((r) => s({ data: r, loading: !1 })).catch((r) => s((c) => ({ ...c, error: r.message, loading: !1 })));
  }, [e, i]);
  return globalThis.React.useEffect(() => {
    n();
    const r = setInterval(n, l * 1e3);
    return () => clearInterval(r);
  }, [n, l]), a;
}
async function U(e, t = {}, l = {}) {
  let i = e;
  for (const [n, r] of Object.entries(l)) i = i.replace(`{${n}}`, encodeURIComponent(r));
  const a = await fetch(B(i), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(t)
  }), s = await a.json().catch(() => null);
  if (!a.ok) {
    const n = s && typeof s.detail == "string" ? s.detail : JSON.stringify(s?.detail ?? a.statusText);
    throw new W(a.status, `${a.status}: ${n}`);
  }
  return s;
}
const J = (e) => {
  if (!e) return "-";
  const t = new Date(e);
  return Number.isNaN(t.getTime()) ? e : `${t.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, j = (e, t = Date.now()) => {
  if (!e) return "-";
  const l = (new Date(e).getTime() - t) / 1e3, i = l > 0, a = Math.abs(l), [s, n] = a >= 86400 ? [a / 86400, "day"] : a >= 3600 ? [a / 3600, "hour"] : a >= 60 ? [a / 60, "minute"] : [0, ""];
  if (!n) return i ? "in a moment" : "just now";
  const r = Math.floor(s), c = `${r} ${n}${r === 1 ? "" : "s"}`;
  return i ? `in ${c}` : `${c} ago`;
}, K = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, A = (e) => {
  if (e == null) return "-";
  const t = ["B", "KB", "MB", "GB", "TB"];
  let l = e, i = 0;
  for (; l >= 1024 && i < t.length - 1; )
    l /= 1024, i += 1;
  return `${l.toFixed(i ? 1 : 0)} ${t[i]}`;
}, M = (e) => e == null ? "-" : e.toLocaleString("en-US"), fe = ({ row: e }) => {
  const t = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: t, children: e.verified === "-" ? "not yet" : e.verified });
}, oe = ({ rows: e, mayRestore: t, empty: l = "No backup yet.", showScope: i = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Backup" }),
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Kind · scope" }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Rows" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Size" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Verified" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Actions" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "22rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "medium", wordBreak: "break-word", children: a.label ?? a.id }),
      a.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: a.note }) : null
    ] }),
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      a.kind,
      " · ",
      a.scope
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: J(a.started_at), children: j(a.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: M(a.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: A(a.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(fe, { row: a }),
      a.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: a.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        a.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: a.type === "backup" && a.url && t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: P(`restore=${encodeURIComponent(a.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, a.url ?? a.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: l }), Ie = (e) => {
  const t = v("/api/backups");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
      "Storage: ",
      t.data.storage
    ] }) : null,
    t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
    t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oe, { rows: t.data.backups, mayRestore: t.data.may.restore ?? !1 }) : null
  ] });
};
function O(e, t) {
  const l = globalThis.React.useRef(e);
  l.current = e;
  const [i, a] = globalThis.React.useState({}), s = globalThis.React.useCallback(() => {
    l.current().then((n) => a({ data: n })).catch((n) => a((r) => ({ ...r, error: n.message })));
  }, []);
  return globalThis.React.useEffect(() => {
    s();
    const n = setInterval(s, t * 1e3);
    return () => clearInterval(n);
  }, [s, t]), { ...i, reload: s };
}
const Ue = (e, t) => {
  const l = e?.detail;
  return typeof l == "string" ? l : l === void 0 ? t : JSON.stringify(l);
};
async function re(e, t, l, i) {
  const a = { "X-Requested-With": "airvault" };
  i && (a["Content-Type"] = i);
  const s = await fetch(B(t), { method: e, credentials: "same-origin", headers: a, body: l }), n = await s.json().catch(() => null);
  if (!s.ok) throw new W(s.status, `${s.status}: ${Ue(n, s.statusText)}`);
  return n;
}
const we = (e) => re("POST", `/api/imports/upload?filename=${encodeURIComponent(e.name)}`, e, "text/csv"), ve = (e) => re("DELETE", `/api/exports/templates/${encodeURIComponent(e)}`), D = (e) => B(`/api/jobs/download?file=${encodeURIComponent(e)}`), ye = 10, _e = (e) => !(e instanceof W) || e.status >= 500;
async function Y(e, t, l, i) {
  for (let a = 0; ; ) {
    try {
      const s = await e();
      if (t(s) || !l()) return s;
      a = 0;
    } catch (s) {
      if (a += 1, !_e(s) || a >= ye || !l()) throw s;
    }
    await new Promise((s) => setTimeout(s, i));
  }
}
const he = (e) => e ? (/* @__PURE__ */ new Date(`${e}${e.length === 16 ? ":00" : ""}Z`)).toISOString() : null, ce = {
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
}, $e = (e) => ({
  ...ce,
  ...e,
  filterText: Object.entries(e.filters).map(([t, l]) => `${t}=${l}`).join(", ")
}), ze = (e) => {
  const t = {};
  for (const l of e.split(",").map((i) => i.trim()).filter(Boolean)) {
    const i = l.indexOf("=");
    if (i < 1) throw new Error(`Filters: '${l}' is not column=value`);
    t[l.slice(0, i).trim()] = l.slice(i + 1).trim();
  }
  return t;
}, ue = (e) => {
  const { filterText: t, ...l } = e;
  return { ...l, filters: ze(t) };
}, ae = (e) => e.includes(".") ? e : `public.${e}`, Fe = (e, t) => {
  const l = new Map(e.modules.map((i) => [i.name, i.tables.map(ae)]));
  return [...new Set(t.flatMap((i) => l.get(i) ?? [ae(i)]))];
}, le = (e, t) => [
  ...new Set(Fe(e, t).flatMap((l) => e.tables[l] ?? []))
], te = ({ legend: e, items: t, chosen: l, onChange: i, empty: a = "none" }) => {
  const s = (n, r) => i(r ? [...l, n] : l.filter((c) => c !== n));
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { fontSize: "sm", fontWeight: "medium", children: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { maxH: "11rem", overflowY: "auto", borderWidth: "1px", borderRadius: "md", px: 2, py: 1, children: t.length ? t.map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
      globalThis.ChakraUI.Checkbox.Root,
      {
        size: "sm",
        display: "flex",
        py: 0.5,
        checked: l.includes(n.value),
        onCheckedChange: (r) => s(n.value, r.checked === !0),
        children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { title: n.hint, wordBreak: "break-word", children: n.label ?? n.value })
        ]
      },
      n.value
    )) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: a }) })
  ] });
}, z = ({ label: e, value: t, choices: l, change: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "10rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { value: t, onChange: (a) => i(a.target.value), children: Object.entries(l).map(([a, s]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: a, children: s }, a)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), Ae = {
  csv: "CSV",
  json: "JSON lines",
  parquet: "Parquet",
  xlsx: "Excel (xlsx)",
  pdf: "PDF (a report to read)",
  zip: "ZIP (CSV files: a module's tables, or several datasets)"
}, Be = ({ options: e, choices: t, change: l }) => {
  const i = e.modules.map((n) => ({ value: n.name, label: `${n.name} (module)`, hint: n.tables.join(", ") })), a = Object.keys(e.tables).map((n) => ({ value: n })), s = le(e, t.datasets);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2 }, gap: 3, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        te,
        {
          legend: "Datasets to export",
          items: [...i, ...a],
          chosen: t.datasets,
          onChange: (n) => l({ datasets: n, columns: t.columns.filter((r) => le(e, n).includes(r)) })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        te,
        {
          legend: "Columns (none ticked: all)",
          items: s.map((n) => ({ value: n })),
          chosen: t.columns,
          onChange: (n) => l({ columns: s.filter((r) => n.includes(r)) }),
          empty: "choose a dataset first"
        }
      )
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: 4 }, gap: 3, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        z,
        {
          label: "Format",
          value: t.format,
          choices: Object.fromEntries(e.formats.map((n) => [n, Ae[n] ?? n])),
          change: (n) => l({ format: n })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Filters" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "column=value, ...", value: t.filterText, onChange: (n) => l({ filterText: n.target.value }) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Label, { children: [
          "Tenant (",
          e.tenant_column,
          ")"
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "all tenants", value: t.tenant, onChange: (n) => l({ tenant: n.target.value }) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Time zone" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: t.timezone, onChange: (n) => l({ timezone: n.target.value }) })
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: t.readable, onCheckedChange: (n) => l({ readable: n.checked === !0 }), children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { children: "Readable: names for user ids, local times (off: raw values, exact for machines)" })
    ] })
  ] });
}, de = ({ label: e, button: t, name: l, change: i, save: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "12rem", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "template name", value: l, onChange: (s) => i(s.target.value) })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !l.trim(), onClick: a, children: t })
] }), He = ({ templates: e, problems: t, choices: l, load: i, saved: a, say: s }) => {
  const [n, r] = globalThis.React.useState(""), [c, d] = globalThis.React.useState(""), k = (o) => {
    r(o);
    const u = e.find((S) => S.name === o);
    u && i($e(u.choices));
  }, p = async () => {
    try {
      const o = await U("/api/exports/templates", { name: c, choices: ue(l) });
      s({ ok: !0, text: `Saved the export template ${o.name}: it is in the list of templates.` }), r(o.name), d(""), a();
    } catch (o) {
      s({ ok: !1, text: o.message });
    }
  }, x = async () => {
    try {
      await ve(n), s({ ok: !0, text: `Deleted the export template ${n}.` }), r(""), a();
    } catch (o) {
      s({ ok: !1, text: o.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "12rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Saved template" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Field, { value: n, onChange: (o) => k(o.target.value), "data-testid": "airvault-export-templates", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: "", children: e.length ? "choose one to load…" : "none saved yet" }),
          e.map((o) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("option", { value: o.name, children: [
            o.name,
            o.saved_by ? ` (by ${o.saved_by})` : ""
          ] }, o.name))
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !n, onClick: x, "aria-label": n ? `Delete template ${n}` : "Delete template", children: "Delete template" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(de, { label: "Save these choices as", button: "Save template", name: c, change: d, save: p }),
    t.map((o) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.error", w: "full", children: o }, o))
  ] });
}, ge = ({ said: e, testId: t }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.ok ? "info" : "error", role: e.ok ? "status" : "alert", "data-testid": t, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: e.text }),
    e.more ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Description, { children: e.more }) : null
  ] })
] }) : null, Le = ["success", "failed"], Ee = ({ job: e, link: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", "data-testid": "airvault-export-files", children: [
  e.files.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: D(l.file ?? ""), download: !0, colorPalette: "blue", children: l.name }, l.file)),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: t, color: "fg.muted", children: "the run in Airflow" })
] }), Ne = ({ show: e, exported: t }) => {
  const l = O(() => I("/api/exports/options"), 300), [i, a] = globalThis.React.useState(ce), [s, n] = globalThis.React.useState(""), [r, c] = globalThis.React.useState(null), [d, k] = globalThis.React.useState(!1), p = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    p.current = !1;
  }, []);
  const x = (u) => a((S) => ({ ...S, ...u })), o = async () => {
    k(!0);
    try {
      const u = await U("/api/exports", { ...ue(i), run_after: he(s) });
      if (s) {
        c({ ok: !0, text: `Export scheduled for ${J(u.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      c({ ok: !0, text: "Export running…", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: u.link, children: "the run in Airflow" }) }), await Y(
        () => I("/api/runs/{dag_id}/{run_id}", { dag_id: u.dag_id, run_id: u.run_id }),
        (C) => Le.includes(C.state),
        () => p.current,
        3e3
      );
      const b = (await Y(() => I("/api/jobs"), () => !0, () => p.current, 3e3)).jobs.find((C) => C.run_id === u.run_id);
      if (!p.current) return;
      if (!b) {
        c({ ok: !0, text: "The export ended: the Jobs tab has it.", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: u.link, children: "the run in Airflow" }) });
        return;
      }
      const h = b.state === "done", T = h ? `Export done: ${(b.records ?? 0).toLocaleString("en-US")} records.` : `The export ${b.state}: its log in Airflow says why.`;
      c({ ok: h, text: T, more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ee, { job: b, link: u.link }) }), t();
    } catch (u) {
      c({ ok: !1, text: u.message });
    } finally {
      k(!1);
    }
  };
  return l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: (u) => (u.preventDefault(), void o()), "data-testid": "airvault-export-form", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      He,
      {
        templates: l.data.templates,
        problems: l.data.template_problems,
        choices: i,
        load: a,
        saved: l.reload,
        say: c
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Be, { options: l.data, choices: i, change: x }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Later, at (UTC; empty: now)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: s, onChange: (u) => n(u.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: d, disabled: !i.datasets.length, children: s ? "Schedule export" : "Export now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Link,
        {
          href: "?tab=schedules",
          onClick: (u) => {
            u.preventDefault(), e("schedules");
          },
          children: "Make it recurring…"
        }
      )
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ge, { said: r, testId: "airvault-export-said" })
  ] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the export choices…" });
}, Oe = 20, De = ({ exports: e, mayDownload: t }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-exports", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Rows" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Size" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Download" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.slice(0, Oe).map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-report": l.report, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "18rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: [
        l.table,
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", children: [
          "(",
          l.format ?? "?",
          ")"
        ] })
      ] }),
      l.withheld?.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
        "secret columns left out: ",
        l.withheld.join(", ")
      ] }) : null,
      l.declared === !1 ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: "not a declared dataset: no download" }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: J(l.started_at), children: j(l.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: M(l.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: A(l.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: l.triggered_by ?? "-" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      l.file ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: D(l.file), download: !0, colorPalette: "blue", wordBreak: "break-all", me: 2, children: l.file.split("/").pop() }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: D(l.report), download: !0, fontSize: "xs", color: "fg.muted", children: "report.json" })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, l.report)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No exports in this storage yet." }), Pe = ({ columns: e, sample: t, tableColumns: l, mapping: i, change: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-import-mapping", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "File column" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "First values" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Table column" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((s, n) => {
    const r = i[s] ?? s, c = l ? l.includes(r) ? l : [r, ...l] : [r];
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: s }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { maxW: "16rem", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: t.map((d) => d[n] ?? "").join(" · ") }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "xs", minW: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": `Table column for ${s}`, value: r, onChange: (d) => a(s, d.target.value), children: c.map((d) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: d, children: l && !l.includes(d) ? `${d} (not a column of the table)` : d }, d)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] }) })
    ] }, s);
  }) })
] }) }), We = ({ rejects: e, counts: t }) => {
  if (!e.length) return null;
  const l = new Set(e.map((i) => i.line)).size;
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
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-line": i.line, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: i.line }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: i.column }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: i.file_column }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: i.reason }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: i.value ?? "" })
      ] }, `${i.line}/${i.column}/${i.reason}`)) })
    ] }) }),
    l < t.rejected ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
      "The first ",
      l,
      " of ",
      t.rejected.toLocaleString("en-US"),
      " rejected rows are shown; rejects.csv on the Jobs tab has them all."
    ] }) : null
  ] });
}, F = (e) => (e ?? 0).toLocaleString("en-US"), Me = (e) => `${F(e)} ${e === 1 ? "row" : "rows"}`, qe = ({ result: e, dryRun: t, run: l, busy: i }) => {
  const [a, s] = globalThis.React.useState(""), n = e.report, r = t ? "Dry run" : "Import";
  if (!n) {
    const d = e.failure;
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.error", "data-testid": "airvault-import-summary", children: [
      "The ",
      r.toLowerCase(),
      " ended ",
      e.state,
      " without a report",
      d?.error ? `: ${d.error}` : " (its log in Airflow says why)",
      ". ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] });
  }
  const c = n.problems && n.problems !== n.rejected ? ` (${F(n.problems)} problems)` : "";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: n.rejected ? "fg.error" : void 0, "data-testid": "airvault-import-summary", children: [
      r,
      ": ",
      Me(n.rows),
      " read, ",
      F(n.inserted),
      " ",
      t ? "to insert" : "inserted",
      ", ",
      F(n.updated),
      " ",
      t ? "to update" : "updated",
      ", ",
      F(n.rejected),
      " rejected",
      c,
      ". ",
      n.message ?? "",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] }),
    e.withheld ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: e.withheld }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(We, { rejects: e.rejects ?? [], counts: n }),
    t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: i, onClick: () => l(!1, ""), children: "Import now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "or at (UTC)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: a, onChange: (d) => s(d.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !a, onClick: () => l(!1, a), children: "Schedule import" })
    ] }) : null
  ] });
}, Ge = (e, t) => {
  const l = e.columns.map((a) => t?.mapping[a] ?? a), i = (a) => l.filter((s) => e.tables[a].includes(s)).length;
  return Object.keys(e.tables).sort((a, s) => i(s) - i(a))[0] ?? "";
}, Ve = { upsert: "upsert", insert: "insert", "update-only": "update-only" }, Ke = { atomic: "reject the whole file", skip: "skip them, import the rest" }, Ye = () => {
  const [e, t] = globalThis.React.useState(null), [l, i] = globalThis.React.useState(null), [a, s] = globalThis.React.useState(""), [n, r] = globalThis.React.useState(""), [c, d] = globalThis.React.useState({}), [k, p] = globalThis.React.useState("upsert"), [x, o] = globalThis.React.useState("atomic"), [u, S] = globalThis.React.useState(""), [b, h] = globalThis.React.useState(null), [T, C] = globalThis.React.useState(null), [w, y] = globalThis.React.useState(!1), _ = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    _.current = !1;
  }, []);
  const H = (R, m) => {
    r(m), d({ ...R.mappings.find((f) => f.name === m)?.mapping ?? {} });
  }, $ = async (R) => {
    if (R.preventDefault(), !e) return h({ ok: !1, text: "Choose a .csv file first." });
    y(!0), C(null);
    try {
      const m = await we(e), f = m.mappings.find((g) => g.fits);
      i(m), H(m, f?.name ?? ""), s(Ge(m, f)), h({ ok: !0, text: `${m.name}: ${m.columns.length} columns. Check the mapping, then a dry run.` });
    } catch (m) {
      h({ ok: !1, text: m.message });
    } finally {
      y(!1);
    }
  }, L = async (R, m) => {
    if (!l) return;
    y(!0);
    const f = Object.fromEntries(l.columns.map((g) => [g, c[g] ?? g]));
    try {
      const g = { file: l.file, table: a, mapping: f, template: n, mode: k, policy: x, dry_run: R, run_after: he(m) }, X = await U("/api/imports", g);
      if (m) {
        h({ ok: !0, text: `Import scheduled for ${J(X.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      h({ ok: !0, text: `${R ? "Dry run" : "Import"} running…` });
      const G = await Y(
        () => I("/api/imports/{run_id}", { run_id: X.run_id }),
        (Je) => ["success", "failed"].includes(Je.state),
        () => _.current,
        3e3
      );
      h(null), C({ report: G, dryRun: R });
    } catch (g) {
      h({ ok: !1, text: g.message });
    } finally {
      y(!1);
    }
  }, q = async () => {
    if (!l) return;
    const R = Object.fromEntries(l.columns.map((m) => [m, c[m] ?? m]));
    try {
      const m = await U("/api/imports/templates", { name: u, table: a, mapping: R }), f = [...l.mappings.filter((g) => g.name !== m.name), { ...m, fits: !0 }];
      i({ ...l, mappings: f }), r(m.name), S(""), h({ ok: !0, text: `Saved the mapping ${m.name}: offered for the next file too.` });
    } catch (m) {
      h({ ok: !1, text: m.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-import-form", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Import a CSV" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: $, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "CSV file" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "file", accept: ".csv,text/csv", p: 1, onChange: (R) => t(R.target.files?.[0] ?? null) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", variant: "outline", loading: w && !l, children: "Upload and map columns" })
    ] }) }),
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        Object.keys(l.tables).length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(z, { label: "Into table", value: a, choices: Object.fromEntries(Object.keys(l.tables).map((R) => [R, R])), change: s }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Into table" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "schema.table", value: a, onChange: (R) => s(R.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
          z,
          {
            label: "Saved mapping",
            value: n,
            choices: { "": "none", ...Object.fromEntries(l.mappings.map((R) => [R.name, `${R.name}${R.fits ? " (fits this file)" : ""}`])) },
            change: (R) => H(l, R)
          }
        ),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(z, { label: "Mode", value: k, choices: Ve, change: p }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(z, { label: "Bad rows", value: x, choices: Ke, change: o })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        Pe,
        {
          columns: l.columns,
          sample: l.sample ?? [],
          tableColumns: l.tables[a],
          mapping: c,
          change: (R, m) => d((f) => ({ ...f, [R]: m }))
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: w, onClick: () => L(!0, ""), children: "Dry run" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(de, { label: "Save this mapping as", button: "Save mapping", name: u, change: S, save: q })
      ] })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "A dry run checks every row and writes nothing; the import then runs in one transaction." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ge, { said: b, testId: "airvault-import-said" }),
    T ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(qe, { result: T.report, dryRun: T.dryRun, run: L, busy: w }) : null
  ] });
}, Ze = ({ show: e }) => {
  const t = O(() => I("/api/backups"), 60), l = t.data?.may ?? {};
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 6, "data-testid": "airvault-exchange-tab", children: [
    t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
    l.export ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ne, { show: e, exported: t.reload }) : null,
    t.data && !l.export && !l.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Your role may read exports but not start exports or imports: that needs the right to trigger the export and import DAGs." }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-exports-title", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", mb: 2, id: "airvault-exports-title", children: "Exports in storage" }),
      t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(De, { exports: t.data.exports, mayDownload: !!l.export }) : null
    ] }),
    l.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ye, {}) : null
  ] });
}, Z = (e) => e === "import" ? "Import" : e === "export" || e.startsWith("export_") ? "Export" : e.startsWith("restore") ? "Restore" : e === "backup_diff" ? "Compare" : e === "pg_dump_archive" ? "Archive" : e, Qe = (e, t = Date.now()) => {
  const l = e.run_after ? new Date(e.run_after).getTime() > t : !1;
  switch (e.state) {
    case "pending":
      return l ? { word: "scheduled", palette: "blue", when: `starts ${j(e.run_after, t)}` } : { word: "waiting to start", palette: "blue", when: `asked ${j(e.run_after, t)}` };
    case "running":
      return { word: "running", palette: "blue", when: `started ${j(e.run_after, t)}` };
    case "done":
      return { word: "done", palette: "green", when: `ended ${j(e.ended, t)}` };
    case "cancelled":
      return { word: "cancelled", palette: "gray", when: e.ended ? `cancelled ${j(e.ended, t)}` : "" };
    case "failed":
      return { word: "failed", palette: "red", when: `ended ${j(e.ended, t)}` };
    default:
      return { word: e.state, palette: "gray", when: j(e.ended ?? e.run_after, t) };
  }
}, ea = ({ job: e, mayDownload: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 0, children: [
  t ? e.files.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: D(l.file), download: !0, colorPalette: "blue", wordBreak: "break-all", children: l.name }, l.file)) : null,
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, fontSize: "xs", color: "fg.muted", children: "run in Airflow" })
] }), aa = ({ jobs: e, mayDownload: t, cancelling: l, onCancel: i, progressOf: a }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-jobs", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Job" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "State" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Records" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Result" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.VisuallyHidden, { children: "Actions" }) })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((s) => {
    const n = Qe(s);
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-run": s.run_id, "data-state": s.state, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "20rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: Z(s.dag_id) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: s.what })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: n.palette, children: n.word }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", title: J(s.state === "pending" ? s.run_after : s.ended), children: n.when }),
        s.state === "running" ? a(s) : null,
        s.state === "cancelled" && s.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: s.note }) : null
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: s.asked_by ?? "-" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: M(s.records) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ea, { job: s, mayDownload: t }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.may_cancel ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "xs",
          variant: "outline",
          colorPalette: "red",
          loading: l === s.run_id,
          "aria-label": `Cancel ${s.what}`,
          onClick: () => i(s),
          children: "Cancel"
        }
      ) : null })
    ] }, `${s.dag_id}/${s.run_id}`);
  }) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
  "No jobs yet: exports and imports start on the Imports & Exports tab, restores on the",
  " ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: P(), children: "classic page" }),
  "."
] }), la = ["export", "import", "archive", "restore"], ta = { export: "Exporting", import: "Importing", archive: "Archiving", restore: "Restoring" }, ia = (e) => e.bytes_estimate ? Math.min(100, 100 * (e.bytes ?? 0) / e.bytes_estimate) : e.tables_total ? 100 * (e.tables_done ?? 0) / e.tables_total : null, be = ({ row: e }) => {
  const t = e.progress ?? {}, i = `${e.type === "restore" && t.kind === "restore-plan" ? "Planning a restore of" : ta[e.type] ?? e.type} ${t.label ?? t.scope ?? e.folder}`, a = ia(t);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 2, "data-testid": "airvault-running-job", "data-type": e.type, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Progress.Root, { value: a, max: 100, size: "sm", "aria-label": `${i}: ${a === null ? "under way" : `${Math.round(a)} %`}`, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Label, { fontSize: "sm", fontWeight: "medium", wordBreak: "break-word", children: i }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Track, { mt: 1, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Range, {}) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
      t.step ? `${t.step} · ` : "",
      t.tables_total ? `${t.tables_done ?? 0} / ${t.tables_total} tables · ` : "",
      M(t.rows ?? 0),
      " rows · ",
      A(t.bytes ?? 0),
      t.mb_per_s ? ` · ${t.mb_per_s} MB/s` : "",
      e.host ? ` · on ${e.host}` : ""
    ] })
  ] });
}, sa = ({ rows: e }) => {
  const t = e.filter((l) => la.includes(l.type));
  return t.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Stack, { gap: 2, "aria-label": "Running now", children: t.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(be, { row: l }, l.folder)) }) : null;
}, ie = { Export: "export", Import: "import", Archive: "archive", Restore: "restore" }, na = (e, t) => (l) => {
  const i = ie[Z(l.dag_id)], a = t.filter((n) => n.type === i), s = e.filter((n) => n.state === "running" && ie[Z(n.dag_id)] === i);
  return a.length === 1 && s.length === 1 ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(be, { row: a[0] }) : null;
}, oa = (e, t = Date.now()) => e.some((l) => l.state === "running" || l.state === "pending" && new Date(l.run_after ?? 0).getTime() - t < 6e4), ra = (e) => {
  const [t, l] = globalThis.React.useState(!1), i = O(() => I("/api/jobs"), t ? 5 : 60), a = O(() => I("/api/running"), t ? 5 : 60), [s, n] = globalThis.React.useState(null), [r, c] = globalThis.React.useState(null), d = a.data?.running ?? [], k = i.data?.jobs ?? [];
  globalThis.React.useEffect(() => l(i.data ? oa(i.data.jobs) : !1), [i.data]);
  const p = async (x) => {
    c(x.run_id);
    try {
      await U("/api/jobs/{dag_id}/{run_id}/cancel", {}, { dag_id: x.dag_id, run_id: x.run_id }), n({ ok: !0, text: `Cancelled: ${x.what} will not run.` });
    } catch (o) {
      n({ ok: !1, text: o.message });
    } finally {
      c(null), i.reload();
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 4, "data-testid": "airvault-jobs-tab", children: [
    s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: s.ok ? "success" : "error", role: s.ok ? "status" : "alert", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: s.text })
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(sa, { rows: d }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Jobs" }),
    i.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i.error }) : null,
    i.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      aa,
      {
        jobs: k,
        mayDownload: i.data.may_download,
        cancelling: r,
        onCancel: p,
        progressOf: na(k, d)
      }
    ) : i.error ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the jobs…" })
  ] });
}, Te = { ok: "green", stale: "orange", failing: "red" }, N = ({ children: e, state: t, testId: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${Te[t] ?? "gray"}.solid`, "data-testid": l, children: e }), ha = ({ card: e, newest: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(N, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: Te[e.state] ?? "gray", children: e.state })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: t?.label ?? (e.newest ? "newest backup" : "no usable backup yet") }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
    e.age_hours === null || e.age_hours === void 0 ? "" : `${K(e.age_hours)} old`,
    e.target_hours !== null && e.target_hours !== void 0 ? ` · target ${K(e.target_hours)}` : "",
    e.verified === !1 ? " · verification FAILED" : e.verified ? " · verified" : ""
  ] }),
  e.failed_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: e.failed_run.link, fontSize: "sm", color: "fg.error", children: [
    "last run of ",
    e.failed_run.dag_id,
    " failed"
  ] }) : null
] }), me = (e, t = []) => t.find((l) => l.url === e.newest), ca = ({ status: e, rows: t, compact: l = !1 }) => {
  const i = e.drill, a = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: l ? 3 : 4 }, gap: 3, children: [
    e.cards.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ha, { card: s, newest: me(s, t) }, `${s.kind}/${s.scope}`)),
    l ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(N, { state: i ? i.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: i ? `${i.ok ? "passed" : "FAILED"}: ${i.kind}/${i.scope} ${j(i.drilled_at)}` : "no restore drill yet" }),
        i?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          i.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(N, { state: a.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          a.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: a.rpo_seconds === null || a.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${K(a.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(N, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          A(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([s, n]) => `${s} ${A(n)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, ua = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, da = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.severity === "red" ? "red" : "orange", mr: 2, children: e.severity === "red" ? "at risk" : "behind target" }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", fontWeight: "semibold", children: e.where }),
  ": ",
  e.what,
  e.since ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", title: J(e.since), children: [
    " ",
    "(since ",
    j(e.since),
    ")"
  ] }) : null,
  ". ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", children: [
    "Fix: ",
    e.fix
  ] })
] }), Re = ({ status: e, error: t, findings: l = !0 }) => {
  if (!e)
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: t ? "error" : "info", "data-testid": "airvault-verdict", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: t ? `Am I safe? Cannot tell: ${t}` : "Am I safe? Checking…" })
    ] });
  const i = e.findings.some((a) => a.severity === "red");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.safe ? "success" : i ? "error" : "warning", "data-testid": "airvault-verdict", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Title, { children: [
        "Am I safe? ",
        ua(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        l && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(da, { finding: a }, `${a.where}:${a.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          j(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, ga = (e) => {
  const t = v("/api/status"), i = v("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Re, { status: t.data, error: t.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ca, { status: t.data, rows: i }) : null
    ] })
  ] });
}, ba = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: P(), children: "classic Backups page" }),
  " for now."
] }), xe = ["manual", "hourly", "daily", "weekly", "monthly", "cron"], Ta = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], ma = ["keep_last", "keep_days", "daily", "weekly", "monthly", "yearly", "minimum_good"], E = (e) => e !== void 0 && /^\d+$/.test(e), Se = (e, t, l) => {
  const [i, a, s, , n] = (e ?? "").split(" "), r = E(i) ? `${(E(a) ? a : "0").padStart(2, "0")}:${i.padStart(2, "0")}` : "02:00";
  return {
    preset: xe.includes(t) ? t : "cron",
    time: r,
    weekday: E(n) ? Number(n) : 0,
    day: E(s) ? Number(s) : 1,
    cron: e ?? "",
    timezone: l
  };
}, ke = (e) => ({
  preset: e.preset,
  time: e.time || "00:00",
  weekday: e.weekday,
  day: e.day,
  cron: e.preset === "cron" && e.cron.trim() || null,
  timezone: e.timezone.trim() || "UTC"
}), Ra = () => {
  const [e, t] = globalThis.React.useState({ rows: [], loading: !0 }), l = globalThis.React.useCallback(async () => {
    try {
      const [i, a] = await Promise.all([I("/api/schedules"), I("/api/schedule-settings")]), s = new Map(a.settings.map((r) => [r.dag_id, r])), n = i.schedules.map((r) => ({
        ...r,
        name: a.names[r.dag_id] ?? r.dag_id,
        setting: s.get(r.dag_id)
      }));
      t({ rows: n, settings: a, loading: !1 });
    } catch (i) {
      t((a) => ({ ...a, error: i.message, loading: !1 }));
    }
  }, []);
  return globalThis.React.useEffect(() => {
    l();
    const i = setInterval(() => {
      l();
    }, 3e4);
    return () => clearInterval(i);
  }, [l]), { ...e, reload: l };
}, xa = (e) => {
  if (!e.scheduled) return "manual";
  const t = e.schedule ?? "", l = e.setting?.timezone;
  return l && l !== "UTC" ? t.replace(/ UTC$/, ` (${l})`) : t;
}, Sa = (e) => e ? e.source === "added" ? `added on the page by ${e.added_by ?? "?"}` : e.source === "edit" ? `edited on the page by ${e.edited_by ?? "?"}` : "from the config file" : "", ka = () => {
  const e = Intl;
  return typeof e.supportedValuesOf == "function" ? e.supportedValuesOf("timeZone") : ["UTC"];
}, ee = () => {
  const e = globalThis.React.useRef(null);
  return globalThis.React.useEffect(() => {
    e.current?.scrollIntoView({ block: "start" }), e.current?.querySelector("input, select")?.focus({ preventScroll: !0 });
  }, []), e;
}, se = (e) => Object.fromEntries(Object.entries(e ?? {}).filter(([, t]) => typeof t == "number")), pe = ({ scope: e, value: t, onChange: l, note: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Legend, { children: [
    "Retention of ",
    e,
    " backups",
    i ? ` (${i})` : ""
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", children: ma.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `retention-${a}`, children: a.replace("_", " ") }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      globalThis.ChakraUI.Input,
      {
        id: `retention-${a}`,
        type: "number",
        size: "sm",
        w: "6rem",
        min: a === "minimum_good" ? 0 : 1,
        value: t[a] ?? "",
        onChange: (s) => {
          const n = { ...t };
          s.target.value === "" ? delete n[a] : n[a] = Number(s.target.value), l(n);
        }
      }
    )
  ] }, a)) })
] }), Ce = ({ value: e, onChange: t, manual: l, idPrefix: i }) => {
  const a = (n) => t({ ...e, ...n }), s = e.preset;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-preset`, children: "Repeat" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: `${i}-preset`, value: s, onChange: (n) => a({ preset: n.target.value }), children: xe.filter((n) => l || n !== "manual").map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: n, children: n }, n)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }),
    ["hourly", "daily", "weekly", "monthly"].includes(s) ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-time`, children: s === "hourly" ? "At (its minutes past the hour)" : "At" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${i}-time`, type: "time", size: "sm", w: "8rem", value: e.time, onChange: (n) => a({ time: n.target.value }) })
    ] }) : null,
    s === "weekly" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-weekday`, children: "Day of the week" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: `${i}-weekday`, value: e.weekday, onChange: (n) => a({ weekday: Number(n.target.value) }), children: Ta.map((n, r) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: r, children: n }, n)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }) : null,
    s === "monthly" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-day`, children: "Day of the month" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${i}-day`, type: "number", min: 1, max: 28, size: "sm", w: "6rem", value: e.day, onChange: (n) => a({ day: Number(n.target.value) || 1 }) })
    ] }) : null,
    s === "cron" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-cron`, children: "Cron" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${i}-cron`, size: "sm", w: "11rem", placeholder: "m h dom mon dow", value: e.cron, onChange: (n) => a({ cron: n.target.value }) })
    ] }) : null,
    s !== "manual" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-timezone`, children: "Time zone" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${i}-timezone`, size: "sm", w: "12rem", list: `${i}-zones`, value: e.timezone, onChange: (n) => a({ timezone: n.target.value }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("datalist", { id: `${i}-zones`, children: ka().map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: n }, n)) })
    ] }) : null
  ] });
}, ne = [
  { value: "tenant", label: "Tenant backup", prefix: "tenant_backup_" },
  { value: "module", label: "Module backup", prefix: "module_backup_" },
  { value: "archive", label: "Archive (pg_dump)", prefix: "pg_dump_archive_" },
  { value: "export", label: "Recurring export", prefix: "export_" }
], pa = ["csv", "json", "parquet", "xlsx", "pdf"], V = ({ id: e, label: t, value: l, options: i, onChange: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: e, children: t }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "12rem", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: e, value: l, onChange: (s) => a(s.target.value), children: i.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: s, children: s }, s)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), Ca = ({ modules: e, done: t, close: l }) => {
  const i = ee(), [a, s] = globalThis.React.useState("tenant"), [n, r] = globalThis.React.useState(""), [c, d] = globalThis.React.useState(e[0] ?? ""), [k, p] = globalThis.React.useState(""), [x, o] = globalThis.React.useState(e), [u, S] = globalThis.React.useState(e[0] ?? ""), [b, h] = globalThis.React.useState("csv"), [T, C] = globalThis.React.useState(!0), [w, y] = globalThis.React.useState("UTC"), [_, H] = globalThis.React.useState(() => Se("0 2 * * *", "daily", "UTC")), [$, L] = globalThis.React.useState({}), [q, R] = globalThis.React.useState(!1);
  globalThis.React.useEffect(() => {
    I("/api/exports/options").then((g) => o([...g.modules.map((X) => X.name), ...Object.keys(g.tables)])).catch(() => {
    });
  }, []);
  const m = ne.find((g) => g.value === a).prefix, f = async () => {
    const g = {
      ...ke(_),
      kind: a,
      name: n.trim(),
      module: a === "module" ? c : null,
      tenant: a === "tenant" ? k.trim() : null,
      dataset: a === "export" ? u : null,
      format: b,
      readable: T,
      export_timezone: w.trim() || "UTC",
      retention: (a === "tenant" || a === "module") && Object.keys($).length ? $ : null
    };
    R(!0);
    try {
      const X = await U("/api/schedule-settings", g);
      t(`${X.setting.name}: added (${X.setting.cron ?? "manual"}${X.setting.cron ? `, ${X.setting.timezone}` : ""}); its DAG ${X.setting.dag_id} appears when Airflow has read its file (seconds).${X.notes.map((G) => ` ${G}`).join("")}`), l();
    } catch (X) {
      t(X.message, !0);
    } finally {
      R(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-new-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-new-schedule", ref: i, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: (g) => {
    g.preventDefault(), f();
  }, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-new-title", children: "New schedule" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "Added on the page, beside the config file's schedules (kept in the schedule edits file with who and when)." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-kind", children: "Kind" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "12rem", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: "new-kind", value: a, onChange: (g) => s(g.target.value), children: ne.map((g) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: g.value, children: g.label }, g.value)) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
        ] })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-name", children: "Name" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-name", size: "sm", w: "12rem", required: !0, value: n, placeholder: "e.g. acme_nightly", onChange: (g) => r(g.target.value) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.HelperText, { children: [
          "DAG id: ",
          m,
          n.trim() || "<name>"
        ] })
      ] }),
      a === "module" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(V, { id: "new-module", label: "Module", value: c, options: e, onChange: d }) : null,
      a === "tenant" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-tenant", children: "Tenant id" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-tenant", size: "sm", w: "20rem", required: !0, value: k, onChange: (g) => p(g.target.value) })
      ] }) : null,
      a === "export" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(V, { id: "new-dataset", label: "Dataset", value: u, options: x, onChange: S }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(V, { id: "new-format", label: "Format", value: b, options: pa, onChange: h }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-export-zone", children: "Times shown in" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-export-zone", size: "sm", w: "12rem", list: "new-zones", value: w, onChange: (g) => y(g.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "label", fontSize: "sm", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { type: "checkbox", checked: T, onChange: (g) => C(g.target.checked) }),
          " readable (display names, local times)"
        ] })
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ce, { value: _, onChange: H, manual: a !== "export", idPrefix: "new" }),
    a === "tenant" || a === "module" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(pe, { scope: `${a}/${a === "module" ? c : n.trim() || "<name>"}`, value: $, onChange: L, note: "empty: the config's rules" }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: q, children: "Add schedule" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: l, children: "Cancel" })
    ] })
  ] }) }) });
}, ja = (e) => e.value ?? (e.schema?.type === "boolean" ? !1 : ""), Ja = ({ form: e, name: t, done: l, close: i }) => {
  const a = ee(), s = [...e.params].sort((o, u) => Number(u.required) - Number(o.required)), [n, r] = globalThis.React.useState(() => Object.fromEntries(s.map((o) => [o.name, ja(o)]))), [c, d] = globalThis.React.useState(!1), k = (o, u) => r((S) => ({ ...S, [o]: u })), p = () => Object.fromEntries(
    s.map((o) => {
      const u = o.schema?.type, S = n[o.name];
      return [o.name, (u === "integer" || u === "number") && S !== "" ? Number(S) : S];
    })
  ), x = async () => {
    d(!0);
    try {
      const o = await U("/api/schedules/{dag_id}/trigger", { conf: p() }, { dag_id: e.dag_id });
      l(`Started ${t}: run ${o.run_id} (${o.state}).`), i();
    } catch (o) {
      l(o.message, !0);
    } finally {
      d(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-run-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-run-form", ref: a, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: (o) => {
    o.preventDefault(), x();
  }, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-run-title", children: [
      "Run ",
      t,
      " with these values"
    ] }),
    s.map((o, u) => {
      const S = o.schema ?? {}, b = `run-param-${u}`, h = `${o.name}${o.required ? " (required)" : ""}`;
      return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { required: o.required, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: b, children: h }),
        S.type === "boolean" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { id: b, type: "checkbox", checked: !!n[o.name], onChange: (T) => k(o.name, T.target.checked) }) : S.enum ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", maxW: "24rem", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: b, value: String(n[o.name] ?? ""), onChange: (T) => k(o.name, T.target.value), children: S.enum.map((T) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: String(T), children: String(T) }, String(T))) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
        ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: b, size: "sm", maxW: "36rem", required: o.required, value: String(n[o.name] ?? ""), onChange: (T) => k(o.name, T.target.value) }),
        o.description ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.HelperText, { children: o.description }) : null
      ] }, o.name);
    }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: c, children: "Run now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: i, children: "Cancel" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.form, colorPalette: "blue", fontSize: "sm", children: "or its page in Airflow (Trigger)" })
    ] })
  ] }) }) });
}, Xa = (e) => `${e.setting.name}: saved, ${e.setting.cron ?? "manual"}${e.setting.cron ? ` (${e.setting.timezone})` : ""}; Airflow applies it when it has re-read the DAG file (seconds).${e.notes.map((t) => ` ${t}`).join("")}`, fa = ({ row: e, done: t, close: l }) => {
  const i = ee(), a = e.setting, [s, n] = globalThis.React.useState(() => Se(a.cron, a.preset, a.timezone)), [r, c] = globalThis.React.useState(() => se(a.retention)), [d, k] = globalThis.React.useState(!e.paused), [p, x] = globalThis.React.useState(!1), o = async (b, h, T) => {
    x(!0);
    try {
      t(T(await U(b, h, { dag_id: a.dag_id }))), l();
    } catch (C) {
      t(C.message, !0);
    } finally {
      x(!1);
    }
  }, u = () => {
    const b = JSON.stringify(r) === JSON.stringify(se(a.config_retention)), h = a.retention_scope && Object.keys(r).length && (a.source === "added" || !b) ? r : null, T = { ...ke(s), retention: h, enabled: e.scheduled || s.preset !== "manual" ? d : null };
    o("/api/schedule-settings/{dag_id}", T, Xa);
  }, S = a.source === "added" ? `Added on the page by ${a.added_by} at ${J(a.added_at)}${a.edited_by ? `; changed by ${a.edited_by} at ${J(a.edited_at)}` : ""}. Not in the config file.` : a.source === "edit" ? `Edited by ${a.edited_by} at ${J(a.edited_at)}; the config (${a.key}) says ${a.config_cron ?? "manual"}.` : `From the config: ${a.key} = ${a.config_cron ?? "null (manual)"}. Saving records an edit over it.`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-editor-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-schedule-editor", ref: i, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-editor-title", children: [
      "Schedule of ",
      a.name
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: S }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ce, { value: s, onChange: n, manual: a.kind !== "export", idPrefix: "edit" }),
    a.retention_scope ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(pe, { scope: a.retention_scope, value: r, onChange: c, note: a.kind === "full" ? "both full backup DAGs take these" : void 0 }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "label", fontSize: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { type: "checkbox", checked: d, onChange: (b) => k(b.target.checked) }),
      " on (not paused)"
    ] }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: u, loading: p, children: "Save schedule" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: l, children: "Cancel" }),
      a.source === "edit" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "sm",
          variant: "outline",
          disabled: p,
          onClick: () => {
            o("/api/schedule-settings/{dag_id}/revert", {}, (b) => `${a.name}: back to the config's schedule (${b.setting.cron ?? "manual"}).${b.notes.map((h) => ` ${h}`).join("")}`);
          },
          children: "Revert to config"
        }
      ) : null,
      a.source === "added" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "sm",
          variant: "outline",
          colorPalette: "red",
          disabled: p,
          onClick: () => {
            o("/api/schedule-settings/{dag_id}/remove", {}, (b) => `${a.name}: removed, and its DAG from Airflow (the backups it took stay).${b.notes.map((h) => ` ${h}`).join("")}`);
          },
          children: "Remove this schedule"
        }
      ) : null
    ] })
  ] }) });
}, Ia = ({ row: e, busy: t, onSwitch: l }) => e.scheduled ? e.may_switch ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
  globalThis.ChakraUI.Button,
  {
    size: "xs",
    variant: e.paused ? "outline" : "solid",
    colorPalette: e.paused ? "gray" : "green",
    role: "switch",
    "aria-checked": !e.paused,
    "aria-label": `${e.name} on`,
    disabled: t,
    onClick: l,
    children: e.paused ? "off" : "on"
  }
) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.paused ? "gray" : "green", children: e.paused ? "off" : "on" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "manual" }), Ua = ({ rows: e, busy: t, onSwitch: l, onRun: i, onEdit: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-schedules", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Job" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Schedule" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Next run" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Last run" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "On" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Actions" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-dag": s.dag_id, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "18rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "medium", wordBreak: "break-word", children: s.name }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-all", children: s.dag_id })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "16rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: xa(s) }),
      s.setting ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: s.setting.source === "config" ? "fg.muted" : "fg.info", title: J(s.setting.edited_at ?? s.setting.added_at), children: Sa(s.setting) }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.scheduled && s.paused ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "off" }) : s.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { title: J(s.next_run), children: j(s.next_run) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: s.last_run.link, colorPalette: s.last_run.state === "failed" ? "red" : "blue", children: s.last_run.state }),
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { title: J(s.last_run.when), children: j(s.last_run.when) })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "never run" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ia, { row: s, busy: t === s.dag_id, onSwitch: () => l(s) }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, wrap: "wrap", children: [
      s.may_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", "aria-label": `Run now: ${s.name}`, disabled: t === s.dag_id, onClick: () => i(s), children: "Run now" }) : null,
      s.setting?.may_edit ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", "aria-label": `Edit the schedule of ${s.name}`, onClick: () => a(s), children: "Edit…" }) : null
    ] }) })
  ] }, s.dag_id)) })
] }) }), wa = (e) => {
  const { rows: t, settings: l, error: i, loading: a, reload: s } = Ra(), [n, r] = globalThis.React.useState(null), [c, d] = globalThis.React.useState(null), [k, p] = globalThis.React.useState(null), x = (h, T = !1) => {
    d({ text: h, failed: T }), s(), T || setTimeout(() => {
      s();
    }, 5e3);
  }, o = async (h, T) => {
    p(h.dag_id);
    try {
      const C = await T();
      C && x(C);
    } catch (C) {
      d({ text: C.message, failed: !0 });
    } finally {
      p(null);
    }
  }, u = (h) => o(h, async () => (await U("/api/schedules/{dag_id}/paused", { paused: !h.paused }, { dag_id: h.dag_id }), `${h.name} switched ${h.paused ? "on" : "off"}.`)), S = (h) => o(h, async () => {
    const T = await I("/api/schedules/{dag_id}/params", { dag_id: h.dag_id });
    if (T.params.some((w) => w.required))
      return r({ run: T, name: h.name }), null;
    const C = await U("/api/schedules/{dag_id}/run", {}, { dag_id: h.dag_id });
    return `Started ${h.name}: run ${C.run_id} (${C.state})${C.notice ? `: ${C.notice}` : ""}.`;
  }), b = () => r(null);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 4, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", fontSize: "sm", children: "Times are UTC unless a schedule names its time zone." }),
      l?.may_add ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: () => r({ add: !0 }), children: "New schedule" }) : null
    ] }),
    c ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: c.failed ? "error" : "success", role: c.failed ? "alert" : "status", "data-testid": "airvault-schedules-message", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: c.text })
    ] }) : null,
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i }) : null,
    l?.problems.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: "warning", "data-testid": "airvault-schedule-problems", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: "Schedule changes of the page not in effect (the config file's schedules are):" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { fontSize: "sm", ps: 4, children: l.problems.map((h) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Item, { wordBreak: "break-word", children: h }, h)) })
      ] })
    ] }) : null,
    a && !t.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Loading…" }) : null,
    !a && !t.length && !i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No airvault DAGs visible to you." }) : null,
    t.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ua, { rows: t, busy: k, onSwitch: u, onRun: S, onEdit: (h) => r({ edit: h }) }) : null,
    n && "edit" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(fa, { row: n.edit, done: x, close: b }, n.edit.dag_id) : null,
    n && "run" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ja, { form: n.run, name: n.name, done: x, close: b }, n.run.dag_id) : null,
    n && "add" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ca, { modules: l?.modules ?? [], done: x, close: b }) : null
  ] });
}, va = ({ dagId: e }) => {
  const t = v("/api/dags/{dag_id}/backups", { dag_id: e }), i = v("/api/schedules").data?.schedules.find((s) => s.dag_id === e), a = t.data;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: 2, "data-testid": "airvault-dag-tab", children: [
    t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      i.scheduled ? i.schedule : "manual: runs when triggered",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: i.paused ? "gray" : "green", children: i.paused ? "off" : "on" }),
      i.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " · next run ",
        j(i.next_run),
        " (",
        J(i.next_run),
        ")"
      ] }) : null,
      i.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " ",
        "· last run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: i.last_run.link, colorPalette: "blue", children: i.last_run.state }),
        " ",
        j(i.last_run.when)
      ] }) : null
    ] }) : null,
    a && a.kind ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
        "Backups of ",
        a.kind,
        " · ",
        a.scope
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oe, { rows: a.backups, mayRestore: a.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, Q = [
  { value: "overview", label: "Overview", Panel: ga },
  { value: "backups", label: "Backups", Panel: Ie },
  { value: "restore", label: "Restore", Panel: ba },
  { value: "schedules", label: "Schedules", Panel: wa },
  { value: "exchange", label: "Imports & Exports", Panel: Ze },
  { value: "jobs", label: "Jobs", Panel: ra }
], ya = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return Q.some((t) => t.value === e) ? e : "overview";
}, _a = () => {
  const [e, t] = globalThis.React.useState(ya), l = (i) => {
    t(i);
    const a = new URL(window.location.href);
    a.searchParams.set("tab", i), window.history.replaceState(window.history.state, "", a);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: P(), children: "Open the classic page" }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Tabs.Root, { value: e, onValueChange: (i) => l(i.value), lazyMount: !0, unmountOnExit: !0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: Q.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: i.value, "data-testid": `airvault-tab-${i.value}`, children: i.label }, i.value)) }),
      Q.map(({ value: i, Panel: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: i, "data-testid": `airvault-panel-${i}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(a, { show: l }) }, i))
    ] })
  ] });
}, je = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(va, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(_a, {}), $a = () => {
  const e = v("/api/status"), l = v("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: Xe("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Re, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((i) => {
        const a = me(i, l);
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
            i.kind,
            " · ",
            i.scope
          ] }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: a?.label ?? (i.newest ? "(not listed)" : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "none yet" })) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: J(i.newest_at), children: j(i.newest_at) })
        ] }, `${i.kind}/${i.scope}`);
      }) })
    ] }) : null
  ] }) });
}, za = {
  Backups: je,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": $a
  // the widget on Airflow's home page
};
Object.assign(globalThis, za, { AirflowPlugin: je });
export {
  za as APPS,
  je as BackupsPage,
  $a as Dashboard
};
