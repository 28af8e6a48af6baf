const _ = (e) => new URL(`airvault${e}`, document.baseURI).toString(), J = (e = "") => _(`/${e ? `#${e}` : ""}`), q = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class E extends Error {
  constructor(l, i) {
    super(i), this.status = l;
  }
  status;
}
async function P(e, l = {}) {
  let i = e;
  for (const [s, n] of Object.entries(l)) i = i.replace(`{${s}}`, encodeURIComponent(n));
  const a = await fetch(_(i), { credentials: "same-origin" }), t = await a.json().catch(() => null);
  if (!a.ok) {
    const s = t && typeof t.detail == "string" ? t.detail : a.statusText;
    throw new E(a.status, `${a.status}: ${s}`);
  }
  return t;
}
function v(e, l = {}, i = 30) {
  const a = JSON.stringify(l), [t, s] = globalThis.React.useState({ loading: !0 }), n = globalThis.React.useCallback(() => {
    P(e, JSON.parse(a)).then((o) => s({ data: o, loading: !1 })).catch((o) => s((c) => ({ ...c, error: o.message, loading: !1 })));
  }, [e, a]);
  return globalThis.React.useEffect(() => {
    n();
    const o = setInterval(n, i * 1e3);
    return () => clearInterval(o);
  }, [n, i]), t;
}
async function $(e, l = {}, i = {}) {
  let a = e;
  for (const [n, o] of Object.entries(i)) a = a.replace(`{${n}}`, encodeURIComponent(o));
  const t = await fetch(_(a), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(l)
  }), s = await t.json().catch(() => null);
  if (!t.ok) {
    const n = s && typeof s.detail == "string" ? s.detail : JSON.stringify(s?.detail ?? t.statusText);
    throw new E(t.status, `${t.status}: ${n}`);
  }
  return s;
}
const Q = { kind: "", scope: "", text: "", verified: "" }, Z = {
  yes: (e) => e.verified !== "-" && e.verified !== "FAILED",
  no: (e) => e.verified === "-",
  failed: (e) => e.verified === "FAILED"
}, ee = (e) => (l) => {
  const i = e.text.trim().toLowerCase();
  return (!e.kind || l.kind === e.kind) && (!e.scope || l.scope === e.scope) && (!e.verified || Z[e.verified](l)) && (!i || [l.label, l.note, l.id].some((a) => a?.toLowerCase().includes(i)));
}, z = ({ label: e, value: l, options: i, set: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "9rem", flex: "0 1 12rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { fontSize: "xs", children: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { value: l, onChange: (t) => a(t.currentTarget.value), children: i.map(([t, s]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: t, children: s }, t)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), ae = ({ value: e, set: l, kinds: i, scopes: a }) => {
  const t = (s, n) => [["", s], ...n.map((o) => [o, o])];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, align: "end", "data-testid": "airvault-backup-filters", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(z, { label: "Kind", value: e.kind, options: t("every kind", i), set: (s) => l({ ...e, kind: s }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(z, { label: "Scope", value: e.scope, options: t("every scope", a), set: (s) => l({ ...e, scope: s }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      z,
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
}, X = (e) => {
  if (!e) return "-";
  const l = new Date(e);
  return Number.isNaN(l.getTime()) ? e : `${l.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, p = (e, l = Date.now()) => {
  if (!e) return "-";
  const i = (new Date(e).getTime() - l) / 1e3, a = i > 0, t = Math.abs(i), [s, n] = t >= 86400 ? [t / 86400, "day"] : t >= 3600 ? [t / 3600, "hour"] : t >= 60 ? [t / 60, "minute"] : [0, ""];
  if (!n) return a ? "in a moment" : "just now";
  const o = Math.floor(s), c = `${o} ${n}${o === 1 ? "" : "s"}`;
  return a ? `in ${c}` : `${c} ago`;
}, D = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, j = (e) => {
  if (e == null) return "-";
  const l = ["B", "KB", "MB", "GB", "TB"];
  let i = e, a = 0;
  for (; i >= 1024 && a < l.length - 1; )
    i /= 1024, a += 1;
  return `${i.toFixed(a ? 1 : 0)} ${l[a]}`;
}, M = (e) => e == null ? "-" : e.toLocaleString("en-US"), le = ({ backupUrl: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: J(e ? `restore=${encodeURIComponent(e)}` : ""), children: "Restore on the classic page…" }) }), te = ({ row: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "xs", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: _(`/api/download?url=${encodeURIComponent(e.url ?? "")}`), download: !0, "aria-label": `Download ${e.label ?? e.id}`, children: "Download" }) }), ie = ({ row: e, may: l, opened: i, open: a, verify: t, togglePin: s, busy: n }) => {
  if (!e.url) return null;
  const o = e.label ?? e.id, c = (u) => a(i === u ? void 0 : u);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 1, "data-testid": "airvault-backup-actions", children: [
    l.verify ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", onClick: t, disabled: n, "aria-label": `Verify ${o}`, children: "Verify" }) : null,
    l.restore ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(te, { row: e }) : null,
    l.restore && e.type === "backup" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: i === "restore" ? "solid" : "outline", onClick: () => c("restore"), "aria-expanded": i === "restore", "aria-label": `Restore ${o}`, children: "Restore…" }) : null,
    l.delete ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", onClick: s, disabled: n, "aria-label": `${e.pinned ? "Unpin" : "Pin"} ${o}`, children: e.pinned ? "Unpin" : "Pin" }) : null,
    l.delete ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", colorPalette: "red", onClick: () => c("delete"), "aria-expanded": i === "delete", "aria-label": `Delete ${o}`, children: "Delete…" }) : null
  ] });
}, se = ({ what: e, word: l, onConfirm: i, onCancel: a }) => {
  const [t, s] = globalThis.React.useState(""), [n, o] = globalThis.React.useState(""), [c, u] = globalThis.React.useState(), [r, d] = globalThis.React.useState(!1), T = [l, e].includes(t.trim()), R = async () => {
    d(!0), u(void 0);
    try {
      await i(n.trim());
    } catch (b) {
      u(b.message);
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
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: t, onChange: (b) => s(b.target.value), autoComplete: "off" })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { flex: "1 1 14rem", minW: 0, required: !0, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Reason (kept in the deletion log)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: n, onChange: (b) => o(b.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "red", disabled: !T || !n.trim() || r, loading: r, onClick: R, children: "Delete for good" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "ghost", onClick: a, children: "Cancel" })
    ] }),
    c ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { role: "alert", color: "fg.error", mt: 2, wordBreak: "break-word", "data-testid": "airvault-delete-error", children: [
      "Not deleted: ",
      c
    ] }) : null
  ] });
}, ne = ({ row: e }) => {
  const l = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: l, children: e.verified === "-" ? "not verified" : `verified: ${e.verified}` });
}, oe = ({ row: e }) => e.pinned ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", "data-testid": "airvault-pinned", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: "purple", mr: 1, children: "pinned" }),
  e.pinned.reason,
  e.pinned.by ? ` · by ${e.pinned.by}` : "",
  e.pinned.pinned_at ? ` · ${X(e.pinned.pinned_at)}` : ""
] }) : null, re = ({ row: e, may: l, picked: i, pick: a, changed: t }) => {
  const [s, n] = globalThis.React.useState(), [o, c] = globalThis.React.useState(), [u, r] = globalThis.React.useState(!1), d = e.label ?? e.id, T = async (m) => {
    r(!0);
    try {
      await m();
    } catch (h) {
      c({ text: h.message, bad: !0 });
    } finally {
      r(!1);
    }
  }, R = () => T(async () => {
    const m = await $("/api/verify", { url: e.url });
    c({
      text: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        "Verifying: run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: m.link, colorPalette: "blue", wordBreak: "break-all", "data-testid": "airvault-run-link", children: m.run_id }),
        " ",
        "(",
        m.state,
        ")"
      ] })
    });
  }), b = () => T(async () => {
    const m = await $("/api/pin", { url: e.url, pinned: !e.pinned });
    c({ text: m.pinned ? "Pinned: retention and deletions leave it alone." : "Unpinned." }), t();
  }), x = async (m) => {
    await $("/api/delete", { url: e.url, reason: m }), n(void 0), t(`Deleted ${d} (${e.kind} · ${e.scope}); the deletion log keeps who, when and why.`);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "li", listStyleType: "none", borderWidth: "1px", borderRadius: "md", p: 2, "data-testid": "airvault-backup", "data-id": e.id, "data-url": e.url ?? "", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Flex, { wrap: "wrap", gap: 2, align: "start", children: [
      a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: i, onCheckedChange: (m) => a(!!m.checked), mt: 1, children: [
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
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { title: X(e.started_at), children: p(e.started_at) }),
          " · ",
          M(e.rows),
          " rows · ",
          j(e.bytes),
          " · id ",
          e.id,
          e.app_version ? ` · app ${e.app_version}` : ""
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oe, { row: e })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 1, align: "end", flex: "0 1 auto", minW: 0, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, wrap: "wrap", justify: "end", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ne, { row: e }),
          e.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Badge, { colorPalette: e.drill.ok ? "green" : "red", children: [
            "drill ",
            e.drill.ok ? "passed" : "failed"
          ] }) : null
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ie, { row: e, may: l, opened: s, open: n, verify: R, togglePin: b, busy: u })
      ] })
    ] }),
    o ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", mt: 1, color: o.bad ? "fg.error" : void 0, role: o.bad ? "alert" : "status", wordBreak: "break-word", "data-testid": "airvault-backup-said", children: o.text }) : null,
    s === "restore" && e.url ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { mt: 2, "data-testid": "airvault-row-restore", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(le, { backupUrl: e.url, onClose: () => n(void 0) }) }) : null,
    s === "delete" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { mt: 2, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(se, { what: d, word: e.id, onConfirm: x, onCancel: () => n(void 0) }) }) : null
  ] });
}, he = ["success", "failed"], H = (e) => `${e.label ?? e.id} (${X(e.started_at)})`, ce = ({ diff: e }) => {
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
}, de = ({ older: e, newer: l, onClose: i }) => {
  const [a, t] = globalThis.React.useState(), [s, n] = globalThis.React.useState("starting"), [o, c] = globalThis.React.useState(), [u, r] = globalThis.React.useState();
  return globalThis.React.useEffect(() => {
    let d = !1;
    const T = async (R) => {
      for (; !d; ) {
        const b = await P("/api/runs/{dag_id}/{run_id}", { dag_id: R.dag_id, run_id: R.run_id });
        if (n(b.state), he.includes(b.state)) return c(b.diff ?? void 0);
        await new Promise((x) => setTimeout(x, 2e3));
      }
    };
    return $("/api/diff", { a: e.url, b: l.url }).then((R) => (t(R), T(R))).catch((R) => r(R.message)), () => {
      d = !0;
    };
  }, [e.url, l.url]), /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, "data-testid": "airvault-compare", "aria-live": "polite", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", align: "start", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", wordBreak: "break-word", children: [
        o ? "From" : "Comparing",
        " ",
        H(e),
        " ",
        o ? "to" : "with",
        " ",
        H(l),
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
    u ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", wordBreak: "break-word", children: u }) : null,
    o ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ce, { diff: o }) : null,
    s === "failed" && !o ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: "The comparison failed: its run's log says why." }) : null
  ] });
}, w = 25, ue = () => {
  const [e, l] = globalThis.React.useState(), [i, a] = globalThis.React.useState(), t = globalThis.React.useCallback(() => {
    P("/api/backups").then((s) => {
      l(s), a(void 0);
    }).catch((s) => a(s.message));
  }, []);
  return globalThis.React.useEffect(() => {
    t();
    const s = setInterval(t, 3e4);
    return () => clearInterval(s);
  }, [t]), { list: e, error: i, load: t };
}, be = (e, l) => {
  const i = e.filter((s) => s.url && l.includes(s.url));
  if (i.length !== 2) return;
  const [a, t] = i;
  return (a.started_at ?? "") <= (t.started_at ?? "") ? [a, t] : [t, a];
}, ge = (e) => {
  const { list: l, error: i, load: a } = ue(), [t, s] = globalThis.React.useState(Q), [n, o] = globalThis.React.useState([]), [c, u] = globalThis.React.useState(), [r, d] = globalThis.React.useState(w), [T, R] = globalThis.React.useState();
  if (!l) return i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the backups…" });
  const b = l.may, x = l.backups.filter(ee(t)), m = (g) => (C) => o((f) => C ? [...f.filter((S) => S !== g), g].slice(-2) : f.filter((S) => S !== g)), h = be(l.backups, n);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", overflowWrap: "anywhere", children: [
      "Storage: ",
      l.storage
    ] }),
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ae, { value: t, set: (g) => (s(g), d(w)), kinds: l.kinds, scopes: l.scopes }),
    b.diff ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", disabled: !h, onClick: () => u(h), children: "Compare the two selected" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: n.length === 2 ? "" : "Tick two backups to compare them." })
    ] }) : null,
    T ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { role: "status", wordBreak: "break-word", "data-testid": "airvault-backups-notice", children: T }) : null,
    c ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(de, { older: c[0], newer: c[1], onClose: () => u(void 0) }, c.map((g) => g.url).join()) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", "data-testid": "airvault-backup-count", children: x.length === l.backups.length ? `${x.length} backups` : `${x.length} of ${l.backups.length} backups match` }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { gap: 2, ps: 0, "data-testid": "airvault-backup-list", children: x.slice(0, r).map((g) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      re,
      {
        row: g,
        may: b,
        picked: !!g.url && n.includes(g.url),
        pick: b.diff && g.type === "backup" && g.url ? m(g.url) : void 0,
        changed: (C) => {
          R(C), a();
        }
      },
      g.url ?? g.id
    )) }),
    x.length > r ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", alignSelf: "start", onClick: () => d(r + w), children: [
      "Show ",
      Math.min(w, x.length - r),
      " more"
    ] }) : null,
    x.length ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: l.backups.length ? "No backup matches these filters." : "No complete backup in this storage yet." })
  ] });
}, Te = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: J(), children: "classic Backups page" }),
  " for now."
] }), Re = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: J(), children: "classic Backups page" }),
  " for now."
] }), N = { ok: "green", stale: "orange", failing: "red" }, B = ({ children: e, state: l, testId: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${N[l] ?? "gray"}.solid`, "data-testid": i, children: e }), me = (e, l = []) => l.filter((i) => i.kind === e.kind && i.scope === e.scope && i.drill?.drilled_at).map((i) => i.drill)[0], xe = ({ card: e, newest: l, drill: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(B, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: N[e.state] ?? "gray", children: e.state })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: l?.label ?? (e.newest ? "newest backup" : "no usable backup yet") }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
    e.age_hours === null || e.age_hours === void 0 ? "" : `${D(e.age_hours)} old`,
    e.target_hours !== null && e.target_hours !== void 0 ? ` · target ${D(e.target_hours)}` : "",
    e.verified === !1 ? " · verification FAILED" : e.verified ? " · verified" : ""
  ] }),
  i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: i.ok ? "fg.muted" : "fg.error", children: [
    "last drill ",
    i.ok ? "passed" : "FAILED",
    " ",
    p(i.drilled_at)
  ] }) : null,
  e.failed_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: e.failed_run.link, fontSize: "sm", color: "fg.error", children: [
    "last run of ",
    e.failed_run.dag_id,
    " failed"
  ] }) : null
] }), V = (e, l = []) => l.find((i) => i.url === e.newest), ke = ({ status: e, rows: l, compact: i = !1 }) => {
  const a = e.drill, t = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: i ? 3 : 4 }, gap: 3, children: [
    e.cards.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(xe, { card: s, newest: V(s, l), drill: me(s, l) }, `${s.kind}/${s.scope}`)),
    i ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(B, { state: a ? a.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: a ? `${a.ok ? "passed" : "FAILED"}: ${a.kind}/${a.scope} ${p(a.drilled_at)}` : "no restore drill yet" }),
        a?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          a.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(B, { state: t.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          t.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: t.rpo_seconds === null || t.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${D(t.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(B, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          j(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([s, n]) => `${s} ${j(n)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, U = 864e5, Se = 14, pe = 60, A = ["full", "module", "tenant", "manual", "pre-restore", "archive"], W = ["blue", "teal", "purple", "orange", "pink", "cyan", "yellow", "green", "red"], Ce = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], k = { left: 64, right: 12, top: 10, bottom: 34 }, I = 220, F = (e) => Math.floor(e / U) * U, O = (e) => {
  const l = new Date(e);
  return `${l.getUTCDate()} ${Ce[l.getUTCMonth()]}`;
}, fe = (e, l = Date.now()) => {
  const i = F(l), a = e.filter((r) => r.started_at).map((r) => ({ row: r, day: F(new Date(r.started_at).getTime()) })), t = Math.min(i, ...a.map((r) => r.day)), s = Math.min(pe, Math.max(Se, Math.round((i - t) / U) + 1)), n = i - (s - 1) * U, o = Array.from({ length: s }, (r, d) => ({ start: n + d * U, byKind: {}, total: 0, count: 0 })), c = /* @__PURE__ */ new Set();
  for (const { row: r, day: d } of a) {
    const T = o[Math.round((d - n) / U)];
    T && (T.byKind[r.kind] = (T.byKind[r.kind] ?? 0) + r.bytes, T.total += r.bytes, T.count += 1, c.add(r.kind));
  }
  const u = (r) => A.includes(r) ? A.indexOf(r) : A.length;
  return { days: o, kinds: [...c].sort((r, d) => u(r) - u(d) || r.localeCompare(d)) };
}, je = (e) => {
  if (e <= 0) return 1024;
  let l = 1;
  for (; e / l >= 1024; ) l *= 1024;
  const i = e / l, a = 10 ** Math.floor(Math.log10(i));
  return ([1, 2, 5, 10].find((s) => s * a >= i) ?? 10) * a * l;
}, Je = (e = 640) => {
  const l = globalThis.React.useRef(null), [i, a] = globalThis.React.useState(e);
  return globalThis.React.useEffect(() => {
    const t = l.current;
    if (!t) return;
    const s = new ResizeObserver(([n]) => a(Math.max(280, Math.floor(n.contentRect.width))));
    return s.observe(t), () => s.disconnect();
  }, []), { ref: l, width: i };
}, Xe = ({ rows: e, now: l = Date.now() }) => {
  const { token: i } = globalThis.ChakraUI.useChakraContext(), { ref: a, width: t } = Je(), { days: s, kinds: n } = fe(e, l), o = (h) => i.var(`colors.${W[n.indexOf(h) % W.length]}.solid`), c = i.var("colors.fg.muted"), u = je(Math.max(0, ...s.map((h) => h.total))), r = t - k.left - k.right, d = I - k.top - k.bottom, T = r / s.length, R = Math.max(3, Math.min(28, T * 0.7)), b = (h) => k.top + d - h / u * d, x = Math.ceil(s.length / Math.max(1, Math.floor(r / 56))), m = n.length ? `Storage of the backups kept, per day of the last ${s.length} days, by kind: ${n.join(", ")}` : `No backup in the last ${s.length} days`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { ref: a, "data-testid": "airvault-storage-trend", minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
      "svg",
      {
        width: t,
        height: I,
        viewBox: `0 0 ${t} ${I}`,
        role: "img",
        "aria-label": m,
        style: { display: "block", width: `${t}px`, height: `${I}px`, maxWidth: "none" },
        children: [
          [0, 0.5, 1].map((h) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("line", { x1: k.left, x2: t - k.right, y1: b(u * h), y2: b(u * h), stroke: i.var("colors.border"), strokeDasharray: h ? "3 3" : void 0 }),
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: k.left - 6, y: b(u * h) + 4, textAnchor: "end", style: { fontSize: "11px", fill: c }, children: j(u * h).replace(".0 ", " ") })
          ] }, h)),
          s.map((h, g) => {
            const C = k.left + g * T + (T - R) / 2;
            let f = 0;
            return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
              n.filter((S) => h.byKind[S]).map((S) => {
                const y = h.byKind[S], Y = /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("rect", { x: C, width: R, y: b(f + y), height: Math.max(1, b(f) - b(f + y)), fill: o(S), children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `${O(h.start)}: ${S} ${j(y)}` }) }, S);
                return f += y, Y;
              }),
              g % x === (s.length - 1) % x ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: k.left + g * T + T / 2, y: I - k.bottom + 15, textAnchor: "middle", style: { fontSize: "11px", fill: c }, children: O(h.start) }) : null
            ] }, h.start);
          }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: k.left, y: I - 4, style: { fontSize: "11px", fill: c }, children: "day taken (UTC)" })
        ]
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 4, mt: 1, "data-testid": "airvault-trend-legend", "aria-label": "legend", children: [
      n.map((h) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, "data-kind": h, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { w: "12px", h: "12px", borderRadius: "2px", style: { background: o(h) }, "aria-hidden": !0 }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", children: [
          h,
          " ",
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", children: j(s.reduce((g, C) => g + (C.byKind[h] ?? 0), 0)) })
        ] })
      ] }, h)),
      n.length ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
        m,
        "."
      ] })
    ] })
  ] });
}, Ie = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, Ue = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.severity === "red" ? "red" : "orange", mr: 2, children: e.severity === "red" ? "at risk" : "behind target" }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", fontWeight: "semibold", children: e.where }),
  ": ",
  e.what,
  e.since ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", title: X(e.since), children: [
    " ",
    "(since ",
    p(e.since),
    ")"
  ] }) : null,
  ". ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", children: [
    "Fix: ",
    e.fix
  ] })
] }), K = ({ status: e, error: l, findings: i = !0 }) => {
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
        Ie(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        i && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ue, { finding: t }, `${t.where}:${t.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          p(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, ve = (e) => {
  const l = v("/api/status"), i = v("/api/backups"), a = i.data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(K, { status: l.data, error: l.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ke, { status: l.data, rows: a }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-trend", minW: 0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", id: "airvault-trend", children: "Storage by kind" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", mb: 2, children: "The size of the backups kept, by the day they were taken." }),
      i.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i.error }) : null,
      i.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Xe, { rows: a }) : null
    ] })
  ] });
}, ye = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: J(), children: "classic Backups page" }),
  " for now."
] }), we = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: J(), children: "classic Backups page" }),
  " for now."
] }), $e = ({ row: e }) => {
  const l = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: l, children: e.verified === "-" ? "not yet" : e.verified });
}, Be = ({ rows: e, mayRestore: l, empty: i = "No backup yet.", showScope: a = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: X(t.started_at), children: p(t.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: M(t.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: j(t.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx($e, { row: t }),
      t.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: t.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        t.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: t.type === "backup" && t.url && l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: J(`restore=${encodeURIComponent(t.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, t.url ?? t.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: i }), _e = ({ dagId: e }) => {
  const l = v("/api/dags/{dag_id}/backups", { dag_id: e }), a = v("/api/schedules").data?.schedules.find((s) => s.dag_id === e), t = l.data;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: 2, "data-testid": "airvault-dag-tab", children: [
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      a.scheduled ? a.schedule : "manual: runs when triggered",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: a.paused ? "gray" : "green", children: a.paused ? "off" : "on" }),
      a.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " · next run ",
        p(a.next_run),
        " (",
        X(a.next_run),
        ")"
      ] }) : null,
      a.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " ",
        "· last run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: a.last_run.link, colorPalette: "blue", children: a.last_run.state }),
        " ",
        p(a.last_run.when)
      ] }) : null
    ] }) : null,
    t && t.kind ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
        "Backups of ",
        t.kind,
        " · ",
        t.scope
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Be, { rows: t.backups, mayRestore: t.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, L = [
  { value: "overview", label: "Overview", Panel: ve },
  { value: "backups", label: "Backups", Panel: ge },
  { value: "restore", label: "Restore", Panel: ye },
  { value: "schedules", label: "Schedules", Panel: we },
  { value: "exchange", label: "Imports & Exports", Panel: Te },
  { value: "jobs", label: "Jobs", Panel: Re }
], ze = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return L.some((l) => l.value === e) ? e : "overview";
}, Ae = () => {
  const [e, l] = globalThis.React.useState(ze), i = (a) => {
    l(a);
    const t = new URL(window.location.href);
    t.searchParams.set("tab", a), window.history.replaceState(window.history.state, "", t);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: J(), children: "Open the classic page" }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Tabs.Root, { value: e, onValueChange: (a) => i(a.value), lazyMount: !0, unmountOnExit: !0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: L.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: a.value, "data-testid": `airvault-tab-${a.value}`, children: a.label }, a.value)) }),
      L.map(({ value: a, Panel: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: a, "data-testid": `airvault-panel-${a}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(t, { show: i }) }, a))
    ] })
  ] });
}, G = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(_e, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ae, {}), De = () => {
  const e = v("/api/status"), i = v("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: q("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(K, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((a) => {
        const t = V(a, i);
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
            a.kind,
            " · ",
            a.scope
          ] }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: t?.label ?? (a.newest ? "(not listed)" : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "none yet" })) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: X(a.newest_at), children: p(a.newest_at) })
        ] }, `${a.kind}/${a.scope}`);
      }) })
    ] }) : null
  ] }) });
}, Le = {
  Backups: G,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": De
  // the widget on Airflow's home page
};
Object.assign(globalThis, Le, { AirflowPlugin: G });
export {
  Le as APPS,
  G as BackupsPage,
  De as Dashboard
};
