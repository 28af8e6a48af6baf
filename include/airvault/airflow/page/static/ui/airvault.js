const v = (e) => new URL(`airvault${e}`, document.baseURI).toString(), y = (e = "") => v(`/${e ? `#${e}` : ""}`), ge = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class O extends Error {
  constructor(l, a) {
    super(a), this.status = l;
  }
  status;
}
async function p(e, l = {}) {
  let a = e;
  for (const [o, i] of Object.entries(l)) a = a.replace(`{${o}}`, encodeURIComponent(i));
  const t = await fetch(v(a), { credentials: "same-origin" }), s = await t.json().catch(() => null);
  if (!t.ok) {
    const o = s && typeof s.detail == "string" ? s.detail : t.statusText;
    throw new O(t.status, `${t.status}: ${o}`);
  }
  return s;
}
function j(e, l = {}, a = 30) {
  const t = JSON.stringify(l), [s, o] = globalThis.React.useState({ loading: !0 }), i = globalThis.React.useCallback(() => {
    p(e, JSON.parse(t)).then((n) => o({ data: n, loading: !1 })).catch((n) => o((r) => ({ ...r, error: n.message, loading: !1 })));
  }, [e, t]);
  return globalThis.React.useEffect(() => {
    i();
    const n = setInterval(i, a * 1e3);
    return () => clearInterval(n);
  }, [i, a]), s;
}
async function U(e, l = {}, a = {}) {
  let t = e;
  for (const [i, n] of Object.entries(a)) t = t.replace(`{${i}}`, encodeURIComponent(n));
  const s = await fetch(v(t), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(l)
  }), o = await s.json().catch(() => null);
  if (!s.ok) {
    const i = o && typeof o.detail == "string" ? o.detail : JSON.stringify(o?.detail ?? s.statusText);
    throw new O(s.status, `${s.status}: ${i}`);
  }
  return o;
}
const C = (e) => {
  if (!e) return "-";
  const l = new Date(e);
  return Number.isNaN(l.getTime()) ? e : `${l.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, g = (e, l = Date.now()) => {
  if (!e) return "-";
  const a = (new Date(e).getTime() - l) / 1e3, t = a > 0, s = Math.abs(a), [o, i] = s >= 86400 ? [s / 86400, "day"] : s >= 3600 ? [s / 3600, "hour"] : s >= 60 ? [s / 60, "minute"] : [0, ""];
  if (!i) return t ? "in a moment" : "just now";
  const n = Math.floor(o), r = `${n} ${i}${n === 1 ? "" : "s"}`;
  return t ? `in ${r}` : `${r} ago`;
}, L = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, w = (e) => {
  if (e == null) return "-";
  const l = ["B", "KB", "MB", "GB", "TB"];
  let a = e, t = 0;
  for (; a >= 1024 && t < l.length - 1; )
    a /= 1024, t += 1;
  return `${a.toFixed(t ? 1 : 0)} ${l[t]}`;
}, F = (e) => e == null ? "-" : e.toLocaleString("en-US"), Te = ({ row: e }) => {
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: C(s.started_at), children: g(s.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: F(s.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: w(s.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Te, { row: s }),
      s.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: s.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        s.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.type === "backup" && s.url && l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: y(`restore=${encodeURIComponent(s.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, s.url ?? s.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: a }), Re = (e) => {
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
function B(e, l) {
  const a = globalThis.React.useRef(e);
  a.current = e;
  const [t, s] = globalThis.React.useState({}), o = globalThis.React.useCallback(() => {
    a.current().then((i) => s({ data: i })).catch((i) => s((n) => ({ ...n, error: i.message })));
  }, []);
  return globalThis.React.useEffect(() => {
    o();
    const i = setInterval(o, l * 1e3);
    return () => clearInterval(i);
  }, [o, l]), { ...t, reload: o };
}
const me = (e, l) => {
  const a = e?.detail;
  return typeof a == "string" ? a : a === void 0 ? l : JSON.stringify(a);
};
async function Q(e, l, a, t) {
  const s = { "X-Requested-With": "airvault" };
  t && (s["Content-Type"] = t);
  const o = await fetch(v(l), { method: e, credentials: "same-origin", headers: s, body: a }), i = await o.json().catch(() => null);
  if (!o.ok) throw new O(o.status, `${o.status}: ${me(i, o.statusText)}`);
  return i;
}
const xe = (e) => Q("POST", `/api/imports/upload?filename=${encodeURIComponent(e.name)}`, e, "text/csv"), ke = (e) => Q("DELETE", `/api/exports/templates/${encodeURIComponent(e)}`), A = (e) => v(`/api/jobs/download?file=${encodeURIComponent(e)}`);
async function ee(e, l, a, t) {
  for (; ; ) {
    const s = await e();
    if (l(s) || !a()) return s;
    await new Promise((o) => setTimeout(o, t));
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
}, Se = (e) => ({
  ...le,
  ...e,
  filterText: Object.entries(e.filters).map(([l, a]) => `${l}=${a}`).join(", ")
}), pe = (e) => {
  const l = {};
  for (const a of e.split(",").map((t) => t.trim()).filter(Boolean)) {
    const t = a.indexOf("=");
    if (t < 1) throw new Error(`Filters: '${a}' is not column=value`);
    l[a.slice(0, t).trim()] = a.slice(t + 1).trim();
  }
  return l;
}, te = (e) => {
  const { filterText: l, ...a } = e;
  return { ...a, filters: pe(l) };
}, G = (e) => e.includes(".") ? e : `public.${e}`, Ce = (e, l) => {
  const a = new Map(e.modules.map((t) => [t.name, t.tables.map(G)]));
  return [...new Set(l.flatMap((t) => a.get(t) ?? [G(t)]))];
}, q = (e, l) => [
  ...new Set(Ce(e, l).flatMap((a) => e.tables[a] ?? []))
], Y = ({ legend: e, items: l, chosen: a, onChange: t, empty: s = "none" }) => {
  const o = (i, n) => t(n ? [...a, i] : a.filter((r) => r !== i));
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { fontSize: "sm", fontWeight: "medium", children: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { maxH: "11rem", overflowY: "auto", borderWidth: "1px", borderRadius: "md", px: 2, py: 1, children: l.length ? l.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
      globalThis.ChakraUI.Checkbox.Root,
      {
        size: "sm",
        display: "flex",
        py: 0.5,
        checked: a.includes(i.value),
        onCheckedChange: (n) => o(i.value, n.checked === !0),
        children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { title: i.hint, wordBreak: "break-word", children: i.label ?? i.value })
        ]
      },
      i.value
    )) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: s }) })
  ] });
}, X = ({ label: e, value: l, choices: a, change: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "10rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { value: l, onChange: (s) => t(s.target.value), children: Object.entries(a).map(([s, o]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: s, children: o }, s)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), Je = {
  csv: "CSV",
  json: "JSON lines",
  parquet: "Parquet",
  xlsx: "Excel (xlsx)",
  pdf: "PDF (a report to read)",
  zip: "ZIP (CSV files: a module's tables, or several datasets)"
}, je = ({ options: e, choices: l, change: a }) => {
  const t = e.modules.map((i) => ({ value: i.name, label: `${i.name} (module)`, hint: i.tables.join(", ") })), s = Object.keys(e.tables).map((i) => ({ value: i })), o = q(e, l.datasets);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2 }, gap: 3, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        Y,
        {
          legend: "Datasets to export",
          items: [...t, ...s],
          chosen: l.datasets,
          onChange: (i) => a({ datasets: i, columns: l.columns.filter((n) => q(e, i).includes(n)) })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        Y,
        {
          legend: "Columns (none ticked: all)",
          items: o.map((i) => ({ value: i })),
          chosen: l.columns,
          onChange: (i) => a({ columns: o.filter((n) => i.includes(n)) }),
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
          choices: Object.fromEntries(e.formats.map((i) => [i, Je[i] ?? i])),
          change: (i) => a({ format: i })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Filters" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "column=value, ...", value: l.filterText, onChange: (i) => a({ filterText: i.target.value }) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Label, { children: [
          "Tenant (",
          e.tenant_column,
          ")"
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "all tenants", value: l.tenant, onChange: (i) => a({ tenant: i.target.value }) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Time zone" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: l.timezone, onChange: (i) => a({ timezone: i.target.value }) })
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: l.readable, onCheckedChange: (i) => a({ readable: i.checked === !0 }), children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { children: "Readable: names for user ids, local times (off: raw values, exact for machines)" })
    ] })
  ] });
}, fe = ({ templates: e, problems: l, choices: a, load: t, saved: s, say: o }) => {
  const [i, n] = globalThis.React.useState(""), [r, b] = globalThis.React.useState(""), T = (c) => {
    n(c);
    const d = e.find((R) => R.name === c);
    d && t(Se(d.choices));
  }, S = async () => {
    try {
      const c = await U("/api/exports/templates", { name: r, choices: te(a) });
      o({ ok: !0, text: `Saved the export template ${c.name}: it is in the list of templates.` }), n(c.name), b(""), s();
    } catch (c) {
      o({ ok: !1, text: c.message });
    }
  }, f = async () => {
    try {
      await ke(i), o({ ok: !0, text: `Deleted the export template ${i}.` }), n(""), s();
    } catch (c) {
      o({ ok: !1, text: c.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "12rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Saved template" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Field, { value: i, onChange: (c) => T(c.target.value), "data-testid": "airvault-export-templates", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: "", children: e.length ? "choose one to load…" : "none saved yet" }),
          e.map((c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("option", { value: c.name, children: [
            c.name,
            c.saved_by ? ` (by ${c.saved_by})` : ""
          ] }, c.name))
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !i, onClick: f, "aria-label": i ? `Delete template ${i}` : "Delete template", children: "Delete template" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "12rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Save these choices as" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "template name", value: r, onChange: (c) => b(c.target.value) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !r.trim(), onClick: S, children: "Save template" }),
    l.map((c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.error", w: "full", children: c }, c))
  ] });
}, se = ({ said: e, testId: l }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.ok ? "info" : "error", role: e.ok ? "status" : "alert", "data-testid": l, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: e.text }),
    e.more ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Description, { children: e.more }) : null
  ] })
] }) : null, Xe = ["success", "failed"], Ie = ({ job: e, link: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", "data-testid": "airvault-export-files", children: [
  e.files.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: A(a.file ?? ""), download: !0, colorPalette: "blue", children: a.name }, a.file)),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: l, color: "fg.muted", children: "the run in Airflow" })
] }), Ue = ({ show: e, exported: l }) => {
  const a = B(() => p("/api/exports/options"), 300), [t, s] = globalThis.React.useState(le), [o, i] = globalThis.React.useState(""), [n, r] = globalThis.React.useState(null), [b, T] = globalThis.React.useState(!1), S = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    S.current = !1;
  }, []);
  const f = (d) => s((R) => ({ ...R, ...d })), c = async () => {
    T(!0);
    try {
      const d = await U("/api/exports", { ...te(t), run_after: ae(o) });
      if (o) {
        r({ ok: !0, text: `Export scheduled for ${C(d.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      r({ ok: !0, text: "Export running…", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: d.link, children: "the run in Airflow" }) }), await ee(
        () => p("/api/runs/{dag_id}/{run_id}", { dag_id: d.dag_id, run_id: d.run_id }),
        (J) => Xe.includes(J.state),
        () => S.current,
        3e3
      );
      const R = (await p("/api/jobs")).jobs.find((J) => J.run_id === d.run_id);
      if (!R || !S.current) return;
      const _ = R.state === "done", m = _ ? `Export done: ${(R.records ?? 0).toLocaleString("en-US")} records.` : `The export ${R.state}: its log in Airflow says why.`;
      r({ ok: _, text: m, more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ie, { job: R, link: d.link }) }), l();
    } catch (d) {
      r({ ok: !1, text: d.message });
    } finally {
      T(!1);
    }
  };
  return a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: (d) => (d.preventDefault(), void c()), "data-testid": "airvault-export-form", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      fe,
      {
        templates: a.data.templates,
        problems: a.data.template_problems,
        choices: t,
        load: s,
        saved: a.reload,
        say: r
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(je, { options: a.data, choices: t, change: f }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Later, at (UTC; empty: now)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: o, onChange: (d) => i(d.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: b, disabled: !t.datasets.length, children: o ? "Schedule export" : "Export now" }),
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(se, { said: n, testId: "airvault-export-said" })
  ] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the export choices…" });
}, we = 20, ve = ({ exports: e, mayDownload: l }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-exports", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Rows" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Size" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Download" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.slice(0, we).map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-report": a.report, children: [
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: F(a.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: w(a.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: a.triggered_by ?? "-" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      a.file ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: A(a.file), download: !0, colorPalette: "blue", wordBreak: "break-all", me: 2, children: a.file.split("/").pop() }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: A(a.report), download: !0, fontSize: "xs", color: "fg.muted", children: "report.json" })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, a.report)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No exports in this storage yet." }), ye = ({ columns: e, sample: l, tableColumns: a, mapping: t, change: s }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-import-mapping", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "File column" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "First values" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Table column" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((o, i) => {
    const n = t[o] ?? o, r = a ? a.includes(n) ? a : [n, ...a] : [n];
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: o }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { maxW: "16rem", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: l.map((b) => b[i] ?? "").join(" · ") }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "xs", minW: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": `Table column for ${o}`, value: n, onChange: (b) => s(o, b.target.value), children: r.map((b) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: b, children: a && !a.includes(b) ? `${b} (not a column of the table)` : b }, b)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] }) })
    ] }, o);
  }) })
] }) }), _e = ({ rejects: e, counts: l }) => {
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
}, I = (e) => (e ?? 0).toLocaleString("en-US"), $e = (e) => `${I(e)} ${e === 1 ? "row" : "rows"}`, ze = ({ result: e, dryRun: l, run: a, busy: t }) => {
  const [s, o] = globalThis.React.useState(""), i = e.report, n = l ? "Dry run" : "Import";
  if (!i) {
    const b = e.failure;
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.error", "data-testid": "airvault-import-summary", children: [
      "The ",
      n.toLowerCase(),
      " ended ",
      e.state,
      " without a report",
      b?.error ? `: ${b.error}` : " (its log in Airflow says why)",
      ". ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] });
  }
  const r = i.problems && i.problems !== i.rejected ? ` (${I(i.problems)} problems)` : "";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: i.rejected ? "fg.error" : void 0, "data-testid": "airvault-import-summary", children: [
      n,
      ": ",
      $e(i.rows),
      " read, ",
      I(i.inserted),
      " ",
      l ? "to insert" : "inserted",
      ", ",
      I(i.updated),
      " ",
      l ? "to update" : "updated",
      ", ",
      I(i.rejected),
      " rejected",
      r,
      ". ",
      i.message ?? "",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] }),
    e.withheld ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: e.withheld }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(_e, { rejects: e.rejects ?? [], counts: i }),
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: t, onClick: () => a(!1, ""), children: "Import now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "or at (UTC)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: s, onChange: (b) => o(b.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !s, onClick: () => a(!1, s), children: "Schedule import" })
    ] }) : null
  ] });
}, Be = (e, l) => {
  const a = e.columns.map((s) => l?.mapping[s] ?? s), t = (s) => a.filter((o) => e.tables[s].includes(o)).length;
  return Object.keys(e.tables).sort((s, o) => t(o) - t(s))[0] ?? "";
}, Ae = { upsert: "upsert", insert: "insert", "update-only": "update-only" }, Fe = { atomic: "reject the whole file", skip: "skip them, import the rest" }, He = () => {
  const [e, l] = globalThis.React.useState(null), [a, t] = globalThis.React.useState(null), [s, o] = globalThis.React.useState(""), [i, n] = globalThis.React.useState(""), [r, b] = globalThis.React.useState({}), [T, S] = globalThis.React.useState("upsert"), [f, c] = globalThis.React.useState("atomic"), [d, R] = globalThis.React.useState(""), [_, m] = globalThis.React.useState(null), [J, D] = globalThis.React.useState(null), [H, $] = globalThis.React.useState(!1), W = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    W.current = !1;
  }, []);
  const N = (u, h) => {
    n(h), b({ ...u.mappings.find((k) => k.name === h)?.mapping ?? {} });
  }, ce = async (u) => {
    if (u.preventDefault(), !e) return m({ ok: !1, text: "Choose a .csv file first." });
    $(!0), D(null);
    try {
      const h = await xe(e), k = h.mappings.find((x) => x.fits);
      t(h), N(h, k?.name ?? ""), o(Be(h, k)), m({ ok: !0, text: `${h.name}: ${h.columns.length} columns. Check the mapping, then a dry run.` });
    } catch (h) {
      m({ ok: !1, text: h.message });
    } finally {
      $(!1);
    }
  }, M = async (u, h) => {
    if (!a) return;
    $(!0);
    const k = Object.fromEntries(a.columns.map((x) => [x, r[x] ?? x]));
    try {
      const x = { file: a.file, table: s, mapping: k, template: i, mode: T, policy: f, dry_run: u, run_after: ae(h) }, V = await U("/api/imports", x);
      if (h) {
        m({ ok: !0, text: `Import scheduled for ${C(V.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      m({ ok: !0, text: `${u ? "Dry run" : "Import"} running…` });
      const be = await ee(
        () => p("/api/imports/{run_id}", { run_id: V.run_id }),
        (de) => ["success", "failed"].includes(de.state),
        () => W.current,
        3e3
      );
      m(null), D({ report: be, dryRun: u });
    } catch (x) {
      m({ ok: !1, text: x.message });
    } finally {
      $(!1);
    }
  }, ue = async () => {
    if (!a) return;
    const u = Object.fromEntries(a.columns.map((h) => [h, r[h] ?? h]));
    try {
      const h = await U("/api/imports/templates", { name: d, table: s, mapping: u }), k = [...a.mappings.filter((x) => x.name !== h.name), { ...h, fits: !0 }];
      t({ ...a, mappings: k }), n(h.name), R(""), m({ ok: !0, text: `Saved the mapping ${h.name}: offered for the next file too.` });
    } catch (h) {
      m({ ok: !1, text: h.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-import-form", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Import a CSV" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: ce, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "CSV file" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "file", accept: ".csv,text/csv", p: 1, onChange: (u) => l(u.target.files?.[0] ?? null) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", variant: "outline", loading: H && !a, children: "Upload and map columns" })
    ] }) }),
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        Object.keys(a.tables).length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(X, { label: "Into table", value: s, choices: Object.fromEntries(Object.keys(a.tables).map((u) => [u, u])), change: o }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Into table" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "schema.table", value: s, onChange: (u) => o(u.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
          X,
          {
            label: "Saved mapping",
            value: i,
            choices: { "": "none", ...Object.fromEntries(a.mappings.map((u) => [u.name, `${u.name}${u.fits ? " (fits this file)" : ""}`])) },
            change: (u) => N(a, u)
          }
        ),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(X, { label: "Mode", value: T, choices: Ae, change: S }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(X, { label: "Bad rows", value: f, choices: Fe, change: c })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        ye,
        {
          columns: a.columns,
          sample: a.sample ?? [],
          tableColumns: a.tables[s],
          mapping: r,
          change: (u, h) => b((k) => ({ ...k, [u]: h }))
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: H, onClick: () => M(!0, ""), children: "Dry run" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Save this mapping as" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "template name", value: d, onChange: (u) => R(u.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !d.trim(), onClick: ue, children: "Save mapping" })
      ] })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "A dry run checks every row and writes nothing; the import then runs in one transaction." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(se, { said: _, testId: "airvault-import-said" }),
    J ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ze, { result: J.report, dryRun: J.dryRun, run: M, busy: H }) : null
  ] });
}, Le = ({ show: e }) => {
  const l = B(() => p("/api/backups"), 60), a = l.data?.may ?? {};
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 6, "data-testid": "airvault-exchange-tab", children: [
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
    a.export ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ue, { show: e, exported: l.reload }) : null,
    l.data && !a.export && !a.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Your role may read exports but not start exports or imports: that needs the right to trigger the export and import DAGs." }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-exports-title", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", mb: 2, id: "airvault-exports-title", children: "Exports in storage" }),
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ve, { exports: l.data.exports, mayDownload: !!a.export }) : null
    ] }),
    a.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(He, {}) : null
  ] });
}, P = (e) => e === "import" ? "Import" : e === "export" || e.startsWith("export_") ? "Export" : e.startsWith("restore") ? "Restore" : e === "backup_diff" ? "Compare" : e === "pg_dump_archive" ? "Archive" : e, Pe = (e, l = Date.now()) => {
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
}, Ee = ({ job: e, mayDownload: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 0, children: [
  l ? e.files.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: A(a.file), download: !0, colorPalette: "blue", wordBreak: "break-all", children: a.name }, a.file)) : null,
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, fontSize: "xs", color: "fg.muted", children: "run in Airflow" })
] }), Oe = ({ jobs: e, mayDownload: l, cancelling: a, onCancel: t, progressOf: s }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-jobs", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Job" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "State" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Records" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Result" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.VisuallyHidden, { children: "Actions" }) })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((o) => {
    const i = Pe(o);
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-run": o.run_id, "data-state": o.state, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "20rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: P(o.dag_id) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: o.what })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: i.palette, children: i.word }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", title: C(o.state === "pending" ? o.run_after : o.ended), children: i.when }),
        o.state === "running" ? s(o) : null,
        o.state === "cancelled" && o.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: o.note }) : null
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: o.asked_by ?? "-" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: F(o.records) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ee, { job: o, mayDownload: l }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: o.may_cancel ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "xs",
          variant: "outline",
          colorPalette: "red",
          loading: a === o.run_id,
          "aria-label": `Cancel ${o.what}`,
          onClick: () => t(o),
          children: "Cancel"
        }
      ) : null })
    ] }, `${o.dag_id}/${o.run_id}`);
  }) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
  "No jobs yet: exports and imports start on the Imports & Exports tab, restores on the",
  " ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: y(), children: "classic page" }),
  "."
] }), De = ["export", "import", "archive", "restore"], We = { export: "Exporting", import: "Importing", archive: "Archiving", restore: "Restoring" }, Ne = (e) => e.bytes_estimate ? Math.min(100, 100 * (e.bytes ?? 0) / e.bytes_estimate) : e.tables_total ? 100 * (e.tables_done ?? 0) / e.tables_total : null, ie = ({ row: e }) => {
  const l = e.progress ?? {}, t = `${e.type === "restore" && l.kind === "restore-plan" ? "Planning a restore of" : We[e.type] ?? e.type} ${l.label ?? l.scope ?? e.folder}`, s = Ne(l);
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
}, Me = ({ rows: e }) => {
  const l = e.filter((a) => De.includes(a.type));
  return l.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Stack, { gap: 2, "aria-label": "Running now", children: l.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ie, { row: a }, a.folder)) }) : null;
}, K = { Export: "export", Import: "import", Archive: "archive", Restore: "restore" }, Ve = (e, l) => (a) => {
  const t = K[P(a.dag_id)], s = l.filter((i) => i.type === t), o = e.filter((i) => i.state === "running" && K[P(i.dag_id)] === t);
  return s.length === 1 && o.length === 1 ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ie, { row: s[0] }) : null;
}, Ge = (e) => {
  const l = B(() => p("/api/jobs"), 10), a = B(() => p("/api/running"), 5), [t, s] = globalThis.React.useState(null), [o, i] = globalThis.React.useState(null), n = a.data?.running ?? [], r = l.data?.jobs ?? [], b = async (T) => {
    i(T.run_id);
    try {
      await U("/api/jobs/{dag_id}/{run_id}/cancel", {}, { dag_id: T.dag_id, run_id: T.run_id }), s({ ok: !0, text: `Cancelled: ${T.what} will not run.` });
    } catch (S) {
      s({ ok: !1, text: S.message });
    } finally {
      i(null), l.reload();
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 4, "data-testid": "airvault-jobs-tab", children: [
    t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: t.ok ? "success" : "error", role: t.ok ? "status" : "alert", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: t.text })
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Me, { rows: n }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Jobs" }),
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
    l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      Oe,
      {
        jobs: r,
        mayDownload: l.data.may_download,
        cancelling: o,
        onCancel: b,
        progressOf: Ve(r, n)
      }
    ) : l.error ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the jobs…" })
  ] });
}, oe = { ok: "green", stale: "orange", failing: "red" }, z = ({ children: e, state: l, testId: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${oe[l] ?? "gray"}.solid`, "data-testid": a, children: e }), qe = ({ card: e, newest: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(z, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: oe[e.state] ?? "gray", children: e.state })
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
] }), ne = (e, l = []) => l.find((a) => a.url === e.newest), Ye = ({ status: e, rows: l, compact: a = !1 }) => {
  const t = e.drill, s = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: a ? 3 : 4 }, gap: 3, children: [
    e.cards.map((o) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(qe, { card: o, newest: ne(o, l) }, `${o.kind}/${o.scope}`)),
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
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([o, i]) => `${o} ${w(i)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, Ke = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, Ze = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
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
] }), re = ({ status: e, error: l, findings: a = !0 }) => {
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
        Ke(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        a && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ze, { finding: s }, `${s.where}:${s.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          g(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, Qe = (e) => {
  const l = j("/api/status"), t = j("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(re, { status: l.data, error: l.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ye, { status: l.data, rows: t }) : null
    ] })
  ] });
}, ea = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: y(), children: "classic Backups page" }),
  " for now."
] }), aa = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: y(), children: "classic Backups page" }),
  " for now."
] }), la = ({ dagId: e }) => {
  const l = j("/api/dags/{dag_id}/backups", { dag_id: e }), t = j("/api/schedules").data?.schedules.find((o) => o.dag_id === e), s = l.data;
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
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Z, { rows: s.backups, mayRestore: s.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, E = [
  { value: "overview", label: "Overview", Panel: Qe },
  { value: "backups", label: "Backups", Panel: Re },
  { value: "restore", label: "Restore", Panel: ea },
  { value: "schedules", label: "Schedules", Panel: aa },
  { value: "exchange", label: "Imports & Exports", Panel: Le },
  { value: "jobs", label: "Jobs", Panel: Ge }
], ta = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return E.some((l) => l.value === e) ? e : "overview";
}, sa = () => {
  const [e, l] = globalThis.React.useState(ta), a = (t) => {
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
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: E.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: t.value, "data-testid": `airvault-tab-${t.value}`, children: t.label }, t.value)) }),
      E.map(({ value: t, Panel: s }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: t, "data-testid": `airvault-panel-${t}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(s, { show: a }) }, t))
    ] })
  ] });
}, he = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(la, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(sa, {}), ia = () => {
  const e = j("/api/status"), a = j("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: ge("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(re, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((t) => {
        const s = ne(t, a);
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
}, oa = {
  Backups: he,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": ia
  // the widget on Airflow's home page
};
Object.assign(globalThis, oa, { AirflowPlugin: he });
export {
  oa as APPS,
  he as BackupsPage,
  ia as Dashboard
};
