const D = (e) => new URL(`airvault${e}`, document.baseURI).toString(), X = (e = "") => D(`/${e ? `#${e}` : ""}`), Z = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class N extends Error {
  constructor(l, i) {
    super(i), this.status = l;
  }
  status;
}
async function H(e, l = {}) {
  let i = e;
  for (const [s, n] of Object.entries(l)) i = i.replace(`{${s}}`, encodeURIComponent(n));
  const a = await fetch(D(i), { credentials: "same-origin" }), t = await a.json().catch(() => null);
  if (!a.ok) {
    const s = t && typeof t.detail == "string" ? t.detail : a.statusText;
    throw new N(a.status, `${a.status}: ${s}`);
  }
  return t;
}
function w(e, l = {}, i = 30) {
  const a = JSON.stringify(l), [t, s] = globalThis.React.useState({ loading: !0 }), n = globalThis.React.useCallback(() => {
    H(e, JSON.parse(a)).then((o) => s({ data: o, loading: !1 })).catch((o) => s((c) => ({ ...c, error: o.message, loading: !1 })));
  }, [e, a]);
  return globalThis.React.useEffect(() => {
    n();
    const o = setInterval(n, i * 1e3);
    return () => clearInterval(o);
  }, [n, i]), t;
}
async function z(e, l = {}, i = {}) {
  let a = e;
  for (const [n, o] of Object.entries(i)) a = a.replace(`{${n}}`, encodeURIComponent(o));
  const t = await fetch(D(a), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(l)
  }), s = await t.json().catch(() => null);
  if (!t.ok) {
    const n = s && typeof s.detail == "string" ? s.detail : JSON.stringify(s?.detail ?? t.statusText);
    throw new N(t.status, `${t.status}: ${n}`);
  }
  return s;
}
const ee = { kind: "", scope: "", text: "", verified: "" }, ae = {
  yes: (e) => e.verified !== "-" && e.verified !== "FAILED",
  no: (e) => e.verified === "-",
  failed: (e) => e.verified === "FAILED"
}, le = (e) => (l) => {
  const i = e.text.trim().toLowerCase();
  return (!e.kind || l.kind === e.kind) && (!e.scope || l.scope === e.scope) && (!e.verified || ae[e.verified](l)) && (!i || [l.label, l.note, l.id].some((a) => a?.toLowerCase().includes(i)));
}, L = ({ label: e, value: l, options: i, set: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "9rem", flex: "0 1 12rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { fontSize: "xs", children: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { value: l, onChange: (t) => a(t.currentTarget.value), children: i.map(([t, s]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: t, children: s }, t)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), te = ({ value: e, set: l, kinds: i, scopes: a }) => {
  const t = (s, n) => [["", s], ...n.map((o) => [o, o])];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, align: "end", "data-testid": "airvault-backup-filters", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(L, { label: "Kind", value: e.kind, options: t("every kind", i), set: (s) => l({ ...e, kind: s }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(L, { label: "Scope", value: e.scope, options: t("every scope", a), set: (s) => l({ ...e, scope: s }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      L,
      {
        label: "Verified",
        value: e.verified,
        options: [["", "any"], ["yes", "verified"], ["no", "not verified"], ["failed", "failed"]],
        set: (s) => l({ ...e, verified: s })
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { flex: "1 1 12rem", minW: "10rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { fontSize: "xs", children: "Label, note or id" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "search", value: e.text, onChange: (s) => l({ ...e, text: s.target.value }), placeholder: "words of a label or note, an id" })
    ] })
  ] });
}, I = (e) => {
  if (!e) return "-";
  const l = new Date(e);
  return Number.isNaN(l.getTime()) ? e : `${l.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, S = (e, l = Date.now()) => {
  if (!e) return "-";
  const i = (new Date(e).getTime() - l) / 1e3, a = i > 0, t = Math.abs(i), [s, n] = t >= 86400 ? [t / 86400, "day"] : t >= 3600 ? [t / 3600, "hour"] : t >= 60 ? [t / 60, "minute"] : [0, ""];
  if (!n) return a ? "in a moment" : "just now";
  const o = Math.floor(s), c = `${o} ${n}${o === 1 ? "" : "s"}`;
  return a ? `in ${c}` : `${c} ago`;
}, P = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, J = (e) => {
  if (e == null) return "-";
  const l = ["B", "KB", "MB", "GB", "TB"];
  let i = e, a = 0;
  for (; i >= 1024 && a < l.length - 1; )
    i /= 1024, a += 1;
  return `${i.toFixed(a ? 1 : 0)} ${l[a]}`;
}, V = (e) => e == null ? "-" : e.toLocaleString("en-US"), ie = ({ backupUrl: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: X(e ? `restore=${encodeURIComponent(e)}` : ""), children: "Restore on the classic page…" }) }), se = ({ row: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "xs", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: D(`/api/download?url=${encodeURIComponent(e.url ?? "")}`), download: !0, "aria-label": `Download ${e.label ?? e.id}`, children: "Download" }) }), ne = ({ row: e, may: l, opened: i, open: a, verify: t, togglePin: s, busy: n }) => {
  if (!e.url) return null;
  const o = e.label ?? e.id, c = (g) => a(i === g ? void 0 : g);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 1, "data-testid": "airvault-backup-actions", children: [
    l.verify ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", onClick: t, disabled: n, "aria-label": `Verify ${o}`, children: "Verify" }) : null,
    l.restore ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(se, { row: e }) : null,
    l.restore && e.type === "backup" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: i === "restore" ? "solid" : "outline", onClick: () => c("restore"), "aria-expanded": i === "restore", "aria-label": `Restore ${o}`, children: "Restore…" }) : null,
    l.delete ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", onClick: s, disabled: n, "aria-label": `${e.pinned ? "Unpin" : "Pin"} ${o}`, children: e.pinned ? "Unpin" : "Pin" }) : null,
    l.delete ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", colorPalette: "red", onClick: () => c("delete"), "aria-expanded": i === "delete", "aria-label": `Delete ${o}`, children: "Delete…" }) : null
  ] });
}, oe = ({ what: e, word: l, onConfirm: i, onCancel: a }) => {
  const [t, s] = globalThis.React.useState(""), [n, o] = globalThis.React.useState(""), [c, g] = globalThis.React.useState(), [r, d] = globalThis.React.useState(!1), R = [l, e].includes(t.trim()), m = async () => {
    d(!0), g(void 0);
    try {
      await i(n.trim());
    } catch (u) {
      g(u.message);
    } finally {
      d(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderColor: "border.error", borderRadius: "md", p: 3, "data-testid": "airvault-delete-confirm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { mb: 2, wordBreak: "break-word", children: [
      "Delete ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("b", { children: e }),
      " for good, from the storage and its copies? Type its id ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Code, { children: l }),
      " (or its label) to confirm."
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "12rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Id or label" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: t, onChange: (u) => s(u.target.value), autoComplete: "off" })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { flex: "1 1 14rem", minW: 0, required: !0, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Reason (kept in the deletion log)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: n, onChange: (u) => o(u.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "red", disabled: !R || !n.trim() || r, loading: r, onClick: m, children: "Delete for good" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "ghost", onClick: a, children: "Cancel" })
    ] }),
    c ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { role: "alert", color: "fg.error", mt: 2, wordBreak: "break-word", "data-testid": "airvault-delete-error", children: [
      "Not deleted: ",
      c
    ] }) : null
  ] });
}, re = ({ row: e }) => {
  const l = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green", i = { "-": "not verified", yes: "verified", "drill ok": "verified by a drill", FAILED: "verification FAILED" };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: l, children: i[e.verified] ?? e.verified });
}, he = ({ row: e }) => e.pinned ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", "data-testid": "airvault-pinned", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: "purple", mr: 1, children: "pinned" }),
  e.pinned.reason,
  e.pinned.by ? ` · by ${e.pinned.by}` : "",
  e.pinned.pinned_at ? ` · ${I(e.pinned.pinned_at)}` : ""
] }) : null, ce = ({ row: e, may: l, picked: i, pick: a, changed: t }) => {
  const [s, n] = globalThis.React.useState(), [o, c] = globalThis.React.useState(), [g, r] = globalThis.React.useState(!1), d = e.label ?? e.id, R = async (b) => {
    r(!0);
    try {
      await b();
    } catch (C) {
      c({ text: C.message, bad: !0 });
    } finally {
      r(!1);
    }
  }, m = () => R(async () => {
    const b = await z("/api/verify", { url: e.url });
    c({
      text: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        "Verifying: run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: b.link, colorPalette: "blue", wordBreak: "break-all", "data-testid": "airvault-run-link", children: b.run_id }),
        " ",
        "(",
        b.state,
        ")"
      ] })
    });
  }), u = () => R(async () => {
    const b = await z("/api/pin", { url: e.url, pinned: !e.pinned });
    c({ text: b.pinned ? "Pinned: retention and deletions leave it alone." : "Unpinned." }), t();
  }), x = async (b) => {
    await z("/api/delete", { url: e.url, reason: b }), n(void 0), t(`Deleted ${d} (${e.kind} · ${e.scope}); the deletion log keeps who, when and why.`);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "li", listStyleType: "none", borderWidth: "1px", borderRadius: "md", p: 2, "data-testid": "airvault-backup", "data-id": e.id, "data-url": e.url ?? "", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Flex, { wrap: "wrap", gap: 2, align: "start", children: [
      a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: i, onCheckedChange: (b) => a(!!b.checked), mt: 1, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, { "aria-label": `Compare ${d}` }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {})
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 0, flex: "1 1 18rem", minW: 0, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "medium", wordBreak: "break-word", title: e.url ?? void 0, children: d }),
        e.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", wordBreak: "break-word", children: e.note }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", overflowWrap: "anywhere", children: [
          e.kind,
          " · ",
          e.scope,
          " · ",
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { title: I(e.started_at), children: S(e.started_at) }),
          " · ",
          V(e.rows),
          " rows · ",
          J(e.bytes),
          " · id ",
          e.id,
          e.app_version ? ` · app ${e.app_version}` : ""
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(he, { row: e })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 1, align: "end", flex: "0 1 auto", minW: 0, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, wrap: "wrap", justify: "end", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(re, { row: e }),
          e.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Badge, { colorPalette: e.drill.ok ? "green" : "red", children: [
            "drill ",
            e.drill.ok ? "passed" : "failed"
          ] }) : null
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ne, { row: e, may: l, opened: s, open: n, verify: m, togglePin: u, busy: g })
      ] })
    ] }),
    o ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", mt: 1, color: o.bad ? "fg.error" : void 0, role: o.bad ? "alert" : "status", wordBreak: "break-word", "data-testid": "airvault-backup-said", children: o.text }) : null,
    s === "restore" && e.url ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { mt: 2, "data-testid": "airvault-row-restore", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ie, { backupUrl: e.url, onClose: () => n(void 0) }) }) : null,
    s === "delete" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { mt: 2, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oe, { what: d, word: e.id, onConfirm: x, onCancel: () => n(void 0) }) }) : null
  ] });
}, de = ["success", "failed"], W = (e) => e.label ?? `${e.id} (${I(e.started_at)})`, ue = ({ diff: e }) => {
  const l = Object.entries(e.tables).filter(([, i]) => i.added || i.removed || i.changed);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", my: 2, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-diff", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Table" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Added" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Removed" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Changed" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Columns changed" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: l.length ? l.map(([i, a]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: i }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: a.added }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: a.removed }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: a.changed }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: Object.keys(a.columns_changed).join(", ") })
      ] }, i)) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Row, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { colSpan: 5, children: "No row differences." }) }) })
    ] }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", children: [
      "Schema: ",
      e.schema.length ? e.schema.join("; ") : "identical"
    ] })
  ] });
}, be = ({ older: e, newer: l, onClose: i }) => {
  const [a, t] = globalThis.React.useState(), [s, n] = globalThis.React.useState("starting"), [o, c] = globalThis.React.useState(), [g, r] = globalThis.React.useState();
  return globalThis.React.useEffect(() => {
    let d = !1;
    const R = async (m) => {
      for (; !d; ) {
        const u = await H("/api/runs/{dag_id}/{run_id}", { dag_id: m.dag_id, run_id: m.run_id });
        if (n(u.state), de.includes(u.state)) return c(u.diff ?? void 0);
        await new Promise((x) => setTimeout(x, 2e3));
      }
    };
    return z("/api/diff", { a: e.url, b: l.url }).then((m) => (t(m), R(m))).catch((m) => r(m.message)), () => {
      d = !0;
    };
  }, [e.url, l.url]), /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, "data-testid": "airvault-compare", "aria-live": "polite", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", align: "start", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", wordBreak: "break-word", children: [
        o ? "From" : "Comparing",
        " ",
        W(e),
        " ",
        o ? "to" : "with",
        " ",
        W(l),
        a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
          " · ",
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: a.link, colorPalette: "blue", wordBreak: "break-all", children: [
            "run ",
            a.run_id
          ] }),
          " ",
          "(",
          s,
          ")"
        ] }) : null
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.CloseButton, { size: "sm", "aria-label": "Close the comparison", onClick: i })
    ] }),
    g ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", wordBreak: "break-word", children: g }) : null,
    o ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ue, { diff: o }) : null,
    s === "failed" && !o ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: "The comparison failed: its run's log says why." }) : null
  ] });
}, _ = 25, ge = () => {
  const [e, l] = globalThis.React.useState(), [i, a] = globalThis.React.useState(), t = globalThis.React.useRef(0), s = globalThis.React.useCallback(() => {
    const n = ++t.current;
    H("/api/backups").then((o) => {
      n === t.current && (l(o), a(void 0));
    }).catch((o) => n === t.current && a(o.message));
  }, []);
  return globalThis.React.useEffect(() => {
    s();
    const n = setInterval(s, 3e4);
    return () => clearInterval(n);
  }, [s]), { list: e, error: i, load: s };
}, Te = (e, l) => {
  const i = e.filter((s) => s.url && l.includes(s.url));
  if (i.length !== 2) return;
  const [a, t] = i;
  return (a.started_at ?? "") <= (t.started_at ?? "") ? [a, t] : [t, a];
}, Re = (e) => {
  const { list: l, error: i, load: a } = ge(), [t, s] = globalThis.React.useState(ee), [n, o] = globalThis.React.useState([]), [c, g] = globalThis.React.useState(), [r, d] = globalThis.React.useState(_), [R, m] = globalThis.React.useState();
  if (!l) return i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the backups…" });
  const u = l.may, x = l.backups.filter(le(t)), b = (T) => (h) => o((p) => h ? [...p.filter((f) => f !== T), T].slice(-2) : p.filter((f) => f !== T)), C = Te(l.backups, n);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", overflowWrap: "anywhere", children: [
      "Storage: ",
      l.storage
    ] }),
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      te,
      {
        value: t,
        set: (T) => {
          s(T), d(_);
        },
        kinds: l.kinds,
        scopes: l.scopes
      }
    ),
    u.diff ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", disabled: !C, onClick: () => g(C), children: "Compare the two selected" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: n.length === 2 ? "" : "Tick two backups to compare them." })
    ] }) : null,
    R ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { role: "status", wordBreak: "break-word", "data-testid": "airvault-backups-notice", children: R }) : null,
    c ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(be, { older: c[0], newer: c[1], onClose: () => g(void 0) }, c.map((T) => T.url).join()) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", "data-testid": "airvault-backup-count", children: x.length === l.backups.length ? `${x.length} backups` : `${x.length} of ${l.backups.length} backups match` }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { gap: 2, ps: 0, "data-testid": "airvault-backup-list", children: x.slice(0, r).map((T) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      ce,
      {
        row: T,
        may: u,
        picked: !!T.url && n.includes(T.url),
        pick: u.diff && T.type === "backup" && T.url ? b(T.url) : void 0,
        changed: (h) => {
          m(h), a();
        }
      },
      T.url ?? T.id
    )) }),
    x.length > r ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", alignSelf: "start", onClick: () => d(r + _), children: [
      "Show ",
      Math.min(_, x.length - r),
      " more"
    ] }) : null,
    x.length ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: l.backups.length ? "No backup matches these filters." : "No complete backup in this storage yet." })
  ] });
}, me = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: X(), children: "classic Backups page" }),
  " for now."
] }), xe = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: X(), children: "classic Backups page" }),
  " for now."
] }), K = { ok: "green", stale: "orange", failing: "red" }, A = ({ children: e, state: l, testId: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${K[l] ?? "gray"}.solid`, "data-testid": i, children: e }), ke = (e, l = []) => l.filter((i) => i.kind === e.kind && i.scope === e.scope && i.drill?.drilled_at).map((i) => i.drill)[0], Se = ({ card: e, newest: l, drill: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(A, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: K[e.state] ?? "gray", children: e.state })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: l?.label ?? (e.newest ? "newest backup" : "no usable backup yet") }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
    e.age_hours === null || e.age_hours === void 0 ? "" : `${P(e.age_hours)} old`,
    e.target_hours !== null && e.target_hours !== void 0 ? ` · target ${P(e.target_hours)}` : "",
    e.verified === !1 ? " · verification FAILED" : e.verified ? " · verified" : ""
  ] }),
  i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: i.ok ? "fg.muted" : "fg.error", children: [
    "last drill ",
    i.ok ? "passed" : "FAILED",
    " ",
    S(i.drilled_at)
  ] }) : null,
  e.failed_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: e.failed_run.link, fontSize: "sm", color: "fg.error", children: [
    "last run of ",
    e.failed_run.dag_id,
    " failed"
  ] }) : null
] }), G = (e, l = []) => l.find((i) => i.url === e.newest), pe = ({ status: e, rows: l, compact: i = !1 }) => {
  const a = e.drill, t = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: i ? 3 : 4 }, gap: 3, children: [
    e.cards.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Se, { card: s, newest: G(s, l), drill: ke(s, l) }, `${s.kind}/${s.scope}`)),
    i ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(A, { state: a ? a.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: a ? `${a.ok ? "passed" : "FAILED"}: ${a.kind}/${a.scope} ${S(a.drilled_at)}` : "no restore drill yet" }),
        a?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          a.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(A, { state: t.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          t.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: t.rpo_seconds === null || t.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${P(t.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(A, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          J(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([s, n]) => `${s} ${J(n)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, y = 864e5, Ce = 14, fe = 60, j = ["full", "module", "tenant", "manual", "pre-restore", "archive"], O = ["blue", "teal", "purple", "orange", "pink", "cyan", "yellow", "green", "red"], je = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], k = { left: 64, right: 12, top: 10, bottom: 34 }, v = 220, E = (e) => Math.floor(e / y) * y, M = (e) => {
  const l = new Date(e);
  return `${l.getUTCDate()} ${je[l.getUTCMonth()]}`;
}, Je = (e, l = Date.now()) => {
  const i = E(l), a = e.filter((r) => r.started_at).map((r) => ({ row: r, day: E(new Date(r.started_at).getTime()) })), t = Math.min(i, ...a.map((r) => r.day)), s = Math.min(fe, Math.max(Ce, Math.round((i - t) / y) + 1)), n = i - (s - 1) * y, o = Array.from({ length: s }, (r, d) => ({ start: n + d * y, byKind: {}, total: 0, count: 0 })), c = /* @__PURE__ */ new Set();
  for (const { row: r, day: d } of a) {
    const R = o[Math.round((d - n) / y)];
    R && (R.byKind[r.kind] = (R.byKind[r.kind] ?? 0) + r.bytes, R.total += r.bytes, R.count += 1, c.add(r.kind));
  }
  const g = (r) => j.includes(r) ? j.indexOf(r) : j.length;
  return { days: o, kinds: [...c].sort((r, d) => g(r) - g(d) || r.localeCompare(d)) };
}, Xe = (e) => {
  if (e <= 0) return 1024;
  let l = 1;
  for (; e / l >= 1024; ) l *= 1024;
  const i = e / l, a = 10 ** Math.floor(Math.log10(i));
  return ([1, 2, 5, 10].find((s) => s * a >= i) ?? 10) * a * l;
}, Ie = (e = 640) => {
  const l = globalThis.React.useRef(null), [i, a] = globalThis.React.useState(e);
  return globalThis.React.useEffect(() => {
    const t = l.current;
    if (!t) return;
    const s = new ResizeObserver(([n]) => a(Math.max(280, Math.floor(n.contentRect.width))));
    return s.observe(t), () => s.disconnect();
  }, []), { ref: l, width: i };
}, Ue = ({ rows: e, now: l = Date.now() }) => {
  const { token: i } = globalThis.ChakraUI.useChakraContext(), { ref: a, width: t } = Ie(), { days: s, kinds: n } = Je(e, l), o = n.filter((h) => !j.includes(h)), c = (h) => j.includes(h) ? j.indexOf(h) : j.length + o.indexOf(h), g = (h) => i.var(`colors.${O[c(h) % O.length]}.solid`), r = i.var("colors.fg.muted"), d = Xe(Math.max(0, ...s.map((h) => h.total))), R = t - k.left - k.right, m = v - k.top - k.bottom, u = R / s.length, x = Math.max(3, Math.min(28, u * 0.7)), b = (h) => k.top + m - h / d * m, C = Math.ceil(s.length / Math.max(1, Math.floor(R / 56))), T = n.length ? `Storage of the backups kept, per day of the last ${s.length} days, by kind: ${n.join(", ")}` : `No backup in the last ${s.length} days`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { ref: a, "data-testid": "airvault-storage-trend", minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
      "svg",
      {
        width: t,
        height: v,
        viewBox: `0 0 ${t} ${v}`,
        role: "img",
        "aria-label": T,
        style: { display: "block", width: `${t}px`, height: `${v}px`, maxWidth: "none" },
        children: [
          [0, 0.5, 1].map((h) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("line", { x1: k.left, x2: t - k.right, y1: b(d * h), y2: b(d * h), stroke: i.var("colors.border"), strokeDasharray: h ? "3 3" : void 0 }),
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: k.left - 6, y: b(d * h) + 4, textAnchor: "end", style: { fontSize: "11px", fill: r }, children: J(d * h).replace(".0 ", " ") })
          ] }, h)),
          s.map((h, p) => {
            const f = k.left + p * u + (u - x) / 2;
            let $ = 0;
            return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
              n.filter((U) => h.byKind[U]).map((U) => {
                const B = h.byKind[U], Q = /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("rect", { x: f, width: x, y: b($ + B), height: Math.max(1, b($) - b($ + B)), fill: g(U), children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `${M(h.start)}: ${U} ${J(B)}` }) }, U);
                return $ += B, Q;
              }),
              p % C === (s.length - 1) % C ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: k.left + p * u + u / 2, y: v - k.bottom + 15, textAnchor: "middle", style: { fontSize: "11px", fill: r }, children: M(h.start) }) : null
            ] }, h.start);
          }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: k.left, y: v - 4, style: { fontSize: "11px", fill: r }, children: "day taken (UTC)" })
        ]
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 4, mt: 1, "data-testid": "airvault-trend-legend", "aria-label": "legend", children: [
      n.map((h) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, "data-kind": h, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { w: "12px", h: "12px", borderRadius: "2px", style: { background: g(h) }, "aria-hidden": !0 }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", children: [
          h,
          " ",
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", children: J(s.reduce((p, f) => p + (f.byKind[h] ?? 0), 0)) })
        ] })
      ] }, h)),
      n.length ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
        T,
        "."
      ] })
    ] })
  ] });
}, ve = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, ye = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.severity === "red" ? "red" : "orange", mr: 2, children: e.severity === "red" ? "at risk" : "behind target" }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", fontWeight: "semibold", children: e.where }),
  ": ",
  e.what,
  e.since ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", title: I(e.since), children: [
    " ",
    "(since ",
    S(e.since),
    ")"
  ] }) : null,
  ". ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", children: [
    "Fix: ",
    e.fix
  ] })
] }), Y = ({ status: e, error: l, findings: i = !0 }) => {
  if (!e)
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: l ? "error" : "info", "data-testid": "airvault-verdict", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: l ? `Am I safe? Cannot tell: ${l}` : "Am I safe? Checking…" })
    ] });
  const a = e.findings.some((t) => t.severity === "red");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.safe ? "success" : a ? "error" : "warning", "data-testid": "airvault-verdict", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Title, { children: [
        "Am I safe? ",
        ve(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        i && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ye, { finding: t }, `${t.where}:${t.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          S(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, we = (e) => {
  const l = w("/api/status"), i = w("/api/backups"), a = i.data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Y, { status: l.data, error: l.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(pe, { status: l.data, rows: a }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-trend", minW: 0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", id: "airvault-trend", children: "Storage by kind" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", mb: 2, children: "The size of the backups kept, by the day they were taken." }),
      i.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i.error }) : null,
      i.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ue, { rows: a }) : null
    ] })
  ] });
}, $e = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: X(), children: "classic Backups page" }),
  " for now."
] }), Be = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: X(), children: "classic Backups page" }),
  " for now."
] }), _e = ({ row: e }) => {
  const l = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: l, children: e.verified === "-" ? "not yet" : e.verified });
}, ze = ({ rows: e, mayRestore: l, empty: i = "No backup yet.", showScope: a = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Backup" }),
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Kind · scope" }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Rows" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Size" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Verified" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Actions" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "22rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "medium", wordBreak: "break-word", children: t.label ?? t.id }),
      t.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: t.note }) : null
    ] }),
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      t.kind,
      " · ",
      t.scope
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: I(t.started_at), children: S(t.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: V(t.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: J(t.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(_e, { row: t }),
      t.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: t.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        t.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: t.type === "backup" && t.url && l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: X(`restore=${encodeURIComponent(t.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, t.url ?? t.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: i }), Ae = ({ dagId: e }) => {
  const l = w("/api/dags/{dag_id}/backups", { dag_id: e }), a = w("/api/schedules").data?.schedules.find((s) => s.dag_id === e), t = l.data;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: 2, "data-testid": "airvault-dag-tab", children: [
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      a.scheduled ? a.schedule : "manual: runs when triggered",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: a.paused ? "gray" : "green", children: a.paused ? "off" : "on" }),
      a.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " · next run ",
        S(a.next_run),
        " (",
        I(a.next_run),
        ")"
      ] }) : null,
      a.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " ",
        "· last run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: a.last_run.link, colorPalette: "blue", children: a.last_run.state }),
        " ",
        S(a.last_run.when)
      ] }) : null
    ] }) : null,
    t && t.kind ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
        "Backups of ",
        t.kind,
        " · ",
        t.scope
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ze, { rows: t.backups, mayRestore: t.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, F = [
  { value: "overview", label: "Overview", Panel: we },
  { value: "backups", label: "Backups", Panel: Re },
  { value: "restore", label: "Restore", Panel: $e },
  { value: "schedules", label: "Schedules", Panel: Be },
  { value: "exchange", label: "Imports & Exports", Panel: me },
  { value: "jobs", label: "Jobs", Panel: xe }
], De = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return F.some((l) => l.value === e) ? e : "overview";
}, Le = () => {
  const [e, l] = globalThis.React.useState(De), i = (a) => {
    l(a);
    const t = new URL(window.location.href);
    t.searchParams.set("tab", a), window.history.replaceState(window.history.state, "", t);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: X(), children: "Open the classic page" }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Tabs.Root, { value: e, onValueChange: (a) => i(a.value), lazyMount: !0, unmountOnExit: !0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: F.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: a.value, "data-testid": `airvault-tab-${a.value}`, children: a.label }, a.value)) }),
      F.map(({ value: a, Panel: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: a, "data-testid": `airvault-panel-${a}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(t, { show: i }) }, a))
    ] })
  ] });
}, q = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ae, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Le, {}), Pe = () => {
  const e = w("/api/status"), i = w("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: Z("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Y, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((a) => {
        const t = G(a, i);
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
            a.kind,
            " · ",
            a.scope
          ] }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: t?.label ?? (a.newest ? "(not listed)" : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "none yet" })) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: I(a.newest_at), children: S(a.newest_at) })
        ] }, `${a.kind}/${a.scope}`);
      }) })
    ] }) : null
  ] }) });
}, Fe = {
  Backups: q,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": Pe
  // the widget on Airflow's home page
};
Object.assign(globalThis, Fe, { AirflowPlugin: q });
export {
  Fe as APPS,
  q as BackupsPage,
  Pe as Dashboard
};
