const G = (e) => new URL(`airvault${e}`, document.baseURI).toString(), Se = (e = "") => G(`/${e ? `#${e}` : ""}`), la = (e) => new URL(e.replace(/^\//, ""), document.baseURI).toString();
class ie extends Error {
  constructor(a, l) {
    super(l), this.status = a;
  }
  status;
}
async function v(e, a = {}) {
  let l = e;
  for (const [s, n] of Object.entries(a)) l = l.replace(`{${s}}`, encodeURIComponent(n));
  const i = await fetch(G(l), { credentials: "same-origin" }), t = await i.json().catch(() => null);
  if (!i.ok) {
    const s = t && typeof t.detail == "string" ? t.detail : i.statusText;
    throw new ie(i.status, `${i.status}: ${s}`);
  }
  return t;
}
function H(e, a = {}, l = 30) {
  const i = JSON.stringify(a), [t, s] = globalThis.React.useState({ loading: !0 }), n = globalThis.React.useCallback(() => {
    v(e, JSON.parse(i)).then((r) => s({ data: r, loading: !1 })).catch((r) => s((d) => ({ ...d, error: r.message, loading: !1 })));
  }, [e, i]);
  return globalThis.React.useEffect(() => {
    n();
    const r = setInterval(n, l * 1e3);
    return () => clearInterval(r);
  }, [n, l]), t;
}
async function $(e, a = {}, l = {}) {
  let i = e;
  for (const [n, r] of Object.entries(l)) i = i.replace(`{${n}}`, encodeURIComponent(r));
  const t = await fetch(G(i), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(a)
  }), s = await t.json().catch(() => null);
  if (!t.ok) {
    const n = s && typeof s.detail == "string" ? s.detail : JSON.stringify(s?.detail ?? t.statusText);
    throw new ie(t.status, `${t.status}: ${n}`);
  }
  return s;
}
const ta = { kind: "", scope: "", text: "", verified: "" }, ia = {
  yes: (e) => e.verified !== "-" && e.verified !== "FAILED",
  no: (e) => e.verified === "-",
  failed: (e) => e.verified === "FAILED"
}, sa = (e) => (a) => {
  const l = e.text.trim().toLowerCase();
  return (!e.kind || a.kind === e.kind) && (!e.scope || a.scope === e.scope) && (!e.verified || ia[e.verified](a)) && (!l || [a.label, a.note, a.id].some((i) => i?.toLowerCase().includes(l)));
}, ne = ({ label: e, value: a, options: l, set: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "9rem", flex: "0 1 12rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { fontSize: "xs", children: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { value: a, onChange: (t) => i(t.currentTarget.value), children: l.map(([t, s]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: t, children: s }, t)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), na = ({ value: e, set: a, kinds: l, scopes: i }) => {
  const t = (s, n) => [["", s], ...n.map((r) => [r, r])];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, align: "end", "data-testid": "airvault-backup-filters", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ne, { label: "Kind", value: e.kind, options: t("every kind", l), set: (s) => a({ ...e, kind: s }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ne, { label: "Scope", value: e.scope, options: t("every scope", i), set: (s) => a({ ...e, scope: s }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      ne,
      {
        label: "Verified",
        value: e.verified,
        options: [["", "any"], ["yes", "verified"], ["no", "not verified"], ["failed", "failed"]],
        set: (s) => a({ ...e, verified: s })
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { flex: "1 1 12rem", minW: "10rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { fontSize: "xs", children: "Label, note or id" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "search", value: e.text, onChange: (s) => a({ ...e, text: s.target.value }), placeholder: "words of a label or note, an id" })
    ] })
  ] });
}, U = (e) => {
  if (!e) return "-";
  const a = new Date(e);
  return Number.isNaN(a.getTime()) ? e : `${a.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}, I = (e, a = Date.now()) => {
  if (!e) return "-";
  const l = (new Date(e).getTime() - a) / 1e3, i = l > 0, t = Math.abs(l), [s, n] = t >= 86400 ? [t / 86400, "day"] : t >= 3600 ? [t / 3600, "hour"] : t >= 60 ? [t / 60, "minute"] : [0, ""];
  if (!n) return i ? "in a moment" : "just now";
  const r = Math.floor(s), d = `${r} ${n}${r === 1 ? "" : "s"}`;
  return i ? `in ${d}` : `${d} ago`;
}, ue = (e) => e == null ? "-" : e < 1 / 60 ? "under a minute" : e < 1 ? `${Math.round(e * 60)} min` : e < 48 ? `${e.toFixed(1)} h` : `${(e / 24).toFixed(1)} days`, A = (e) => {
  if (e == null) return "-";
  const a = ["B", "KB", "MB", "GB", "TB"];
  let l = e, i = 0;
  for (; l >= 1024 && i < a.length - 1; )
    l /= 1024, i += 1;
  return `${l.toFixed(i ? 1 : 0)} ${a[i]}`;
}, f = (e) => e == null ? "-" : e.toLocaleString("en-US"), oa = (e, a) => ({
  mode: "replace",
  target: e.targets[0] ?? "",
  scope: "all",
  module: e.modules[0]?.module ?? "",
  tables: [],
  cascade: !1,
  when: a ? "pit" : "backup",
  until: a ?? "latest",
  tenant: ""
}), ra = [
  ["replace", "replace: the tables end equal to the backup"],
  ["merge", "merge: insert and update from the backup, keep rows only the target has"],
  ["new-database", "new database: create the target's database from the backup"]
], ge = ({ value: e, items: a, onChange: l, label: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.RadioGroup.Root, { value: e, onValueChange: (t) => l(t.value ?? ""), "aria-label": i, size: "sm", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Stack, { gap: 1, children: a.map(([t, s]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.RadioGroup.Item, { value: t, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.RadioGroup.ItemHiddenInput, {}),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.RadioGroup.ItemIndicator, {}),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.RadioGroup.ItemText, { children: s })
] }, t)) }) }), oe = ({ label: e, value: a, options: l, onChange: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", maxW: "28rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": e, value: a, onChange: (t) => i(t.currentTarget.value), children: l.map(([t, s]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: t, children: s }, t)) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
] }), ha = ({ options: e, initial: a, copy: l, onCopy: i, onPlan: t }) => {
  const [s, n] = globalThis.React.useState(a), r = (h) => n((g) => ({ ...g, ...h })), [d, b] = globalThis.React.useState(""), u = (h) => {
    if (h.preventDefault(), s.scope === "tables" && !s.tables.length) return b("Tick at least one table, or choose the whole backup or a module.");
    b(""), t(s);
  }, R = e.modules.map((h) => [h.module, `${h.module} (${h.tables.join(", ")})`]), S = (h, g) => r({ scope: "tables", tables: g ? [...s.tables, h] : s.tables.filter((o) => o !== h) });
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: u, "aria-label": `Restore ${e.label ?? e.url}`, "data-testid": "airvault-restore-choices", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    e.copies?.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "Read from" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        oe,
        {
          label: "Storage to read the backup from",
          value: l,
          onChange: i,
          options: [["", "the storage root"], ...e.copies.map((h) => [h, `copy ${h}`])]
        }
      )
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { children: "Mode" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ge, { label: "Mode", value: s.mode, items: ra, onChange: (h) => r({ mode: h }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "Into the Airflow connection" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        oe,
        {
          label: "Restore into (Airflow connection id)",
          value: s.target,
          onChange: (h) => r({ target: h }),
          options: e.targets.map((h) => [h, h])
        }
      )
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { children: "What" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        ge,
        {
          label: "What to restore",
          value: s.scope,
          onChange: (h) => r({ scope: h }),
          items: [
            ["all", `the whole backup (${e.tables.length} tables)`],
            ...R.length ? [["module", "a module"]] : [],
            ["tables", "these tables (the tables they reference come along, merged)"]
          ]
        }
      ),
      R.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(oe, { label: "Module to restore", value: s.module, options: R, onChange: (h) => r({ module: h, scope: "module" }) }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.SimpleGrid, { minChildWidth: "15rem", gap: 1, maxH: "10rem", overflowY: "auto", borderWidth: "1px", borderRadius: "md", p: 2, children: e.tables.map((h) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
        globalThis.ChakraUI.Checkbox.Root,
        {
          size: "sm",
          minW: 0,
          checked: s.tables.includes(h.table),
          onCheckedChange: (g) => S(h.table, g.checked === !0),
          children: [
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Label, { wordBreak: "break-word", children: [
              h.table,
              " (",
              f(h.rows),
              ")"
            ] })
          ]
        },
        h.table
      )) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ca, { reach: e.point_in_time, c: s, set: r }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: s.cascade, onCheckedChange: (h) => r({ cascade: h.checked === !0 }), children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { children: "let the restore's deletes cascade (ON DELETE CASCADE / SET NULL) to tables outside it" })
    ] }),
    d ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: d }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", children: "Plan (dry run)" }) })
  ] }) });
}, ca = ({ reach: e, c: a, set: l }) => {
  if (!e) return null;
  if (e.problem) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.warning", children: [
    "No point-in-time restore from this backup: ",
    e.problem
  ] });
  const i = e.covered_until ? `changes are in storage up to ${e.covered_until}` : "no change captured after it yet";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { children: "When" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      ge,
      {
        label: "When",
        value: a.when,
        onChange: (t) => l({ when: t }),
        items: [
          ["backup", "as the backup holds it"],
          ["pit", `a point in time after it (${i})`]
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
          onChange: (t) => l({ until: t.currentTarget.value, when: "pit" })
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
          onChange: (t) => l({ tenant: t.currentTarget.value, when: "pit" })
        }
      )
    ] })
  ] });
}, ye = ["cascade", "set null", "set default"], da = (e) => (e.insert ?? 0) + (e.update ?? 0) + (e.delete ?? 0), $e = ({ plan: e, caption: a, testId: l }) => {
  const i = (t) => e.tables.reduce((s, n) => s + (n[t] ?? 0), 0);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": l, children: [
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
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.tables.map((t) => {
        const s = ye.includes(t.role), n = da(t) > 0;
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
          globalThis.ChakraUI.Table.Row,
          {
            "data-table": t.table,
            "data-changed": n ? "true" : "false",
            colorPalette: s ? "red" : "orange",
            bg: n ? "colorPalette.subtle" : void 0,
            children: [
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: [
                t.table,
                " ",
                n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { size: "sm", variant: "solid", children: "changes" }) : null
              ] }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: t.role }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: s ? "-" : f(t.backup_rows) }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: s ? "-" : f(t.target_rows) }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: f(t.insert ?? 0) }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: f(t.update ?? 0) }),
              /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: f(t.delete ?? 0) })
            ]
          },
          t.table
        );
      }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Footer, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { fontWeight: "semibold", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: "Total" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, {}),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, {}),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, {}),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: f(i("insert")) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: f(i("update")) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: f(i("delete")) })
      ] }) })
    ] }) }),
    e.preflight?.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { mt: 2, "data-testid": "airvault-restore-preflight", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: "This login lacks privileges for this restore:" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Code, { display: "block", whiteSpace: "pre-wrap", p: 2, children: e.preflight.join(`
`) })
    ] }) : null
  ] });
}, _e = {
  verify: "verify the backup",
  plan: "plan",
  safety_backup: "safety backup",
  restore: "replay the changes and restore the point",
  apply: "apply",
  check: "check against the backup"
}, be = ({ progress: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { as: "ol", ps: 5, gap: 1, "aria-label": "Restore steps", "data-testid": "airvault-restore-steps", children: e.steps.map((a) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-step": a.step, children: [
  _e[a.step] ?? a.step,
  ":",
  " ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: a.state === "failed" ? "red" : a.state === "success" ? "green" : "gray", children: a.state })
] }, a.step)) }), ze = ({ progress: e }) => {
  const a = e.failure;
  if (!a) return null;
  const l = _e[a.step ?? ""] ?? a.step;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.error", "data-testid": "airvault-restore-failure", children: [
    l,
    " failed",
    a.error ? `: ${a.error}` : " (see its log)"
  ] });
}, Be = ({ progress: e }) => {
  const a = e.replay;
  if (!a) return null;
  const l = Object.entries(a.tables ?? {}).sort().map(([i, t]) => `${i}: ${f(t)}`).join(", ");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { "data-testid": "airvault-restore-replay", children: [
    "Changes replayed onto the backup: ",
    f(a.transactions),
    " transactions, ",
    f(a.changes),
    " row changes (last commit",
    " ",
    a.last_commit_at ?? "none after the backup",
    ")",
    l ? `: ${l}` : "",
    "."
  ] });
}, ua = ({ progress: e, onPlanUndo: a }) => e.safety_backup ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { "data-testid": "airvault-restore-undo", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", children: [
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
] }) : null, Fe = (e, a) => {
  const l = Object.entries(a).filter(([, i]) => i !== "");
  return l.length ? `${e}?${new URLSearchParams(l)}` : e;
}, ga = (e) => e === "success" || e === "failed";
async function ba(e, a, l) {
  const i = Fe("/api/restore/{run_id}", { dag: e.dag_id });
  for (; ; ) {
    const t = await v(i, { run_id: e.run_id });
    if (l()) return;
    if (a(t), ga(t.state) || t.dry_run && t.plan) return t;
    await new Promise((s) => setTimeout(s, 2e3));
  }
}
const Ae = (e) => {
  const a = e.trim();
  return /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(a) ? `${a.replace(" ", "T")}Z` : a;
}, W = (e) => e.toISOString().slice(0, 19).replace("T", " "), He = ({ backupUrl: e, onClose: a, until: l }) => {
  const [i, t] = globalThis.React.useState(e ?? ""), [s, n] = globalThis.React.useState({});
  globalThis.React.useEffect(() => t(e ?? ""), [e]);
  const r = (d, b) => {
    n(b), t(d);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, borderWidth: "1px", borderRadius: "md", p: 3, "data-testid": "airvault-restore-wizard", "aria-label": "Restore wizard", role: "region", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: "Restore" }),
      a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "ghost", onClick: a, children: "Close the wizard" }) : null
    ] }),
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(xa, { url: i, until: l, preset: s, restart: r }, `${i} ${l ?? ""}`) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ta, { onPick: (d) => r(d, {}) })
  ] });
}, Ta = ({ onPick: e }) => {
  const a = H("/api/backups", {}, 300), l = (a.data?.backups ?? []).filter((n) => n.type === "backup" && n.url), [i, t] = globalThis.React.useState("");
  if (a.error) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error });
  if (!a.data) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the backups…" });
  if (!l.length) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No backup to restore yet." });
  const s = i || l[0].url;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", maxW: "36rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": "Backup to restore", value: s, onChange: (n) => t(n.currentTarget.value), children: l.map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("option", { value: n.url, children: [
        n.label ?? n.id,
        " (",
        n.kind,
        " · ",
        n.scope,
        ", ",
        f(n.rows),
        " rows)"
      ] }, n.url)) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", onClick: () => e(s), children: "Choose this backup" })
  ] });
}, Ra = (e, a, l, i, t = "") => ({
  url: e,
  copy: a,
  mode: l.mode,
  target_conn_id: l.target,
  allow_cascade: l.cascade,
  module: l.scope === "module" ? l.module : "",
  tables: l.scope === "tables" ? l.tables.join(",") : "",
  dry_run: i,
  confirm: t,
  until: l.when === "pit" ? Ae(l.until) || "latest" : "",
  tenant: l.when === "pit" ? l.tenant.trim() : ""
}), ma = (e) => {
  const a = e.scope === "module" ? `module ${e.module}` : e.scope === "tables" ? e.tables.join(", ") : "the whole backup";
  return e.when === "pit" ? `${a} as it was at ${e.until} UTC${e.tenant ? `, tenant ${e.tenant} only` : ""}` : a;
}, xa = ({ url: e, until: a, preset: l, restart: i }) => {
  const [t, s] = globalThis.React.useState(""), [n, r] = globalThis.React.useState(), [d, b] = globalThis.React.useState(), [u, R] = globalThis.React.useState("choose"), [S, h] = globalThis.React.useState(), [g, o] = globalThis.React.useState(), [c, T] = globalThis.React.useState(""), x = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => (x.current = !0, () => {
    x.current = !1;
  }), []), globalThis.React.useEffect(() => {
    r(void 0), v(Fe("/api/restore/options", { url: e, copy: t })).then((J) => x.current && r(J)).catch((J) => x.current && T(J.message));
  }, [e, t]);
  const m = async (J, y, L = "") => {
    b(J), T(""), o(void 0), R(y ? "planning" : "restoring");
    try {
      const N = await $("/api/restore", Ra(e, t, J, y, L));
      h(N);
      const p = await ba(N, o, () => !x.current);
      if (!p) return;
      const C = !!p.plan || !!(p.replay && J.mode === "new-database");
      R(y ? C ? "planned" : "stuck" : "done");
    } catch (N) {
      if (!x.current) return;
      T(N.message), R(y ? "choose" : "planned");
    }
  };
  if (!n) return c ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: c }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the backup…" });
  const j = d ?? { ...oa(n, a), ...l }, w = /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { "data-testid": "airvault-restore-head", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("b", { children: n.label ?? n.url }),
    u === "choose" ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      " ",
      "into ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("b", { children: j.target }),
      " (",
      j.mode,
      "; ",
      ma(j),
      ")"
    ] }),
    S && u !== "choose" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      " · ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: S.link, colorPalette: "blue", children: "the run in Airflow" })
    ] }) : null
  ] }), _ = /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: () => R("choose"), children: "Change the choices" });
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    w,
    c ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: c }) : null,
    u === "choose" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ha, { options: n, initial: j, copy: t, onCopy: s, onPlan: (J) => m(J, !0) }) : null,
    (u === "planning" || u === "restoring") && /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: u === "planning" ? "Dry run: planning (nothing is written)…" : "Restoring…" }),
      g ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(be, { progress: g }) : null
    ] }),
    u === "stuck" && g ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.error", children: [
        "The dry run ended ",
        g.state,
        " without a plan."
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ze, { progress: g }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(be, { progress: g }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { children: _ })
    ] }) : null,
    u === "planned" && g ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Sa, { progress: g, choice: j, word: n.confirm_word, back: _, onRestore: (J) => m(j, !1, J) }) : null,
    u === "done" && g ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ka, { progress: g, onPlanUndo: () => i(g.safety_backup, { mode: "replace", target: j.target }) }) : null
  ] });
}, Sa = ({ progress: e, choice: a, word: l, back: i, onRestore: t }) => {
  const [s, n] = globalThis.React.useState(""), r = e.plan, d = r ? r.tables.filter((u) => ye.includes(u.role)) : [], b = d.length > 0 && !a.cascade && a.mode === "replace";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-restore-planned", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "The plan (nothing written yet):" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Be, { progress: e }),
    r ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx($e, { plan: r, caption: "Dry-run plan per table (tables with changes highlighted)", testId: "airvault-restore-plan" }) : null,
    d.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: b ? "fg.error" : "fg.warning", children: [
      "Deleting rows reaches ",
      d.length,
      " table",
      d.length === 1 ? "" : "s",
      " outside the restore (",
      d.map((u) => u.table).join(", "),
      ").",
      b ? " The restore would be refused: change the choices to allow it, or include those tables." : " The safety backup holds them too."
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: a.mode === "new-database" ? "" : "A safety backup of every table it changes is taken first." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("label", { htmlFor: "airvault-restore-confirm", children: [
        "Type ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Code, { children: l }),
        " to confirm"
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "airvault-restore-confirm", size: "sm", maxW: "10rem", autoComplete: "off", value: s, onChange: (u) => n(u.currentTarget.value) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "red", disabled: b || s !== l, onClick: () => t(s), children: "Restore now" }),
      i
    ] })
  ] });
}, ka = ({ progress: e, onPlanUndo: a }) => {
  const l = e.state === "success", i = e.applied, t = e.check;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-restore-outcome", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", color: l ? "fg.success" : "fg.error", "data-testid": "airvault-restore-result", children: l ? "Restored" : `The restore ${e.state}` }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(be, { progress: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Be, { progress: e }),
    i?.tables ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx($e, { plan: i, caption: "Applied per table", testId: "airvault-restore-applied" }) : null,
    t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: t.checked ? `${f(t.checked)} table${t.checked === 1 ? "" : "s"} read back equal to the backup.` : "Checked by row counts (merge or schema drift)." }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ze, { progress: e }),
    e.safety_backup ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ua, { progress: e, onPlanUndo: a }) : l ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "Nothing was changed: it failed before apply, and apply is one transaction." })
  ] });
}, pa = ({ row: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "xs", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: G(`/api/download?url=${encodeURIComponent(e.url ?? "")}`), download: !0, "aria-label": `Download ${e.label ?? e.id}`, children: "Download" }) }), Ca = ({ row: e, may: a, opened: l, open: i, verify: t, togglePin: s, busy: n }) => {
  if (!e.url) return null;
  const r = e.label ?? e.id, d = (b) => i(l === b ? void 0 : b);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 1, "data-testid": "airvault-backup-actions", children: [
    a.verify ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", onClick: t, disabled: n, "aria-label": `Verify ${r}`, children: "Verify" }) : null,
    a.restore ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(pa, { row: e }) : null,
    a.restore && e.type === "backup" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: l === "restore" ? "solid" : "outline", onClick: () => d("restore"), "aria-expanded": l === "restore", "aria-label": `Restore ${r}`, children: "Restore…" }) : null,
    a.delete ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", onClick: s, disabled: n, "aria-label": `${e.pinned ? "Unpin" : "Pin"} ${r}`, children: e.pinned ? "Unpin" : "Pin" }) : null,
    a.delete ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", colorPalette: "red", onClick: () => d("delete"), "aria-expanded": l === "delete", "aria-label": `Delete ${r}`, children: "Delete…" }) : null
  ] });
}, ja = ({ what: e, word: a, onConfirm: l, onCancel: i }) => {
  const [t, s] = globalThis.React.useState(""), [n, r] = globalThis.React.useState(""), [d, b] = globalThis.React.useState(), [u, R] = globalThis.React.useState(!1), S = [a, e].includes(t.trim()), h = async () => {
    R(!0), b(void 0);
    try {
      await l(n.trim());
    } catch (g) {
      b(g.message);
    } finally {
      R(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderColor: "border.error", borderRadius: "md", p: 3, "data-testid": "airvault-delete-confirm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { mb: 2, wordBreak: "break-word", children: [
      "Delete ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("b", { children: e }),
      " for good, from the storage and its copies? Type its id ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Code, { children: a }),
      " (or its label) to confirm."
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "12rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Id or label" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: t, onChange: (g) => s(g.target.value), autoComplete: "off" })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { flex: "1 1 14rem", minW: 0, required: !0, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Reason (kept in the deletion log)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: n, onChange: (g) => r(g.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "red", disabled: !S || !n.trim() || u, loading: u, onClick: h, children: "Delete for good" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "ghost", onClick: i, children: "Cancel" })
    ] }),
    d ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { role: "alert", color: "fg.error", mt: 2, wordBreak: "break-word", "data-testid": "airvault-delete-error", children: [
      "Not deleted: ",
      d
    ] }) : null
  ] });
}, Ja = ({ row: e }) => {
  const a = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green", l = { "-": "not verified", yes: "verified", "drill ok": "verified by a drill", FAILED: "verification FAILED" };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: a, children: l[e.verified] ?? e.verified });
}, Xa = ({ row: e }) => e.pinned ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", "data-testid": "airvault-pinned", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: "purple", mr: 1, children: "pinned" }),
  e.pinned.reason,
  e.pinned.by ? ` · by ${e.pinned.by}` : "",
  e.pinned.pinned_at ? ` · ${U(e.pinned.pinned_at)}` : ""
] }) : null, fa = ({ row: e, may: a, picked: l, pick: i, changed: t }) => {
  const [s, n] = globalThis.React.useState(), [r, d] = globalThis.React.useState(), [b, u] = globalThis.React.useState(!1), R = e.label ?? e.id, S = async (c) => {
    u(!0);
    try {
      await c();
    } catch (T) {
      d({ text: T.message, bad: !0 });
    } finally {
      u(!1);
    }
  }, h = () => S(async () => {
    const c = await $("/api/verify", { url: e.url });
    d({
      text: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        "Verifying: run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: c.link, colorPalette: "blue", wordBreak: "break-all", "data-testid": "airvault-run-link", children: c.run_id }),
        " ",
        "(",
        c.state,
        ")"
      ] })
    });
  }), g = () => S(async () => {
    const c = await $("/api/pin", { url: e.url, pinned: !e.pinned });
    d({ text: c.pinned ? "Pinned: retention and deletions leave it alone." : "Unpinned." }), t();
  }), o = async (c) => {
    await $("/api/delete", { url: e.url, reason: c }), n(void 0), t(`Deleted ${R} (${e.kind} · ${e.scope}); the deletion log keeps who, when and why.`);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "li", listStyleType: "none", borderWidth: "1px", borderRadius: "md", p: 2, "data-testid": "airvault-backup", "data-id": e.id, "data-url": e.url ?? "", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Flex, { wrap: "wrap", gap: 2, align: "start", children: [
      i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: l, onCheckedChange: (c) => i(!!c.checked), mt: 1, children: [
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
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { title: U(e.started_at), children: I(e.started_at) }),
          " · ",
          f(e.rows),
          " rows · ",
          A(e.bytes),
          " · id ",
          e.id,
          e.app_version ? ` · app ${e.app_version}` : ""
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Xa, { row: e })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 1, align: "end", flex: "0 1 auto", minW: 0, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, wrap: "wrap", justify: "end", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ja, { row: e }),
          e.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Badge, { colorPalette: e.drill.ok ? "green" : "red", children: [
            "drill ",
            e.drill.ok ? "passed" : "failed"
          ] }) : null
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ca, { row: e, may: a, opened: s, open: n, verify: h, togglePin: g, busy: b })
      ] })
    ] }),
    r ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", mt: 1, color: r.bad ? "fg.error" : void 0, role: r.bad ? "alert" : "status", wordBreak: "break-word", "data-testid": "airvault-backup-said", children: r.text }) : null,
    s === "restore" && e.url ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { mt: 2, "data-testid": "airvault-row-restore", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(He, { backupUrl: e.url, onClose: () => n(void 0) }) }) : null,
    s === "delete" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { mt: 2, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ja, { what: R, word: e.id, onConfirm: o, onCancel: () => n(void 0) }) }) : null
  ] });
}, Ia = ["success", "failed"], pe = (e) => e.label ?? `${e.id} (${U(e.started_at)})`, Ua = ({ diff: e }) => {
  const a = Object.entries(e.tables).filter(([, l]) => l.added || l.removed || l.changed);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", my: 2, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-diff", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Table" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Added" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Removed" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Changed" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Columns changed" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: a.length ? a.map(([l, i]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: l }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: i.added }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: i.removed }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: i.changed }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: Object.keys(i.columns_changed).join(", ") })
      ] }, l)) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Row, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { colSpan: 5, children: "No row differences." }) }) })
    ] }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", children: [
      "Schema: ",
      e.schema.length ? e.schema.join("; ") : "identical"
    ] })
  ] });
}, wa = ({ older: e, newer: a, onClose: l }) => {
  const [i, t] = globalThis.React.useState(), [s, n] = globalThis.React.useState("starting"), [r, d] = globalThis.React.useState(), [b, u] = globalThis.React.useState();
  return globalThis.React.useEffect(() => {
    let R = !1;
    const S = async (h) => {
      for (; !R; ) {
        const g = await v("/api/runs/{dag_id}/{run_id}", { dag_id: h.dag_id, run_id: h.run_id });
        if (n(g.state), Ia.includes(g.state)) return d(g.diff ?? void 0);
        await new Promise((o) => setTimeout(o, 2e3));
      }
    };
    return $("/api/diff", { a: e.url, b: a.url }).then((h) => (t(h), S(h))).catch((h) => u(h.message)), () => {
      R = !0;
    };
  }, [e.url, a.url]), /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, "data-testid": "airvault-compare", "aria-live": "polite", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", align: "start", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", wordBreak: "break-word", children: [
        r ? "From" : "Comparing",
        " ",
        pe(e),
        " ",
        r ? "to" : "with",
        " ",
        pe(a),
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
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.CloseButton, { size: "sm", "aria-label": "Close the comparison", onClick: l })
    ] }),
    b ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", wordBreak: "break-word", children: b }) : null,
    r ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ua, { diff: r }) : null,
    s === "failed" && !r ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: "The comparison failed: its run's log says why." }) : null
  ] });
}, Z = 25, va = () => {
  const [e, a] = globalThis.React.useState(), [l, i] = globalThis.React.useState(), t = globalThis.React.useRef(0), s = globalThis.React.useCallback(() => {
    const n = ++t.current;
    v("/api/backups").then((r) => {
      n === t.current && (a(r), i(void 0));
    }).catch((r) => n === t.current && i(r.message));
  }, []);
  return globalThis.React.useEffect(() => {
    s();
    const n = setInterval(s, 3e4);
    return () => clearInterval(n);
  }, [s]), { list: e, error: l, load: s };
}, ya = (e, a) => {
  const l = e.filter((s) => s.url && a.includes(s.url));
  if (l.length !== 2) return;
  const [i, t] = l;
  return (i.started_at ?? "") <= (t.started_at ?? "") ? [i, t] : [t, i];
}, $a = (e) => {
  const { list: a, error: l, load: i } = va(), [t, s] = globalThis.React.useState(ta), [n, r] = globalThis.React.useState([]), [d, b] = globalThis.React.useState(), [u, R] = globalThis.React.useState(Z), [S, h] = globalThis.React.useState();
  if (!a) return l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the backups…" });
  const g = a.may, o = a.backups.filter(sa(t)), c = (x) => (m) => r((j) => m ? [...j.filter((w) => w !== x), x].slice(-2) : j.filter((w) => w !== x)), T = ya(a.backups, n);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", overflowWrap: "anywhere", children: [
      "Storage: ",
      a.storage
    ] }),
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      na,
      {
        value: t,
        set: (x) => {
          s(x), R(Z);
        },
        kinds: a.kinds,
        scopes: a.scopes
      }
    ),
    g.diff ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", disabled: !T, onClick: () => b(T), children: "Compare the two selected" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: n.length === 2 ? "" : "Tick two backups to compare them." })
    ] }) : null,
    S ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { role: "status", wordBreak: "break-word", "data-testid": "airvault-backups-notice", children: S }) : null,
    d ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(wa, { older: d[0], newer: d[1], onClose: () => b(void 0) }, d.map((x) => x.url).join()) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", "data-testid": "airvault-backup-count", children: o.length === a.backups.length ? `${o.length} backups` : `${o.length} of ${a.backups.length} backups match` }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { gap: 2, ps: 0, "data-testid": "airvault-backup-list", children: o.slice(0, u).map((x) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      fa,
      {
        row: x,
        may: g,
        picked: !!x.url && n.includes(x.url),
        pick: g.diff && x.type === "backup" && x.url ? c(x.url) : void 0,
        changed: (m) => {
          h(m), i();
        }
      },
      x.url ?? x.id
    )) }),
    o.length > u ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", alignSelf: "start", onClick: () => R(u + Z), children: [
      "Show ",
      Math.min(Z, o.length - u),
      " more"
    ] }) : null,
    o.length ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: a.backups.length ? "No backup matches these filters." : "No complete backup in this storage yet." })
  ] });
};
function le(e, a) {
  const l = globalThis.React.useRef(e);
  l.current = e;
  const [i, t] = globalThis.React.useState({}), s = globalThis.React.useCallback(() => {
    l.current().then((n) => t({ data: n })).catch((n) => t((r) => ({ ...r, error: n.message })));
  }, []);
  return globalThis.React.useEffect(() => {
    s();
    const n = setInterval(s, a * 1e3);
    return () => clearInterval(n);
  }, [s, a]), { ...i, reload: s };
}
const _a = (e, a) => {
  const l = e?.detail;
  return typeof l == "string" ? l : l === void 0 ? a : JSON.stringify(l);
};
async function Le(e, a, l, i) {
  const t = { "X-Requested-With": "airvault" };
  i && (t["Content-Type"] = i);
  const s = await fetch(G(a), { method: e, credentials: "same-origin", headers: t, body: l }), n = await s.json().catch(() => null);
  if (!s.ok) throw new ie(s.status, `${s.status}: ${_a(n, s.statusText)}`);
  return n;
}
const za = (e) => Le("POST", `/api/imports/upload?filename=${encodeURIComponent(e.name)}`, e, "text/csv"), Ba = (e) => Le("DELETE", `/api/exports/templates/${encodeURIComponent(e)}`), te = (e) => G(`/api/jobs/download?file=${encodeURIComponent(e)}`), Fa = 10, Aa = (e) => !(e instanceof ie) || e.status >= 500;
async function Te(e, a, l, i) {
  for (let t = 0; ; ) {
    try {
      const s = await e();
      if (a(s) || !l()) return s;
      t = 0;
    } catch (s) {
      if (t += 1, !Aa(s) || t >= Fa || !l()) throw s;
    }
    await new Promise((s) => setTimeout(s, i));
  }
}
const Ne = (e) => e ? (/* @__PURE__ */ new Date(`${e}${e.length === 16 ? ":00" : ""}Z`)).toISOString() : null, De = {
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
}, Ha = (e) => ({
  ...De,
  ...e,
  filterText: Object.entries(e.filters).map(([a, l]) => `${a}=${l}`).join(", ")
}), La = (e) => {
  const a = {};
  for (const l of e.split(",").map((i) => i.trim()).filter(Boolean)) {
    const i = l.indexOf("=");
    if (i < 1) throw new Error(`Filters: '${l}' is not column=value`);
    a[l.slice(0, i).trim()] = l.slice(i + 1).trim();
  }
  return a;
}, Ee = (e) => {
  const { filterText: a, ...l } = e;
  return { ...l, filters: La(a) };
}, Ce = (e) => e.includes(".") ? e : `public.${e}`, Na = (e, a) => {
  const l = new Map(e.modules.map((i) => [i.name, i.tables.map(Ce)]));
  return [...new Set(a.flatMap((i) => l.get(i) ?? [Ce(i)]))];
}, je = (e, a) => [
  ...new Set(Na(e, a).flatMap((l) => e.tables[l] ?? []))
], Je = ({ legend: e, items: a, chosen: l, onChange: i, empty: t = "none" }) => {
  const s = (n, r) => i(r ? [...l, n] : l.filter((d) => d !== n));
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Fieldset.Legend, { fontSize: "sm", fontWeight: "medium", children: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { maxH: "11rem", overflowY: "auto", borderWidth: "1px", borderRadius: "md", px: 2, py: 1, children: a.length ? a.map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
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
    )) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: t }) })
  ] });
}, K = ({ label: e, value: a, choices: l, change: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "10rem", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { value: a, onChange: (t) => i(t.target.value), children: Object.entries(l).map(([t, s]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: t, children: s }, t)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), Da = {
  csv: "CSV",
  json: "JSON lines",
  parquet: "Parquet",
  xlsx: "Excel (xlsx)",
  pdf: "PDF (a report to read)",
  zip: "ZIP (CSV files: a module's tables, or several datasets)"
}, Ea = ({ options: e, choices: a, change: l }) => {
  const i = e.modules.map((n) => ({ value: n.name, label: `${n.name} (module)`, hint: n.tables.join(", ") })), t = Object.keys(e.tables).map((n) => ({ value: n })), s = je(e, a.datasets);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2 }, gap: 3, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        Je,
        {
          legend: "Datasets to export",
          items: [...i, ...t],
          chosen: a.datasets,
          onChange: (n) => l({ datasets: n, columns: a.columns.filter((r) => je(e, n).includes(r)) })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        Je,
        {
          legend: "Columns (none ticked: all)",
          items: s.map((n) => ({ value: n })),
          chosen: a.columns,
          onChange: (n) => l({ columns: s.filter((r) => n.includes(r)) }),
          empty: "choose a dataset first"
        }
      )
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: 4 }, gap: 3, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        K,
        {
          label: "Format",
          value: a.format,
          choices: Object.fromEntries(e.formats.map((n) => [n, Da[n] ?? n])),
          change: (n) => l({ format: n })
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Filters" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "column=value, ...", value: a.filterText, onChange: (n) => l({ filterText: n.target.value }) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Label, { children: [
          "Tenant (",
          e.tenant_column,
          ")"
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "all tenants", value: a.tenant, onChange: (n) => l({ tenant: n.target.value }) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Time zone" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", value: a.timezone, onChange: (n) => l({ timezone: n.target.value }) })
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Checkbox.Root, { size: "sm", checked: a.readable, onCheckedChange: (n) => l({ readable: n.checked === !0 }), children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.HiddenInput, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Control, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Checkbox.Label, { children: "Readable: names for user ids, local times (off: raw values, exact for machines)" })
    ] })
  ] });
}, We = ({ label: e, button: a, name: l, change: i, save: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "12rem", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: e }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "template name", value: l, onChange: (s) => i(s.target.value) })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !l.trim(), onClick: t, children: a })
] }), Wa = ({ templates: e, problems: a, choices: l, load: i, saved: t, say: s }) => {
  const [n, r] = globalThis.React.useState(""), [d, b] = globalThis.React.useState(""), u = (h) => {
    r(h);
    const g = e.find((o) => o.name === h);
    g && i(Ha(g.choices));
  }, R = async () => {
    try {
      const h = await $("/api/exports/templates", { name: d, choices: Ee(l) });
      s({ ok: !0, text: `Saved the export template ${h.name}: it is in the list of templates.` }), r(h.name), b(""), t();
    } catch (h) {
      s({ ok: !1, text: h.message });
    }
  }, S = async () => {
    try {
      await Ba(n), s({ ok: !0, text: `Deleted the export template ${n}.` }), r(""), t();
    } catch (h) {
      s({ ok: !1, text: h.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", minW: "12rem", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Saved template" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Field, { value: n, onChange: (h) => u(h.target.value), "data-testid": "airvault-export-templates", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: "", children: e.length ? "choose one to load…" : "none saved yet" }),
          e.map((h) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("option", { value: h.name, children: [
            h.name,
            h.saved_by ? ` (by ${h.saved_by})` : ""
          ] }, h.name))
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !n, onClick: S, "aria-label": n ? `Delete template ${n}` : "Delete template", children: "Delete template" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(We, { label: "Save these choices as", button: "Save template", name: d, change: b, save: R }),
    a.map((h) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.error", w: "full", children: h }, h))
  ] });
}, Pe = ({ said: e, testId: a }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.ok ? "info" : "error", role: e.ok ? "status" : "alert", "data-testid": a, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: e.text }),
    e.more ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Description, { children: e.more }) : null
  ] })
] }) : null, Pa = ["success", "failed"], Oa = ({ job: e, link: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", "data-testid": "airvault-export-files", children: [
  e.files.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: te(l.file ?? ""), download: !0, colorPalette: "blue", children: l.name }, l.file)),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: a, color: "fg.muted", children: "the run in Airflow" })
] }), Ma = ({ show: e, exported: a }) => {
  const l = le(() => v("/api/exports/options"), 300), [i, t] = globalThis.React.useState(De), [s, n] = globalThis.React.useState(""), [r, d] = globalThis.React.useState(null), [b, u] = globalThis.React.useState(!1), R = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    R.current = !1;
  }, []);
  const S = (g) => t((o) => ({ ...o, ...g })), h = async () => {
    u(!0);
    try {
      const g = await $("/api/exports", { ...Ee(i), run_after: Ne(s) });
      if (s) {
        d({ ok: !0, text: `Export scheduled for ${U(g.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      d({ ok: !0, text: "Export running…", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: g.link, children: "the run in Airflow" }) }), await Te(
        () => v("/api/runs/{dag_id}/{run_id}", { dag_id: g.dag_id, run_id: g.run_id }),
        (m) => Pa.includes(m.state),
        () => R.current,
        3e3
      );
      const c = (await Te(() => v("/api/jobs"), () => !0, () => R.current, 3e3)).jobs.find((m) => m.run_id === g.run_id);
      if (!R.current) return;
      if (!c) {
        d({ ok: !0, text: "The export ended: the Jobs tab has it.", more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: g.link, children: "the run in Airflow" }) });
        return;
      }
      const T = c.state === "done", x = T ? `Export done: ${(c.records ?? 0).toLocaleString("en-US")} records.` : `The export ${c.state}: its log in Airflow says why.`;
      d({ ok: T, text: x, more: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Oa, { job: c, link: g.link }) }), a();
    } catch (g) {
      d({ ok: !1, text: g.message });
    } finally {
      u(!1);
    }
  };
  return l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: (g) => (g.preventDefault(), void h()), "data-testid": "airvault-export-form", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      Wa,
      {
        templates: l.data.templates,
        problems: l.data.template_problems,
        choices: i,
        load: t,
        saved: l.reload,
        say: d
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ea, { options: l.data, choices: i, change: S }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Later, at (UTC; empty: now)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: s, onChange: (g) => n(g.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: b, disabled: !i.datasets.length, children: s ? "Schedule export" : "Export now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Link,
        {
          href: "?tab=schedules",
          onClick: (g) => {
            g.preventDefault(), e("schedules");
          },
          children: "Make it recurring…"
        }
      )
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Pe, { said: r, testId: "airvault-export-said" })
  ] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the export choices…" });
}, qa = 20, Ga = ({ exports: e, mayDownload: a }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-exports", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Export" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Rows" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Size" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Download" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.slice(0, qa).map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-report": l.report, children: [
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: U(l.started_at), children: I(l.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: f(l.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: A(l.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: l.triggered_by ?? "-" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      l.file ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: te(l.file), download: !0, colorPalette: "blue", wordBreak: "break-all", me: 2, children: l.file.split("/").pop() }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: te(l.report), download: !0, fontSize: "xs", color: "fg.muted", children: "report.json" })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, l.report)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No exports in this storage yet." }), Va = ({ columns: e, sample: a, tableColumns: l, mapping: i, change: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-import-mapping", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "File column" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "First values" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Table column" })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((s, n) => {
    const r = i[s] ?? s, d = l ? l.includes(r) ? l : [r, ...l] : [r];
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: s }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { maxW: "16rem", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: a.map((b) => b[n] ?? "").join(" · ") }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "xs", minW: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": `Table column for ${s}`, value: r, onChange: (b) => t(s, b.target.value), children: d.map((b) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: b, children: l && !l.includes(b) ? `${b} (not a column of the table)` : b }, b)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] }) })
    ] }, s);
  }) })
] }) }), Ka = ({ rejects: e, counts: a }) => {
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
    l < a.rejected ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
      "The first ",
      l,
      " of ",
      a.rejected.toLocaleString("en-US"),
      " rejected rows are shown; rejects.csv on the Jobs tab has them all."
    ] }) : null
  ] });
}, Y = (e) => (e ?? 0).toLocaleString("en-US"), Ya = (e) => `${Y(e)} ${e === 1 ? "row" : "rows"}`, Za = ({ result: e, dryRun: a, run: l, busy: i }) => {
  const [t, s] = globalThis.React.useState(""), n = e.report, r = a ? "Dry run" : "Import";
  if (!n) {
    const b = e.failure;
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.error", "data-testid": "airvault-import-summary", children: [
      "The ",
      r.toLowerCase(),
      " ended ",
      e.state,
      " without a report",
      b?.error ? `: ${b.error}` : " (its log in Airflow says why)",
      ". ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] });
  }
  const d = n.problems && n.problems !== n.rejected ? ` (${Y(n.problems)} problems)` : "";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: n.rejected ? "fg.error" : void 0, "data-testid": "airvault-import-summary", children: [
      r,
      ": ",
      Ya(n.rows),
      " read, ",
      Y(n.inserted),
      " ",
      a ? "to insert" : "inserted",
      ", ",
      Y(n.updated),
      " ",
      a ? "to update" : "updated",
      ", ",
      Y(n.rejected),
      " rejected",
      d,
      ". ",
      n.message ?? "",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, children: "The run in Airflow" })
    ] }),
    e.withheld ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: e.withheld }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ka, { rejects: e.rejects ?? [], counts: n }),
    a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: i, onClick: () => l(!1, ""), children: "Import now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "or at (UTC)" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "datetime-local", value: t, onChange: (b) => s(b.target.value) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", disabled: !t, onClick: () => l(!1, t), children: "Schedule import" })
    ] }) : null
  ] });
}, Qa = (e, a) => {
  const l = e.columns.map((t) => a?.mapping[t] ?? t), i = (t) => l.filter((s) => e.tables[t].includes(s)).length;
  return Object.keys(e.tables).sort((t, s) => i(s) - i(t))[0] ?? "";
}, el = { upsert: "upsert", insert: "insert", "update-only": "update-only" }, al = { atomic: "reject the whole file", skip: "skip them, import the rest" }, ll = () => {
  const [e, a] = globalThis.React.useState(null), [l, i] = globalThis.React.useState(null), [t, s] = globalThis.React.useState(""), [n, r] = globalThis.React.useState(""), [d, b] = globalThis.React.useState({}), [u, R] = globalThis.React.useState("upsert"), [S, h] = globalThis.React.useState("atomic"), [g, o] = globalThis.React.useState(""), [c, T] = globalThis.React.useState(null), [x, m] = globalThis.React.useState(null), [j, w] = globalThis.React.useState(!1), _ = globalThis.React.useRef(!0);
  globalThis.React.useEffect(() => () => {
    _.current = !1;
  }, []);
  const J = (p, C) => {
    r(C), b({ ...p.mappings.find((B) => B.name === C)?.mapping ?? {} });
  }, y = async (p) => {
    if (p.preventDefault(), !e) return T({ ok: !1, text: "Choose a .csv file first." });
    w(!0), m(null);
    try {
      const C = await za(e), B = C.mappings.find((k) => k.fits);
      i(C), J(C, B?.name ?? ""), s(Qa(C, B)), T({ ok: !0, text: `${C.name}: ${C.columns.length} columns. Check the mapping, then a dry run.` });
    } catch (C) {
      T({ ok: !1, text: C.message });
    } finally {
      w(!1);
    }
  }, L = async (p, C) => {
    if (!l) return;
    w(!0);
    const B = Object.fromEntries(l.columns.map((k) => [k, d[k] ?? k]));
    try {
      const k = { file: l.file, table: t, mapping: B, template: n, mode: u, policy: S, dry_run: p, run_after: Ne(C) }, z = await $("/api/imports", k);
      if (C) {
        T({ ok: !0, text: `Import scheduled for ${U(z.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      T({ ok: !0, text: `${p ? "Dry run" : "Import"} running…` });
      const se = await Te(
        () => v("/api/imports/{run_id}", { run_id: z.run_id }),
        (aa) => ["success", "failed"].includes(aa.state),
        () => _.current,
        3e3
      );
      T(null), m({ report: se, dryRun: p });
    } catch (k) {
      T({ ok: !1, text: k.message });
    } finally {
      w(!1);
    }
  }, N = async () => {
    if (!l) return;
    const p = Object.fromEntries(l.columns.map((C) => [C, d[C] ?? C]));
    try {
      const C = await $("/api/imports/templates", { name: g, table: t, mapping: p }), B = [...l.mappings.filter((k) => k.name !== C.name), { ...C, fits: !0 }];
      i({ ...l, mappings: B }), r(C.name), o(""), T({ ok: !0, text: `Saved the mapping ${C.name}: offered for the next file too.` });
    } catch (C) {
      T({ ok: !1, text: C.message });
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-import-form", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Import a CSV" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "form", onSubmit: y, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "CSV file" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", type: "file", accept: ".csv,text/csv", p: 1, onChange: (p) => a(p.target.files?.[0] ?? null) })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", variant: "outline", loading: j && !l, children: "Upload and map columns" })
    ] }) }),
    l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        Object.keys(l.tables).length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(K, { label: "Into table", value: t, choices: Object.fromEntries(Object.keys(l.tables).map((p) => [p, p])), change: s }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { children: "Into table" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { size: "sm", placeholder: "schema.table", value: t, onChange: (p) => s(p.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
          K,
          {
            label: "Saved mapping",
            value: n,
            choices: { "": "none", ...Object.fromEntries(l.mappings.map((p) => [p.name, `${p.name}${p.fits ? " (fits this file)" : ""}`])) },
            change: (p) => J(l, p)
          }
        ),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(K, { label: "Mode", value: u, choices: el, change: R }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(K, { label: "Bad rows", value: S, choices: al, change: h })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        Va,
        {
          columns: l.columns,
          sample: l.sample ?? [],
          tableColumns: l.tables[t],
          mapping: d,
          change: (p, C) => b((B) => ({ ...B, [p]: C }))
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", loading: j, onClick: () => L(!0, ""), children: "Dry run" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(We, { label: "Save this mapping as", button: "Save mapping", name: g, change: o, save: N })
      ] })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "A dry run checks every row and writes nothing; the import then runs in one transaction." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Pe, { said: c, testId: "airvault-import-said" }),
    x ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Za, { result: x.report, dryRun: x.dryRun, run: L, busy: j }) : null
  ] });
}, tl = ({ show: e }) => {
  const a = le(() => v("/api/backups"), 60), l = a.data?.may ?? {};
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 6, "data-testid": "airvault-exchange-tab", children: [
    a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : null,
    l.export ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ma, { show: e, exported: a.reload }) : null,
    a.data && !l.export && !l.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Your role may read exports but not start exports or imports: that needs the right to trigger the export and import DAGs." }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-exports-title", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", mb: 2, id: "airvault-exports-title", children: "Exports in storage" }),
      a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ga, { exports: a.data.exports, mayDownload: !!l.export }) : null
    ] }),
    l.import ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ll, {}) : null
  ] });
}, Re = (e) => e === "import" ? "Import" : e === "export" || e.startsWith("export_") ? "Export" : e.startsWith("restore") ? "Restore" : e === "backup_diff" ? "Compare" : e === "pg_dump_archive" ? "Archive" : e, il = (e, a = Date.now()) => {
  const l = e.run_after ? new Date(e.run_after).getTime() > a : !1;
  switch (e.state) {
    case "pending":
      return l ? { word: "scheduled", palette: "blue", when: `starts ${I(e.run_after, a)}` } : { word: "waiting to start", palette: "blue", when: `asked ${I(e.run_after, a)}` };
    case "running":
      return { word: "running", palette: "blue", when: `started ${I(e.run_after, a)}` };
    case "done":
      return { word: "done", palette: "green", when: `ended ${I(e.ended, a)}` };
    case "cancelled":
      return { word: "cancelled", palette: "gray", when: e.ended ? `cancelled ${I(e.ended, a)}` : "" };
    case "failed":
      return { word: "failed", palette: "red", when: `ended ${I(e.ended, a)}` };
    default:
      return { word: e.state, palette: "gray", when: I(e.ended ?? e.run_after, a) };
  }
}, sl = ({ job: e, mayDownload: a }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 0, children: [
  a ? e.files.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: te(l.file), download: !0, colorPalette: "blue", wordBreak: "break-all", children: l.name }, l.file)) : null,
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.link, fontSize: "xs", color: "fg.muted", children: "run in Airflow" })
] }), nl = ({ jobs: e, mayDownload: a, cancelling: l, onCancel: i, progressOf: t }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", "data-testid": "airvault-jobs", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Job" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "State" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Asked by" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { textAlign: "end", children: "Records" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Result" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.VisuallyHidden, { children: "Actions" }) })
  ] }) }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.map((s) => {
    const n = il(s);
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { "data-run": s.run_id, "data-state": s.state, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { maxW: "20rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: Re(s.dag_id) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: s.what })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: n.palette, children: n.word }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", title: U(s.state === "pending" ? s.run_after : s.ended), children: n.when }),
        s.state === "running" ? t(s) : null,
        s.state === "cancelled" && s.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", wordBreak: "break-word", children: s.note }) : null
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { wordBreak: "break-word", children: s.asked_by ?? "-" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: f(s.records) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(sl, { job: s, mayDownload: a }) }),
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
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: Se(), children: "classic page" }),
  "."
] }), ol = ["export", "import", "archive", "restore"], rl = { export: "Exporting", import: "Importing", archive: "Archiving", restore: "Restoring" }, hl = (e) => e.bytes_estimate ? Math.min(100, 100 * (e.bytes ?? 0) / e.bytes_estimate) : e.tables_total ? 100 * (e.tables_done ?? 0) / e.tables_total : null, Oe = ({ row: e }) => {
  const a = e.progress ?? {}, i = `${e.type === "restore" && a.kind === "restore-plan" ? "Planning a restore of" : rl[e.type] ?? e.type} ${a.label ?? a.scope ?? e.folder}`, t = hl(a);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 2, "data-testid": "airvault-running-job", "data-type": e.type, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Progress.Root, { value: t, max: 100, size: "sm", "aria-label": `${i}: ${t === null ? "under way" : `${Math.round(t)} %`}`, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Label, { fontSize: "sm", fontWeight: "medium", wordBreak: "break-word", children: i }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Track, { mt: 1, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Progress.Range, {}) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
      a.step ? `${a.step} · ` : "",
      a.tables_total ? `${a.tables_done ?? 0} / ${a.tables_total} tables · ` : "",
      f(a.rows ?? 0),
      " rows · ",
      A(a.bytes ?? 0),
      a.mb_per_s ? ` · ${a.mb_per_s} MB/s` : "",
      e.host ? ` · on ${e.host}` : ""
    ] })
  ] });
}, cl = ({ rows: e }) => {
  const a = e.filter((l) => ol.includes(l.type));
  return a.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Stack, { gap: 2, "aria-label": "Running now", children: a.map((l) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Oe, { row: l }, l.folder)) }) : null;
}, Xe = { Export: "export", Import: "import", Archive: "archive", Restore: "restore" }, dl = (e, a) => (l) => {
  const i = Xe[Re(l.dag_id)], t = a.filter((n) => n.type === i), s = e.filter((n) => n.state === "running" && Xe[Re(n.dag_id)] === i);
  return t.length === 1 && s.length === 1 ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Oe, { row: t[0] }) : null;
}, ul = (e, a = Date.now()) => e.some((l) => l.state === "running" || l.state === "pending" && new Date(l.run_after ?? 0).getTime() - a < 6e4), gl = (e) => {
  const [a, l] = globalThis.React.useState(!1), i = le(() => v("/api/jobs"), a ? 5 : 60), t = le(() => v("/api/running"), a ? 5 : 60), [s, n] = globalThis.React.useState(null), [r, d] = globalThis.React.useState(null), b = t.data?.running ?? [], u = i.data?.jobs ?? [];
  globalThis.React.useEffect(() => l(i.data ? ul(i.data.jobs) : !1), [i.data]);
  const R = async (S) => {
    d(S.run_id);
    try {
      await $("/api/jobs/{dag_id}/{run_id}/cancel", {}, { dag_id: S.dag_id, run_id: S.run_id }), n({ ok: !0, text: `Cancelled: ${S.what} will not run.` });
    } catch (h) {
      n({ ok: !1, text: h.message });
    } finally {
      d(null), i.reload();
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 4, "data-testid": "airvault-jobs-tab", children: [
    s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: s.ok ? "success" : "error", role: s.ok ? "status" : "alert", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: s.text })
    ] }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(cl, { rows: b }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", as: "h3", children: "Jobs" }),
    i.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i.error }) : null,
    i.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      nl,
      {
        jobs: u,
        mayDownload: i.data.may_download,
        cancelling: r,
        onCancel: R,
        progressOf: dl(u, b)
      }
    ) : i.error ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the jobs…" })
  ] });
}, Me = { ok: "green", stale: "orange", failing: "red" }, ee = ({ children: e, state: a, testId: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 3, borderLeftWidth: "4px", borderLeftColor: `${Me[a] ?? "gray"}.solid`, "data-testid": l, children: e }), bl = (e, a = []) => a.filter((l) => l.kind === e.kind && l.scope === e.scope && l.drill?.drilled_at).map((l) => l.drill)[0], Tl = ({ card: e, newest: a, drill: l }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(ee, { state: e.state, testId: "airvault-scope", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
    e.kind,
    " · ",
    e.scope,
    " ",
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: Me[e.state] ?? "gray", children: e.state })
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: a?.label ?? (e.newest ? "newest backup" : "no usable backup yet") }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
    e.age_hours === null || e.age_hours === void 0 ? "" : `${ue(e.age_hours)} old`,
    e.target_hours !== null && e.target_hours !== void 0 ? ` · target ${ue(e.target_hours)}` : "",
    e.verified === !1 ? " · verification FAILED" : e.verified ? " · verified" : ""
  ] }),
  l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: l.ok ? "fg.muted" : "fg.error", children: [
    "last drill ",
    l.ok ? "passed" : "FAILED",
    " ",
    I(l.drilled_at)
  ] }) : null,
  e.failed_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Link, { href: e.failed_run.link, fontSize: "sm", color: "fg.error", children: [
    "last run of ",
    e.failed_run.dag_id,
    " failed"
  ] }) : null
] }), qe = (e, a = []) => a.find((l) => l.url === e.newest), Rl = ({ status: e, rows: a, compact: l = !1 }) => {
  const i = e.drill, t = e.capture;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.SimpleGrid, { columns: { base: 1, md: 2, xl: l ? 3 : 4 }, gap: 3, children: [
    e.cards.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Tl, { card: s, newest: qe(s, a), drill: bl(s, a) }, `${s.kind}/${s.scope}`)),
    l ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(ee, { state: i ? i.ok ? "ok" : "failing" : "stale", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: "last restore drill" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: i ? `${i.ok ? "passed" : "FAILED"}: ${i.kind}/${i.scope} ${I(i.drilled_at)}` : "no restore drill yet" }),
        i?.rto_s ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
          "RTO ",
          i.rto_s.toFixed(1),
          " s"
        ] }) : null
      ] }),
      t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(ee, { state: t.problems?.length ? "failing" : "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "change capture · ",
          t.slot
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: t.rpo_seconds === null || t.rpo_seconds === void 0 ? "no change in storage yet" : `RPO ${ue(t.rpo_seconds / 3600)}` })
      ] }) : null,
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(ee, { state: "ok", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
          "storage used: ",
          A(e.storage.total)
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: Object.entries(e.storage.by_kind).map(([s, n]) => `${s} ${A(n)}`).join(" · ") || "empty" })
      ] })
    ] })
  ] });
}, q = 864e5, ml = 14, xl = 60, E = ["full", "module", "tenant", "manual", "pre-restore", "archive"], fe = ["blue", "teal", "purple", "orange", "pink", "cyan", "yellow", "green", "red"], Sl = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], F = { left: 64, right: 12, top: 10, bottom: 34 }, P = 220, Ie = (e) => Math.floor(e / q) * q, Ue = (e) => {
  const a = new Date(e);
  return `${a.getUTCDate()} ${Sl[a.getUTCMonth()]}`;
}, kl = (e, a = Date.now()) => {
  const l = Ie(a), i = e.filter((u) => u.started_at).map((u) => ({ row: u, day: Ie(new Date(u.started_at).getTime()) })), t = Math.min(l, ...i.map((u) => u.day)), s = Math.min(xl, Math.max(ml, Math.round((l - t) / q) + 1)), n = l - (s - 1) * q, r = Array.from({ length: s }, (u, R) => ({ start: n + R * q, byKind: {}, total: 0, count: 0 })), d = /* @__PURE__ */ new Set();
  for (const { row: u, day: R } of i) {
    const S = r[Math.round((R - n) / q)];
    S && (S.byKind[u.kind] = (S.byKind[u.kind] ?? 0) + u.bytes, S.total += u.bytes, S.count += 1, d.add(u.kind));
  }
  const b = (u) => E.includes(u) ? E.indexOf(u) : E.length;
  return { days: r, kinds: [...d].sort((u, R) => b(u) - b(R) || u.localeCompare(R)) };
}, pl = (e) => {
  if (e <= 0) return 1024;
  let a = 1;
  for (; e / a >= 1024; ) a *= 1024;
  const l = e / a, i = 10 ** Math.floor(Math.log10(l));
  return ([1, 2, 5, 10].find((s) => s * i >= l) ?? 10) * i * a;
}, Cl = (e = 640) => {
  const a = globalThis.React.useRef(null), [l, i] = globalThis.React.useState(e);
  return globalThis.React.useEffect(() => {
    const t = a.current;
    if (!t) return;
    const s = new ResizeObserver(([n]) => i(Math.max(280, Math.floor(n.contentRect.width))));
    return s.observe(t), () => s.disconnect();
  }, []), { ref: a, width: l };
}, jl = ({ rows: e, now: a = Date.now() }) => {
  const { token: l } = globalThis.ChakraUI.useChakraContext(), { ref: i, width: t } = Cl(), { days: s, kinds: n } = kl(e, a), r = n.filter((m) => !E.includes(m)), d = (m) => E.includes(m) ? E.indexOf(m) : E.length + r.indexOf(m), b = (m) => l.var(`colors.${fe[d(m) % fe.length]}.solid`), u = l.var("colors.fg.muted"), R = pl(Math.max(0, ...s.map((m) => m.total))), S = t - F.left - F.right, h = P - F.top - F.bottom, g = S / s.length, o = Math.max(3, Math.min(28, g * 0.7)), c = (m) => F.top + h - m / R * h, T = Math.ceil(s.length / Math.max(1, Math.floor(S / 56))), x = n.length ? `Storage of the backups kept, per day of the last ${s.length} days, by kind: ${n.join(", ")}` : `No backup in the last ${s.length} days`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { ref: i, "data-testid": "airvault-storage-trend", minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
      "svg",
      {
        width: t,
        height: P,
        viewBox: `0 0 ${t} ${P}`,
        role: "img",
        "aria-label": x,
        style: { display: "block", width: `${t}px`, height: `${P}px`, maxWidth: "none" },
        children: [
          [0, 0.5, 1].map((m) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("line", { x1: F.left, x2: t - F.right, y1: c(R * m), y2: c(R * m), stroke: l.var("colors.border"), strokeDasharray: m ? "3 3" : void 0 }),
            /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: F.left - 6, y: c(R * m) + 4, textAnchor: "end", style: { fontSize: "11px", fill: u }, children: A(R * m).replace(".0 ", " ") })
          ] }, m)),
          s.map((m, j) => {
            const w = F.left + j * g + (g - o) / 2;
            let _ = 0;
            return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
              n.filter((J) => m.byKind[J]).map((J) => {
                const y = m.byKind[J], L = /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("rect", { x: w, width: o, y: c(_ + y), height: Math.max(1, c(_) - c(_ + y)), fill: b(J), children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `${Ue(m.start)}: ${J} ${A(y)}` }) }, J);
                return _ += y, L;
              }),
              j % T === (s.length - 1) % T ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: F.left + j * g + g / 2, y: P - F.bottom + 15, textAnchor: "middle", style: { fontSize: "11px", fill: u }, children: Ue(m.start) }) : null
            ] }, m.start);
          }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: F.left, y: P - 4, style: { fontSize: "11px", fill: u }, children: "day taken (UTC)" })
        ]
      }
    ),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 4, mt: 1, "data-testid": "airvault-trend-legend", "aria-label": "legend", children: [
      n.map((m) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, "data-kind": m, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { w: "12px", h: "12px", borderRadius: "2px", style: { background: b(m) }, "aria-hidden": !0 }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", children: [
          m,
          " ",
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", children: A(s.reduce((j, w) => j + (w.byKind[m] ?? 0), 0)) })
        ] })
      ] }, m)),
      n.length ? null : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
        x,
        "."
      ] })
    ] })
  ] });
}, Jl = (e) => e.safe ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded." : `Not yet: ${e.findings.length === 1 ? "one thing needs" : `${e.findings.length} things need`} attention`, Xl = ({ finding: e }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { "data-where": e.where, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.severity === "red" ? "red" : "orange", mr: 2, children: e.severity === "red" ? "at risk" : "behind target" }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { as: "span", fontWeight: "semibold", children: e.where }),
  ": ",
  e.what,
  e.since ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", color: "fg.muted", title: U(e.since), children: [
    " ",
    "(since ",
    I(e.since),
    ")"
  ] }) : null,
  ". ",
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "span", children: [
    "Fix: ",
    e.fix
  ] })
] }), Ge = ({ status: e, error: a, findings: l = !0 }) => {
  if (!e)
    return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: a ? "error" : "info", "data-testid": "airvault-verdict", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: a ? `Am I safe? Cannot tell: ${a}` : "Am I safe? Checking…" })
    ] });
  const i = e.findings.some((t) => t.severity === "red");
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: e.safe ? "success" : i ? "error" : "warning", "data-testid": "airvault-verdict", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Title, { children: [
        "Am I safe? ",
        Jl(e)
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Description, { children: [
        l && e.findings.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { ps: 4, gap: 1, my: 1, children: e.findings.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Xl, { finding: t }, `${t.where}:${t.what}`)) }) : null,
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: "fg.muted", children: [
          "checked ",
          I(e.checked_at)
        ] })
      ] })
    ] })
  ] });
}, fl = (e) => {
  const a = H("/api/status"), l = H("/api/backups"), i = l.data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, minW: 0, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ge, { status: a.data, error: a.error }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-protection", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", mb: 2, id: "airvault-protection", children: "Protection per scope" }),
      a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Rl, { status: a.data, rows: i }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-trend", minW: 0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", id: "airvault-trend", children: "Storage by kind" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", mb: 2, children: "The size of the backups kept, by the day they were taken." }),
      l.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error }) : null,
      l.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(jl, { rows: i }) : null
    ] })
  ] });
}, V = 1e3, O = 118, re = 12, ae = 26, me = ["Restorable", "Bases", "Changes", "Migrations"], M = me.length * ae + 8, Il = M + 30, X = (e) => new Date(e).getTime(), he = (e) => new Date(e).toISOString().slice(0, 16).replace("T", " "), Ul = ({ data: e, from: a, to: l, picked: i, onPick: t }) => {
  const { token: s } = globalThis.ChakraUI.useChakraContext(), n = (o) => s.var(`colors.${o}`), r = Math.max(l - a, 1e3), d = (o) => O + (Math.min(Math.max(o, a), l) - a) / r * (V - O - re), b = (o, c) => Math.max(d(c) - d(o), 2), u = (o) => me.indexOf(o) * ae + 4, R = (o, c) => c >= a && o <= l, S = (o) => {
    const c = o.currentTarget.getBoundingClientRect(), T = (o.clientX - c.left) / c.width * V;
    T < O || t(new Date(a + (T - O) / (V - O - re) * r));
  }, h = Array.from({ length: 6 }, (o, c) => a + r * c / 5), g = `Timeline from ${he(a)} to ${he(l)} UTC: ${e.bases.length} bases, ${e.segment_count} change segments, ${e.migrations.length} migrations, ${e.gaps.length} gaps. Click a moment to pick it.`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(
    "svg",
    {
      viewBox: `0 0 ${V} ${Il}`,
      width: "100%",
      role: "img",
      "aria-label": g,
      "data-testid": "airvault-timeline",
      onClick: S,
      style: { cursor: "crosshair", display: "block", fontSize: 12 },
      children: [
        me.map((o) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: 4, y: u(o) + 15, fill: n("fg.muted"), children: o }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("line", { x1: O, x2: V - re, y1: u(o) + ae - 4, y2: u(o) + ae - 4, stroke: n("border") })
        ] }, o)),
        e.coverage.filter(([o, c]) => R(X(o), X(c))).map(([o, c]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("rect", { "data-kind": "coverage", x: d(X(o)), y: u("Restorable") + 4, width: b(X(o), X(c)), height: 14, rx: 3, fill: n("green.solid"), children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `restorable to any moment from ${o} to ${c}` }) }, `c${o}`)),
        e.gaps.map((o) => {
          const c = o.end ? X(o.end) : l;
          return R(X(o.start), c) ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
            "rect",
            {
              "data-kind": "gap",
              x: d(X(o.start)),
              y: u("Restorable") + 4,
              width: b(X(o.start), c),
              height: 14,
              fill: n("red.subtle"),
              stroke: n("red.solid"),
              strokeDasharray: "4 3",
              children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `gap from ${o.start} to ${o.end ?? "now"}: ${o.why}` })
            },
            `g${o.start}`
          ) : null;
        }),
        e.bases.filter((o) => R(X(o.started_at), X(o.started_at))).map((o) => {
          const c = d(X(o.started_at)), T = u("Bases") + 11;
          return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
            "path",
            {
              "data-kind": "base",
              d: `M ${c} ${T - 8} L ${c + 7} ${T} L ${c} ${T + 8} L ${c - 7} ${T} Z`,
              fill: n(o.problem ? "red.solid" : "fg"),
              children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `base: ${o.label ?? o.url} (${o.kind}), taken ${o.started_at}${o.problem ? `: ${o.problem}` : o.gap ? `; reaches ${o.reaches_until}, then ${o.gap}` : `; reaches ${o.reaches_until}`}` })
            },
            o.url
          );
        }),
        e.segments.filter((o) => R(X(o.start), X(o.end))).map((o) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
          "rect",
          {
            "data-kind": "segment",
            x: d(X(o.start)),
            y: u("Changes") + 5,
            width: b(X(o.start), X(o.end)),
            height: 12,
            fill: n("blue.solid"),
            stroke: n("bg"),
            strokeWidth: 0.5,
            children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `segment${o.first_seq === o.last_seq ? ` ${o.first_seq}` : `s ${o.first_seq}..${o.last_seq}`}: ${o.start} to ${o.end}, ${o.transactions} transactions, ${o.changes} row changes` })
          },
          `s${o.first_seq}`
        )),
        e.migrations.filter((o) => R(X(o.committed_at), X(o.committed_at))).map((o, c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
          "rect",
          {
            "data-kind": o.replayable ? "migration" : "migration-gap",
            x: d(X(o.committed_at)) - 2,
            y: u("Migrations") + 2,
            width: 4,
            height: 18,
            fill: n(o.replayable ? "purple.solid" : "red.solid"),
            children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("title", { children: `${o.what}, committed ${o.committed_at}${o.replayable ? " (replayed in place)" : `: cannot be replayed (${o.reason})`}` })
          },
          `m${c}`
        )),
        h.map((o) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs("g", { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("line", { x1: d(o), x2: d(o), y1: M - 4, y2: M, stroke: n("fg.muted") }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: d(o), y: M + 14, textAnchor: o === a ? "start" : o === h[5] ? "end" : "middle", fill: n("fg.muted"), children: he(o).slice(5) })
        ] }, o)),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("text", { x: 4, y: M + 14, fill: n("fg.muted"), children: "UTC" }),
        i !== void 0 && i >= a && i <= l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("line", { "data-kind": "picked", x1: d(i), x2: d(i), y1: 0, y2: M, stroke: n("orange.solid"), strokeWidth: 2 }) : null
      ]
    }
  );
}, ce = [
  ["everything", 0],
  ["the last 7 days", 7 * 864e5],
  ["the last 24 hours", 864e5],
  ["the last hour", 36e5]
], D = (e) => new Date(e).getTime(), wl = (e, a) => [...e.bases].reverse().find((l) => !l.problem && D(l.started_at) <= a && l.reaches_until && a <= D(l.reaches_until)), vl = [
  ["green.solid", "restorable"],
  ["red.solid", "gap / migration that cannot be replayed"],
  ["fg", "base (a backup taken while capture ran)"],
  ["blue.solid", "change segments"],
  ["purple.solid", "migration replayed in place"]
], yl = ({ mayRestore: e, onRestore: a }) => {
  const l = H("/api/timeline", {}, 60), [i, t] = globalThis.React.useState(""), [s, n] = globalThis.React.useState(0), r = l.data;
  if (l.error) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: l.error });
  if (!r) return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Reading the change segments…" });
  const d = D(r.now), b = [...r.bases.map((c) => D(c.started_at)), ...r.segments.map((c) => D(c.start))], u = b.length ? Math.min(...b) : d - 36e5, R = ce[s][1] ? Math.max(u, d - ce[s][1]) : u, S = Math.max(d, ...r.coverage.map(([, c]) => D(c))), h = Ae(i), g = /^\d{4}-/.test(h) ? D(h) : Number.NaN, o = Number.isNaN(g) ? void 0 : wl(r, g);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, "data-testid": "airvault-point-in-time", children: [
    r.note ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", "data-testid": "airvault-pit-note", children: r.note }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Root, { ps: 5, "data-testid": "airvault-pit-coverage", children: [
      r.coverage.map(([c, T]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { children: [
        "restorable to any moment from ",
        W(new Date(c)),
        " to ",
        W(new Date(T)),
        " UTC"
      ] }, c)),
      r.gaps.map((c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.List.Item, { color: "fg.error", children: [
        "gap from ",
        W(new Date(c.start)),
        " to ",
        c.end ? `${W(new Date(c.end))} UTC` : "now",
        ": ",
        c.why
      ] }, `gap ${c.start}`))
    ] }),
    r.problems.map((c) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.warning", children: c }, c)),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", children: "Show" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "xs", maxW: "12rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { "aria-label": "Time range shown", value: String(s), onChange: (c) => n(Number(c.currentTarget.value)), children: ce.map(([c], T) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: T, children: c }, c)) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: [
        "slot ",
        r.slot
      ] })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "md", p: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ul, { data: r, from: R, to: S, picked: Number.isNaN(g) ? void 0 : g, onPick: (c) => t(W(c)) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx($l, {})
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
          value: i,
          onChange: (c) => t(c.currentTarget.value)
        }
      ),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { children: "UTC" }),
      o && e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: () => a(o.url, h), children: "Plan a restore to this point…" }) : null
    ] }),
    i && !Number.isNaN(g) ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { "data-testid": "airvault-pit-base", color: o ? void 0 : "fg.error", children: o ? `From the base ${o.label ?? o.url}, taken ${W(new Date(o.started_at))} UTC, and its changes.` : "No base reaches this moment: pick one inside a restorable interval." }) : i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: "Type a date and time in UTC, e.g. 2026-12-06 05:40:00." }) : null
  ] });
}, $l = () => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { wrap: "wrap", gap: 4, mt: 1, fontSize: "xs", color: "fg.muted", children: vl.map(([e, a]) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { w: 3, h: 3, borderRadius: "sm", bg: e }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { children: a })
] }, a)) }), _l = (e) => {
  const a = H("/api/backups", {}, 300), [l, i] = globalThis.React.useState(), t = a.data?.may.restore ?? !1;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 5, "data-testid": "airvault-restore-tab", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: "Restore a backup" }),
      a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : null,
      l ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(He, { backupUrl: l.backupUrl, until: l.until, onClose: () => i(void 0) }) : t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 1, align: "start", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "A dry run plans the restore first; nothing is written until you confirm it." }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: () => i({}), children: "Restore…" })
      ] }) : a.data ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Your role may see backups, not restore them." }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: "To a point in time" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(yl, { mayRestore: t, onRestore: (s, n) => i({ backupUrl: s, until: n }) })
    ] })
  ] });
}, Ve = ["manual", "hourly", "daily", "weekly", "monthly", "cron"], zl = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], Bl = ["keep_last", "keep_days", "daily", "weekly", "monthly", "yearly", "minimum_good"], Q = (e) => e !== void 0 && /^\d+$/.test(e), Ke = (e, a, l) => {
  const [i, t, s, , n] = (e ?? "").split(" "), r = Q(i) ? `${(Q(t) ? t : "0").padStart(2, "0")}:${i.padStart(2, "0")}` : "02:00";
  return {
    preset: Ve.includes(a) ? a : "cron",
    time: r,
    weekday: Q(n) ? Number(n) : 0,
    day: Q(s) ? Number(s) : 1,
    cron: e ?? "",
    timezone: l
  };
}, Ye = (e) => ({
  preset: e.preset,
  time: e.time || "00:00",
  weekday: e.weekday,
  day: e.day,
  cron: e.preset === "cron" && e.cron.trim() || null,
  timezone: e.timezone.trim() || "UTC"
}), Fl = () => {
  const [e, a] = globalThis.React.useState({ rows: [], loading: !0 }), l = globalThis.React.useCallback(async () => {
    try {
      const [i, t] = await Promise.all([v("/api/schedules"), v("/api/schedule-settings")]), s = new Map(t.settings.map((r) => [r.dag_id, r])), n = i.schedules.map((r) => ({
        ...r,
        name: t.names[r.dag_id] ?? r.dag_id,
        setting: s.get(r.dag_id)
      }));
      a({ rows: n, settings: t, loading: !1 });
    } catch (i) {
      a((t) => ({ ...t, error: i.message, loading: !1 }));
    }
  }, []);
  return globalThis.React.useEffect(() => {
    l();
    const i = setInterval(() => {
      l();
    }, 3e4);
    return () => clearInterval(i);
  }, [l]), { ...e, reload: l };
}, Al = (e) => {
  if (!e.scheduled) return "manual";
  const a = e.schedule ?? "", l = e.setting?.timezone;
  return l && l !== "UTC" ? a.replace(/ UTC$/, ` (${l})`) : a;
}, Hl = (e) => e ? e.source === "added" ? `added on the page by ${e.added_by ?? "?"}` : e.source === "edit" ? `edited on the page by ${e.edited_by ?? "?"}` : "from the config file" : "", Ll = () => {
  const e = Intl;
  return typeof e.supportedValuesOf == "function" ? e.supportedValuesOf("timeZone") : ["UTC"];
}, ke = () => {
  const e = globalThis.React.useRef(null);
  return globalThis.React.useEffect(() => {
    e.current?.scrollIntoView({ block: "start" }), e.current?.querySelector("input, select")?.focus({ preventScroll: !0 });
  }, []), e;
}, we = (e) => Object.fromEntries(Object.entries(e ?? {}).filter(([, a]) => typeof a == "number")), Ze = ({ scope: e, value: a, onChange: l, note: i }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Root, { children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Fieldset.Legend, { children: [
    "Retention of ",
    e,
    " backups",
    i ? ` (${i})` : ""
  ] }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", children: Bl.map((t) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `retention-${t}`, children: t.replace("_", " ") }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
      globalThis.ChakraUI.Input,
      {
        id: `retention-${t}`,
        type: "number",
        size: "sm",
        w: "6rem",
        min: t === "minimum_good" ? 0 : 1,
        value: a[t] ?? "",
        onChange: (s) => {
          const n = { ...a };
          s.target.value === "" ? delete n[t] : n[t] = Number(s.target.value), l(n);
        }
      }
    )
  ] }, t)) })
] }), Qe = ({ value: e, onChange: a, manual: l, idPrefix: i }) => {
  const t = (n) => a({ ...e, ...n }), s = e.preset;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: `${i}-preset`, children: "Repeat" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "9rem", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: `${i}-preset`, value: s, onChange: (n) => t({ preset: n.target.value }), children: Ve.filter((n) => l || n !== "manual").map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: n, children: n }, n)) }),
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
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: `${i}-weekday`, value: e.weekday, onChange: (n) => t({ weekday: Number(n.target.value) }), children: zl.map((n, r) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: r, children: n }, n)) }),
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
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("datalist", { id: `${i}-zones`, children: Ll().map((n) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: n }, n)) })
    ] }) : null
  ] });
}, ve = [
  { value: "tenant", label: "Tenant backup", prefix: "tenant_backup_" },
  { value: "module", label: "Module backup", prefix: "module_backup_" },
  { value: "archive", label: "Archive (pg_dump)", prefix: "pg_dump_archive_" },
  { value: "export", label: "Recurring export", prefix: "export_" }
], Nl = ["csv", "json", "parquet", "xlsx", "pdf"], de = ({ id: e, label: a, value: l, options: i, onChange: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: e, children: a }),
  /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "12rem", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: e, value: l, onChange: (s) => t(s.target.value), children: i.map((s) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: s, children: s }, s)) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
  ] })
] }), Dl = ({ modules: e, done: a, close: l }) => {
  const i = ke(), [t, s] = globalThis.React.useState("tenant"), [n, r] = globalThis.React.useState(""), [d, b] = globalThis.React.useState(e[0] ?? ""), [u, R] = globalThis.React.useState(""), [S, h] = globalThis.React.useState(e), [g, o] = globalThis.React.useState(e[0] ?? ""), [c, T] = globalThis.React.useState("csv"), [x, m] = globalThis.React.useState(!0), [j, w] = globalThis.React.useState("UTC"), [_, J] = globalThis.React.useState(() => Ke("0 2 * * *", "daily", "UTC")), [y, L] = globalThis.React.useState({}), [N, p] = globalThis.React.useState(!1);
  globalThis.React.useEffect(() => {
    v("/api/exports/options").then((k) => h([...k.modules.map((z) => z.name), ...Object.keys(k.tables)])).catch(() => {
    });
  }, []);
  const C = ve.find((k) => k.value === t).prefix, B = async () => {
    const k = {
      ...Ye(_),
      kind: t,
      name: n.trim(),
      module: t === "module" ? d : null,
      tenant: t === "tenant" ? u.trim() : null,
      dataset: t === "export" ? g : null,
      format: c,
      readable: x,
      export_timezone: j.trim() || "UTC",
      retention: (t === "tenant" || t === "module") && Object.keys(y).length ? y : null
    };
    p(!0);
    try {
      const z = await $("/api/schedule-settings", k);
      a(`${z.setting.name}: added (${z.setting.cron ?? "manual"}${z.setting.cron ? `, ${z.setting.timezone}` : ""}); its DAG ${z.setting.dag_id} appears when Airflow has read its file (seconds).${z.notes.map((se) => ` ${se}`).join("")}`), l();
    } catch (z) {
      a(z.message, !0);
    } finally {
      p(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-new-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-new-schedule", ref: i, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: (k) => {
    k.preventDefault(), B();
  }, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-new-title", children: "New schedule" }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: "Added on the page, beside the config file's schedules (kept in the schedule edits file with who and when)." }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 3, wrap: "wrap", align: "end", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-kind", children: "Kind" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", w: "12rem", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: "new-kind", value: t, onChange: (k) => s(k.target.value), children: ve.map((k) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: k.value, children: k.label }, k.value)) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
        ] })
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-name", children: "Name" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-name", size: "sm", w: "12rem", required: !0, value: n, placeholder: "e.g. acme_nightly", onChange: (k) => r(k.target.value) }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.HelperText, { children: [
          "DAG id: ",
          C,
          n.trim() || "<name>"
        ] })
      ] }),
      t === "module" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(de, { id: "new-module", label: "Module", value: d, options: e, onChange: b }) : null,
      t === "tenant" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-tenant", children: "Tenant id" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-tenant", size: "sm", w: "20rem", required: !0, value: u, onChange: (k) => R(k.target.value) })
      ] }) : null,
      t === "export" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(de, { id: "new-dataset", label: "Dataset", value: g, options: S, onChange: o }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(de, { id: "new-format", label: "Format", value: c, options: Nl, onChange: T }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { w: "auto", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: "new-export-zone", children: "Times shown in" }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: "new-export-zone", size: "sm", w: "12rem", list: "new-zones", value: j, onChange: (k) => w(k.target.value) })
        ] }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "label", fontSize: "sm", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { type: "checkbox", checked: x, onChange: (k) => m(k.target.checked) }),
          " readable (display names, local times)"
        ] })
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Qe, { value: _, onChange: J, manual: t !== "export", idPrefix: "new" }),
    t === "tenant" || t === "module" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ze, { scope: `${t}/${t === "module" ? d : n.trim() || "<name>"}`, value: y, onChange: L, note: "empty: the config's rules" }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: N, children: "Add schedule" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: l, children: "Cancel" })
    ] })
  ] }) }) });
}, El = (e) => e.value ?? (e.schema?.type === "boolean" ? !1 : ""), Wl = ({ form: e, name: a, done: l, close: i }) => {
  const t = ke(), s = [...e.params].sort((h, g) => Number(g.required) - Number(h.required)), [n, r] = globalThis.React.useState(() => Object.fromEntries(s.map((h) => [h.name, El(h)]))), [d, b] = globalThis.React.useState(!1), u = (h, g) => r((o) => ({ ...o, [h]: g })), R = () => Object.fromEntries(
    s.map((h) => {
      const g = h.schema?.type, o = n[h.name];
      return [h.name, (g === "integer" || g === "number") && o !== "" ? Number(o) : o];
    })
  ), S = async () => {
    b(!0);
    try {
      const h = await $("/api/schedules/{dag_id}/trigger", { conf: R() }, { dag_id: e.dag_id });
      l(`Started ${a}: run ${h.run_id} (${h.state}).`), i();
    } catch (h) {
      l(h.message, !0);
    } finally {
      b(!1);
    }
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-run-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-run-form", ref: t, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("form", { onSubmit: (h) => {
    h.preventDefault(), S();
  }, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-run-title", children: [
      "Run ",
      a,
      " with these values"
    ] }),
    s.map((h, g) => {
      const o = h.schema ?? {}, c = `run-param-${g}`, T = `${h.name}${h.required ? " (required)" : ""}`;
      return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Field.Root, { required: h.required, children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.Label, { htmlFor: c, children: T }),
        o.type === "boolean" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { id: c, type: "checkbox", checked: !!n[h.name], onChange: (x) => u(h.name, x.target.checked) }) : o.enum ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.NativeSelect.Root, { size: "sm", maxW: "24rem", children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Field, { id: c, value: String(n[h.name] ?? ""), onChange: (x) => u(h.name, x.target.value), children: o.enum.map((x) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("option", { value: String(x), children: String(x) }, String(x))) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.NativeSelect.Indicator, {})
        ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Input, { id: c, size: "sm", maxW: "36rem", required: h.required, value: String(n[h.name] ?? ""), onChange: (x) => u(h.name, x.target.value) }),
        h.description ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Field.HelperText, { children: h.description }) : null
      ] }, h.name);
    }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { type: "submit", size: "sm", colorPalette: "blue", loading: d, children: "Run now" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: i, children: "Cancel" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: e.form, colorPalette: "blue", fontSize: "sm", children: "or its page in Airflow (Trigger)" })
    ] })
  ] }) }) });
}, Pl = (e) => `${e.setting.name}: saved, ${e.setting.cron ?? "manual"}${e.setting.cron ? ` (${e.setting.timezone})` : ""}; Airflow applies it when it has re-read the DAG file (seconds).${e.notes.map((a) => ` ${a}`).join("")}`, Ol = ({ row: e, done: a, close: l }) => {
  const i = ke(), t = e.setting, [s, n] = globalThis.React.useState(() => Ke(t.cron, t.preset, t.timezone)), [r, d] = globalThis.React.useState(() => we(t.retention)), [b, u] = globalThis.React.useState(!e.paused), [R, S] = globalThis.React.useState(!1), h = async (c, T, x) => {
    S(!0);
    try {
      a(x(await $(c, T, { dag_id: t.dag_id }))), l();
    } catch (m) {
      a(m.message, !0);
    } finally {
      S(!1);
    }
  }, g = () => {
    const c = JSON.stringify(r) === JSON.stringify(we(t.config_retention)), T = t.retention_scope && Object.keys(r).length && (t.source === "added" || !c) ? r : null, x = { ...Ye(s), retention: T, enabled: e.scheduled || s.preset !== "manual" ? b : null };
    h("/api/schedule-settings/{dag_id}", x, Pl);
  }, o = t.source === "added" ? `Added on the page by ${t.added_by} at ${U(t.added_at)}${t.edited_by ? `; changed by ${t.edited_by} at ${U(t.edited_at)}` : ""}. Not in the config file.` : t.source === "edit" ? `Edited by ${t.edited_by} at ${U(t.edited_at)}; the config (${t.key}) says ${t.config_cron ?? "manual"}.` : `From the config: ${t.key} = ${t.config_cron ?? "null (manual)"}. Saving records an edit over it.`;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { as: "section", "aria-labelledby": "airvault-editor-title", borderWidth: "1px", borderRadius: "md", p: 3, bg: "bg.subtle", "data-testid": "airvault-schedule-editor", ref: i, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Heading, { size: "sm", id: "airvault-editor-title", children: [
      "Schedule of ",
      t.name
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "sm", color: "fg.muted", children: o }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Qe, { value: s, onChange: n, manual: t.kind !== "export", idPrefix: "edit" }),
    t.retention_scope ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ze, { scope: t.retention_scope, value: r, onChange: d, note: t.kind === "full" ? "both full backup DAGs take these" : void 0 }) : null,
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { as: "label", fontSize: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("input", { type: "checkbox", checked: b, onChange: (c) => u(c.target.checked) }),
      " on (not paused)"
    ] }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 2, wrap: "wrap", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: g, loading: R, children: "Save schedule" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", variant: "outline", onClick: l, children: "Cancel" }),
      t.source === "edit" ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
        globalThis.ChakraUI.Button,
        {
          size: "sm",
          variant: "outline",
          disabled: R,
          onClick: () => {
            h("/api/schedule-settings/{dag_id}/revert", {}, (c) => `${t.name}: back to the config's schedule (${c.setting.cron ?? "manual"}).${c.notes.map((T) => ` ${T}`).join("")}`);
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
            h("/api/schedule-settings/{dag_id}/remove", {}, (c) => `${t.name}: removed, and its DAG from Airflow (the backups it took stay).${c.notes.map((T) => ` ${T}`).join("")}`);
          },
          children: "Remove this schedule"
        }
      ) : null
    ] })
  ] }) });
}, Ml = ({ row: e, busy: a, onSwitch: l }) => e.scheduled ? e.may_switch ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(
  globalThis.ChakraUI.Button,
  {
    size: "xs",
    variant: e.paused ? "outline" : "solid",
    colorPalette: e.paused ? "gray" : "green",
    role: "switch",
    "aria-checked": !e.paused,
    "aria-label": `${e.name} on`,
    disabled: a,
    onClick: l,
    children: e.paused ? "off" : "on"
  }
) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: e.paused ? "gray" : "green", children: e.paused ? "off" : "on" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "manual" }), ql = ({ rows: e, busy: a, onSwitch: l, onRun: i, onEdit: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-schedules", children: [
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
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { wordBreak: "break-word", children: Al(s) }),
      s.setting ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { fontSize: "xs", color: s.setting.source === "config" ? "fg.muted" : "fg.info", title: U(s.setting.edited_at ?? s.setting.added_at), children: Hl(s.setting) }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.scheduled && s.paused ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "off" }) : s.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { title: U(s.next_run), children: I(s.next_run) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: s.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: s.last_run.link, colorPalette: s.last_run.state === "failed" ? "red" : "blue", children: s.last_run.state }),
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("span", { title: U(s.last_run.when), children: I(s.last_run.when) })
    ] }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "never run" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ml, { row: s, busy: a === s.dag_id, onSwitch: () => l(s) }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { gap: 1, wrap: "wrap", children: [
      s.may_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", "aria-label": `Run now: ${s.name}`, disabled: a === s.dag_id, onClick: () => i(s), children: "Run now" }) : null,
      s.setting?.may_edit ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "xs", variant: "outline", "aria-label": `Edit the schedule of ${s.name}`, onClick: () => t(s), children: "Edit…" }) : null
    ] }) })
  ] }, s.dag_id)) })
] }) }), Gl = (e) => {
  const { rows: a, settings: l, error: i, loading: t, reload: s } = Fl(), [n, r] = globalThis.React.useState(null), [d, b] = globalThis.React.useState(null), [u, R] = globalThis.React.useState(null), S = (T, x = !1) => {
    b({ text: T, failed: x }), s(), x || setTimeout(() => {
      s();
    }, 5e3);
  }, h = async (T, x) => {
    R(T.dag_id);
    try {
      const m = await x();
      m && S(m);
    } catch (m) {
      b({ text: m.message, failed: !0 });
    } finally {
      R(null);
    }
  }, g = (T) => h(T, async () => (await $("/api/schedules/{dag_id}/paused", { paused: !T.paused }, { dag_id: T.dag_id }), `${T.name} switched ${T.paused ? "on" : "off"}.`)), o = (T) => h(T, async () => {
    const x = await v("/api/schedules/{dag_id}/params", { dag_id: T.dag_id });
    if (x.params.some((j) => j.required))
      return r({ run: x, name: T.name }), null;
    const m = await $("/api/schedules/{dag_id}/run", {}, { dag_id: T.dag_id });
    return `Started ${T.name}: run ${m.run_id} (${m.state})${m.notice ? `: ${m.notice}` : ""}.`;
  }), c = () => r(null);
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 4, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", fontSize: "sm", children: "Times are UTC unless a schedule names its time zone." }),
      l?.may_add ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { size: "sm", colorPalette: "blue", onClick: () => r({ add: !0 }), children: "New schedule" }) : null
    ] }),
    d ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: d.failed ? "error" : "success", role: d.failed ? "alert" : "status", "data-testid": "airvault-schedules-message", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { wordBreak: "break-word", children: d.text })
    ] }) : null,
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: i }) : null,
    l?.problems.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Root, { status: "warning", "data-testid": "airvault-schedule-problems", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Indicator, {}),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Alert.Content, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Alert.Title, { children: "Schedule changes of the page not in effect (the config file's schedules are):" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Root, { fontSize: "sm", ps: 4, children: l.problems.map((T) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.List.Item, { wordBreak: "break-word", children: T }, T)) })
      ] })
    ] }) : null,
    t && !a.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "Loading…" }) : null,
    !t && !a.length && !i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "No airvault DAGs visible to you." }) : null,
    a.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(ql, { rows: a, busy: u, onSwitch: g, onRun: o, onEdit: (T) => r({ edit: T }) }) : null,
    n && "edit" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ol, { row: n.edit, done: S, close: c }, n.edit.dag_id) : null,
    n && "run" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Wl, { form: n.run, name: n.name, done: S, close: c }, n.run.dag_id) : null,
    n && "add" in n ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Dl, { modules: l?.modules ?? [], done: S, close: c }) : null
  ] });
}, Vl = ({ row: e }) => {
  const a = e.verified === "FAILED" ? "red" : e.verified === "-" ? "gray" : "green";
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: a, children: e.verified === "-" ? "not yet" : e.verified });
}, Kl = ({ rows: e, mayRestore: a, empty: l = "No backup yet.", showScope: i = !0 }) => e.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ScrollArea, { borderWidth: "1px", borderRadius: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", striped: !0, "data-testid": "airvault-history", children: [
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
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: U(t.started_at), children: I(t.started_at) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: f(t.rows) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { textAlign: "end", children: A(t.bytes) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Vl, { row: t }),
      t.drill ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontSize: "xs", color: t.drill.ok ? "fg.muted" : "fg.error", children: [
        "drill ",
        t.drill.ok ? "passed" : "failed"
      ] }) : null
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: t.type === "backup" && t.url && a ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: Se(`restore=${encodeURIComponent(t.url)}`), colorPalette: "blue", children: "Restore…" }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "-" }) })
  ] }, t.url ?? t.id)) })
] }) }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: l }), Yl = ({ dagId: e }) => {
  const a = H("/api/dags/{dag_id}/backups", { dag_id: e }), i = H("/api/schedules").data?.schedules.find((s) => s.dag_id === e), t = a.data;
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: 2, "data-testid": "airvault-dag-tab", children: [
    a.error ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.error", children: a.error }) : null,
    i ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { children: [
      i.scheduled ? i.schedule : "manual: runs when triggered",
      " ",
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Badge, { colorPalette: i.paused ? "gray" : "green", children: i.paused ? "off" : "on" }),
      i.next_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " · next run ",
        I(i.next_run),
        " (",
        U(i.next_run),
        ")"
      ] }) : null,
      i.last_run ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
        " ",
        "· last run",
        " ",
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: i.last_run.link, colorPalette: "blue", children: i.last_run.state }),
        " ",
        I(i.last_run.when)
      ] }) : null
    ] }) : null,
    t && t.kind ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ReactJSXRuntime.Fragment, { children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { fontWeight: "semibold", children: [
        "Backups of ",
        t.kind,
        " · ",
        t.scope
      ] }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Kl, { rows: t.backups, mayRestore: t.may_restore, empty: "This DAG has taken no backup yet.", showScope: !1 })
    ] }) : t ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Text, { color: "fg.muted", children: [
      e,
      " takes no backups: its runs are in the Runs tab."
    ] }) : null
  ] });
}, xe = [
  { value: "overview", label: "Overview", Panel: fl },
  { value: "backups", label: "Backups", Panel: $a },
  { value: "restore", label: "Restore", Panel: _l },
  { value: "schedules", label: "Schedules", Panel: Gl },
  { value: "exchange", label: "Imports & Exports", Panel: tl },
  { value: "jobs", label: "Jobs", Panel: gl }
], Zl = () => {
  const e = new URLSearchParams(window.location.search).get("tab");
  return xe.some((a) => a.value === e) ? e : "overview";
}, Ql = () => {
  const [e, a] = globalThis.React.useState(Zl), l = (i) => {
    a(i);
    const t = new URL(window.location.href);
    t.searchParams.set("tab", i), window.history.replaceState(window.history.state, "", t);
  };
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, p: { base: 2, md: 4 }, "data-testid": "airvault-backups-page", children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.HStack, { justify: "space-between", wrap: "wrap", gap: 2, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "xl", children: "Backups" }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Button, { asChild: !0, size: "sm", variant: "outline", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx("a", { href: Se(), children: "Open the classic page" }) })
    ] }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Tabs.Root, { value: e, onValueChange: (i) => l(i.value), lazyMount: !0, unmountOnExit: !0, children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.List, { flexWrap: "wrap", children: xe.map((i) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Trigger, { value: i.value, "data-testid": `airvault-tab-${i.value}`, children: i.label }, i.value)) }),
      xe.map(({ value: i, Panel: t }) => /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Tabs.Content, { value: i, "data-testid": `airvault-panel-${i}`, children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(t, { show: l }) }, i))
    ] })
  ] });
}, ea = ({ dagId: e }) => e ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Yl, { dagId: e }) : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ql, {}), et = () => {
  const e = H("/api/status"), l = H("/api/backups").data?.backups ?? [];
  return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Box, { borderWidth: "1px", borderRadius: "lg", p: 4, mb: 4, "data-testid": "airvault-dashboard", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Stack, { gap: 3, children: [
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Heading, { size: "md", children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Link, { href: la("/plugin/backups"), children: "Backups" }) }),
    /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(Ge, { status: e.data, error: e.error }),
    e.data?.cards.length ? /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Root, { size: "sm", children: [
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Header, { children: /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Scope" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Newest good backup" }),
        /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.ColumnHeader, { children: "Taken" })
      ] }) }),
      /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Body, { children: e.data.cards.map((i) => {
        const t = qe(i, l);
        return /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Row, { children: [
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsxs(globalThis.ChakraUI.Table.Cell, { children: [
            i.kind,
            " · ",
            i.scope
          ] }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { children: t?.label ?? (i.newest ? "(not listed)" : /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Text, { color: "fg.muted", children: "none yet" })) }),
          /* @__PURE__ */ globalThis.ReactJSXRuntime.jsx(globalThis.ChakraUI.Table.Cell, { title: U(i.newest_at), children: I(i.newest_at) })
        ] }, `${i.kind}/${i.scope}`);
      }) })
    ] }) : null
  ] }) });
}, at = {
  Backups: ea,
  // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": et
  // the widget on Airflow's home page
};
Object.assign(globalThis, at, { AirflowPlugin: ea });
export {
  at as APPS,
  ea as BackupsPage,
  et as Dashboard
};
