const G = (e) => new URL(`airvault${e}`, document.baseURI).toString(), v = (e = "") => G(`/${e ? `#${e}` : ""}`), ue = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class K extends Error {
  constructor(a, s) {
    super(s), this.status = a;
  }
  status;
}
async function q(e, a = {}) {
  let s = e;
  for (const [o, n] of Object.entries(a)) s = s.replace(`{${o}}`, encodeURIComponent(n));
  const t = await fetch(G(s), { credentials: "same-origin" }), l = await t.json().catch(() => null);
  if (!t.ok) {
    const o = l && typeof l.detail == "string" ? l.detail : t.statusText;
    throw new K(t.status, `${t.status}: ${o}`);
  }
  return l;
}
function S(e, a = {}, s = 30) {
  const t = JSON.stringify(a), [l, o] = globalThis.React.useState({ loading: !0 }), n = globalThis.React.useCallback(() => {
    q(e, JSON.parse(t)).then((h) => o({ data: h, loading: !1 })).catch((h) => o((g) => ({ ...g, error: h.message, loading: !1 })));
  }, [e, t]);
  return globalThis.React.useEffect(() => {
    n();
    const h = setInterval(n, s * 1e3);
    return () => clearInterval(h);
  }, [n, s]), l;
}
async function de(e, a = {}, s = {}) {
  let t = e;
  for (const [n, h] of Object.entries(s)) t = t.replace(`{${n}}`, encodeURIComponent(h));
  const l = await fetch(G(t), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(a)
  }), o = await l.json().catch(() => null);
  if (!l.ok) {
    const n = o && typeof o.detail == "string" ? o.detail : JSON.stringify(o?.detail ?? l.statusText);
    throw new K(l.status, `${l.status}: ${n}`);
  }
  return o;
}
const B = (e) => {
  if (!e) return "-";
  const a = new Date(e);
  return Number.isNaN(a.getTime()) ? e : `${a.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, J = (e, a = Date.now()) => {
  if (!e) return "-";
  const s = (new Date(e).getTime() - a) / 1e3, t = s > 0, l = Math.abs(s), [o, n] = l >= 86400 ? [l / 86400, "day"] : l >= 3600 ? [l / 3600, "hour"] : l >= 60 ? [l / 60, "minute"] : [0, ""];
  if (!n) return t ? "in a moment" : "just now";
  const h = Math.floor(o), g = `${h} ${n}${h === 1 ? "" : "s"}`;
  return t ? `in ${g}` : `${g} ago`;
}, W = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, F = (e) => {
  if (e == null) return "-";
  const a = ["B", "KB", "MB", "GB", "TB"];
  let s = e, t = 0;
  for (; s >= 1024 && t < a.length - 1; )
    s /= 1024, t += 1;
  return `${s.toFixed(t ? 1 : 0)} ${a[t]}`;
}, x = (e) => e == null ? "-" : e.toLocaleString("en-US"), Te = ({ row: e }) => {
  const a = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: a, children: e.verified === "-" ? "not yet" : e.verified });
}, Z = ({ rows: e, mayRestore: a, empty: s = "No backup yet.", showScope: t = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Backup" }),
    t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Kind · scope" }) : null,
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
    t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      l.kind,
      " · ",
      l.scope
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: B(l.started_at), children: J(l.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: x(l.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: F(l.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Te, { row: l }),
      l.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: l.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        l.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: l.type === "backup" && l.url && a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: v(`restore=${encodeURIComponent(l.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, l.url ?? l.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: s }), Re = (e) => {
  const a = S("/api/backups");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
      "Storage: ",
      a.data.storage
    ] }) : null,
    a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : null,
    a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Z, { rows: a.data.backups, mayRestore: a.data.may.restore ?? !1 }) : null
  ] });
}, me = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: v(), children: "classic Backups page" }),
  " for now."
] }), xe = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: v(), children: "classic Backups page" }),
  " for now."
] }), Q = { ok: "green", stale: "orange", failing: "red" }, _ = ({ children: e, state: a, testId: s }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${Q[a] ?? "gray"}.solid`, "data-testid": s, children: e }), ke = ({ card: e, newest: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(_, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: Q[e.state] ?? "gray", children: e.state })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: a?.label ?? (e.newest ? "newest backup" : "no usable backup yet") }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
    e.age_hours === null || e.age_hours === void 0 ? "" : `${W(e.age_hours)} old`,
    e.target_hours !== null && e.target_hours !== void 0 ? ` · target ${W(e.target_hours)}` : "",
    e.verified === !1 ? " · verification FAILED" : e.verified ? " · verified" : ""
  ] }),
  e.failed_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: e.failed_run.link, fontSize: "sm", color: "fg.error", children: [
    "last run of ",
    e.failed_run.dag_id,
    " failed"
  ] }) : null
] }), ee = (e, a = []) => a.find((s) => s.url === e.newest), Se = ({ status: e, rows: a, compact: s = !1 }) => {
  const t = e.drill, l = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: s ? 3 : 4 }, gap: 3, children: [
    e.cards.map((o) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ke, { card: o, newest: ee(o, a) }, `${o.kind}/${o.scope}`)),
    s ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(_, { state: t ? t.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: t ? `${t.ok ? "passed" : "FAILED"}: ${t.kind}/${t.scope} ${J(t.drilled_at)}` : "no restore drill yet" }),
        t?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          t.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(_, { state: l.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          l.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: l.rpo_seconds === null || l.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${W(l.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(_, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          F(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([o, n]) => `${o} ${F(n)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, pe = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, Ce = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.severity === "red" ? "red" : "orange", mr: 2, children: e.severity === "red" ? "at risk" : "behind target" }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", fontWeight: "semibold", children: e.where }),
  ": ",
  e.what,
  e.since ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", title: B(e.since), children: [
    " ",
    "(since ",
    J(e.since),
    ")"
  ] }) : null,
  ". ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", children: [
    "Fix: ",
    e.fix
  ] })
] }), ae = ({ status: e, error: a, findings: s = !0 }) => {
  if (!e)
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: a ? "error" : "info", "data-testid": "airvault-verdict", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: a ? `Am I safe? Cannot tell: ${a}` : "Am I safe? Checking…" })
    ] });
  const t = e.findings.some((l) => l.severity === "red");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.safe ? "success" : t ? "error" : "warning", "data-testid": "airvault-verdict", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Title, { children: [
        "Am I safe? ",
        pe(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        s && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ce, { finding: l }, `${l.where}:${l.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          J(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, je = (e) => {
  const a = S("/api/status"), t = S("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ae, { status: a.data, error: a.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Se, { status: a.data, rows: t }) : null
    ] })
  ] });
}, w = 1e3, I = 118, P = 12, A = 26, D = ["Restorable", "Bases", "Changes", "Migrations"], f = D.length * A + 8, Je = f + 30, d = (e) => new Date(e).getTime(), L = (e) => new Date(e).toISOString().slice(0, 16).replace("T", " "), Xe = ({ data: e, from: a, to: s, picked: t, onPick: l }) => {
  const { token: o } = globalThis.ChakraUI.useChakraContext(), n = (i) => o.var(`colors.${i}`), h = Math.max(s - a, 1e3), g = (i) => I + (Math.min(Math.max(i, a), s) - a) / h * (w - I - P), T = (i, r) => Math.max(g(r) - g(i), 2), b = (i) => D.indexOf(i) * A + 4, R = (i, r) => r >= a && i <= s, p = (i) => {
    const r = i.currentTarget.getBoundingClientRect(), m = (i.clientX - r.left) / r.width * w;
    m < I || l(new Date(a + (m - I) / (w - I - P) * h));
  }, c = Array.from({ length: 6 }, (i, r) => a + h * r / 5), u = `Timeline from ${L(a)} to ${L(s)} UTC: ${e.bases.length} bases, ${e.segment_count} change segments, ${e.migrations.length} migrations, ${e.gaps.length} gaps. Click a moment to pick it.`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
    "svg",
    {
      viewBox: `0 0 ${w} ${Je}`,
      width: "100%",
      role: "img",
      "aria-label": u,
      "data-testid": "airvault-timeline",
      onClick: p,
      style: { cursor: "crosshair", display: "block", fontSize: 12 },
      children: [
        D.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: 4, y: b(i) + 15, fill: n("fg.muted"), children: i }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("line", { x1: I, x2: w - P, y1: b(i) + A - 4, y2: b(i) + A - 4, stroke: n("border") })
        ] }, i)),
        e.coverage.filter(([i, r]) => R(d(i), d(r))).map(([i, r]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("rect", { "data-kind": "coverage", x: g(d(i)), y: b("Restorable") + 4, width: T(d(i), d(r)), height: 14, rx: 3, fill: n("green.solid"), children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `restorable to any moment from ${i} to ${r}` }) }, `c${i}`)),
        e.gaps.map((i) => {
          const r = i.end ? d(i.end) : s;
          return R(d(i.start), r) ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
            "rect",
            {
              "data-kind": "gap",
              x: g(d(i.start)),
              y: b("Restorable") + 4,
              width: T(d(i.start), r),
              height: 14,
              fill: n("red.subtle"),
              stroke: n("red.solid"),
              strokeDasharray: "4 3",
              children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `gap from ${i.start} to ${i.end ?? "now"}: ${i.why}` })
            },
            `g${i.start}`
          ) : null;
        }),
        e.bases.filter((i) => R(d(i.started_at), d(i.started_at))).map((i) => {
          const r = g(d(i.started_at)), m = b("Bases") + 11;
          return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
            "path",
            {
              "data-kind": "base",
              d: `M ${r} ${m - 8} L ${r + 7} ${m} L ${r} ${m + 8} L ${r - 7} ${m} Z`,
              fill: n(i.problem ? "red.solid" : "fg"),
              children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `base: ${i.label ?? i.url} (${i.kind}), taken ${i.started_at}${i.problem ? `: ${i.problem}` : i.gap ? `; reaches ${i.reaches_until}, then ${i.gap}` : `; reaches ${i.reaches_until}`}` })
            },
            i.url
          );
        }),
        e.segments.filter((i) => R(d(i.start), d(i.end))).map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
          "rect",
          {
            "data-kind": "segment",
            x: g(d(i.start)),
            y: b("Changes") + 5,
            width: T(d(i.start), d(i.end)),
            height: 12,
            fill: n("blue.solid"),
            stroke: n("bg"),
            strokeWidth: 0.5,
            children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `segment${i.first_seq === i.last_seq ? ` ${i.first_seq}` : `s ${i.first_seq}..${i.last_seq}`}: ${i.start} to ${i.end}, ${i.transactions} transactions, ${i.changes} row changes` })
          },
          `s${i.first_seq}`
        )),
        e.migrations.filter((i) => R(d(i.committed_at), d(i.committed_at))).map((i, r) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
          "rect",
          {
            "data-kind": i.replayable ? "migration" : "migration-gap",
            x: g(d(i.committed_at)) - 2,
            y: b("Migrations") + 2,
            width: 4,
            height: 18,
            fill: n(i.replayable ? "purple.solid" : "red.solid"),
            children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `${i.what}, committed ${i.committed_at}${i.replayable ? " (replayed in place)" : `: cannot be replayed (${i.reason})`}` })
          },
          `m${r}`
        )),
        c.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("line", { x1: g(i), x2: g(i), y1: f - 4, y2: f, stroke: n("fg.muted") }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: g(i), y: f + 14, textAnchor: i === a ? "start" : i === c[5] ? "end" : "middle", fill: n("fg.muted"), children: L(i).slice(5) })
        ] }, i)),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: 4, y: f + 14, fill: n("fg.muted"), children: "UTC" }),
        t !== void 0 && t >= a && t <= s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("line", { "data-kind": "picked", x1: g(t), x2: g(t), y1: 0, y2: f, stroke: n("orange.solid"), strokeWidth: 2 }) : null
      ]
    }
  );
}, le = (e, a) => {
  const s = Object.entries(a).filter(([, t]) => t !== "");
  return s.length ? `${e}?${new URLSearchParams(s)}` : e;
}, Ie = (e) => e === "success" || e === "failed";
async function Ue(e, a, s) {
  const t = le("/api/restore/{run_id}", { dag: e.dag_id });
  for (; ; ) {
    const l = await q(t, { run_id: e.run_id });
    if (s()) return;
    if (a(l), Ie(l.state) || l.dry_run && l.plan) return l;
    await new Promise((o) => setTimeout(o, 2e3));
  }
}
const te = (e) => {
  const a = e.trim();
  return /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(a) ? `${a.replace(" ", "T")}Z` : a;
}, U = (e) => e.toISOString().slice(0, 19).replace("T", " "), N = [
  ["everything", 0],
  ["the last 7 days", 7 * 864e5],
  ["the last 24 hours", 864e5],
  ["the last hour", 36e5]
], j = (e) => new Date(e).getTime(), fe = (e, a) => [...e.bases].reverse().find((s) => !s.problem && j(s.started_at) <= a && s.reaches_until && a <= j(s.reaches_until)), we = [
  ["green.solid", "restorable"],
  ["red.solid", "gap / migration that cannot be replayed"],
  ["fg", "base (a backup taken while capture ran)"],
  ["blue.solid", "change segments"],
  ["purple.solid", "migration replayed in place"]
], ve = ({ mayRestore: e, onRestore: a }) => {
  const s = S("/api/timeline", {}, 60), [t, l] = globalThis.React.useState(""), [o, n] = globalThis.React.useState(0), h = s.data;
  if (s.error) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: s.error });
  if (!h) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the change segments…" });
  const g = j(h.now), T = [...h.bases.map((r) => j(r.started_at)), ...h.segments.map((r) => j(r.start))], b = T.length ? Math.min(...T) : g - 36e5, R = N[o][1] ? Math.max(b, g - N[o][1]) : b, p = Math.max(g, ...h.coverage.map(([, r]) => j(r))), c = te(t), u = /^\d{4}-/.test(c) ? j(c) : Number.NaN, i = Number.isNaN(u) ? void 0 : fe(h, u);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-point-in-time", children: [
    h.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", "data-testid": "airvault-pit-note", children: h.note }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Root, { ps: 5, "data-testid": "airvault-pit-coverage", children: [
      h.coverage.map(([r, m]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { children: [
        "restorable to any moment from ",
        U(new Date(r)),
        " to ",
        U(new Date(m)),
        " UTC"
      ] }, r)),
      h.gaps.map((r) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { color: "fg.error", children: [
        "gap from ",
        U(new Date(r.start)),
        " to ",
        r.end ? `${U(new Date(r.end))} UTC` : "now",
        ": ",
        r.why
      ] }, `gap ${r.start}`))
    ] }),
    h.problems.map((r) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.warning", children: r }, r)),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: "Show" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "xs", maxW: "12rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": "Time range shown", value: String(o), onChange: (r) => n(Number(r.currentTarget.value)), children: N.map(([r], m) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: m, children: r }, r)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
        "slot ",
        h.slot
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Xe, { data: h, from: R, to: p, picked: Number.isNaN(u) ? void 0 : u, onPick: (r) => l(U(r)) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ye, {})
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("label", { htmlFor: "airvault-pit-until", children: "Restore to" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Input,
        {
          id: "airvault-pit-until",
          size: "sm",
          maxW: "14rem",
          placeholder: "2026-12-06 05:40:00",
          value: t,
          onChange: (r) => l(r.currentTarget.value)
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "UTC" }),
      i && e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: () => a(i.url, c), children: "Plan a restore to this point…" }) : null
    ] }),
    t && !Number.isNaN(u) ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { "data-testid": "airvault-pit-base", color: i ? void 0 : "fg.error", children: i ? `From the base ${i.label ?? i.url}, taken ${U(new Date(i.started_at))} UTC, and its changes.` : "No base reaches this moment: pick one inside a restorable interval." }) : t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: "Type a date and time in UTC, e.g. 2026-12-06 05:40:00." }) : null
  ] });
}, ye = () => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 4, mt: 1, fontSize: "xs", color: "fg.muted", children: we.map(([e, a]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { w: 3, h: 3, borderRadius: "sm", bg: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { children: a })
] }, a)) }), $e = (e, a) => ({
  mode: "replace",
  target: e.targets[0] ?? "",
  scope: "all",
  module: e.modules[0]?.module ?? "",
  tables: [],
  cascade: !1,
  when: a ? "pit" : "backup",
  until: a ?? "latest",
  tenant: ""
}), _e = [
  ["replace", "replace: the tables end equal to the backup"],
  ["merge", "merge: insert and update from the backup, keep rows only the target has"],
  ["new-database", "new database: create the target's database from the backup"]
], E = ({ value: e, items: a, onChange: s, label: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.RadioGroup.Root, { value: e, onValueChange: (l) => s(l.value ?? ""), "aria-label": t, size: "sm", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Stack, { gap: 1, children: a.map(([l, o]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.RadioGroup.Item, { value: l, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.RadioGroup.ItemHiddenInput, {}),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.RadioGroup.ItemIndicator, {}),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.RadioGroup.ItemText, { children: o })
] }, l)) }) }), H = ({ label: e, value: a, options: s, onChange: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", maxW: "28rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": e, value: a, onChange: (l) => t(l.currentTarget.value), children: s.map(([l, o]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: l, children: o }, l)) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
] }), Ae = ({ options: e, initial: a, copy: s, onCopy: t, onPlan: l }) => {
  const [o, n] = globalThis.React.useState(a), h = (c) => n((u) => ({ ...u, ...c })), [g, T] = globalThis.React.useState(""), b = (c) => {
    if (c.preventDefault(), o.scope === "tables" && !o.tables.length) return T("Tick at least one table, or choose the whole backup or a module.");
    T(""), l(o);
  }, R = e.modules.map((c) => [c.module, `${c.module} (${c.tables.join(", ")})`]), p = (c, u) => h({ scope: "tables", tables: u ? [...o.tables, c] : o.tables.filter((i) => i !== c) });
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: b, "aria-label": `Restore ${e.label ?? e.url}`, "data-testid": "airvault-restore-choices", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    e.copies?.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "Read from" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        H,
        {
          label: "Storage to read the backup from",
          value: s,
          onChange: t,
          options: [["", "the storage root"], ...e.copies.map((c) => [c, `copy ${c}`])]
        }
      )
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { children: "Mode" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(E, { label: "Mode", value: o.mode, items: _e, onChange: (c) => h({ mode: c }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "Into the Airflow connection" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        H,
        {
          label: "Restore into (Airflow connection id)",
          value: o.target,
          onChange: (c) => h({ target: c }),
          options: e.targets.map((c) => [c, c])
        }
      )
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { children: "What" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        E,
        {
          label: "What to restore",
          value: o.scope,
          onChange: (c) => h({ scope: c }),
          items: [
            ["all", `the whole backup (${e.tables.length} tables)`],
            ...R.length ? [["module", "a module"]] : [],
            ["tables", "these tables (the tables they reference come along, merged)"]
          ]
        }
      ),
      R.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(H, { label: "Module to restore", value: o.module, options: R, onChange: (c) => h({ module: c, scope: "module" }) }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.SimpleGrid, { minChildWidth: "15rem", gap: 1, maxH: "10rem", overflowY: "auto", borderWidth: "1px", borderRadius: "md", p: 2, children: e.tables.map((c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
        globalThis.ChakraUI.Checkbox.Root,
        {
          size: "sm",
          minW: 0,
          checked: o.tables.includes(c.table),
          onCheckedChange: (u) => p(c.table, u.checked === !0),
          children: [
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Label, { wordBreak: "break-word", children: [
              c.table,
              " (",
              x(c.rows),
              ")"
            ] })
          ]
        },
        c.table
      )) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Be, { reach: e.point_in_time, c: o, set: h }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: o.cascade, onCheckedChange: (c) => h({ cascade: c.checked === !0 }), children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { children: "let the restore's deletes cascade (ON DELETE CASCADE / SET NULL) to tables outside it" })
    ] }),
    g ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: g }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", children: "Plan (dry run)" }) })
  ] }) });
}, Be = ({ reach: e, c: a, set: s }) => {
  if (!e) return null;
  if (e.problem) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.warning", children: [
    "No point-in-time restore from this backup: ",
    e.problem
  ] });
  const t = e.covered_until ? `changes are in storage up to ${e.covered_until}` : "no change captured after it yet";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { children: "When" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      E,
      {
        label: "When",
        value: a.when,
        onChange: (l) => s({ when: l }),
        items: [
          ["backup", "as the backup holds it"],
          ["pit", `a point in time after it (${t})`]
        ]
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Input,
        {
          size: "sm",
          maxW: "16rem",
          value: a.until,
          "aria-label": "Point in time (UTC): a date and time, an LSN or latest",
          placeholder: "2026-12-06 05:40:00",
          onChange: (l) => s({ until: l.currentTarget.value, when: "pit" })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "UTC" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Input,
        {
          size: "sm",
          maxW: "20rem",
          value: a.tenant,
          "aria-label": "Only this tenant's rows (its id; empty: all)",
          placeholder: "all tenants",
          onChange: (l) => s({ tenant: l.currentTarget.value, when: "pit" })
        }
      )
    ] })
  ] });
}, se = ["cascade", "set null", "set default"], ze = (e) => (e.insert ?? 0) + (e.update ?? 0) + (e.delete ?? 0), ie = ({ plan: e, caption: a, testId: s }) => {
  const t = (l) => e.tables.reduce((o, n) => o + (n[l] ?? 0), 0);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": s, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Caption, { captionSide: "top", textAlign: "start", fontWeight: "medium", pb: 1, children: a }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Table" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Role" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Backup rows" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Target rows" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Insert" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Update" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Delete" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.tables.map((l) => {
        const o = se.includes(l.role), n = ze(l) > 0;
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
          globalThis.ChakraUI.Table.Row,
          {
            "data-table": l.table,
            "data-changed": n ? "true" : "false",
            colorPalette: o ? "red" : "orange",
            bg: n ? "colorPalette.subtle" : void 0,
            children: [
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: [
                l.table,
                " ",
                n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { size: "sm", variant: "solid", children: "changes" }) : null
              ] }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: l.role }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: o ? "-" : x(l.backup_rows) }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: o ? "-" : x(l.target_rows) }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: x(l.insert ?? 0) }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: x(l.update ?? 0) }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: x(l.delete ?? 0) })
            ]
          },
          l.table
        );
      }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Footer, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { fontWeight: "semibold", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: "Total" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, {}),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, {}),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, {}),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: x(t("insert")) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: x(t("update")) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: x(t("delete")) })
      ] }) })
    ] }) }),
    e.preflight?.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { mt: 2, "data-testid": "airvault-restore-preflight", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: "This login lacks privileges for this restore:" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Code, { display: "block", whiteSpace: "pre-wrap", p: 2, children: e.preflight.join(`
`) })
    ] }) : null
  ] });
}, oe = {
  verify: "verify the backup",
  plan: "plan",
  safety_backup: "safety backup",
  restore: "replay the changes and restore the point",
  apply: "apply",
  check: "check against the backup"
}, O = ({ progress: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { as: "ol", ps: 5, gap: 1, "aria-label": "Restore steps", "data-testid": "airvault-restore-steps", children: e.steps.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-step": a.step, children: [
  oe[a.step] ?? a.step,
  ":",
  " ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: a.state === "failed" ? "red" : a.state === "success" ? "green" : "gray", children: a.state })
] }, a.step)) }), ne = ({ progress: e }) => {
  const a = e.failure;
  if (!a) return null;
  const s = oe[a.step ?? ""] ?? a.step;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.error", "data-testid": "airvault-restore-failure", children: [
    s,
    " failed",
    a.error ? `: ${a.error}` : " (see its log)"
  ] });
}, re = ({ progress: e }) => {
  const a = e.replay;
  if (!a) return null;
  const s = Object.entries(a.tables ?? {}).sort().map(([t, l]) => `${t}: ${x(l)}`).join(", ");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { "data-testid": "airvault-restore-replay", children: [
    "Changes replayed onto the backup: ",
    x(a.transactions),
    " transactions, ",
    x(a.changes),
    " row changes (last commit",
    " ",
    a.last_commit_at ?? "none after the backup",
    ")",
    s ? `: ${s}` : "",
    "."
  ] });
}, Pe = ({ progress: e, onPlanUndo: a }) => e.safety_backup ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { "data-testid": "airvault-restore-undo", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
    "Safety backup: ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Code, { wordBreak: "break-all", children: e.safety_backup })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { mt: 2, children: [
    "To undo this restore, from any folder where Airflow's CLI reads this installation's connections (its api-server need not run): ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Code, { children: "TARGET_DSN" }),
    " is the database of the Airflow connection",
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Code, { children: e.target }),
    "; the keys: ",
    e.undo_keys,
    "."
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
    globalThis.ChakraUI.Code,
    {
      as: "pre",
      display: "block",
      whiteSpace: "pre-wrap",
      wordBreak: "break-all",
      p: 2,
      mt: 2,
      tabIndex: 0,
      "aria-label": "Undo command",
      "data-testid": "airvault-restore-undo-command",
      children: e.undo_script ?? e.undo
    }
  ),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { mt: 2, fontSize: "sm", color: "fg.muted", children: [
    "Or, with this installation's config: ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Code, { children: [
      "airvault restore --undo ",
      e.restore_id,
      ' --dsn "$TARGET_DSN"'
    ] })
  ] }),
  a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", mt: 2, variant: "outline", onClick: a, children: "Plan the undo…" }) : null
] }) : null, Le = ({ backupUrl: e, onClose: a, until: s }) => {
  const [t, l] = globalThis.React.useState(e ?? ""), [o, n] = globalThis.React.useState({});
  globalThis.React.useEffect(() => l(e ?? ""), [e]);
  const h = (g, T) => {
    n(T), l(g);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, borderWidth: "1px", borderRadius: "md", p: 3, "data-testid": "airvault-restore-wizard", "aria-label": "Restore wizard", role: "region", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: "Restore" }),
      a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "ghost", onClick: a, children: "Close the wizard" }) : null
    ] }),
    t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Fe, { url: t, until: s, preset: o, restart: h }, `${t} ${s ?? ""}`) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ne, { onPick: (g) => h(g, {}) })
  ] });
}, Ne = ({ onPick: e }) => {
  const a = S("/api/backups", {}, 300), s = (a.data?.backups ?? []).filter((n) => n.type === "backup" && n.url), [t, l] = globalThis.React.useState("");
  if (a.error) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error });
  if (!a.data) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the backups…" });
  if (!s.length) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No backup to restore yet." });
  const o = t || s[0].url;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", maxW: "36rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": "Backup to restore", value: o, onChange: (n) => l(n.currentTarget.value), children: s.map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("option", { value: n.url, children: [
        n.label ?? n.id,
        " (",
        n.kind,
        " · ",
        n.scope,
        ", ",
        x(n.rows),
        " rows)"
      ] }, n.url)) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", onClick: () => e(o), children: "Choose this backup" })
  ] });
}, He = (e, a, s, t, l = "") => ({
  url: e,
  copy: a,
  mode: s.mode,
  target_conn_id: s.target,
  allow_cascade: s.cascade,
  module: s.scope === "module" ? s.module : "",
  tables: s.scope === "tables" ? s.tables.join(",") : "",
  dry_run: t,
  confirm: l,
  until: s.when === "pit" ? te(s.until) || "latest" : "",
  tenant: s.when === "pit" ? s.tenant.trim() : ""
}), We = (e) => {
  const a = e.scope === "module" ? `module ${e.module}` : e.scope === "tables" ? e.tables.join(", ") : "the whole backup";
  return e.when === "pit" ? `${a} as it was at ${e.until} UTC${e.tenant ? `, tenant ${e.tenant} only` : ""}` : a;
}, Fe = ({ url: e, until: a, preset: s, restart: t }) => {
  const [l, o] = globalThis.React.useState(""), [n, h] = globalThis.React.useState(), [g, T] = globalThis.React.useState(), [b, R] = globalThis.React.useState("choose"), [p, c] = globalThis.React.useState(), [u, i] = globalThis.React.useState(), [r, m] = globalThis.React.useState(""), X = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => (X.current = !0, () => {
    X.current = !1;
  }), []), globalThis.React.useEffect(() => {
    h(void 0), q(le("/api/restore/options", { url: e, copy: l })).then((k) => X.current && h(k)).catch((k) => X.current && m(k.message));
  }, [e, l]);
  const V = async (k, y, ge = "") => {
    T(k), m(""), i(void 0), R(y ? "planning" : "restoring");
    try {
      const $ = await de("/api/restore", He(e, l, k, y, ge));
      c($);
      const z = await Ue($, i, () => !X.current);
      if (!z) return;
      const be = !!z.plan || !!(z.replay && k.mode === "new-database");
      R(y ? be ? "planned" : "stuck" : "done");
    } catch ($) {
      if (!X.current) return;
      m($.message), R(y ? "choose" : "planned");
    }
  };
  if (!n) return r ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: r }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the backup…" });
  const C = g ?? { ...$e(n, a), ...s }, ce = /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { "data-testid": "airvault-restore-head", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("b", { children: n.label ?? n.url }),
    b === "choose" ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      " ",
      "into ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("b", { children: C.target }),
      " (",
      C.mode,
      "; ",
      We(C),
      ")"
    ] }),
    p && b !== "choose" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      " · ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: p.link, colorPalette: "blue", children: "the run in Airflow" })
    ] }) : null
  ] }), Y = /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: () => R("choose"), children: "Change the choices" });
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    ce,
    r ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: r }) : null,
    b === "choose" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ae, { options: n, initial: C, copy: l, onCopy: o, onPlan: (k) => V(k, !0) }) : null,
    (b === "planning" || b === "restoring") && /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: b === "planning" ? "Dry run: planning (nothing is written)…" : "Restoring…" }),
      u ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(O, { progress: u }) : null
    ] }),
    b === "stuck" && u ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.error", children: [
        "The dry run ended ",
        u.state,
        " without a plan."
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ne, { progress: u }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(O, { progress: u }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { children: Y })
    ] }) : null,
    b === "planned" && u ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(De, { progress: u, choice: C, word: n.confirm_word, back: Y, onRestore: (k) => V(C, !1, k) }) : null,
    b === "done" && u ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ee, { progress: u, onPlanUndo: () => t(u.safety_backup, { mode: "replace", target: C.target }) }) : null
  ] });
}, De = ({ progress: e, choice: a, word: s, back: t, onRestore: l }) => {
  const [o, n] = globalThis.React.useState(""), h = e.plan, g = h ? h.tables.filter((b) => se.includes(b.role)) : [], T = g.length > 0 && !a.cascade && a.mode === "replace";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-restore-planned", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "The plan (nothing written yet):" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(re, { progress: e }),
    h ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ie, { plan: h, caption: "Dry-run plan per table (tables with changes highlighted)", testId: "airvault-restore-plan" }) : null,
    g.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: T ? "fg.error" : "fg.warning", children: [
      "Deleting rows reaches ",
      g.length,
      " table",
      g.length === 1 ? "" : "s",
      " outside the restore (",
      g.map((b) => b.table).join(", "),
      ").",
      T ? " The restore would be refused: change the choices to allow it, or include those tables." : " The safety backup holds them too."
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: a.mode === "new-database" ? "" : "A safety backup of every table it changes is taken first." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("label", { htmlFor: "airvault-restore-confirm", children: [
        "Type ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Code, { children: s }),
        " to confirm"
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "airvault-restore-confirm", size: "sm", maxW: "10rem", autoComplete: "off", value: o, onChange: (b) => n(b.currentTarget.value) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "red", disabled: T || o !== s, onClick: () => l(o), children: "Restore now" }),
      t
    ] })
  ] });
}, Ee = ({ progress: e, onPlanUndo: a }) => {
  const s = e.state === "success", t = e.applied, l = e.check;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-restore-outcome", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", color: s ? "fg.success" : "fg.error", "data-testid": "airvault-restore-result", children: s ? "Restored" : `The restore ${e.state}` }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(O, { progress: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(re, { progress: e }),
    t?.tables ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ie, { plan: t, caption: "Applied per table", testId: "airvault-restore-applied" }) : null,
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: l.checked ? `${x(l.checked)} table${l.checked === 1 ? "" : "s"} read back equal to the backup.` : "Checked by row counts (merge or schema drift)." }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ne, { progress: e }),
    e.safety_backup ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Pe, { progress: e, onPlanUndo: a }) : s ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "Nothing was changed: it failed before apply, and apply is one transaction." })
  ] });
}, Oe = (e) => {
  const a = S("/api/backups", {}, 300), [s, t] = globalThis.React.useState(), l = a.data?.may.restore ?? !1;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, "data-testid": "airvault-restore-tab", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: "Restore a backup" }),
      a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : null,
      s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Le, { backupUrl: s.backupUrl, until: s.until, onClose: () => t(void 0) }) : l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 1, align: "start", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "A dry run plans the restore first; nothing is written until you confirm it." }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: () => t({}), children: "Restore…" })
      ] }) : a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Your role may see backups, not restore them." }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: "To a point in time" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ve, { mayRestore: l, onRestore: (o, n) => t({ backupUrl: o, until: n }) })
    ] })
  ] });
}, Me = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: v(), children: "classic Backups page" }),
  " for now."
] }), Ge = ({ dagId: e }) => {
  const a = S("/api/dags/{dag_id}/backups", { dag_id: e }), t = S("/api/schedules").data?.schedules.find((o) => o.dag_id === e), l = a.data;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: 2, "data-testid": "airvault-dag-tab", children: [
    a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : null,
    t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      t.scheduled ? t.schedule : "manual: runs when triggered",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: t.paused ? "gray" : "green", children: t.paused ? "off" : "on" }),
      t.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " · next run ",
        J(t.next_run),
        " (",
        B(t.next_run),
        ")"
      ] }) : null,
      t.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " ",
        "· last run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: t.last_run.link, colorPalette: "blue", children: t.last_run.state }),
        " ",
        J(t.last_run.when)
      ] }) : null
    ] }) : null,
    l && l.kind ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
        "Backups of ",
        l.kind,
        " · ",
        l.scope
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Z, { rows: l.backups, mayRestore: l.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, M = [
  { value: "overview", label: "Overview", Panel: je },
  { value: "backups", label: "Backups", Panel: Re },
  { value: "restore", label: "Restore", Panel: Oe },
  { value: "schedules", label: "Schedules", Panel: Me },
  { value: "exchange", label: "Imports & Exports", Panel: me },
  { value: "jobs", label: "Jobs", Panel: xe }
], qe = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return M.some((a) => a.value === e) ? e : "overview";
}, Ve = () => {
  const [e, a] = globalThis.React.useState(qe), s = (t) => {
    a(t);
    const l = new URL(window.location.href);
    l.searchParams.set("tab", t), window.history.replaceState(window.history.state, "", l);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: v(), children: "Open the classic page" }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Tabs.Root, { value: e, onValueChange: (t) => s(t.value), lazyMount: !0, unmountOnExit: !0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: M.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: t.value, "data-testid": `airvault-tab-${t.value}`, children: t.label }, t.value)) }),
      M.map(({ value: t, Panel: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: t, "data-testid": `airvault-panel-${t}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(l, { show: s }) }, t))
    ] })
  ] });
}, he = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ge, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ve, {}), Ye = () => {
  const e = S("/api/status"), s = S("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: ue("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ae, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((t) => {
        const l = ee(t, s);
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
            t.kind,
            " · ",
            t.scope
          ] }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: l?.label ?? (t.newest ? "(not listed)" : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "none yet" })) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: B(t.newest_at), children: J(t.newest_at) })
        ] }, `${t.kind}/${t.scope}`);
      }) })
    ] }) : null
  ] }) });
}, Ke = {
  Backups: he,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": Ye
  // the widget on Airflow's home page
};
Object.assign(globalThis, Ke, { AirflowPlugin: he });
export {
  Ke as APPS,
  he as BackupsPage,
  Ye as Dashboard
};
