const E = (e) => new URL(`airvault${e}`, document.baseURI).toString(), W = (e = "") => E(`/${e ? `#${e}` : ""}`), ze = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class Y extends Error {
  constructor(l, a) {
    super(a), this.status = l;
  }
  status;
}
async function I(e, l = {}) {
  let a = e;
  for (const [s, n] of Object.entries(l)) a = a.replace(`{${s}}`, encodeURIComponent(n));
  const i = await fetch(E(a), { credentials: "same-origin" }), t = await i.json().catch(() => null);
  if (!i.ok) {
    const s = t && typeof t.detail == "string" ? t.detail : i.statusText;
    throw new Y(i.status, `${i.status}: ${s}`);
  }
  return t;
}
function D(e, l = {}, a = 30) {
  const i = JSON.stringify(l), [t, s] = globalThis.React.useState({ loading: !0 }), n = globalThis.React.useCallback(() => {
    I(e, JSON.parse(i)).then((o) => s({ data: o, loading: !1 })).catch((o) => s((h) => ({ ...h, error: o.message, loading: !1 })));
  }, [e, i]);
  return globalThis.React.useEffect(() => {
    n();
    const o = setInterval(n, a * 1e3);
    return () => clearInterval(o);
  }, [n, a]), t;
}
async function U(e, l = {}, a = {}) {
  let i = e;
  for (const [n, o] of Object.entries(a)) i = i.replace(`{${n}}`, encodeURIComponent(o));
  const t = await fetch(E(i), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(l)
  }), s = await t.json().catch(() => null);
  if (!t.ok) {
    const n = s && typeof s.detail == "string" ? s.detail : JSON.stringify(s?.detail ?? t.statusText);
    throw new Y(t.status, `${t.status}: ${n}`);
  }
  return s;
}
const Fe = { kind: "", scope: "", text: "", verified: "" }, Be = {
  yes: (e) => e.verified !== "-" && e.verified !== "FAILED",
  no: (e) => e.verified === "-",
  failed: (e) => e.verified === "FAILED"
}, Ae = (e) => (l) => {
  const a = e.text.trim().toLowerCase();
  return (!e.kind || l.kind === e.kind) && (!e.scope || l.scope === e.scope) && (!e.verified || Be[e.verified](l)) && (!a || [l.label, l.note, l.id].some((i) => i?.toLowerCase().includes(a)));
}, ee = ({ label: e, value: l, options: a, set: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "9rem", flex: "0 1 12rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { fontSize: "xs", children: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { value: l, onChange: (t) => i(t.currentTarget.value), children: a.map(([t, s]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: t, children: s }, t)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), He = ({ value: e, set: l, kinds: a, scopes: i }) => {
  const t = (s, n) => [["", s], ...n.map((o) => [o, o])];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, align: "end", "data-testid": "airvault-backup-filters", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ee, { label: "Kind", value: e.kind, options: t("every kind", a), set: (s) => l({ ...e, kind: s }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ee, { label: "Scope", value: e.scope, options: t("every scope", i), set: (s) => l({ ...e, scope: s }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      ee,
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
}, J = (e) => {
  if (!e) return "-";
  const l = new Date(e);
  return Number.isNaN(l.getTime()) ? e : `${l.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, j = (e, l = Date.now()) => {
  if (!e) return "-";
  const a = (new Date(e).getTime() - l) / 1e3, i = a > 0, t = Math.abs(a), [s, n] = t >= 86400 ? [t / 86400, "day"] : t >= 3600 ? [t / 3600, "hour"] : t >= 60 ? [t / 60, "minute"] : [0, ""];
  if (!n) return i ? "in a moment" : "just now";
  const o = Math.floor(s), h = `${o} ${n}${o === 1 ? "" : "s"}`;
  return i ? `in ${h}` : `${h} ago`;
}, le = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, F = (e) => {
  if (e == null) return "-";
  const l = ["B", "KB", "MB", "GB", "TB"];
  let a = e, i = 0;
  for (; a >= 1024 && i < l.length - 1; )
    a /= 1024, i += 1;
  return `${a.toFixed(i ? 1 : 0)} ${l[i]}`;
}, P = (e) => e == null ? "-" : e.toLocaleString("en-US"), Le = ({ backupUrl: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: W(e ? `restore=${encodeURIComponent(e)}` : ""), children: "Restore on the classic page…" }) }), De = ({ row: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "xs", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: E(`/api/download?url=${encodeURIComponent(e.url ?? "")}`), download: !0, "aria-label": `Download ${e.label ?? e.id}`, children: "Download" }) }), Ee = ({ row: e, may: l, opened: a, open: i, verify: t, togglePin: s, busy: n }) => {
  if (!e.url) return null;
  const o = e.label ?? e.id, h = (u) => i(a === u ? void 0 : u);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 1, "data-testid": "airvault-backup-actions", children: [
    l.verify ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", onClick: t, disabled: n, "aria-label": `Verify ${o}`, children: "Verify" }) : null,
    l.restore ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(De, { row: e }) : null,
    l.restore && e.type === "backup" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: a === "restore" ? "solid" : "outline", onClick: () => h("restore"), "aria-expanded": a === "restore", "aria-label": `Restore ${o}`, children: "Restore…" }) : null,
    l.delete ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", onClick: s, disabled: n, "aria-label": `${e.pinned ? "Unpin" : "Pin"} ${o}`, children: e.pinned ? "Unpin" : "Pin" }) : null,
    l.delete ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", colorPalette: "red", onClick: () => h("delete"), "aria-expanded": a === "delete", "aria-label": `Delete ${o}`, children: "Delete…" }) : null
  ] });
}, Ne = ({ what: e, word: l, onConfirm: a, onCancel: i }) => {
  const [t, s] = globalThis.React.useState(""), [n, o] = globalThis.React.useState(""), [h, u] = globalThis.React.useState(), [d, R] = globalThis.React.useState(!1), x = [l, e].includes(t.trim()), r = async () => {
    R(!0), u(void 0);
    try {
      await a(n.trim());
    } catch (c) {
      u(c.message);
    } finally {
      R(!1);
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
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: t, onChange: (c) => s(c.target.value), autoComplete: "off" })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { flex: "1 1 14rem", minW: 0, required: !0, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Reason (kept in the deletion log)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: n, onChange: (c) => o(c.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "red", disabled: !x || !n.trim() || d, loading: d, onClick: r, children: "Delete for good" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "ghost", onClick: i, children: "Cancel" })
    ] }),
    h ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { role: "alert", color: "fg.error", mt: 2, wordBreak: "break-word", "data-testid": "airvault-delete-error", children: [
      "Not deleted: ",
      h
    ] }) : null
  ] });
}, Oe = ({ row: e }) => {
  const l = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green", a = { "-": "not verified", yes: "verified", "drill ok": "verified by a drill", FAILED: "verification FAILED" };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: l, children: a[e.verified] ?? e.verified });
}, We = ({ row: e }) => e.pinned ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", "data-testid": "airvault-pinned", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: "purple", mr: 1, children: "pinned" }),
  e.pinned.reason,
  e.pinned.by ? ` · by ${e.pinned.by}` : "",
  e.pinned.pinned_at ? ` · ${J(e.pinned.pinned_at)}` : ""
] }) : null, Pe = ({ row: e, may: l, picked: a, pick: i, changed: t }) => {
  const [s, n] = globalThis.React.useState(), [o, h] = globalThis.React.useState(), [u, d] = globalThis.React.useState(!1), R = e.label ?? e.id, x = async (T) => {
    d(!0);
    try {
      await T();
    } catch (b) {
      h({ text: b.message, bad: !0 });
    } finally {
      d(!1);
    }
  }, r = () => x(async () => {
    const T = await U("/api/verify", { url: e.url });
    h({
      text: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        "Verifying: run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: T.link, colorPalette: "blue", wordBreak: "break-all", "data-testid": "airvault-run-link", children: T.run_id }),
        " ",
        "(",
        T.state,
        ")"
      ] })
    });
  }), c = () => x(async () => {
    const T = await U("/api/pin", { url: e.url, pinned: !e.pinned });
    h({ text: T.pinned ? "Pinned: retention and deletions leave it alone." : "Unpinned." }), t();
  }), S = async (T) => {
    await U("/api/delete", { url: e.url, reason: T }), n(void 0), t(`Deleted ${R} (${e.kind} · ${e.scope}); the deletion log keeps who, when and why.`);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "li", listStyleType: "none", borderWidth: "1px", borderRadius: "md", p: 2, "data-testid": "airvault-backup", "data-id": e.id, "data-url": e.url ?? "", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Flex, { wrap: "wrap", gap: 2, align: "start", children: [
      i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: a, onCheckedChange: (T) => i(!!T.checked), mt: 1, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, { "aria-label": `Compare ${R}` }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {})
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 0, flex: "1 1 18rem", minW: 0, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "medium", wordBreak: "break-word", title: e.url ?? void 0, children: R }),
        e.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", wordBreak: "break-word", children: e.note }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", overflowWrap: "anywhere", children: [
          e.kind,
          " · ",
          e.scope,
          " · ",
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { title: J(e.started_at), children: j(e.started_at) }),
          " · ",
          P(e.rows),
          " rows · ",
          F(e.bytes),
          " · id ",
          e.id,
          e.app_version ? ` · app ${e.app_version}` : ""
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(We, { row: e })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 1, align: "end", flex: "0 1 auto", minW: 0, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, wrap: "wrap", justify: "end", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Oe, { row: e }),
          e.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Badge, { colorPalette: e.drill.ok ? "green" : "red", children: [
            "drill ",
            e.drill.ok ? "passed" : "failed"
          ] }) : null
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ee, { row: e, may: l, opened: s, open: n, verify: r, togglePin: c, busy: u })
      ] })
    ] }),
    o ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", mt: 1, color: o.bad ? "fg.error" : void 0, role: o.bad ? "alert" : "status", wordBreak: "break-word", "data-testid": "airvault-backup-said", children: o.text }) : null,
    s === "restore" && e.url ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { mt: 2, "data-testid": "airvault-row-restore", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Le, { backupUrl: e.url, onClose: () => n(void 0) }) }) : null,
    s === "delete" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { mt: 2, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ne, { what: R, word: e.id, onConfirm: S, onCancel: () => n(void 0) }) }) : null
  ] });
}, Me = ["success", "failed"], oe = (e) => e.label ?? `${e.id} (${J(e.started_at)})`, Ve = ({ diff: e }) => {
  const l = Object.entries(e.tables).filter(([, a]) => a.added || a.removed || a.changed);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", my: 2, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-diff", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Table" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Added" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Removed" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Changed" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Columns changed" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: l.length ? l.map(([a, i]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: a }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: i.added }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: i.removed }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: i.changed }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: Object.keys(i.columns_changed).join(", ") })
      ] }, a)) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Row, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { colSpan: 5, children: "No row differences." }) }) })
    ] }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", children: [
      "Schema: ",
      e.schema.length ? e.schema.join("; ") : "identical"
    ] })
  ] });
}, qe = ({ older: e, newer: l, onClose: a }) => {
  const [i, t] = globalThis.React.useState(), [s, n] = globalThis.React.useState("starting"), [o, h] = globalThis.React.useState(), [u, d] = globalThis.React.useState();
  return globalThis.React.useEffect(() => {
    let R = !1;
    const x = async (r) => {
      for (; !R; ) {
        const c = await I("/api/runs/{dag_id}/{run_id}", { dag_id: r.dag_id, run_id: r.run_id });
        if (n(c.state), Me.includes(c.state)) return h(c.diff ?? void 0);
        await new Promise((S) => setTimeout(S, 2e3));
      }
    };
    return U("/api/diff", { a: e.url, b: l.url }).then((r) => (t(r), x(r))).catch((r) => d(r.message)), () => {
      R = !0;
    };
  }, [e.url, l.url]), /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, "data-testid": "airvault-compare", "aria-live": "polite", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", align: "start", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", wordBreak: "break-word", children: [
        o ? "From" : "Comparing",
        " ",
        oe(e),
        " ",
        o ? "to" : "with",
        " ",
        oe(l),
        i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
          " · ",
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: i.link, colorPalette: "blue", wordBreak: "break-all", children: [
            "run ",
            i.run_id
          ] }),
          " ",
          "(",
          s,
          ")"
        ] }) : null
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.CloseButton, { size: "sm", "aria-label": "Close the comparison", onClick: a })
    ] }),
    u ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", wordBreak: "break-word", children: u }) : null,
    o ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ve, { diff: o }) : null,
    s === "failed" && !o ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: "The comparison failed: its run's log says why." }) : null
  ] });
}, M = 25, Ge = () => {
  const [e, l] = globalThis.React.useState(), [a, i] = globalThis.React.useState(), t = globalThis.React.useRef(0), s = globalThis.React.useCallback(() => {
    const n = ++t.current;
    I("/api/backups").then((o) => {
      n === t.current && (l(o), i(void 0));
    }).catch((o) => n === t.current && i(o.message));
  }, []);
  return globalThis.React.useEffect(() => {
    s();
    const n = setInterval(s, 3e4);
    return () => clearInterval(n);
  }, [s]), { list: e, error: a, load: s };
}, Ke = (e, l) => {
  const a = e.filter((s) => s.url && l.includes(s.url));
  if (a.length !== 2) return;
  const [i, t] = a;
  return (i.started_at ?? "") <= (t.started_at ?? "") ? [i, t] : [t, i];
}, Ye = (e) => {
  const { list: l, error: a, load: i } = Ge(), [t, s] = globalThis.React.useState(Fe), [n, o] = globalThis.React.useState([]), [h, u] = globalThis.React.useState(), [d, R] = globalThis.React.useState(M), [x, r] = globalThis.React.useState();
  if (!l) return a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the backups…" });
  const c = l.may, S = l.backups.filter(Ae(t)), T = (m) => (g) => o((f) => g ? [...f.filter((X) => X !== m), m].slice(-2) : f.filter((X) => X !== m)), b = Ke(l.backups, n);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", overflowWrap: "anywhere", children: [
      "Storage: ",
      l.storage
    ] }),
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      He,
      {
        value: t,
        set: (m) => {
          s(m), R(M);
        },
        kinds: l.kinds,
        scopes: l.scopes
      }
    ),
    c.diff ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", disabled: !b, onClick: () => u(b), children: "Compare the two selected" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: n.length === 2 ? "" : "Tick two backups to compare them." })
    ] }) : null,
    x ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { role: "status", wordBreak: "break-word", "data-testid": "airvault-backups-notice", children: x }) : null,
    h ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(qe, { older: h[0], newer: h[1], onClose: () => u(void 0) }, h.map((m) => m.url).join()) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", "data-testid": "airvault-backup-count", children: S.length === l.backups.length ? `${S.length} backups` : `${S.length} of ${l.backups.length} backups match` }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { gap: 2, ps: 0, "data-testid": "airvault-backup-list", children: S.slice(0, d).map((m) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      Pe,
      {
        row: m,
        may: c,
        picked: !!m.url && n.includes(m.url),
        pick: c.diff && m.type === "backup" && m.url ? T(m.url) : void 0,
        changed: (g) => {
          r(g), i();
        }
      },
      m.url ?? m.id
    )) }),
    S.length > d ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", alignSelf: "start", onClick: () => R(d + M), children: [
      "Show ",
      Math.min(M, S.length - d),
      " more"
    ] }) : null,
    S.length ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: l.backups.length ? "No backup matches these filters." : "No complete backup in this storage yet." })
  ] });
};
function G(e, l) {
  const a = globalThis.React.useRef(e);
  a.current = e;
  const [i, t] = globalThis.React.useState({}), s = globalThis.React.useCallback(() => {
    a.current().then((n) => t({ data: n })).catch((n) => t((o) => ({ ...o, error: n.message })));
  }, []);
  return globalThis.React.useEffect(() => {
    s();
    const n = setInterval(s, l * 1e3);
    return () => clearInterval(n);
  }, [s, l]), { ...i, reload: s };
}
const Ze = (e, l) => {
  const a = e?.detail;
  return typeof a == "string" ? a : a === void 0 ? l : JSON.stringify(a);
};
async function Re(e, l, a, i) {
  const t = { "X-Requested-With": "airvault" };
  i && (t["Content-Type"] = i);
  const s = await fetch(E(l), { method: e, credentials: "same-origin", headers: t, body: a }), n = await s.json().catch(() => null);
  if (!s.ok) throw new Y(s.status, `${s.status}: ${Ze(n, s.statusText)}`);
  return n;
}
const Qe = (e) => Re("POST", `/api/imports/upload?filename=${encodeURIComponent(e.name)}`, e, "text/csv"), ea = (e) => Re("DELETE", `/api/exports/templates/${encodeURIComponent(e)}`), K = (e) => E(`/api/jobs/download?file=${encodeURIComponent(e)}`), aa = 10, la = (e) => !(e instanceof Y) || e.status >= 500;
async function te(e, l, a, i) {
  for (let t = 0; ; ) {
    try {
      const s = await e();
      if (l(s) || !a()) return s;
      t = 0;
    } catch (s) {
      if (t += 1, !la(s) || t >= aa || !a()) throw s;
    }
    await new Promise((s) => setTimeout(s, i));
  }
}
const xe = (e) => e ? (/* @__PURE__ */ new Date(`${e}${e.length === 16 ? ":00" : ""}Z`)).toISOString() : null, Se = {
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
}, ta = (e) => ({
  ...Se,
  ...e,
  filterText: Object.entries(e.filters).map(([l, a]) => `${l}=${a}`).join(", ")
}), ia = (e) => {
  const l = {};
  for (const a of e.split(",").map((i) => i.trim()).filter(Boolean)) {
    const i = a.indexOf("=");
    if (i < 1) throw new Error(`Filters: '${a}' is not column=value`);
    l[a.slice(0, i).trim()] = a.slice(i + 1).trim();
  }
  return l;
}, ke = (e) => {
  const { filterText: l, ...a } = e;
  return { ...a, filters: ia(l) };
}, re = (e) => e.includes(".") ? e : `public.${e}`, sa = (e, l) => {
  const a = new Map(e.modules.map((i) => [i.name, i.tables.map(re)]));
  return [...new Set(l.flatMap((i) => a.get(i) ?? [re(i)]))];
}, he = (e, l) => [
  ...new Set(sa(e, l).flatMap((a) => e.tables[a] ?? []))
], ce = ({ legend: e, items: l, chosen: a, onChange: i, empty: t = "none" }) => {
  const s = (n, o) => i(o ? [...a, n] : a.filter((h) => h !== n));
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { fontSize: "sm", fontWeight: "medium", children: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { maxH: "11rem", overflowY: "auto", borderWidth: "1px", borderRadius: "md", px: 2, py: 1, children: l.length ? l.map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
      globalThis.ChakraUI.Checkbox.Root,
      {
        size: "sm",
        display: "flex",
        py: 0.5,
        checked: a.includes(n.value),
        onCheckedChange: (o) => s(n.value, o.checked === !0),
        children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { title: n.hint, wordBreak: "break-word", children: n.label ?? n.value })
        ]
      },
      n.value
    )) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: t }) })
  ] });
}, N = ({ label: e, value: l, choices: a, change: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "10rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { value: l, onChange: (t) => i(t.target.value), children: Object.entries(a).map(([t, s]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: t, children: s }, t)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), na = {
  csv: "CSV",
  json: "JSON lines",
  parquet: "Parquet",
  xlsx: "Excel (xlsx)",
  pdf: "PDF (a report to read)",
  zip: "ZIP (CSV files: a module's tables, or several datasets)"
}, oa = ({ options: e, choices: l, change: a }) => {
  const i = e.modules.map((n) => ({ value: n.name, label: `${n.name} (module)`, hint: n.tables.join(", ") })), t = Object.keys(e.tables).map((n) => ({ value: n })), s = he(e, l.datasets);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2 }, gap: 3, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        ce,
        {
          legend: "Datasets to export",
          items: [...i, ...t],
          chosen: l.datasets,
          onChange: (n) => a({ datasets: n, columns: l.columns.filter((o) => he(e, n).includes(o)) })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        ce,
        {
          legend: "Columns (none ticked: all)",
          items: s.map((n) => ({ value: n })),
          chosen: l.columns,
          onChange: (n) => a({ columns: s.filter((o) => n.includes(o)) }),
          empty: "choose a dataset first"
        }
      )
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: 4 }, gap: 3, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        N,
        {
          label: "Format",
          value: l.format,
          choices: Object.fromEntries(e.formats.map((n) => [n, na[n] ?? n])),
          change: (n) => a({ format: n })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Filters" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "column=value, ...", value: l.filterText, onChange: (n) => a({ filterText: n.target.value }) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Label, { children: [
          "Tenant (",
          e.tenant_column,
          ")"
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "all tenants", value: l.tenant, onChange: (n) => a({ tenant: n.target.value }) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Time zone" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: l.timezone, onChange: (n) => a({ timezone: n.target.value }) })
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: l.readable, onCheckedChange: (n) => a({ readable: n.checked === !0 }), children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { children: "Readable: names for user ids, local times (off: raw values, exact for machines)" })
    ] })
  ] });
}, pe = ({ label: e, button: l, name: a, change: i, save: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "12rem", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "template name", value: a, onChange: (s) => i(s.target.value) })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !a.trim(), onClick: t, children: l })
] }), ra = ({ templates: e, problems: l, choices: a, load: i, saved: t, say: s }) => {
  const [n, o] = globalThis.React.useState(""), [h, u] = globalThis.React.useState(""), d = (r) => {
    o(r);
    const c = e.find((S) => S.name === r);
    c && i(ta(c.choices));
  }, R = async () => {
    try {
      const r = await U("/api/exports/templates", { name: h, choices: ke(a) });
      s({ ok: !0, text: `Saved the export template ${r.name}: it is in the list of templates.` }), o(r.name), u(""), t();
    } catch (r) {
      s({ ok: !1, text: r.message });
    }
  }, x = async () => {
    try {
      await ea(n), s({ ok: !0, text: `Deleted the export template ${n}.` }), o(""), t();
    } catch (r) {
      s({ ok: !1, text: r.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "12rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Saved template" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Field, { value: n, onChange: (r) => d(r.target.value), "data-testid": "airvault-export-templates", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: "", children: e.length ? "choose one to load…" : "none saved yet" }),
          e.map((r) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("option", { value: r.name, children: [
            r.name,
            r.saved_by ? ` (by ${r.saved_by})` : ""
          ] }, r.name))
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !n, onClick: x, "aria-label": n ? `Delete template ${n}` : "Delete template", children: "Delete template" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(pe, { label: "Save these choices as", button: "Save template", name: h, change: u, save: R }),
    l.map((r) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.error", w: "full", children: r }, r))
  ] });
}, Ce = ({ said: e, testId: l }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.ok ? "info" : "error", role: e.ok ? "status" : "alert", "data-testid": l, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: e.text }),
    e.more ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Description, { children: e.more }) : null
  ] })
] }) : null, ha = ["success", "failed"], ca = ({ job: e, link: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", "data-testid": "airvault-export-files", children: [
  e.files.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: K(a.file ?? ""), download: !0, colorPalette: "blue", children: a.name }, a.file)),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: l, color: "fg.muted", children: "the run in Airflow" })
] }), da = ({ show: e, exported: l }) => {
  const a = G(() => I("/api/exports/options"), 300), [i, t] = globalThis.React.useState(Se), [s, n] = globalThis.React.useState(""), [o, h] = globalThis.React.useState(null), [u, d] = globalThis.React.useState(!1), R = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    R.current = !1;
  }, []);
  const x = (c) => t((S) => ({ ...S, ...c })), r = async () => {
    d(!0);
    try {
      const c = await U("/api/exports", { ...ke(i), run_after: xe(s) });
      if (s) {
        h({ ok: !0, text: `Export scheduled for ${J(c.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      h({ ok: !0, text: "Export running…", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: c.link, children: "the run in Airflow" }) }), await te(
        () => I("/api/runs/{dag_id}/{run_id}", { dag_id: c.dag_id, run_id: c.run_id }),
        (g) => ha.includes(g.state),
        () => R.current,
        3e3
      );
      const T = (await te(() => I("/api/jobs"), () => !0, () => R.current, 3e3)).jobs.find((g) => g.run_id === c.run_id);
      if (!R.current) return;
      if (!T) {
        h({ ok: !0, text: "The export ended: the Jobs tab has it.", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: c.link, children: "the run in Airflow" }) });
        return;
      }
      const b = T.state === "done", m = b ? `Export done: ${(T.records ?? 0).toLocaleString("en-US")} records.` : `The export ${T.state}: its log in Airflow says why.`;
      h({ ok: b, text: m, more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ca, { job: T, link: c.link }) }), l();
    } catch (c) {
      h({ ok: !1, text: c.message });
    } finally {
      d(!1);
    }
  };
  return a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: (c) => (c.preventDefault(), void r()), "data-testid": "airvault-export-form", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      ra,
      {
        templates: a.data.templates,
        problems: a.data.template_problems,
        choices: i,
        load: t,
        saved: a.reload,
        say: h
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oa, { options: a.data, choices: i, change: x }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Later, at (UTC; empty: now)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: s, onChange: (c) => n(c.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: u, disabled: !i.datasets.length, children: s ? "Schedule export" : "Export now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Link,
        {
          href: "?tab=schedules",
          onClick: (c) => {
            c.preventDefault(), e("schedules");
          },
          children: "Make it recurring…"
        }
      )
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ce, { said: o, testId: "airvault-export-said" })
  ] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the export choices…" });
}, ua = 20, ga = ({ exports: e, mayDownload: l }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-exports", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Rows" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Size" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Download" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.slice(0, ua).map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-report": a.report, children: [
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: J(a.started_at), children: j(a.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: P(a.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: F(a.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: a.triggered_by ?? "-" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      a.file ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: K(a.file), download: !0, colorPalette: "blue", wordBreak: "break-all", me: 2, children: a.file.split("/").pop() }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: K(a.report), download: !0, fontSize: "xs", color: "fg.muted", children: "report.json" })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, a.report)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No exports in this storage yet." }), ba = ({ columns: e, sample: l, tableColumns: a, mapping: i, change: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-import-mapping", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "File column" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "First values" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Table column" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((s, n) => {
    const o = i[s] ?? s, h = a ? a.includes(o) ? a : [o, ...a] : [o];
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: s }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { maxW: "16rem", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: l.map((u) => u[n] ?? "").join(" · ") }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "xs", minW: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": `Table column for ${s}`, value: o, onChange: (u) => t(s, u.target.value), children: h.map((u) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: u, children: a && !a.includes(u) ? `${u} (not a column of the table)` : u }, u)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] }) })
    ] }, s);
  }) })
] }) }), Ta = ({ rejects: e, counts: l }) => {
  if (!e.length) return null;
  const a = new Set(e.map((i) => i.line)).size;
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
    a < l.rejected ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
      "The first ",
      a,
      " of ",
      l.rejected.toLocaleString("en-US"),
      " rejected rows are shown; rejects.csv on the Jobs tab has them all."
    ] }) : null
  ] });
}, O = (e) => (e ?? 0).toLocaleString("en-US"), ma = (e) => `${O(e)} ${e === 1 ? "row" : "rows"}`, Ra = ({ result: e, dryRun: l, run: a, busy: i }) => {
  const [t, s] = globalThis.React.useState(""), n = e.report, o = l ? "Dry run" : "Import";
  if (!n) {
    const u = e.failure;
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.error", "data-testid": "airvault-import-summary", children: [
      "The ",
      o.toLowerCase(),
      " ended ",
      e.state,
      " without a report",
      u?.error ? `: ${u.error}` : " (its log in Airflow says why)",
      ". ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] });
  }
  const h = n.problems && n.problems !== n.rejected ? ` (${O(n.problems)} problems)` : "";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: n.rejected ? "fg.error" : void 0, "data-testid": "airvault-import-summary", children: [
      o,
      ": ",
      ma(n.rows),
      " read, ",
      O(n.inserted),
      " ",
      l ? "to insert" : "inserted",
      ", ",
      O(n.updated),
      " ",
      l ? "to update" : "updated",
      ", ",
      O(n.rejected),
      " rejected",
      h,
      ". ",
      n.message ?? "",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] }),
    e.withheld ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: e.withheld }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ta, { rejects: e.rejects ?? [], counts: n }),
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: i, onClick: () => a(!1, ""), children: "Import now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "or at (UTC)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: t, onChange: (u) => s(u.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !t, onClick: () => a(!1, t), children: "Schedule import" })
    ] }) : null
  ] });
}, xa = (e, l) => {
  const a = e.columns.map((t) => l?.mapping[t] ?? t), i = (t) => a.filter((s) => e.tables[t].includes(s)).length;
  return Object.keys(e.tables).sort((t, s) => i(s) - i(t))[0] ?? "";
}, Sa = { upsert: "upsert", insert: "insert", "update-only": "update-only" }, ka = { atomic: "reject the whole file", skip: "skip them, import the rest" }, pa = () => {
  const [e, l] = globalThis.React.useState(null), [a, i] = globalThis.React.useState(null), [t, s] = globalThis.React.useState(""), [n, o] = globalThis.React.useState(""), [h, u] = globalThis.React.useState({}), [d, R] = globalThis.React.useState("upsert"), [x, r] = globalThis.React.useState("atomic"), [c, S] = globalThis.React.useState(""), [T, b] = globalThis.React.useState(null), [m, g] = globalThis.React.useState(null), [f, X] = globalThis.React.useState(!1), $ = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    $.current = !1;
  }, []);
  const _ = (C, p) => {
    o(p), u({ ...C.mappings.find((y) => y.name === p)?.mapping ?? {} });
  }, z = async (C) => {
    if (C.preventDefault(), !e) return b({ ok: !1, text: "Choose a .csv file first." });
    X(!0), g(null);
    try {
      const p = await Qe(e), y = p.mappings.find((k) => k.fits);
      i(p), _(p, y?.name ?? ""), s(xa(p, y)), b({ ok: !0, text: `${p.name}: ${p.columns.length} columns. Check the mapping, then a dry run.` });
    } catch (p) {
      b({ ok: !1, text: p.message });
    } finally {
      X(!1);
    }
  }, A = async (C, p) => {
    if (!a) return;
    X(!0);
    const y = Object.fromEntries(a.columns.map((k) => [k, h[k] ?? k]));
    try {
      const k = { file: a.file, table: t, mapping: y, template: n, mode: d, policy: x, dry_run: C, run_after: xe(p) }, v = await U("/api/imports", k);
      if (p) {
        b({ ok: !0, text: `Import scheduled for ${J(v.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      b({ ok: !0, text: `${C ? "Dry run" : "Import"} running…` });
      const Q = await te(
        () => I("/api/imports/{run_id}", { run_id: v.run_id }),
        ($e) => ["success", "failed"].includes($e.state),
        () => $.current,
        3e3
      );
      b(null), g({ report: Q, dryRun: C });
    } catch (k) {
      b({ ok: !1, text: k.message });
    } finally {
      X(!1);
    }
  }, Z = async () => {
    if (!a) return;
    const C = Object.fromEntries(a.columns.map((p) => [p, h[p] ?? p]));
    try {
      const p = await U("/api/imports/templates", { name: c, table: t, mapping: C }), y = [...a.mappings.filter((k) => k.name !== p.name), { ...p, fits: !0 }];
      i({ ...a, mappings: y }), o(p.name), S(""), b({ ok: !0, text: `Saved the mapping ${p.name}: offered for the next file too.` });
    } catch (p) {
      b({ ok: !1, text: p.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-import-form", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Import a CSV" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: z, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "CSV file" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "file", accept: ".csv,text/csv", p: 1, onChange: (C) => l(C.target.files?.[0] ?? null) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", variant: "outline", loading: f && !a, children: "Upload and map columns" })
    ] }) }),
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        Object.keys(a.tables).length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(N, { label: "Into table", value: t, choices: Object.fromEntries(Object.keys(a.tables).map((C) => [C, C])), change: s }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Into table" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "schema.table", value: t, onChange: (C) => s(C.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
          N,
          {
            label: "Saved mapping",
            value: n,
            choices: { "": "none", ...Object.fromEntries(a.mappings.map((C) => [C.name, `${C.name}${C.fits ? " (fits this file)" : ""}`])) },
            change: (C) => _(a, C)
          }
        ),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(N, { label: "Mode", value: d, choices: Sa, change: R }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(N, { label: "Bad rows", value: x, choices: ka, change: r })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        ba,
        {
          columns: a.columns,
          sample: a.sample ?? [],
          tableColumns: a.tables[t],
          mapping: h,
          change: (C, p) => u((y) => ({ ...y, [C]: p }))
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: f, onClick: () => A(!0, ""), children: "Dry run" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(pe, { label: "Save this mapping as", button: "Save mapping", name: c, change: S, save: Z })
      ] })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "A dry run checks every row and writes nothing; the import then runs in one transaction." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ce, { said: T, testId: "airvault-import-said" }),
    m ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ra, { result: m.report, dryRun: m.dryRun, run: A, busy: f }) : null
  ] });
}, Ca = ({ show: e }) => {
  const l = G(() => I("/api/backups"), 60), a = l.data?.may ?? {};
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 6, "data-testid": "airvault-exchange-tab", children: [
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
    a.export ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(da, { show: e, exported: l.reload }) : null,
    l.data && !a.export && !a.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Your role may read exports but not start exports or imports: that needs the right to trigger the export and import DAGs." }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-exports-title", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", mb: 2, id: "airvault-exports-title", children: "Exports in storage" }),
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ga, { exports: l.data.exports, mayDownload: !!a.export }) : null
    ] }),
    a.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(pa, {}) : null
  ] });
}, ie = (e) => e === "import" ? "Import" : e === "export" || e.startsWith("export_") ? "Export" : e.startsWith("restore") ? "Restore" : e === "backup_diff" ? "Compare" : e === "pg_dump_archive" ? "Archive" : e, ja = (e, l = Date.now()) => {
  const a = e.run_after ? new Date(e.run_after).getTime() > l : !1;
  switch (e.state) {
    case "pending":
      return a ? { word: "scheduled", palette: "blue", when: `starts ${j(e.run_after, l)}` } : { word: "waiting to start", palette: "blue", when: `asked ${j(e.run_after, l)}` };
    case "running":
      return { word: "running", palette: "blue", when: `started ${j(e.run_after, l)}` };
    case "done":
      return { word: "done", palette: "green", when: `ended ${j(e.ended, l)}` };
    case "cancelled":
      return { word: "cancelled", palette: "gray", when: e.ended ? `cancelled ${j(e.ended, l)}` : "" };
    case "failed":
      return { word: "failed", palette: "red", when: `ended ${j(e.ended, l)}` };
    default:
      return { word: e.state, palette: "gray", when: j(e.ended ?? e.run_after, l) };
  }
}, fa = ({ job: e, mayDownload: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 0, children: [
  l ? e.files.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: K(a.file), download: !0, colorPalette: "blue", wordBreak: "break-all", children: a.name }, a.file)) : null,
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, fontSize: "xs", color: "fg.muted", children: "run in Airflow" })
] }), Ja = ({ jobs: e, mayDownload: l, cancelling: a, onCancel: i, progressOf: t }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-jobs", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Job" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "State" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Records" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Result" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.VisuallyHidden, { children: "Actions" }) })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((s) => {
    const n = ja(s);
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-run": s.run_id, "data-state": s.state, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "20rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: ie(s.dag_id) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: s.what })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: n.palette, children: n.word }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", title: J(s.state === "pending" ? s.run_after : s.ended), children: n.when }),
        s.state === "running" ? t(s) : null,
        s.state === "cancelled" && s.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: s.note }) : null
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: s.asked_by ?? "-" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: P(s.records) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(fa, { job: s, mayDownload: l }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.may_cancel ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "xs",
          variant: "outline",
          colorPalette: "red",
          loading: a === s.run_id,
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
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: W(), children: "classic page" }),
  "."
] }), Xa = ["export", "import", "archive", "restore"], Ia = { export: "Exporting", import: "Importing", archive: "Archiving", restore: "Restoring" }, Ua = (e) => e.bytes_estimate ? Math.min(100, 100 * (e.bytes ?? 0) / e.bytes_estimate) : e.tables_total ? 100 * (e.tables_done ?? 0) / e.tables_total : null, je = ({ row: e }) => {
  const l = e.progress ?? {}, i = `${e.type === "restore" && l.kind === "restore-plan" ? "Planning a restore of" : Ia[e.type] ?? e.type} ${l.label ?? l.scope ?? e.folder}`, t = Ua(l);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 2, "data-testid": "airvault-running-job", "data-type": e.type, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Progress.Root, { value: t, max: 100, size: "sm", "aria-label": `${i}: ${t === null ? "under way" : `${Math.round(t)} %`}`, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Label, { fontSize: "sm", fontWeight: "medium", wordBreak: "break-word", children: i }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Track, { mt: 1, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Range, {}) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
      l.step ? `${l.step} · ` : "",
      l.tables_total ? `${l.tables_done ?? 0} / ${l.tables_total} tables · ` : "",
      P(l.rows ?? 0),
      " rows · ",
      F(l.bytes ?? 0),
      l.mb_per_s ? ` · ${l.mb_per_s} MB/s` : "",
      e.host ? ` · on ${e.host}` : ""
    ] })
  ] });
}, va = ({ rows: e }) => {
  const l = e.filter((a) => Xa.includes(a.type));
  return l.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Stack, { gap: 2, "aria-label": "Running now", children: l.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(je, { row: a }, a.folder)) }) : null;
}, de = { Export: "export", Import: "import", Archive: "archive", Restore: "restore" }, ya = (e, l) => (a) => {
  const i = de[ie(a.dag_id)], t = l.filter((n) => n.type === i), s = e.filter((n) => n.state === "running" && de[ie(n.dag_id)] === i);
  return t.length === 1 && s.length === 1 ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(je, { row: t[0] }) : null;
}, wa = (e, l = Date.now()) => e.some((a) => a.state === "running" || a.state === "pending" && new Date(a.run_after ?? 0).getTime() - l < 6e4), _a = (e) => {
  const [l, a] = globalThis.React.useState(!1), i = G(() => I("/api/jobs"), l ? 5 : 60), t = G(() => I("/api/running"), l ? 5 : 60), [s, n] = globalThis.React.useState(null), [o, h] = globalThis.React.useState(null), u = t.data?.running ?? [], d = i.data?.jobs ?? [];
  globalThis.React.useEffect(() => a(i.data ? wa(i.data.jobs) : !1), [i.data]);
  const R = async (x) => {
    h(x.run_id);
    try {
      await U("/api/jobs/{dag_id}/{run_id}/cancel", {}, { dag_id: x.dag_id, run_id: x.run_id }), n({ ok: !0, text: `Cancelled: ${x.what} will not run.` });
    } catch (r) {
      n({ ok: !1, text: r.message });
    } finally {
      h(null), i.reload();
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 4, "data-testid": "airvault-jobs-tab", children: [
    s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: s.ok ? "success" : "error", role: s.ok ? "status" : "alert", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: s.text })
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(va, { rows: u }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Jobs" }),
    i.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i.error }) : null,
    i.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      Ja,
      {
        jobs: d,
        mayDownload: i.data.may_download,
        cancelling: o,
        onCancel: R,
        progressOf: ya(d, u)
      }
    ) : i.error ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the jobs…" })
  ] });
}, fe = { ok: "green", stale: "orange", failing: "red" }, q = ({ children: e, state: l, testId: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${fe[l] ?? "gray"}.solid`, "data-testid": a, children: e }), $a = (e, l = []) => l.filter((a) => a.kind === e.kind && a.scope === e.scope && a.drill?.drilled_at).map((a) => a.drill)[0], za = ({ card: e, newest: l, drill: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(q, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: fe[e.state] ?? "gray", children: e.state })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: l?.label ?? (e.newest ? "newest backup" : "no usable backup yet") }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
    e.age_hours === null || e.age_hours === void 0 ? "" : `${le(e.age_hours)} old`,
    e.target_hours !== null && e.target_hours !== void 0 ? ` · target ${le(e.target_hours)}` : "",
    e.verified === !1 ? " · verification FAILED" : e.verified ? " · verified" : ""
  ] }),
  a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: a.ok ? "fg.muted" : "fg.error", children: [
    "last drill ",
    a.ok ? "passed" : "FAILED",
    " ",
    j(a.drilled_at)
  ] }) : null,
  e.failed_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: e.failed_run.link, fontSize: "sm", color: "fg.error", children: [
    "last run of ",
    e.failed_run.dag_id,
    " failed"
  ] }) : null
] }), Je = (e, l = []) => l.find((a) => a.url === e.newest), Fa = ({ status: e, rows: l, compact: a = !1 }) => {
  const i = e.drill, t = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: a ? 3 : 4 }, gap: 3, children: [
    e.cards.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(za, { card: s, newest: Je(s, l), drill: $a(s, l) }, `${s.kind}/${s.scope}`)),
    a ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(q, { state: i ? i.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: i ? `${i.ok ? "passed" : "FAILED"}: ${i.kind}/${i.scope} ${j(i.drilled_at)}` : "no restore drill yet" }),
        i?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          i.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(q, { state: t.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          t.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: t.rpo_seconds === null || t.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${le(t.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(q, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          F(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([s, n]) => `${s} ${F(n)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, L = 864e5, Ba = 14, Aa = 60, B = ["full", "module", "tenant", "manual", "pre-restore", "archive"], ue = ["blue", "teal", "purple", "orange", "pink", "cyan", "yellow", "green", "red"], Ha = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], w = { left: 64, right: 12, top: 10, bottom: 34 }, H = 220, ge = (e) => Math.floor(e / L) * L, be = (e) => {
  const l = new Date(e);
  return `${l.getUTCDate()} ${Ha[l.getUTCMonth()]}`;
}, La = (e, l = Date.now()) => {
  const a = ge(l), i = e.filter((d) => d.started_at).map((d) => ({ row: d, day: ge(new Date(d.started_at).getTime()) })), t = Math.min(a, ...i.map((d) => d.day)), s = Math.min(Aa, Math.max(Ba, Math.round((a - t) / L) + 1)), n = a - (s - 1) * L, o = Array.from({ length: s }, (d, R) => ({ start: n + R * L, byKind: {}, total: 0, count: 0 })), h = /* @__PURE__ */ new Set();
  for (const { row: d, day: R } of i) {
    const x = o[Math.round((R - n) / L)];
    x && (x.byKind[d.kind] = (x.byKind[d.kind] ?? 0) + d.bytes, x.total += d.bytes, x.count += 1, h.add(d.kind));
  }
  const u = (d) => B.includes(d) ? B.indexOf(d) : B.length;
  return { days: o, kinds: [...h].sort((d, R) => u(d) - u(R) || d.localeCompare(R)) };
}, Da = (e) => {
  if (e <= 0) return 1024;
  let l = 1;
  for (; e / l >= 1024; ) l *= 1024;
  const a = e / l, i = 10 ** Math.floor(Math.log10(a));
  return ([1, 2, 5, 10].find((s) => s * i >= a) ?? 10) * i * l;
}, Ea = (e = 640) => {
  const l = globalThis.React.useRef(null), [a, i] = globalThis.React.useState(e);
  return globalThis.React.useEffect(() => {
    const t = l.current;
    if (!t) return;
    const s = new ResizeObserver(([n]) => i(Math.max(280, Math.floor(n.contentRect.width))));
    return s.observe(t), () => s.disconnect();
  }, []), { ref: l, width: a };
}, Na = ({ rows: e, now: l = Date.now() }) => {
  const { token: a } = globalThis.ChakraUI.useChakraContext(), { ref: i, width: t } = Ea(), { days: s, kinds: n } = La(e, l), o = n.filter((g) => !B.includes(g)), h = (g) => B.includes(g) ? B.indexOf(g) : B.length + o.indexOf(g), u = (g) => a.var(`colors.${ue[h(g) % ue.length]}.solid`), d = a.var("colors.fg.muted"), R = Da(Math.max(0, ...s.map((g) => g.total))), x = t - w.left - w.right, r = H - w.top - w.bottom, c = x / s.length, S = Math.max(3, Math.min(28, c * 0.7)), T = (g) => w.top + r - g / R * r, b = Math.ceil(s.length / Math.max(1, Math.floor(x / 56))), m = n.length ? `Storage of the backups kept, per day of the last ${s.length} days, by kind: ${n.join(", ")}` : `No backup in the last ${s.length} days`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { ref: i, "data-testid": "airvault-storage-trend", minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
      "svg",
      {
        width: t,
        height: H,
        viewBox: `0 0 ${t} ${H}`,
        role: "img",
        "aria-label": m,
        style: { display: "block", width: `${t}px`, height: `${H}px`, maxWidth: "none" },
        children: [
          [0, 0.5, 1].map((g) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("line", { x1: w.left, x2: t - w.right, y1: T(R * g), y2: T(R * g), stroke: a.var("colors.border"), strokeDasharray: g ? "3 3" : void 0 }),
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: w.left - 6, y: T(R * g) + 4, textAnchor: "end", style: { fontSize: "11px", fill: d }, children: F(R * g).replace(".0 ", " ") })
          ] }, g)),
          s.map((g, f) => {
            const X = w.left + f * c + (c - S) / 2;
            let $ = 0;
            return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
              n.filter((_) => g.byKind[_]).map((_) => {
                const z = g.byKind[_], A = /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("rect", { x: X, width: S, y: T($ + z), height: Math.max(1, T($) - T($ + z)), fill: u(_), children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `${be(g.start)}: ${_} ${F(z)}` }) }, _);
                return $ += z, A;
              }),
              f % b === (s.length - 1) % b ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: w.left + f * c + c / 2, y: H - w.bottom + 15, textAnchor: "middle", style: { fontSize: "11px", fill: d }, children: be(g.start) }) : null
            ] }, g.start);
          }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: w.left, y: H - 4, style: { fontSize: "11px", fill: d }, children: "day taken (UTC)" })
        ]
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 4, mt: 1, "data-testid": "airvault-trend-legend", "aria-label": "legend", children: [
      n.map((g) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, "data-kind": g, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { w: "12px", h: "12px", borderRadius: "2px", style: { background: u(g) }, "aria-hidden": !0 }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", children: [
          g,
          " ",
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", children: F(s.reduce((f, X) => f + (X.byKind[g] ?? 0), 0)) })
        ] })
      ] }, g)),
      n.length ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
        m,
        "."
      ] })
    ] })
  ] });
}, Oa = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, Wa = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
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
] }), Xe = ({ status: e, error: l, findings: a = !0 }) => {
  if (!e)
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: l ? "error" : "info", "data-testid": "airvault-verdict", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: l ? `Am I safe? Cannot tell: ${l}` : "Am I safe? Checking…" })
    ] });
  const i = e.findings.some((t) => t.severity === "red");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.safe ? "success" : i ? "error" : "warning", "data-testid": "airvault-verdict", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Title, { children: [
        "Am I safe? ",
        Oa(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        a && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Wa, { finding: t }, `${t.where}:${t.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          j(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, Pa = (e) => {
  const l = D("/api/status"), a = D("/api/backups"), i = a.data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Xe, { status: l.data, error: l.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Fa, { status: l.data, rows: i }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-trend", minW: 0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", id: "airvault-trend", children: "Storage by kind" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", mb: 2, children: "The size of the backups kept, by the day they were taken." }),
      a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : null,
      a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Na, { rows: i }) : null
    ] })
  ] });
}, Ma = (e) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
  "On the ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: W(), children: "classic Backups page" }),
  " for now."
] }), Ie = ["manual", "hourly", "daily", "weekly", "monthly", "cron"], Va = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], qa = ["keep_last", "keep_days", "daily", "weekly", "monthly", "yearly", "minimum_good"], V = (e) => e !== void 0 && /^\d+$/.test(e), Ue = (e, l, a) => {
  const [i, t, s, , n] = (e ?? "").split(" "), o = V(i) ? `${(V(t) ? t : "0").padStart(2, "0")}:${i.padStart(2, "0")}` : "02:00";
  return {
    preset: Ie.includes(l) ? l : "cron",
    time: o,
    weekday: V(n) ? Number(n) : 0,
    day: V(s) ? Number(s) : 1,
    cron: e ?? "",
    timezone: a
  };
}, ve = (e) => ({
  preset: e.preset,
  time: e.time || "00:00",
  weekday: e.weekday,
  day: e.day,
  cron: e.preset === "cron" && e.cron.trim() || null,
  timezone: e.timezone.trim() || "UTC"
}), Ga = () => {
  const [e, l] = globalThis.React.useState({ rows: [], loading: !0 }), a = globalThis.React.useCallback(async () => {
    try {
      const [i, t] = await Promise.all([I("/api/schedules"), I("/api/schedule-settings")]), s = new Map(t.settings.map((o) => [o.dag_id, o])), n = i.schedules.map((o) => ({
        ...o,
        name: t.names[o.dag_id] ?? o.dag_id,
        setting: s.get(o.dag_id)
      }));
      l({ rows: n, settings: t, loading: !1 });
    } catch (i) {
      l((t) => ({ ...t, error: i.message, loading: !1 }));
    }
  }, []);
  return globalThis.React.useEffect(() => {
    a();
    const i = setInterval(() => {
      a();
    }, 3e4);
    return () => clearInterval(i);
  }, [a]), { ...e, reload: a };
}, Ka = (e) => {
  if (!e.scheduled) return "manual";
  const l = e.schedule ?? "", a = e.setting?.timezone;
  return a && a !== "UTC" ? l.replace(/ UTC$/, ` (${a})`) : l;
}, Ya = (e) => e ? e.source === "added" ? `added on the page by ${e.added_by ?? "?"}` : e.source === "edit" ? `edited on the page by ${e.edited_by ?? "?"}` : "from the config file" : "", Za = () => {
  const e = Intl;
  return typeof e.supportedValuesOf == "function" ? e.supportedValuesOf("timeZone") : ["UTC"];
}, ne = () => {
  const e = globalThis.React.useRef(null);
  return globalThis.React.useEffect(() => {
    e.current?.scrollIntoView({ block: "start" }), e.current?.querySelector("input, select")?.focus({ preventScroll: !0 });
  }, []), e;
}, Te = (e) => Object.fromEntries(Object.entries(e ?? {}).filter(([, l]) => typeof l == "number")), ye = ({ scope: e, value: l, onChange: a, note: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Legend, { children: [
    "Retention of ",
    e,
    " backups",
    i ? ` (${i})` : ""
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", children: qa.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `retention-${t}`, children: t.replace("_", " ") }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      globalThis.ChakraUI.Input,
      {
        id: `retention-${t}`,
        type: "number",
        size: "sm",
        w: "6rem",
        min: t === "minimum_good" ? 0 : 1,
        value: l[t] ?? "",
        onChange: (s) => {
          const n = { ...l };
          s.target.value === "" ? delete n[t] : n[t] = Number(s.target.value), a(n);
        }
      }
    )
  ] }, t)) })
] }), we = ({ value: e, onChange: l, manual: a, idPrefix: i }) => {
  const t = (n) => l({ ...e, ...n }), s = e.preset;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-preset`, children: "Repeat" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: `${i}-preset`, value: s, onChange: (n) => t({ preset: n.target.value }), children: Ie.filter((n) => a || n !== "manual").map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: n, children: n }, n)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }),
    ["hourly", "daily", "weekly", "monthly"].includes(s) ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-time`, children: s === "hourly" ? "At (its minutes past the hour)" : "At" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${i}-time`, type: "time", size: "sm", w: "8rem", value: e.time, onChange: (n) => t({ time: n.target.value }) })
    ] }) : null,
    s === "weekly" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-weekday`, children: "Day of the week" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: `${i}-weekday`, value: e.weekday, onChange: (n) => t({ weekday: Number(n.target.value) }), children: Va.map((n, o) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: o, children: n }, n)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }) : null,
    s === "monthly" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-day`, children: "Day of the month" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${i}-day`, type: "number", min: 1, max: 28, size: "sm", w: "6rem", value: e.day, onChange: (n) => t({ day: Number(n.target.value) || 1 }) })
    ] }) : null,
    s === "cron" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-cron`, children: "Cron" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${i}-cron`, size: "sm", w: "11rem", placeholder: "m h dom mon dow", value: e.cron, onChange: (n) => t({ cron: n.target.value }) })
    ] }) : null,
    s !== "manual" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-timezone`, children: "Time zone" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: `${i}-timezone`, size: "sm", w: "12rem", list: `${i}-zones`, value: e.timezone, onChange: (n) => t({ timezone: n.target.value }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("datalist", { id: `${i}-zones`, children: Za().map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: n }, n)) })
    ] }) : null
  ] });
}, me = [
  { value: "tenant", label: "Tenant backup", prefix: "tenant_backup_" },
  { value: "module", label: "Module backup", prefix: "module_backup_" },
  { value: "archive", label: "Archive (pg_dump)", prefix: "pg_dump_archive_" },
  { value: "export", label: "Recurring export", prefix: "export_" }
], Qa = ["csv", "json", "parquet", "xlsx", "pdf"], ae = ({ id: e, label: l, value: a, options: i, onChange: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: e, children: l }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "12rem", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: e, value: a, onChange: (s) => t(s.target.value), children: i.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: s, children: s }, s)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), el = ({ modules: e, done: l, close: a }) => {
  const i = ne(), [t, s] = globalThis.React.useState("tenant"), [n, o] = globalThis.React.useState(""), [h, u] = globalThis.React.useState(e[0] ?? ""), [d, R] = globalThis.React.useState(""), [x, r] = globalThis.React.useState(e), [c, S] = globalThis.React.useState(e[0] ?? ""), [T, b] = globalThis.React.useState("csv"), [m, g] = globalThis.React.useState(!0), [f, X] = globalThis.React.useState("UTC"), [$, _] = globalThis.React.useState(() => Ue("0 2 * * *", "daily", "UTC")), [z, A] = globalThis.React.useState({}), [Z, C] = globalThis.React.useState(!1);
  globalThis.React.useEffect(() => {
    I("/api/exports/options").then((k) => r([...k.modules.map((v) => v.name), ...Object.keys(k.tables)])).catch(() => {
    });
  }, []);
  const p = me.find((k) => k.value === t).prefix, y = async () => {
    const k = {
      ...ve($),
      kind: t,
      name: n.trim(),
      module: t === "module" ? h : null,
      tenant: t === "tenant" ? d.trim() : null,
      dataset: t === "export" ? c : null,
      format: T,
      readable: m,
      export_timezone: f.trim() || "UTC",
      retention: (t === "tenant" || t === "module") && Object.keys(z).length ? z : null
    };
    C(!0);
    try {
      const v = await U("/api/schedule-settings", k);
      l(`${v.setting.name}: added (${v.setting.cron ?? "manual"}${v.setting.cron ? `, ${v.setting.timezone}` : ""}); its DAG ${v.setting.dag_id} appears when Airflow has read its file (seconds).${v.notes.map((Q) => ` ${Q}`).join("")}`), a();
    } catch (v) {
      l(v.message, !0);
    } finally {
      C(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-new-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-new-schedule", ref: i, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: (k) => {
    k.preventDefault(), y();
  }, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-new-title", children: "New schedule" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "Added on the page, beside the config file's schedules (kept in the schedule edits file with who and when)." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-kind", children: "Kind" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "12rem", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: "new-kind", value: t, onChange: (k) => s(k.target.value), children: me.map((k) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: k.value, children: k.label }, k.value)) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
        ] })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-name", children: "Name" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-name", size: "sm", w: "12rem", required: !0, value: n, placeholder: "e.g. acme_nightly", onChange: (k) => o(k.target.value) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.HelperText, { children: [
          "DAG id: ",
          p,
          n.trim() || "<name>"
        ] })
      ] }),
      t === "module" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ae, { id: "new-module", label: "Module", value: h, options: e, onChange: u }) : null,
      t === "tenant" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-tenant", children: "Tenant id" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-tenant", size: "sm", w: "20rem", required: !0, value: d, onChange: (k) => R(k.target.value) })
      ] }) : null,
      t === "export" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ae, { id: "new-dataset", label: "Dataset", value: c, options: x, onChange: S }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ae, { id: "new-format", label: "Format", value: T, options: Qa, onChange: b }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-export-zone", children: "Times shown in" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-export-zone", size: "sm", w: "12rem", list: "new-zones", value: f, onChange: (k) => X(k.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "label", fontSize: "sm", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { type: "checkbox", checked: m, onChange: (k) => g(k.target.checked) }),
          " readable (display names, local times)"
        ] })
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(we, { value: $, onChange: _, manual: t !== "export", idPrefix: "new" }),
    t === "tenant" || t === "module" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ye, { scope: `${t}/${t === "module" ? h : n.trim() || "<name>"}`, value: z, onChange: A, note: "empty: the config's rules" }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: Z, children: "Add schedule" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: a, children: "Cancel" })
    ] })
  ] }) }) });
}, al = (e) => e.value ?? (e.schema?.type === "boolean" ? !1 : ""), ll = ({ form: e, name: l, done: a, close: i }) => {
  const t = ne(), s = [...e.params].sort((r, c) => Number(c.required) - Number(r.required)), [n, o] = globalThis.React.useState(() => Object.fromEntries(s.map((r) => [r.name, al(r)]))), [h, u] = globalThis.React.useState(!1), d = (r, c) => o((S) => ({ ...S, [r]: c })), R = () => Object.fromEntries(
    s.map((r) => {
      const c = r.schema?.type, S = n[r.name];
      return [r.name, (c === "integer" || c === "number") && S !== "" ? Number(S) : S];
    })
  ), x = async () => {
    u(!0);
    try {
      const r = await U("/api/schedules/{dag_id}/trigger", { conf: R() }, { dag_id: e.dag_id });
      a(`Started ${l}: run ${r.run_id} (${r.state}).`), i();
    } catch (r) {
      a(r.message, !0);
    } finally {
      u(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-run-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-run-form", ref: t, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: (r) => {
    r.preventDefault(), x();
  }, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-run-title", children: [
      "Run ",
      l,
      " with these values"
    ] }),
    s.map((r, c) => {
      const S = r.schema ?? {}, T = `run-param-${c}`, b = `${r.name}${r.required ? " (required)" : ""}`;
      return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { required: r.required, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: T, children: b }),
        S.type === "boolean" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { id: T, type: "checkbox", checked: !!n[r.name], onChange: (m) => d(r.name, m.target.checked) }) : S.enum ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", maxW: "24rem", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: T, value: String(n[r.name] ?? ""), onChange: (m) => d(r.name, m.target.value), children: S.enum.map((m) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: String(m), children: String(m) }, String(m))) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
        ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: T, size: "sm", maxW: "36rem", required: r.required, value: String(n[r.name] ?? ""), onChange: (m) => d(r.name, m.target.value) }),
        r.description ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.HelperText, { children: r.description }) : null
      ] }, r.name);
    }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: h, children: "Run now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: i, children: "Cancel" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.form, colorPalette: "blue", fontSize: "sm", children: "or its page in Airflow (Trigger)" })
    ] })
  ] }) }) });
}, tl = (e) => `${e.setting.name}: saved, ${e.setting.cron ?? "manual"}${e.setting.cron ? ` (${e.setting.timezone})` : ""}; Airflow applies it when it has re-read the DAG file (seconds).${e.notes.map((l) => ` ${l}`).join("")}`, il = ({ row: e, done: l, close: a }) => {
  const i = ne(), t = e.setting, [s, n] = globalThis.React.useState(() => Ue(t.cron, t.preset, t.timezone)), [o, h] = globalThis.React.useState(() => Te(t.retention)), [u, d] = globalThis.React.useState(!e.paused), [R, x] = globalThis.React.useState(!1), r = async (T, b, m) => {
    x(!0);
    try {
      l(m(await U(T, b, { dag_id: t.dag_id }))), a();
    } catch (g) {
      l(g.message, !0);
    } finally {
      x(!1);
    }
  }, c = () => {
    const T = JSON.stringify(o) === JSON.stringify(Te(t.config_retention)), b = t.retention_scope && Object.keys(o).length && (t.source === "added" || !T) ? o : null, m = { ...ve(s), retention: b, enabled: e.scheduled || s.preset !== "manual" ? u : null };
    r("/api/schedule-settings/{dag_id}", m, tl);
  }, S = t.source === "added" ? `Added on the page by ${t.added_by} at ${J(t.added_at)}${t.edited_by ? `; changed by ${t.edited_by} at ${J(t.edited_at)}` : ""}. Not in the config file.` : t.source === "edit" ? `Edited by ${t.edited_by} at ${J(t.edited_at)}; the config (${t.key}) says ${t.config_cron ?? "manual"}.` : `From the config: ${t.key} = ${t.config_cron ?? "null (manual)"}. Saving records an edit over it.`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-editor-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-schedule-editor", ref: i, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-editor-title", children: [
      "Schedule of ",
      t.name
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: S }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(we, { value: s, onChange: n, manual: t.kind !== "export", idPrefix: "edit" }),
    t.retention_scope ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ye, { scope: t.retention_scope, value: o, onChange: h, note: t.kind === "full" ? "both full backup DAGs take these" : void 0 }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "label", fontSize: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { type: "checkbox", checked: u, onChange: (T) => d(T.target.checked) }),
      " on (not paused)"
    ] }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: c, loading: R, children: "Save schedule" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: a, children: "Cancel" }),
      t.source === "edit" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "sm",
          variant: "outline",
          disabled: R,
          onClick: () => {
            r("/api/schedule-settings/{dag_id}/revert", {}, (T) => `${t.name}: back to the config's schedule (${T.setting.cron ?? "manual"}).${T.notes.map((b) => ` ${b}`).join("")}`);
          },
          children: "Revert to config"
        }
      ) : null,
      t.source === "added" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "sm",
          variant: "outline",
          colorPalette: "red",
          disabled: R,
          onClick: () => {
            r("/api/schedule-settings/{dag_id}/remove", {}, (T) => `${t.name}: removed, and its DAG from Airflow (the backups it took stay).${T.notes.map((b) => ` ${b}`).join("")}`);
          },
          children: "Remove this schedule"
        }
      ) : null
    ] })
  ] }) });
}, sl = ({ row: e, busy: l, onSwitch: a }) => e.scheduled ? e.may_switch ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
  globalThis.ChakraUI.Button,
  {
    size: "xs",
    variant: e.paused ? "outline" : "solid",
    colorPalette: e.paused ? "gray" : "green",
    role: "switch",
    "aria-checked": !e.paused,
    "aria-label": `${e.name} on`,
    disabled: l,
    onClick: a,
    children: e.paused ? "off" : "on"
  }
) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.paused ? "gray" : "green", children: e.paused ? "off" : "on" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "manual" }), nl = ({ rows: e, busy: l, onSwitch: a, onRun: i, onEdit: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-schedules", children: [
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
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: Ka(s) }),
      s.setting ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: s.setting.source === "config" ? "fg.muted" : "fg.info", title: J(s.setting.edited_at ?? s.setting.added_at), children: Ya(s.setting) }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.scheduled && s.paused ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "off" }) : s.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { title: J(s.next_run), children: j(s.next_run) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: s.last_run.link, colorPalette: s.last_run.state === "failed" ? "red" : "blue", children: s.last_run.state }),
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { title: J(s.last_run.when), children: j(s.last_run.when) })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "never run" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(sl, { row: s, busy: l === s.dag_id, onSwitch: () => a(s) }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, wrap: "wrap", children: [
      s.may_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", "aria-label": `Run now: ${s.name}`, disabled: l === s.dag_id, onClick: () => i(s), children: "Run now" }) : null,
      s.setting?.may_edit ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", "aria-label": `Edit the schedule of ${s.name}`, onClick: () => t(s), children: "Edit…" }) : null
    ] }) })
  ] }, s.dag_id)) })
] }) }), ol = (e) => {
  const { rows: l, settings: a, error: i, loading: t, reload: s } = Ga(), [n, o] = globalThis.React.useState(null), [h, u] = globalThis.React.useState(null), [d, R] = globalThis.React.useState(null), x = (b, m = !1) => {
    u({ text: b, failed: m }), s(), m || setTimeout(() => {
      s();
    }, 5e3);
  }, r = async (b, m) => {
    R(b.dag_id);
    try {
      const g = await m();
      g && x(g);
    } catch (g) {
      u({ text: g.message, failed: !0 });
    } finally {
      R(null);
    }
  }, c = (b) => r(b, async () => (await U("/api/schedules/{dag_id}/paused", { paused: !b.paused }, { dag_id: b.dag_id }), `${b.name} switched ${b.paused ? "on" : "off"}.`)), S = (b) => r(b, async () => {
    const m = await I("/api/schedules/{dag_id}/params", { dag_id: b.dag_id });
    if (m.params.some((f) => f.required))
      return o({ run: m, name: b.name }), null;
    const g = await U("/api/schedules/{dag_id}/run", {}, { dag_id: b.dag_id });
    return `Started ${b.name}: run ${g.run_id} (${g.state})${g.notice ? `: ${g.notice}` : ""}.`;
  }), T = () => o(null);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 4, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", fontSize: "sm", children: "Times are UTC unless a schedule names its time zone." }),
      a?.may_add ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: () => o({ add: !0 }), children: "New schedule" }) : null
    ] }),
    h ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: h.failed ? "error" : "success", role: h.failed ? "alert" : "status", "data-testid": "airvault-schedules-message", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: h.text })
    ] }) : null,
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i }) : null,
    a?.problems.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: "warning", "data-testid": "airvault-schedule-problems", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: "Schedule changes of the page not in effect (the config file's schedules are):" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { fontSize: "sm", ps: 4, children: a.problems.map((b) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Item, { wordBreak: "break-word", children: b }, b)) })
      ] })
    ] }) : null,
    t && !l.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Loading…" }) : null,
    !t && !l.length && !i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No airvault DAGs visible to you." }) : null,
    l.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(nl, { rows: l, busy: d, onSwitch: c, onRun: S, onEdit: (b) => o({ edit: b }) }) : null,
    n && "edit" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(il, { row: n.edit, done: x, close: T }, n.edit.dag_id) : null,
    n && "run" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ll, { form: n.run, name: n.name, done: x, close: T }, n.run.dag_id) : null,
    n && "add" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(el, { modules: a?.modules ?? [], done: x, close: T }) : null
  ] });
}, rl = ({ row: e }) => {
  const l = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: l, children: e.verified === "-" ? "not yet" : e.verified });
}, hl = ({ rows: e, mayRestore: l, empty: a = "No backup yet.", showScope: i = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Backup" }),
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Kind · scope" }) : null,
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
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      t.kind,
      " · ",
      t.scope
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: J(t.started_at), children: j(t.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: P(t.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: F(t.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(rl, { row: t }),
      t.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: t.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        t.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: t.type === "backup" && t.url && l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: W(`restore=${encodeURIComponent(t.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, t.url ?? t.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: a }), cl = ({ dagId: e }) => {
  const l = D("/api/dags/{dag_id}/backups", { dag_id: e }), i = D("/api/schedules").data?.schedules.find((s) => s.dag_id === e), t = l.data;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: 2, "data-testid": "airvault-dag-tab", children: [
    l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
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
    t && t.kind ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
        "Backups of ",
        t.kind,
        " · ",
        t.scope
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(hl, { rows: t.backups, mayRestore: t.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, se = [
  { value: "overview", label: "Overview", Panel: Pa },
  { value: "backups", label: "Backups", Panel: Ye },
  { value: "restore", label: "Restore", Panel: Ma },
  { value: "schedules", label: "Schedules", Panel: ol },
  { value: "exchange", label: "Imports & Exports", Panel: Ca },
  { value: "jobs", label: "Jobs", Panel: _a }
], dl = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return se.some((l) => l.value === e) ? e : "overview";
}, ul = () => {
  const [e, l] = globalThis.React.useState(dl), a = (i) => {
    l(i);
    const t = new URL(window.location.href);
    t.searchParams.set("tab", i), window.history.replaceState(window.history.state, "", t);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: W(), children: "Open the classic page" }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Tabs.Root, { value: e, onValueChange: (i) => a(i.value), lazyMount: !0, unmountOnExit: !0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: se.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: i.value, "data-testid": `airvault-tab-${i.value}`, children: i.label }, i.value)) }),
      se.map(({ value: i, Panel: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: i, "data-testid": `airvault-panel-${i}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(t, { show: a }) }, i))
    ] })
  ] });
}, _e = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(cl, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ul, {}), gl = () => {
  const e = D("/api/status"), a = D("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: ze("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Xe, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((i) => {
        const t = Je(i, a);
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
            i.kind,
            " · ",
            i.scope
          ] }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: t?.label ?? (i.newest ? "(not listed)" : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "none yet" })) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: J(i.newest_at), children: j(i.newest_at) })
        ] }, `${i.kind}/${i.scope}`);
      }) })
    ] }) : null
  ] }) });
}, bl = {
  Backups: _e,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": gl
  // the widget on Airflow's home page
};
Object.assign(globalThis, bl, { AirflowPlugin: _e });
export {
  bl as APPS,
  _e as BackupsPage,
  gl as Dashboard
};
