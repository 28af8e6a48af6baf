const R = (e) => new URL(`airvault${e}`, document.baseURI).toString(), d = (e = "") => R(`/${e ? `#${e}` : ""}`), j = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class J extends Error {
  constructor(t, s) {
    super(s), this.status = t;
  }
  status;
}
async function p(e, t = {}) {
  let s = e;
  for (const [i, o] of Object.entries(t)) s = s.replace(`{${i}}`, encodeURIComponent(o));
  const l = await fetch(R(s), { credentials: "same-origin" }), a = await l.json().catch(() => null);
  if (!l.ok) {
    const i = a && typeof a.detail == "string" ? a.detail : l.statusText;
    throw new J(l.status, `${l.status}: ${i}`);
  }
  return a;
}
function h(e, t = {}, s = 30) {
  const l = JSON.stringify(t), [a, i] = globalThis.React.useState({ loading: !0 }), o = globalThis.React.useCallback(() => {
    p(e, JSON.parse(l)).then((n) => i({ data: n, loading: !1 })).catch((n) => i((c) => ({ ...c, error: n.message, loading: !1 })));
  }, [e, l]);
  return globalThis.React.useEffect(() => {
    o();
    const n = setInterval(o, s * 1e3);
    return () => clearInterval(n);
  }, [o, s]), a;
}
const u = (e) => {
  if (!e) return "-";
  const t = new Date(e);
  return Number.isNaN(t.getTime()) ? e : `${t.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, r = (e, t = Date.now()) => {
  if (!e) return "-";
  const s = (new Date(e).getTime() - t) / 1e3, l = s > 0, a = Math.abs(s), [i, o] = a >= 86400 ? [a / 86400, "day"] : a >= 3600 ? [a / 3600, "hour"] : a >= 60 ? [a / 60, "minute"] : [0, ""];
  if (!o) return l ? "in a moment" : "just now";
  const n = Math.floor(i), c = `${n} ${o}${n === 1 ? "" : "s"}`;
  return l ? `in ${c}` : `${c} ago`;
}, b = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, T = (e) => {
  if (e == null) return "-";
  const t = ["B", "KB", "MB", "GB", "TB"];
  let s = e, l = 0;
  for (; s >= 1024 && l < t.length - 1; )
    s /= 1024, l += 1;
  return `${s.toFixed(l ? 1 : 0)} ${t[l]}`;
}, X = (e) => e == null ? "-" : e.toLocaleString("en-US"), I = ({ row: e }) => {
  const t = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: t, children: e.verified === "-" ? "not yet" : e.verified });
}, m = ({ rows: e, mayRestore: t, empty: s = "No backup yet.", showScope: l = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Backup" }),
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Kind · scope" }) : null,
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
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      a.kind,
      " · ",
      a.scope
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: u(a.started_at), children: r(a.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: X(a.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: T(a.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(I, { row: a }),
      a.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: a.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        a.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: a.type === "backup" && a.url && t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: d(`restore=${encodeURIComponent(a.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, a.url ?? a.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: s }), x = { ok: "green", stale: "orange", failing: "red" }, g = ({ children: e, state: t, testId: s }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${x[t] ?? "gray"}.solid`, "data-testid": s, children: e }), f = ({ card: e, newest: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(g, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: x[e.state] ?? "gray", children: e.state })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: t?.label ?? (e.newest ? "newest backup" : "no usable backup yet") }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
    e.age_hours === null || e.age_hours === void 0 ? "" : `${b(e.age_hours)} old`,
    e.target_hours !== null && e.target_hours !== void 0 ? ` · target ${b(e.target_hours)}` : "",
    e.verified === !1 ? " · verification FAILED" : e.verified ? " · verified" : ""
  ] }),
  e.failed_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: e.failed_run.link, fontSize: "sm", color: "fg.error", children: [
    "last run of ",
    e.failed_run.dag_id,
    " failed"
  ] }) : null
] }), k = (e, t = []) => t.find((s) => s.url === e.newest), U = ({ status: e, rows: t, compact: s = !1 }) => {
  const l = e.drill, a = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: s ? 3 : 4 }, gap: 3, children: [
    e.cards.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(f, { card: i, newest: k(i, t) }, `${i.kind}/${i.scope}`)),
    s ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(g, { state: l ? l.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: l ? `${l.ok ? "passed" : "FAILED"}: ${l.kind}/${l.scope} ${r(l.drilled_at)}` : "no restore drill yet" }),
        l?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          l.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(g, { state: a.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          a.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: a.rpo_seconds === null || a.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${b(a.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(g, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          T(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([i, o]) => `${i} ${T(o)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, w = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, y = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.severity === "red" ? "red" : "orange", mr: 2, children: e.severity === "red" ? "at risk" : "behind target" }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", fontWeight: "semibold", children: e.where }),
  ": ",
  e.what,
  e.since ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", title: u(e.since), children: [
    " ",
    "(since ",
    r(e.since),
    ")"
  ] }) : null,
  ". ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", children: [
    "Fix: ",
    e.fix
  ] })
] }), S = ({ status: e, error: t, findings: s = !0 }) => {
  if (!e)
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: t ? "error" : "info", "data-testid": "airvault-verdict", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: t ? `Am I safe? Cannot tell: ${t}` : "Am I safe? Checking…" })
    ] });
  const l = e.findings.some((a) => a.severity === "red");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.safe ? "success" : l ? "error" : "warning", "data-testid": "airvault-verdict", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Title, { children: [
        "Am I safe? ",
        w(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        s && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(y, { finding: a }, `${a.where}:${a.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          r(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, v = ({ dagId: e }) => {
  const t = h("/api/dags/{dag_id}/backups", { dag_id: e }), l = h("/api/schedules").data?.schedules.find((i) => i.dag_id === e), a = t.data;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: 2, "data-testid": "airvault-dag-tab", children: [
    t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      l.scheduled ? l.schedule : "manual: runs when triggered",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: l.paused ? "gray" : "green", children: l.paused ? "off" : "on" }),
      l.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " · next run ",
        r(l.next_run),
        " (",
        u(l.next_run),
        ")"
      ] }) : null,
      l.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " ",
        "· last run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: l.last_run.link, colorPalette: "blue", children: l.last_run.state }),
        " ",
        r(l.last_run.when)
      ] }) : null
    ] }) : null,
    a && a.kind ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
        "Backups of ",
        a.kind,
        " · ",
        a.scope
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(m, { rows: a.backups, mayRestore: a.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, $ = () => {
  const e = h("/api/status"), t = h("/api/backups"), s = t.data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: d(), children: "Open the full Backups page" }) }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(S, { status: e.data, error: e.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      e.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(U, { status: e.data, rows: s }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-history-title", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 1, id: "airvault-history-title", children: "History" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", mb: 2, children: [
        t.data ? `Storage: ${t.data.storage}. ` : "",
        "Download, verify, compare, delete, imports, exports and jobs are on the",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: d(), colorPalette: "blue", children: "full Backups page" }),
        "."
      ] }),
      t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
      t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(m, { rows: s, mayRestore: t.data.may.restore ?? !1 }) : null
    ] })
  ] });
}, C = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(v, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx($, {}), _ = () => {
  const e = h("/api/status"), s = h("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: j("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(S, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((l) => {
        const a = k(l, s);
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
            l.kind,
            " · ",
            l.scope
          ] }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: a?.label ?? (l.newest ? "(not listed)" : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "none yet" })) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: u(l.newest_at), children: r(l.newest_at) })
        ] }, `${l.kind}/${l.scope}`);
      }) })
    ] }) : null
  ] }) });
}, B = {
  Backups: C,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": _
  // the widget on Airflow's home page
};
Object.assign(globalThis, B, { AirflowPlugin: C });
export {
  B as APPS,
  C as BackupsPage,
  _ as Dashboard
};
