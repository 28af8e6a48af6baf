const B = (e) => new URL(`airvault${e}`, document.baseURI).toString(), U = (e = "") => B(`/${e ? `#${e}` : ""}`), ne = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class D extends Error {
  constructor(t, n) {
    super(n), this.status = t;
  }
  status;
}
async function X(e, t = {}) {
  let n = e;
  for (const [i, s] of Object.entries(t)) n = n.replace(`{${i}}`, encodeURIComponent(s));
  const l = await fetch(B(n), { credentials: "same-origin" }), a = await l.json().catch(() => null);
  if (!l.ok) {
    const i = a && typeof a.detail == "string" ? a.detail : l.statusText;
    throw new D(l.status, `${l.status}: ${i}`);
  }
  return a;
}
function J(e, t = {}, n = 30) {
  const l = JSON.stringify(t), [a, i] = globalThis.React.useState({ loading: !0 }), s = globalThis.React.useCallback(() => {
    X(e, JSON.parse(l)).then((r) => i({ data: r, loading: !1 })).catch((r) => i((g) => ({ ...g, error: r.message, loading: !1 })));
  }, [e, l]);
  return globalThis.React.useEffect(() => {
    s();
    const r = setInterval(s, n * 1e3);
    return () => clearInterval(r);
  }, [s, n]), a;
}
async function I(e, t = {}, n = {}) {
  let l = e;
  for (const [s, r] of Object.entries(n)) l = l.replace(`{${s}}`, encodeURIComponent(r));
  const a = await fetch(B(l), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(t)
  }), i = await a.json().catch(() => null);
  if (!a.ok) {
    const s = i && typeof i.detail == "string" ? i.detail : JSON.stringify(i?.detail ?? a.statusText);
    throw new D(a.status, `${a.status}: ${s}`);
  }
  return i;
}
const C = (e) => {
  if (!e) return "-";
  const t = new Date(e);
  return Number.isNaN(t.getTime()) ? e : `${t.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, j = (e, t = Date.now()) => {
  if (!e) return "-";
  const n = (new Date(e).getTime() - t) / 1e3, l = n > 0, a = Math.abs(n), [i, s] = a >= 86400 ? [a / 86400, "day"] : a >= 3600 ? [a / 3600, "hour"] : a >= 60 ? [a / 60, "minute"] : [0, ""];
  if (!s) return l ? "in a moment" : "just now";
  const r = Math.floor(i), g = `${r} ${s}${r === 1 ? "" : "s"}`;
  return l ? `in ${g}` : `${g} ago`;
}, $ = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, z = (e) => {
  if (e == null) return "-";
  const t = ["B", "KB", "MB", "GB", "TB"];
  let n = e, l = 0;
  for (; n >= 1024 && l < t.length - 1; )
    n /= 1024, l += 1;
  return `${n.toFixed(l ? 1 : 0)} ${t[l]}`;
}, oe = (e) => e == null ? "-" : e.toLocaleString("en-US"), re = ({ row: e }) => {
  const t = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: t, children: e.verified === "-" ? "not yet" : e.verified });
}, E = ({ rows: e, mayRestore: t, empty: n = "No backup yet.", showScope: l = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: C(a.started_at), children: j(a.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: oe(a.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: z(a.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(re, { row: a }),
      a.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: a.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        a.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: a.type === "backup" && a.url && t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: U(`restore=${encodeURIComponent(a.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, a.url ?? a.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: n }), he = (e) => {
  const t = J("/api/backups");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
      "Storage: ",
      t.data.storage
    ] }) : null,
    t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
    t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(E, { rows: t.data.backups, mayRestore: t.data.may.restore ?? !1 }) : null
  ] });
}, ce = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: U(), children: "classic Backups page" }),
  " for now."
] }), ue = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: U(), children: "classic Backups page" }),
  " for now."
] }), W = { ok: "green", stale: "orange", failing: "red" }, y = ({ children: e, state: t, testId: n }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${W[t] ?? "gray"}.solid`, "data-testid": n, children: e }), de = ({ card: e, newest: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(y, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: W[e.state] ?? "gray", children: e.state })
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
] }), P = (e, t = []) => t.find((n) => n.url === e.newest), ge = ({ status: e, rows: t, compact: n = !1 }) => {
  const l = e.drill, a = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: n ? 3 : 4 }, gap: 3, children: [
    e.cards.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(de, { card: i, newest: P(i, t) }, `${i.kind}/${i.scope}`)),
    n ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(y, { state: l ? l.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: l ? `${l.ok ? "passed" : "FAILED"}: ${l.kind}/${l.scope} ${j(l.drilled_at)}` : "no restore drill yet" }),
        l?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          l.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(y, { state: a.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          a.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: a.rpo_seconds === null || a.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${$(a.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(y, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          z(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([i, s]) => `${i} ${z(s)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, be = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, Te = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.severity === "red" ? "red" : "orange", mr: 2, children: e.severity === "red" ? "at risk" : "behind target" }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", fontWeight: "semibold", children: e.where }),
  ": ",
  e.what,
  e.since ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", title: C(e.since), children: [
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
] }), q = ({ status: e, error: t, findings: n = !0 }) => {
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
        be(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        n && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Te, { finding: a }, `${a.where}:${a.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          j(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, me = (e) => {
  const t = J("/api/status"), l = J("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(q, { status: t.data, error: t.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      t.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ge, { status: t.data, rows: l }) : null
    ] })
  ] });
}, Re = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: U(), children: "classic Backups page" }),
  " for now."
] }), M = ["manual", "hourly", "daily", "weekly", "monthly", "cron"], Se = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], xe = ["keep_last", "keep_days", "daily", "weekly", "monthly", "yearly", "minimum_good"], v = (e) => e !== void 0 && /^\d+$/.test(e), G = (e, t, n) => {
  const [l, a, i, , s] = (e ?? "").split(" "), r = v(l) ? `${(v(a) ? a : "0").padStart(2, "0")}:${l.padStart(2, "0")}` : "02:00";
  return {
    preset: M.includes(t) ? t : "cron",
    time: r,
    weekday: v(s) ? Number(s) : 0,
    day: v(i) ? Number(i) : 1,
    cron: e ?? "",
    timezone: n
  };
}, V = (e) => ({
  preset: e.preset,
  time: e.time || "00:00",
  weekday: e.weekday,
  day: e.day,
  cron: e.preset === "cron" && e.cron.trim() || null,
  timezone: e.timezone.trim() || "UTC"
}), ke = () => {
  const [e, t] = globalThis.React.useState({ rows: [], loading: !0 }), n = globalThis.React.useCallback(async () => {
    try {
      const [l, a] = await Promise.all([X("/api/schedules"), X("/api/schedule-settings")]), i = new Map(a.settings.map((r) => [r.dag_id, r])), s = l.schedules.map((r) => ({
        ...r,
        name: a.names[r.dag_id] ?? r.dag_id,
        setting: i.get(r.dag_id)
      }));
      t({ rows: s, settings: a, loading: !1 });
    } catch (l) {
      t((a) => ({ ...a, error: l.message, loading: !1 }));
    }
  }, []);
  return globalThis.React.useEffect(() => {
    n();
    const l = setInterval(() => {
      n();
    }, 3e4);
    return () => clearInterval(l);
  }, [n]), { ...e, reload: n };
}, pe = (e) => {
  if (!e.scheduled) return "manual";
  const t = e.schedule ?? "", n = e.setting?.timezone;
  return n && n !== "UTC" ? t.replace(/ UTC$/, ` (${n})`) : t;
}, Ce = (e) => e ? e.source === "added" ? `added on the page by ${e.added_by ?? "?"}` : e.source === "edit" ? `edited on the page by ${e.edited_by ?? "?"}` : "from the config file" : "", je = () => {
  const e = Intl;
  return typeof e.supportedValuesOf == "function" ? e.supportedValuesOf("timeZone") : ["UTC"];
}, A = () => {
  const e = globalThis.React.useRef(null);
  return globalThis.React.useEffect(() => {
    e.current?.scrollIntoView({ block: "start" }), e.current?.querySelector("input, select")?.focus({ preventScroll: !0 });
  }, []), e;
}, H = (e) => Object.fromEntries(Object.entries(e ?? {}).filter(([, t]) => typeof t == "number")), K = ({ scope: e, value: t, onChange: n, note: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Legend, { children: [
    "Retention of ",
    e,
    " backups",
    l ? ` (${l})` : ""
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", children: xe.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
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
        onChange: (i) => {
          const s = { ...t };
          i.target.value === "" ? delete s[a] : s[a] = Number(i.target.value), n(s);
        }
      }
    )
  ] }, a)) })
] }), Z = ({ value: e, onChange: t, manual: n, idPrefix: l }) => {
  const a = (s) => t({ ...e, ...s }), i = e.preset;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${l}-preset`, children: "Repeat" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: `${l}-preset`, value: i, onChange: (s) => a({ preset: s.target.value }), children: M.filter((s) => n || s !== "manual").map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: s, children: s }, s)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }),
    ["hourly", "daily", "weekly", "monthly"].includes(i) ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${l}-time`, children: i === "hourly" ? "At (its minutes past the hour)" : "At" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${l}-time`, type: "time", size: "sm", w: "8rem", value: e.time, onChange: (s) => a({ time: s.target.value }) })
    ] }) : null,
    i === "weekly" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${l}-weekday`, children: "Day of the week" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: `${l}-weekday`, value: e.weekday, onChange: (s) => a({ weekday: Number(s.target.value) }), children: Se.map((s, r) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: r, children: s }, s)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }) : null,
    i === "monthly" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${l}-day`, children: "Day of the month" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${l}-day`, type: "number", min: 1, max: 28, size: "sm", w: "6rem", value: e.day, onChange: (s) => a({ day: Number(s.target.value) || 1 }) })
    ] }) : null,
    i === "cron" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${l}-cron`, children: "Cron" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${l}-cron`, size: "sm", w: "11rem", placeholder: "m h dom mon dow", value: e.cron, onChange: (s) => a({ cron: s.target.value }) })
    ] }) : null,
    i !== "manual" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${l}-timezone`, children: "Time zone" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${l}-timezone`, size: "sm", w: "12rem", list: `${l}-zones`, value: e.timezone, onChange: (s) => a({ timezone: s.target.value }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("datalist", { id: `${l}-zones`, children: je().map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: s }, s)) })
    ] }) : null
  ] });
}, O = [
  { value: "tenant", label: "Tenant backup", prefix: "tenant_backup_" },
  { value: "module", label: "Module backup", prefix: "module_backup_" },
  { value: "archive", label: "Archive (pg_dump)", prefix: "pg_dump_archive_" },
  { value: "export", label: "Recurring export", prefix: "export_" }
], Je = ["csv", "json", "parquet", "xlsx", "pdf"], _ = ({ id: e, label: t, value: n, options: l, onChange: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: e, children: t }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "12rem", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: e, value: n, onChange: (i) => a(i.target.value), children: l.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: i, children: i }, i)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), Xe = ({ modules: e, done: t, close: n }) => {
  const l = A(), [a, i] = globalThis.React.useState("tenant"), [s, r] = globalThis.React.useState(""), [g, S] = globalThis.React.useState(e[0] ?? ""), [x, k] = globalThis.React.useState(""), [R, o] = globalThis.React.useState(e), [b, T] = globalThis.React.useState(e[0] ?? ""), [u, h] = globalThis.React.useState("csv"), [c, m] = globalThis.React.useState(!0), [f, Q] = globalThis.React.useState("UTC"), [N, ee] = globalThis.React.useState(() => G("0 2 * * *", "daily", "UTC")), [w, ae] = globalThis.React.useState({}), [le, L] = globalThis.React.useState(!1);
  globalThis.React.useEffect(() => {
    X("/api/exports/options").then((d) => o([...d.modules.map((p) => p.name), ...Object.keys(d.tables)])).catch(() => {
    });
  }, []);
  const te = O.find((d) => d.value === a).prefix, ie = async () => {
    const d = {
      ...V(N),
      kind: a,
      name: s.trim(),
      module: a === "module" ? g : null,
      tenant: a === "tenant" ? x.trim() : null,
      dataset: a === "export" ? b : null,
      format: u,
      readable: c,
      export_timezone: f.trim() || "UTC",
      retention: (a === "tenant" || a === "module") && Object.keys(w).length ? w : null
    };
    L(!0);
    try {
      const p = await I("/api/schedule-settings", d);
      t(`${p.setting.name}: added (${p.setting.cron ?? "manual"}${p.setting.cron ? `, ${p.setting.timezone}` : ""}); its DAG ${p.setting.dag_id} appears when Airflow has read its file (seconds).${p.notes.map((se) => ` ${se}`).join("")}`), n();
    } catch (p) {
      t(p.message, !0);
    } finally {
      L(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-new-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-new-schedule", ref: l, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: (d) => {
    d.preventDefault(), ie();
  }, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-new-title", children: "New schedule" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "Added on the page, beside the config file's schedules (kept in the schedule edits file with who and when)." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-kind", children: "Kind" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "12rem", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: "new-kind", value: a, onChange: (d) => i(d.target.value), children: O.map((d) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: d.value, children: d.label }, d.value)) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
        ] })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-name", children: "Name" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-name", size: "sm", w: "12rem", required: !0, value: s, placeholder: "e.g. acme_nightly", onChange: (d) => r(d.target.value) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.HelperText, { children: [
          "DAG id: ",
          te,
          s.trim() || "<name>"
        ] })
      ] }),
      a === "module" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(_, { id: "new-module", label: "Module", value: g, options: e, onChange: S }) : null,
      a === "tenant" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-tenant", children: "Tenant id" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-tenant", size: "sm", w: "20rem", required: !0, value: x, onChange: (d) => k(d.target.value) })
      ] }) : null,
      a === "export" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(_, { id: "new-dataset", label: "Dataset", value: b, options: R, onChange: T }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(_, { id: "new-format", label: "Format", value: u, options: Je, onChange: h }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-export-zone", children: "Times shown in" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-export-zone", size: "sm", w: "12rem", list: "new-zones", value: f, onChange: (d) => Q(d.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "label", fontSize: "sm", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { type: "checkbox", checked: c, onChange: (d) => m(d.target.checked) }),
          " readable (display names, local times)"
        ] })
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Z, { value: N, onChange: ee, manual: a !== "export", idPrefix: "new" }),
    a === "tenant" || a === "module" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(K, { scope: `${a}/${a === "module" ? g : s.trim() || "<name>"}`, value: w, onChange: ae, note: "empty: the config's rules" }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: le, children: "Add schedule" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: n, children: "Cancel" })
    ] })
  ] }) }) });
}, Ie = (e) => e.value ?? (e.schema?.type === "boolean" ? !1 : ""), Ue = ({ form: e, name: t, done: n, close: l }) => {
  const a = A(), i = [...e.params].sort((o, b) => Number(b.required) - Number(o.required)), [s, r] = globalThis.React.useState(() => Object.fromEntries(i.map((o) => [o.name, Ie(o)]))), [g, S] = globalThis.React.useState(!1), x = (o, b) => r((T) => ({ ...T, [o]: b })), k = () => Object.fromEntries(
    i.map((o) => {
      const b = o.schema?.type, T = s[o.name];
      return [o.name, (b === "integer" || b === "number") && T !== "" ? Number(T) : T];
    })
  ), R = async () => {
    S(!0);
    try {
      const o = await I("/api/schedules/{dag_id}/trigger", { conf: k() }, { dag_id: e.dag_id });
      n(`Started ${t}: run ${o.run_id} (${o.state}).`), l();
    } catch (o) {
      n(o.message, !0);
    } finally {
      S(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-run-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-run-form", ref: a, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: (o) => {
    o.preventDefault(), R();
  }, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-run-title", children: [
      "Run ",
      t,
      " with these values"
    ] }),
    i.map((o, b) => {
      const T = o.schema ?? {}, u = `run-param-${b}`, h = `${o.name}${o.required ? " (required)" : ""}`;
      return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { required: o.required, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: u, children: h }),
        T.type === "boolean" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { id: u, type: "checkbox", checked: !!s[o.name], onChange: (c) => x(o.name, c.target.checked) }) : T.enum ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", maxW: "24rem", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: u, value: String(s[o.name] ?? ""), onChange: (c) => x(o.name, c.target.value), children: T.enum.map((c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: String(c), children: String(c) }, String(c))) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
        ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: u, size: "sm", maxW: "36rem", required: o.required, value: String(s[o.name] ?? ""), onChange: (c) => x(o.name, c.target.value) }),
        o.description ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.HelperText, { children: o.description }) : null
      ] }, o.name);
    }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: g, children: "Run now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: l, children: "Cancel" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.form, colorPalette: "blue", fontSize: "sm", children: "or its page in Airflow (Trigger)" })
    ] })
  ] }) }) });
}, fe = (e) => `${e.setting.name}: saved, ${e.setting.cron ?? "manual"}${e.setting.cron ? ` (${e.setting.timezone})` : ""}; Airflow applies it when it has re-read the DAG file (seconds).${e.notes.map((t) => ` ${t}`).join("")}`, ve = ({ row: e, done: t, close: n }) => {
  const l = A(), a = e.setting, [i, s] = globalThis.React.useState(() => G(a.cron, a.preset, a.timezone)), [r, g] = globalThis.React.useState(() => H(a.retention)), [S, x] = globalThis.React.useState(!e.paused), [k, R] = globalThis.React.useState(!1), o = async (u, h, c) => {
    R(!0);
    try {
      t(c(await I(u, h, { dag_id: a.dag_id }))), n();
    } catch (m) {
      t(m.message, !0);
    } finally {
      R(!1);
    }
  }, b = () => {
    const u = JSON.stringify(r) === JSON.stringify(H(a.config_retention)), h = a.retention_scope && Object.keys(r).length && (a.source === "added" || !u) ? r : null, c = { ...V(i), retention: h, enabled: e.scheduled || i.preset !== "manual" ? S : null };
    o("/api/schedule-settings/{dag_id}", c, fe);
  }, T = a.source === "added" ? `Added on the page by ${a.added_by} at ${C(a.added_at)}${a.edited_by ? `; changed by ${a.edited_by} at ${C(a.edited_at)}` : ""}. Not in the config file.` : a.source === "edit" ? `Edited by ${a.edited_by} at ${C(a.edited_at)}; the config (${a.key}) says ${a.config_cron ?? "manual"}.` : `From the config: ${a.key} = ${a.config_cron ?? "null (manual)"}. Saving records an edit over it.`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-editor-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-schedule-editor", ref: l, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-editor-title", children: [
      "Schedule of ",
      a.name
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: T }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Z, { value: i, onChange: s, manual: a.kind !== "export", idPrefix: "edit" }),
    a.retention_scope ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(K, { scope: a.retention_scope, value: r, onChange: g, note: a.kind === "full" ? "both full backup DAGs take these" : void 0 }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "label", fontSize: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { type: "checkbox", checked: S, onChange: (u) => x(u.target.checked) }),
      " on (not paused)"
    ] }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: b, loading: k, children: "Save schedule" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: n, children: "Cancel" }),
      a.source === "edit" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "sm",
          variant: "outline",
          disabled: k,
          onClick: () => {
            o("/api/schedule-settings/{dag_id}/revert", {}, (u) => `${a.name}: back to the config's schedule (${u.setting.cron ?? "manual"}).${u.notes.map((h) => ` ${h}`).join("")}`);
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
          disabled: k,
          onClick: () => {
            o("/api/schedule-settings/{dag_id}/remove", {}, (u) => `${a.name}: removed, and its DAG from Airflow (the backups it took stay).${u.notes.map((h) => ` ${h}`).join("")}`);
          },
          children: "Remove this schedule"
        }
      ) : null
    ] })
  ] }) });
}, ye = ({ row: e, busy: t, onSwitch: n }) => e.scheduled ? e.may_switch ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
  globalThis.ChakraUI.Button,
  {
    size: "xs",
    variant: e.paused ? "outline" : "solid",
    colorPalette: e.paused ? "gray" : "green",
    role: "switch",
    "aria-checked": !e.paused,
    "aria-label": `${e.name} on`,
    disabled: t,
    onClick: n,
    children: e.paused ? "off" : "on"
  }
) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.paused ? "gray" : "green", children: e.paused ? "off" : "on" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "manual" }), we = ({ rows: e, busy: t, onSwitch: n, onRun: l, onEdit: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-schedules", children: [
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
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: pe(i) }),
      i.setting ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: i.setting.source === "config" ? "fg.muted" : "fg.info", title: C(i.setting.edited_at ?? i.setting.added_at), children: Ce(i.setting) }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: i.scheduled && i.paused ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "off" }) : i.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { title: C(i.next_run), children: j(i.next_run) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: i.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: i.last_run.link, colorPalette: i.last_run.state === "failed" ? "red" : "blue", children: i.last_run.state }),
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { title: C(i.last_run.when), children: j(i.last_run.when) })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "never run" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ye, { row: i, busy: t === i.dag_id, onSwitch: () => n(i) }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, wrap: "wrap", children: [
      i.may_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", "aria-label": `Run now: ${i.name}`, disabled: t === i.dag_id, onClick: () => l(i), children: "Run now" }) : null,
      i.setting?.may_edit ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", "aria-label": `Edit the schedule of ${i.name}`, onClick: () => a(i), children: "Edit…" }) : null
    ] }) })
  ] }, i.dag_id)) })
] }) }), _e = (e) => {
  const { rows: t, settings: n, error: l, loading: a, reload: i } = ke(), [s, r] = globalThis.React.useState(null), [g, S] = globalThis.React.useState(null), [x, k] = globalThis.React.useState(null), R = (h, c = !1) => {
    S({ text: h, failed: c }), i(), c || setTimeout(() => {
      i();
    }, 5e3);
  }, o = async (h, c) => {
    k(h.dag_id);
    try {
      const m = await c();
      m && R(m);
    } catch (m) {
      S({ text: m.message, failed: !0 });
    } finally {
      k(null);
    }
  }, b = (h) => o(h, async () => (await I("/api/schedules/{dag_id}/paused", { paused: !h.paused }, { dag_id: h.dag_id }), `${h.name} switched ${h.paused ? "on" : "off"}.`)), T = (h) => o(h, async () => {
    const c = await X("/api/schedules/{dag_id}/params", { dag_id: h.dag_id });
    if (c.params.some((f) => f.required))
      return r({ run: c, name: h.name }), null;
    const m = await I("/api/schedules/{dag_id}/run", {}, { dag_id: h.dag_id });
    return `Started ${h.name}: run ${m.run_id} (${m.state})${m.notice ? `: ${m.notice}` : ""}.`;
  }), u = () => r(null);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 4, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", fontSize: "sm", children: "Times are UTC unless a schedule names its time zone." }),
      n?.may_add ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: () => r({ add: !0 }), children: "New schedule" }) : null
    ] }),
    g ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: g.failed ? "error" : "success", role: g.failed ? "alert" : "status", "data-testid": "airvault-schedules-message", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: g.text })
    ] }) : null,
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l }) : null,
    n?.problems.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: "warning", "data-testid": "airvault-schedule-problems", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: "Schedule changes of the page not in effect (the config file's schedules are):" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { fontSize: "sm", ps: 4, children: n.problems.map((h) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Item, { wordBreak: "break-word", children: h }, h)) })
      ] })
    ] }) : null,
    a && !t.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Loading…" }) : null,
    !a && !t.length && !l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No airvault DAGs visible to you." }) : null,
    t.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(we, { rows: t, busy: x, onSwitch: b, onRun: T, onEdit: (h) => r({ edit: h }) }) : null,
    s && "edit" in s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ve, { row: s.edit, done: R, close: u }, s.edit.dag_id) : null,
    s && "run" in s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ue, { form: s.run, name: s.name, done: R, close: u }, s.run.dag_id) : null,
    s && "add" in s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Xe, { modules: n?.modules ?? [], done: R, close: u }) : null
  ] });
}, $e = ({ dagId: e }) => {
  const t = J("/api/dags/{dag_id}/backups", { dag_id: e }), l = J("/api/schedules").data?.schedules.find((i) => i.dag_id === e), a = t.data;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: 2, "data-testid": "airvault-dag-tab", children: [
    t.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: t.error }) : null,
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      l.scheduled ? l.schedule : "manual: runs when triggered",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: l.paused ? "gray" : "green", children: l.paused ? "off" : "on" }),
      l.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " · next run ",
        j(l.next_run),
        " (",
        C(l.next_run),
        ")"
      ] }) : null,
      l.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " ",
        "· last run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: l.last_run.link, colorPalette: "blue", children: l.last_run.state }),
        " ",
        j(l.last_run.when)
      ] }) : null
    ] }) : null,
    a && a.kind ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
        "Backups of ",
        a.kind,
        " · ",
        a.scope
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(E, { rows: a.backups, mayRestore: a.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, F = [
  { value: "overview", label: "Overview", Panel: me },
  { value: "backups", label: "Backups", Panel: he },
  { value: "restore", label: "Restore", Panel: Re },
  { value: "schedules", label: "Schedules", Panel: _e },
  { value: "exchange", label: "Imports & Exports", Panel: ce },
  { value: "jobs", label: "Jobs", Panel: ue }
], ze = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return F.some((t) => t.value === e) ? e : "overview";
}, Fe = () => {
  const [e, t] = globalThis.React.useState(ze), n = (l) => {
    t(l);
    const a = new URL(window.location.href);
    a.searchParams.set("tab", l), window.history.replaceState(window.history.state, "", a);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: U(), children: "Open the classic page" }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Tabs.Root, { value: e, onValueChange: (l) => n(l.value), lazyMount: !0, unmountOnExit: !0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: F.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: l.value, "data-testid": `airvault-tab-${l.value}`, children: l.label }, l.value)) }),
      F.map(({ value: l, Panel: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: l, "data-testid": `airvault-panel-${l}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(a, { show: n }) }, l))
    ] })
  ] });
}, Y = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx($e, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Fe, {}), Be = () => {
  const e = J("/api/status"), n = J("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: ne("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(q, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((l) => {
        const a = P(l, n);
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
            l.kind,
            " · ",
            l.scope
          ] }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: a?.label ?? (l.newest ? "(not listed)" : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "none yet" })) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: C(l.newest_at), children: j(l.newest_at) })
        ] }, `${l.kind}/${l.scope}`);
      }) })
    ] }) : null
  ] }) });
}, Ae = {
  Backups: Y,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": Be
  // the widget on Airflow's home page
};
Object.assign(globalThis, Ae, { AirflowPlugin: Y });
export {
  Ae as APPS,
  Y as BackupsPage,
  Be as Dashboard
};
