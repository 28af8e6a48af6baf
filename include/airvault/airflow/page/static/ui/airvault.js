const B = (e) => new URL(`airvault${e}`, document.baseURI).toString(), U = (e = "") => B(`/${e ? `#${e}` : ""}`), ie = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class O extends Error {
  constructor(t, s) {
    super(s), this.status = t;
  }
  status;
}
async function X(e, t = {}) {
  let s = e;
  for (const [i, n] of Object.entries(t)) s = s.replace(`{${i}}`, encodeURIComponent(n));
  const a = await fetch(B(s), { credentials: "same-origin" }), l = await a.json().catch(() => null);
  if (!a.ok) {
    const i = l && typeof l.detail == "string" ? l.detail : a.statusText;
    throw new O(a.status, `${a.status}: ${i}`);
  }
  return l;
}
function J(e, t = {}, s = 30) {
  const a = JSON.stringify(t), [l, i] = globalThis.React.useState({ loading: !0 }), n = globalThis.React.useCallback(() => {
    X(e, JSON.parse(a)).then((h) => i({ data: h, loading: !1 })).catch((h) => i((d) => ({ ...d, error: h.message, loading: !1 })));
  }, [e, a]);
  return globalThis.React.useEffect(() => {
    n();
    const h = setInterval(n, s * 1e3);
    return () => clearInterval(h);
  }, [n, s]), l;
}
async function I(e, t = {}, s = {}) {
  let a = e;
  for (const [n, h] of Object.entries(s)) a = a.replace(`{${n}}`, encodeURIComponent(h));
  const l = await fetch(B(a), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(t)
  }), i = await l.json().catch(() => null);
  if (!l.ok) {
    const n = i && typeof i.detail == "string" ? i.detail : JSON.stringify(i?.detail ?? l.statusText);
    throw new O(l.status, `${l.status}: ${n}`);
  }
  return i;
}
const k = (e) => {
  if (!e) return "-";
  const t = new Date(e);
  return Number.isNaN(t.getTime()) ? e : `${t.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, j = (e, t = Date.now()) => {
  if (!e) return "-";
  const s = (new Date(e).getTime() - t) / 1e3, a = s > 0, l = Math.abs(s), [i, n] = l >= 86400 ? [l / 86400, "day"] : l >= 3600 ? [l / 3600, "hour"] : l >= 60 ? [l / 60, "minute"] : [0, ""];
  if (!n) return a ? "in a moment" : "just now";
  const h = Math.floor(i), d = `${h} ${n}${h === 1 ? "" : "s"}`;
  return a ? `in ${d}` : `${d} ago`;
}, $ = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, z = (e) => {
  if (e == null) return "-";
  const t = ["B", "KB", "MB", "GB", "TB"];
  let s = e, a = 0;
  for (; s >= 1024 && a < t.length - 1; )
    s /= 1024, a += 1;
  return `${s.toFixed(a ? 1 : 0)} ${t[a]}`;
}, se = (e) => e == null ? "-" : e.toLocaleString("en-US"), ne = ({ row: e }) => {
  const t = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: t, children: e.verified === "-" ? "not yet" : e.verified });
}, D = ({ rows: e, mayRestore: t, empty: s = "No backup yet.", showScope: a = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Backup" }),
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Kind · scope" }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Rows" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Size" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Verified" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Actions" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "22rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "medium", wordBreak: "break-word", children: l.label ?? l.id }),
      l.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: l.note }) : null
    ] }),
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      l.kind,
      " · ",
      l.scope
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: k(l.started_at), children: j(l.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: se(l.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: z(l.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ne, { row: l }),
      l.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: l.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        l.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: l.type === "backup" && l.url && t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: U(`restore=${encodeURIComponent(l.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, l.url ?? l.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: s }), oe = (e) => {
  const t = J("/api/backups");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
      "Storage: ",
      t.data.storage
    ] }) : null,
    t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
    t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(D, { rows: t.data.backups, mayRestore: t.data.may.restore ?? !1 }) : null
  ] });
}, re = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: U(), children: "classic Backups page" }),
  " for now."
] }), he = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: U(), children: "classic Backups page" }),
  " for now."
] }), E = { ok: "green", stale: "orange", failing: "red" }, v = ({ children: e, state: t, testId: s }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${E[t] ?? "gray"}.solid`, "data-testid": s, children: e }), ce = ({ card: e, newest: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(v, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: E[e.state] ?? "gray", children: e.state })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: t?.label ?? (e.newest ? "newest backup" : "no usable backup yet") }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
    e.age_hours === null || e.age_hours === void 0 ? "" : `${$(e.age_hours)} old`,
    e.target_hours !== null && e.target_hours !== void 0 ? ` · target ${$(e.target_hours)}` : "",
    e.verified === !1 ? " · verification FAILED" : e.verified ? " · verified" : ""
  ] }),
  e.failed_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: e.failed_run.link, fontSize: "sm", color: "fg.error", children: [
    "last run of ",
    e.failed_run.dag_id,
    " failed"
  ] }) : null
] }), W = (e, t = []) => t.find((s) => s.url === e.newest), ue = ({ status: e, rows: t, compact: s = !1 }) => {
  const a = e.drill, l = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: s ? 3 : 4 }, gap: 3, children: [
    e.cards.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ce, { card: i, newest: W(i, t) }, `${i.kind}/${i.scope}`)),
    s ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(v, { state: a ? a.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: a ? `${a.ok ? "passed" : "FAILED"}: ${a.kind}/${a.scope} ${j(a.drilled_at)}` : "no restore drill yet" }),
        a?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          a.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(v, { state: l.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          l.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: l.rpo_seconds === null || l.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${$(l.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(v, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          z(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([i, n]) => `${i} ${z(n)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, de = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, ge = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.severity === "red" ? "red" : "orange", mr: 2, children: e.severity === "red" ? "at risk" : "behind target" }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", fontWeight: "semibold", children: e.where }),
  ": ",
  e.what,
  e.since ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", title: k(e.since), children: [
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
] }), P = ({ status: e, error: t, findings: s = !0 }) => {
  if (!e)
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: t ? "error" : "info", "data-testid": "airvault-verdict", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: t ? `Am I safe? Cannot tell: ${t}` : "Am I safe? Checking…" })
    ] });
  const a = e.findings.some((l) => l.severity === "red");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.safe ? "success" : a ? "error" : "warning", "data-testid": "airvault-verdict", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Title, { children: [
        "Am I safe? ",
        de(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        s && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ge, { finding: l }, `${l.where}:${l.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          j(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, be = (e) => {
  const t = J("/api/status"), a = J("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(P, { status: t.data, error: t.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ue, { status: t.data, rows: a }) : null
    ] })
  ] });
}, Te = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: U(), children: "classic Backups page" }),
  " for now."
] }), q = ["manual", "hourly", "daily", "weekly", "monthly", "cron"], me = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], Re = ["keep_last", "keep_days", "daily", "weekly", "monthly", "yearly", "minimum_good"], f = (e) => e !== void 0 && /^\d+$/.test(e), M = (e, t, s) => {
  const [a, l, i, , n] = (e ?? "").split(" "), h = f(a) ? `${(f(l) ? l : "0").padStart(2, "0")}:${a.padStart(2, "0")}` : "02:00";
  return {
    preset: q.includes(t) ? t : "cron",
    time: h,
    weekday: f(n) ? Number(n) : 0,
    day: f(i) ? Number(i) : 1,
    cron: e ?? "",
    timezone: s
  };
}, G = (e) => ({
  preset: e.preset,
  time: e.time || "00:00",
  weekday: e.weekday,
  day: e.day,
  cron: e.preset === "cron" && e.cron.trim() || null,
  timezone: e.timezone.trim() || "UTC"
}), Se = () => {
  const [e, t] = globalThis.React.useState({ rows: [], loading: !0 }), s = globalThis.React.useCallback(async () => {
    try {
      const [a, l] = await Promise.all([X("/api/schedules"), X("/api/schedule-settings")]), i = new Map(l.settings.map((h) => [h.dag_id, h])), n = a.schedules.map((h) => ({
        ...h,
        name: l.names[h.dag_id] ?? h.dag_id,
        setting: i.get(h.dag_id)
      }));
      t({ rows: n, settings: l, loading: !1 });
    } catch (a) {
      t((l) => ({ ...l, error: a.message, loading: !1 }));
    }
  }, []);
  return globalThis.React.useEffect(() => {
    s();
    const a = setInterval(() => {
      s();
    }, 3e4);
    return () => clearInterval(a);
  }, [s]), { ...e, reload: s };
}, xe = (e) => {
  if (!e.scheduled) return "manual";
  const t = e.schedule ?? "", s = e.setting?.timezone;
  return s && s !== "UTC" ? t.replace(/ UTC$/, ` (${s})`) : t;
}, ke = (e) => e ? e.source === "added" ? `added on the page by ${e.added_by ?? "?"}` : e.source === "edit" ? `edited on the page by ${e.edited_by ?? "?"}` : "from the config file" : "", pe = () => {
  const e = Intl;
  return typeof e.supportedValuesOf == "function" ? e.supportedValuesOf("timeZone") : ["UTC"];
}, L = (e) => Object.fromEntries(Object.entries(e ?? {}).filter(([, t]) => typeof t == "number")), V = ({ scope: e, value: t, onChange: s, note: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Legend, { children: [
    "Retention of ",
    e,
    " backups",
    a ? ` (${a})` : ""
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", children: Re.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `retention-${l}`, children: l.replace("_", " ") }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      globalThis.ChakraUI.Input,
      {
        id: `retention-${l}`,
        type: "number",
        size: "sm",
        w: "6rem",
        min: l === "minimum_good" ? 0 : 1,
        value: t[l] ?? "",
        onChange: (i) => {
          const n = { ...t };
          i.target.value === "" ? delete n[l] : n[l] = Number(i.target.value), s(n);
        }
      }
    )
  ] }, l)) })
] }), K = ({ value: e, onChange: t, manual: s, idPrefix: a }) => {
  const l = (n) => t({ ...e, ...n }), i = e.preset;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${a}-preset`, children: "Repeat" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: `${a}-preset`, value: i, onChange: (n) => l({ preset: n.target.value }), children: q.filter((n) => s || n !== "manual").map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: n, children: n }, n)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }),
    ["hourly", "daily", "weekly", "monthly"].includes(i) ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${a}-time`, children: i === "hourly" ? "At (its minutes past the hour)" : "At" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${a}-time`, type: "time", size: "sm", w: "8rem", value: e.time, onChange: (n) => l({ time: n.target.value }) })
    ] }) : null,
    i === "weekly" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${a}-weekday`, children: "Day of the week" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: `${a}-weekday`, value: e.weekday, onChange: (n) => l({ weekday: Number(n.target.value) }), children: me.map((n, h) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: h, children: n }, n)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }) : null,
    i === "monthly" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${a}-day`, children: "Day of the month" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${a}-day`, type: "number", min: 1, max: 28, size: "sm", w: "6rem", value: e.day, onChange: (n) => l({ day: Number(n.target.value) || 1 }) })
    ] }) : null,
    i === "cron" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${a}-cron`, children: "Cron" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${a}-cron`, size: "sm", w: "11rem", placeholder: "m h dom mon dow", value: e.cron, onChange: (n) => l({ cron: n.target.value }) })
    ] }) : null,
    i !== "manual" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${a}-timezone`, children: "Time zone" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${a}-timezone`, size: "sm", w: "12rem", list: `${a}-zones`, value: e.timezone, onChange: (n) => l({ timezone: n.target.value }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("datalist", { id: `${a}-zones`, children: pe().map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: n }, n)) })
    ] }) : null
  ] });
}, H = [
  { value: "tenant", label: "Tenant backup", prefix: "tenant_backup_" },
  { value: "module", label: "Module backup", prefix: "module_backup_" },
  { value: "archive", label: "Archive (pg_dump)", prefix: "pg_dump_archive_" },
  { value: "export", label: "Recurring export", prefix: "export_" }
], Ce = ["csv", "json", "parquet", "xlsx", "pdf"], _ = ({ id: e, label: t, value: s, options: a, onChange: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: e, children: t }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "12rem", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: e, value: s, onChange: (i) => l(i.target.value), children: a.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: i, children: i }, i)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), je = ({ modules: e, done: t, close: s }) => {
  const [a, l] = globalThis.React.useState("tenant"), [i, n] = globalThis.React.useState(""), [h, d] = globalThis.React.useState(e[0] ?? ""), [R, p] = globalThis.React.useState(""), [C, o] = globalThis.React.useState(e), [g, b] = globalThis.React.useState(e[0] ?? ""), [u, T] = globalThis.React.useState("csv"), [r, S] = globalThis.React.useState(!0), [m, y] = globalThis.React.useState("UTC"), [A, Y] = globalThis.React.useState(() => M("0 2 * * *", "daily", "UTC")), [w, Q] = globalThis.React.useState({}), [ee, N] = globalThis.React.useState(!1);
  globalThis.React.useEffect(() => {
    X("/api/exports/options").then((c) => o([...c.modules.map((x) => x.name), ...Object.keys(c.tables)])).catch(() => {
    });
  }, []);
  const ae = H.find((c) => c.value === a).prefix, le = async () => {
    const c = {
      ...G(A),
      kind: a,
      name: i.trim(),
      module: a === "module" ? h : null,
      tenant: a === "tenant" ? R.trim() : null,
      dataset: a === "export" ? g : null,
      format: u,
      readable: r,
      export_timezone: m.trim() || "UTC",
      retention: (a === "tenant" || a === "module") && Object.keys(w).length ? w : null
    };
    N(!0);
    try {
      const x = await I("/api/schedule-settings", c);
      t(`${x.setting.name}: added (${x.setting.cron ?? "manual"}${x.setting.cron ? `, ${x.setting.timezone}` : ""}); its DAG ${x.setting.dag_id} appears when Airflow has read its file (seconds).${x.notes.map((te) => ` ${te}`).join("")}`), s();
    } catch (x) {
      t(x.message, !0);
    } finally {
      N(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-new-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-new-schedule", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: (c) => {
    c.preventDefault(), le();
  }, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-new-title", children: "New schedule" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "Added on the page, beside the config file's schedules (kept in the schedule edits file with who and when)." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-kind", children: "Kind" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "12rem", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: "new-kind", value: a, onChange: (c) => l(c.target.value), children: H.map((c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: c.value, children: c.label }, c.value)) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
        ] })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-name", children: "Name" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-name", size: "sm", w: "12rem", required: !0, value: i, placeholder: "e.g. acme_nightly", onChange: (c) => n(c.target.value) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.HelperText, { children: [
          "DAG id: ",
          ae,
          i.trim() || "<name>"
        ] })
      ] }),
      a === "module" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(_, { id: "new-module", label: "Module", value: h, options: e, onChange: d }) : null,
      a === "tenant" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-tenant", children: "Tenant id" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-tenant", size: "sm", w: "20rem", required: !0, value: R, onChange: (c) => p(c.target.value) })
      ] }) : null,
      a === "export" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(_, { id: "new-dataset", label: "Dataset", value: g, options: C, onChange: b }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(_, { id: "new-format", label: "Format", value: u, options: Ce, onChange: T }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-export-zone", children: "Times shown in" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-export-zone", size: "sm", w: "12rem", list: "new-zones", value: m, onChange: (c) => y(c.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("label", { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { type: "checkbox", checked: r, onChange: (c) => S(c.target.checked) }),
          " readable (display names, local times)"
        ] })
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(K, { value: A, onChange: Y, manual: a !== "export", idPrefix: "new" }),
    a === "tenant" || a === "module" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(V, { scope: `${a}/${a === "module" ? h : i.trim() || "<name>"}`, value: w, onChange: Q, note: "empty: the config's rules" }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: ee, children: "Add schedule" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: s, children: "Cancel" })
    ] })
  ] }) }) });
}, Je = (e) => e.value ?? (e.schema?.type === "boolean" ? !1 : ""), Xe = ({ form: e, name: t, done: s, close: a }) => {
  const l = [...e.params].sort((o, g) => Number(g.required) - Number(o.required)), [i, n] = globalThis.React.useState(() => Object.fromEntries(l.map((o) => [o.name, Je(o)]))), [h, d] = globalThis.React.useState(!1), R = (o, g) => n((b) => ({ ...b, [o]: g })), p = () => Object.fromEntries(
    l.map((o) => {
      const g = o.schema?.type, b = i[o.name];
      return [o.name, (g === "integer" || g === "number") && b !== "" ? Number(b) : b];
    })
  ), C = async () => {
    d(!0);
    try {
      const o = await I("/api/schedules/{dag_id}/trigger", { conf: p() }, { dag_id: e.dag_id });
      s(`Started ${t}: run ${o.run_id} (${o.state}).`), a();
    } catch (o) {
      s(o.message, !0);
    } finally {
      d(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-run-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-run-form", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: (o) => {
    o.preventDefault(), C();
  }, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-run-title", children: [
      "Run ",
      t,
      " with these values"
    ] }),
    l.map((o, g) => {
      const b = o.schema ?? {}, u = `run-param-${g}`, T = `${o.name}${o.required ? " (required)" : ""}`;
      return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { required: o.required, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: u, children: T }),
        b.type === "boolean" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { id: u, type: "checkbox", checked: !!i[o.name], onChange: (r) => R(o.name, r.target.checked) }) : b.enum ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", maxW: "24rem", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: u, value: String(i[o.name] ?? ""), onChange: (r) => R(o.name, r.target.value), children: b.enum.map((r) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: String(r), children: String(r) }, String(r))) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
        ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: u, size: "sm", maxW: "36rem", required: o.required, value: String(i[o.name] ?? ""), onChange: (r) => R(o.name, r.target.value) }),
        o.description ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.HelperText, { children: o.description }) : null
      ] }, o.name);
    }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: h, children: "Run now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: a, children: "Cancel" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.form, colorPalette: "blue", fontSize: "sm", children: "or its page in Airflow (Trigger)" })
    ] })
  ] }) }) });
}, Ie = (e) => `${e.setting.name}: saved, ${e.setting.cron ?? "manual"}${e.setting.cron ? ` (${e.setting.timezone})` : ""}; Airflow applies it when it has re-read the DAG file (seconds).${e.notes.map((t) => ` ${t}`).join("")}`, Ue = ({ row: e, done: t, close: s }) => {
  const a = e.setting, [l, i] = globalThis.React.useState(() => M(a.cron, a.preset, a.timezone)), [n, h] = globalThis.React.useState(() => L(a.retention)), [d, R] = globalThis.React.useState(!e.paused), [p, C] = globalThis.React.useState(!1), o = async (u, T, r) => {
    C(!0);
    try {
      t(r(await I(u, T, { dag_id: a.dag_id }))), s();
    } catch (S) {
      t(S.message, !0);
    } finally {
      C(!1);
    }
  }, g = () => {
    const u = JSON.stringify(n) === JSON.stringify(L(a.config_retention)), T = a.retention_scope && Object.keys(n).length && (a.source === "added" || !u) ? n : null, r = { ...G(l), retention: T, enabled: e.scheduled || l.preset !== "manual" ? d : null };
    o("/api/schedule-settings/{dag_id}", r, Ie);
  }, b = a.source === "added" ? `Added on the page by ${a.added_by} at ${k(a.added_at)}${a.edited_by ? `; changed by ${a.edited_by} at ${k(a.edited_at)}` : ""}. Not in the config file.` : a.source === "edit" ? `Edited by ${a.edited_by} at ${k(a.edited_at)}; the config (${a.key}) says ${a.config_cron ?? "manual"}.` : `From the config: ${a.key} = ${a.config_cron ?? "null (manual)"}. Saving records an edit over it.`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-editor-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-schedule-editor", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-editor-title", children: [
      "Schedule of ",
      a.name
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: b }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(K, { value: l, onChange: i, manual: a.kind !== "export", idPrefix: "edit" }),
    a.retention_scope ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(V, { scope: a.retention_scope, value: n, onChange: h, note: a.kind === "full" ? "both full backup DAGs take these" : void 0 }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("label", { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { type: "checkbox", checked: d, onChange: (u) => R(u.target.checked) }),
      " on (not paused)"
    ] }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: g, loading: p, children: "Save schedule" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: s, children: "Cancel" }),
      a.source === "edit" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "sm",
          variant: "outline",
          disabled: p,
          onClick: () => {
            o("/api/schedule-settings/{dag_id}/revert", {}, (u) => `${a.name}: back to the config's schedule (${u.setting.cron ?? "manual"}).${u.notes.map((T) => ` ${T}`).join("")}`);
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
            o("/api/schedule-settings/{dag_id}/remove", {}, () => `${a.name}: removed; its DAG goes when Airflow has re-read its file (seconds).`);
          },
          children: "Remove this schedule"
        }
      ) : null
    ] })
  ] }) });
}, fe = ({ row: e, busy: t, onSwitch: s }) => e.scheduled ? e.may_switch ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
  globalThis.ChakraUI.Button,
  {
    size: "xs",
    variant: e.paused ? "outline" : "solid",
    colorPalette: e.paused ? "gray" : "green",
    role: "switch",
    "aria-checked": !e.paused,
    "aria-label": `${e.name} on`,
    disabled: t,
    onClick: s,
    children: e.paused ? "off" : "on"
  }
) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.paused ? "gray" : "green", children: e.paused ? "off" : "on" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "manual" }), ve = ({ rows: e, busy: t, onSwitch: s, onRun: a, onEdit: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-schedules", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Job" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Schedule" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Next run" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Last run" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "On" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Actions" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-dag": i.dag_id, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "18rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "medium", wordBreak: "break-word", children: i.name }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-all", children: i.dag_id })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "16rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: xe(i) }),
      i.setting ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: i.setting.source === "config" ? "fg.muted" : "fg.info", title: k(i.setting.edited_at ?? i.setting.added_at), children: ke(i.setting) }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: i.scheduled && i.paused ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "off" }) : i.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { title: k(i.next_run), children: j(i.next_run) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: i.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: i.last_run.link, colorPalette: i.last_run.state === "failed" ? "red" : "blue", children: i.last_run.state }),
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { title: k(i.last_run.when), children: j(i.last_run.when) })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "never run" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(fe, { row: i, busy: t === i.dag_id, onSwitch: () => s(i) }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, wrap: "wrap", children: [
      i.may_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", "aria-label": `Run now: ${i.name}`, disabled: t === i.dag_id, onClick: () => a(i), children: "Run now" }) : null,
      i.setting?.may_edit ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", "aria-label": `Edit the schedule of ${i.name}`, onClick: () => l(i), children: "Edit…" }) : null
    ] }) })
  ] }, i.dag_id)) })
] }) }), ye = (e) => {
  const { rows: t, settings: s, error: a, loading: l, reload: i } = Se(), [n, h] = globalThis.React.useState(null), [d, R] = globalThis.React.useState(null), [p, C] = globalThis.React.useState(null), o = (r, S = !1) => {
    R({ text: r, failed: S }), i(), S || setTimeout(() => {
      i();
    }, 5e3);
  }, g = async (r, S) => {
    C(r.dag_id);
    try {
      const m = await S();
      m && o(m);
    } catch (m) {
      R({ text: m.message, failed: !0 });
    } finally {
      C(null);
    }
  }, b = (r) => g(r, async () => (await I("/api/schedules/{dag_id}/paused", { paused: !r.paused }, { dag_id: r.dag_id }), `${r.name} switched ${r.paused ? "on" : "off"}.`)), u = (r) => g(r, async () => {
    const S = await X("/api/schedules/{dag_id}/params", { dag_id: r.dag_id });
    if (S.params.some((y) => y.required))
      return h({ run: S, name: r.name }), null;
    const m = await I("/api/schedules/{dag_id}/run", {}, { dag_id: r.dag_id });
    return `Started ${r.name}: run ${m.run_id} (${m.state})${m.notice ? `: ${m.notice}` : ""}.`;
  }), T = () => h(null);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 4, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", fontSize: "sm", children: "Times are UTC unless a schedule names its time zone." }),
      s?.may_add ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: () => h({ add: !0 }), children: "New schedule" }) : null
    ] }),
    d ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: d.failed ? "error" : "success", role: d.failed ? "alert" : "status", "data-testid": "airvault-schedules-message", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: d.text })
    ] }) : null,
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a }) : null,
    s?.problems.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: "warning", "data-testid": "airvault-schedule-problems", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: "Schedule changes of the page not in effect (the config file's schedules are):" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { fontSize: "sm", ps: 4, children: s.problems.map((r) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Item, { wordBreak: "break-word", children: r }, r)) })
      ] })
    ] }) : null,
    l && !t.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Loading…" }) : null,
    !l && !t.length && !a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No airvault DAGs visible to you." }) : null,
    t.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ve, { rows: t, busy: p, onSwitch: b, onRun: u, onEdit: (r) => h({ edit: r }) }) : null,
    n && "edit" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ue, { row: n.edit, done: o, close: T }, n.edit.dag_id) : null,
    n && "run" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Xe, { form: n.run, name: n.name, done: o, close: T }, n.run.dag_id) : null,
    n && "add" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(je, { modules: s?.modules ?? [], done: o, close: T }) : null
  ] });
}, we = ({ dagId: e }) => {
  const t = J("/api/dags/{dag_id}/backups", { dag_id: e }), a = J("/api/schedules").data?.schedules.find((i) => i.dag_id === e), l = t.data;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: 2, "data-testid": "airvault-dag-tab", children: [
    t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      a.scheduled ? a.schedule : "manual: runs when triggered",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: a.paused ? "gray" : "green", children: a.paused ? "off" : "on" }),
      a.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " · next run ",
        j(a.next_run),
        " (",
        k(a.next_run),
        ")"
      ] }) : null,
      a.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " ",
        "· last run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: a.last_run.link, colorPalette: "blue", children: a.last_run.state }),
        " ",
        j(a.last_run.when)
      ] }) : null
    ] }) : null,
    l && l.kind ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
        "Backups of ",
        l.kind,
        " · ",
        l.scope
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(D, { rows: l.backups, mayRestore: l.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, F = [
  { value: "overview", label: "Overview", Panel: be },
  { value: "backups", label: "Backups", Panel: oe },
  { value: "restore", label: "Restore", Panel: Te },
  { value: "schedules", label: "Schedules", Panel: ye },
  { value: "exchange", label: "Imports & Exports", Panel: re },
  { value: "jobs", label: "Jobs", Panel: he }
], _e = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return F.some((t) => t.value === e) ? e : "overview";
}, $e = () => {
  const [e, t] = globalThis.React.useState(_e), s = (a) => {
    t(a);
    const l = new URL(window.location.href);
    l.searchParams.set("tab", a), window.history.replaceState(window.history.state, "", l);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: U(), children: "Open the classic page" }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Tabs.Root, { value: e, onValueChange: (a) => s(a.value), lazyMount: !0, unmountOnExit: !0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: F.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: a.value, "data-testid": `airvault-tab-${a.value}`, children: a.label }, a.value)) }),
      F.map(({ value: a, Panel: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: a, "data-testid": `airvault-panel-${a}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(l, { show: s }) }, a))
    ] })
  ] });
}, Z = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(we, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx($e, {}), ze = () => {
  const e = J("/api/status"), s = J("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: ie("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(P, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((a) => {
        const l = W(a, s);
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
            a.kind,
            " · ",
            a.scope
          ] }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: l?.label ?? (a.newest ? "(not listed)" : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "none yet" })) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: k(a.newest_at), children: j(a.newest_at) })
        ] }, `${a.kind}/${a.scope}`);
      }) })
    ] }) : null
  ] }) });
}, Fe = {
  Backups: Z,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": ze
  // the widget on Airflow's home page
};
Object.assign(globalThis, Fe, { AirflowPlugin: Z });
export {
  Fe as APPS,
  Z as BackupsPage,
  ze as Dashboard
};
