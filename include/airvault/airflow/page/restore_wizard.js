// The restore wizard of the Backups page (served by routes/restore.py, loaded after the page's script,
// whose helpers $, esc, call, say, runLink and follow it uses): choose what and how, see the dry run's
// plan per table, type the confirm word, follow the run, get the undo command.
"use strict";

const num = (n) => (n ?? 0).toLocaleString("en-US");
const STEP_NAMES = {verify: "verify the backup", plan: "plan", safety_backup: "safety backup", restore: "replay the changes and restore the point",
  apply: "apply", check: "check against the backup"};

// A plan (or what was applied) as a table: per table the rows to insert, update and delete;
// rows of tables outside the restore that ON DELETE reaches are listed as their own rows
// (their own counts are not read: only how many rows the deletes reach).
const REACHED = ["cascade", "set null", "set default"];
function planTable(plan, id) {
  const total = (k) => plan.tables.reduce((s, t) => s + (t[k] || 0), 0);
  return `<table id="${id}"><caption class="sr">${id === "plan" ? "Dry-run plan" : "Applied"} per table</caption>
    <thead><tr><th>Table</th><th>Role</th><th class="num">Backup rows</th><th class="num">Target rows</th>
    <th class="num">Insert</th><th class="num">Update</th><th class="num">Delete</th></tr></thead><tbody>` +
    plan.tables.map((t) => { const reached = REACHED.includes(t.role); return `<tr data-table="${esc(t.table)}" class="${reached ? "stale" : ""}">
    <td>${esc(t.table)}</td><td>${esc(t.role)}</td>
    <td class="num">${reached ? "-" : num(t.backup_rows)}</td><td class="num">${reached ? "-" : num(t.target_rows)}</td>
    <td class="num">${num(t.insert)}</td><td class="num">${num(t.update)}</td><td class="num">${num(t.delete)}</td></tr>`; }).join("") +
    `</tbody><tfoot><tr><th>Total</th><th></th><th></th><th></th><th class="num">${num(total("insert"))}</th>
    <th class="num">${num(total("update"))}</th><th class="num">${num(total("delete"))}</th></tr></tfoot></table>` +
    preflight(plan);
}

// What the restore's login lacks for it, with the GRANTs that would allow it (a plan's pre-flight)
function preflight(plan) {
  if (!plan.preflight || !plan.preflight.length) return "";
  return `<div id="wz-preflight" class="bad" role="note"><p>This login lacks privileges for this restore:</p>
    <pre>${esc(plan.preflight.join("\n"))}</pre></div>`;
}

const wizard = {row: null, options: null, choice: null};

async function restoreFlow(row, preset) {
  const panel = $("panel");
  panel.style.display = "block";
  panel.innerHTML = `<b>Restore ${esc(row.label)}</b>: reading the backup…`;
  let o;
  try { o = await call(`api/restore/options?${new URLSearchParams({url: row.url})}`); }
  catch (e) { panel.innerHTML = `<p class="bad">${esc(e.message)}</p>`; return; }
  Object.assign(wizard, {row, options: o});
  const c = {mode: "replace", target: o.targets[0] || "", scope: "all", module: "", tables: [], allow_cascade: false, until: "", tenant: "", copy: "", ...preset};
  const radio = (name, value, text, checked) => `<label><input type="radio" name="${name}" value="${esc(value)}"${checked ? " checked" : ""}> ${text}</label>`;
  panel.innerHTML = `<h3 id="wz-title">Restore ${esc(o.label)}</h3>
    <form id="wz-form" aria-labelledby="wz-title">
    <fieldset><legend>Mode</legend>
      ${radio("mode", "replace", "replace: the tables end equal to the backup", c.mode === "replace")}<br>
      ${radio("mode", "merge", "merge: insert and update from the backup, keep rows only the target has", c.mode === "merge")}<br>
      ${radio("mode", "new-database", "new database: create the target's database from the backup", c.mode === "new-database")}
    </fieldset>
    ${copyPicker(o.copies || [], c.copy)}
    <p><label>Into <select id="wz-target">${o.targets.map((t) => `<option${t === c.target ? " selected" : ""}>${esc(t)}</option>`).join("")}</select></label></p>
    <fieldset><legend>What</legend>
      ${radio("scope", "all", `the whole backup (${o.tables.length} tables)`, c.scope === "all")}<br>
      ${o.modules.length ? radio("scope", "module", "a module", c.scope === "module") +
        ` <select id="wz-module" aria-label="Module to restore">${o.modules.map((m) => `<option value="${esc(m.module)}"${m.module === c.module ? " selected" : ""}>${esc(m.module)} (${esc(m.tables.join(", "))})</option>`).join("")}</select><br>` : ""}
      ${radio("scope", "tables", "these tables (the tables they reference come along, merged):", c.scope === "tables")}
      <div id="wz-tables" style="max-height: 160px; overflow: auto; columns: 3">${o.tables.map((t) =>
        `<label style="display: block"><input type="checkbox" value="${esc(t.table)}"${c.tables.includes(t.table) ? " checked" : ""}> ${esc(t.table)} (${num(t.rows)})</label>`).join("")}</div>
    </fieldset>
    ${whenFieldset(o.point_in_time, c, radio)}
    <p><label><input type="checkbox" id="wz-cascade"${c.allow_cascade ? " checked" : ""}> let the restore's deletes cascade (ON DELETE CASCADE / SET NULL) to tables outside it</label></p>
    <button type="submit" id="wz-plan">Plan (dry run)</button></form>`;
  $("wz-tables").addEventListener("change", () => { panel.querySelector('input[name=scope][value=tables]').checked = true; });
  for (const id of ["wz-until", "wz-tenant"]) if ($(id)) $(id).addEventListener("input", () => { panel.querySelector("input[name=when][value=pit]").checked = true; });
  if ($("wz-module")) $("wz-module").onchange = () => { panel.querySelector('input[name=scope][value=module]').checked = true; };
  $("wz-form").onsubmit = (ev) => { ev.preventDefault(); plan(readChoice()); };
}

// The config's copies (3-2-1): the same backup read from another storage, e.g. when the
// storage root is lost. A point in time reads the root's change segments, so not with a copy.
function copyPicker(copies, chosen) {
  if (!copies.length) return "";
  return `<p><label>Read from <select id="wz-copy" aria-label="Storage to read the backup from">
    <option value="">the storage root</option>${copies.map((n) => `<option value="${esc(n)}"${n === chosen ? " selected" : ""}>copy ${esc(n)}</option>`).join("")}
    </select></label></p>`;
}

// A backup taken while change capture ran is a base: restore it as it is, or as the database
// was at a later moment (its captured changes replayed), optionally of one tenant only.
function whenFieldset(pit, c, radio) {
  if (!pit) return "";
  if (pit.problem) return `<p class="stale" id="wz-pit-problem">No point-in-time restore from this backup: ${esc(pit.problem)}</p>`;
  const reach = pit.covered_until ? `changes are in storage up to ${esc(pit.covered_until)}` : "no change captured after it yet";
  return `<fieldset><legend>When</legend>
    ${radio("when", "backup", "as the backup holds it", !c.until)}<br>
    ${radio("when", "pit", `a point in time after it (${reach}):`, !!c.until)}
    <input id="wz-until" size="32" value="${esc(c.until || "latest")}" aria-label="Point in time: an ISO time (UTC), an LSN or latest">
    <label>only tenant <input id="wz-tenant" size="38" value="${esc(c.tenant)}" placeholder="all tenants" aria-label="Only this tenant's rows (its id; empty: all)"></label>
  </fieldset>`;
}

function readChoice() {
  const panel = $("panel"), picked = (name) => panel.querySelector(`input[name=${name}]:checked`).value;
  const pit = panel.querySelector("input[name=when]:checked")?.value === "pit";
  return {mode: picked("mode"), target: $("wz-target").value, scope: picked("scope"),
    module: $("wz-module") ? $("wz-module").value : "",
    tables: [...$("wz-tables").querySelectorAll("input:checked")].map((i) => i.value),
    allow_cascade: $("wz-cascade").checked,
    until: pit ? ($("wz-until").value.trim() || "latest") : "", tenant: pit ? $("wz-tenant").value.trim() : "",
    copy: $("wz-copy") ? $("wz-copy").value : ""};
}

function request(c, dryRun, confirm) {
  return {url: wizard.row.url, mode: c.mode, target_conn_id: c.target, allow_cascade: c.allow_cascade,
    module: c.scope === "module" ? c.module : "", tables: c.scope === "tables" ? c.tables.join(",") : "",
    dry_run: dryRun, confirm: confirm || "", until: c.until || "", tenant: c.tenant || "", copy: c.copy || ""};
}

const progressOf = (started) => `api/restore/${encodeURIComponent(started.run_id)}?dag=${encodeURIComponent(started.dag_id || "restore")}`;

// What a point-in-time restore replayed onto the base: transactions, row changes per table.
function replayText(r) {
  const p = r.replay;
  if (!p) return "";
  const per = Object.entries(p.tables || {}).sort().map(([t, n]) => `${esc(t)}: ${num(n)}`).join(", ");
  return `<p id="wz-replay">Changes replayed onto the backup: ${num(p.transactions)} transactions, ${num(p.changes)} row changes
    (last commit ${esc(p.last_commit_at || "none after the backup")})${per ? `: ${per}` : ""}.</p>`;
}

function scopeText(c) {
  const what = c.scope === "module" ? `module ${esc(c.module)}` : c.scope === "tables" ? esc(c.tables.join(", ")) : "the whole backup";
  return c.until ? `${what} as it was at ${esc(c.until)}${c.tenant ? `, tenant ${esc(c.tenant)} only` : ""}` : what;
}

// Why a run failed: the step and the error its task logged (when the user may read logs).
function failureText(r) {
  const f = r.failure;
  return f ? `<p class="bad" id="failure">${esc(STEP_NAMES[f.step] || f.step)} failed${f.error ? `: ${esc(f.error)}` : " (see its log)"}</p>` : "";
}

function stepsList(r) {
  return `<ol id="wz-steps" aria-label="Restore steps">${r.steps.map((s) => `<li data-step="${esc(s.step)}">${esc(STEP_NAMES[s.step] || s.step)}:
    <span class="${s.state === "failed" ? "bad" : s.state === "success" ? "ok" : ""}">${esc(s.state)}</span></li>`).join("")}</ol>`;
}

async function plan(c) {
  if (c.scope === "tables" && !c.tables.length) return say("tick at least one table, or choose the whole backup or a module", true);
  wizard.choice = c;
  const panel = $("panel"), o = wizard.options;
  const head = `<b>Restore ${esc(o.label)}</b> into <b>${esc(c.target)}</b> (${esc(c.mode)}; ${scopeText(c)})`;
  panel.innerHTML = `${head}: dry run, planning…`;
  let started;
  try { started = await call("api/restore", request(c, true)); } catch (e) { panel.innerHTML += `<p class="bad">${esc(e.message)}</p>`; return; }
  let r;
  try {
    r = await follow(progressOf(started), (p) => { panel.innerHTML = `${head}: dry run ${runLink(started)}${stepsList(p)}`; });
  } catch (e) { panel.innerHTML += `<p class="bad">${esc(e.message)}</p>`; return; }
  if (!r.plan && !(r.replay && c.mode === "new-database")) { panel.innerHTML = `${head}<p class="bad">The dry run ended ${esc(r.state)} without a plan.</p>${failureText(r)} ${runLink(started)}${stepsList(r)}
    <button id="wz-back">Change the choices</button>`; $("wz-back").onclick = () => restoreFlow(wizard.row, c); return; }
  const cascades = r.plan ? r.plan.tables.filter((t) => REACHED.includes(t.role)) : [];
  const blocked = cascades.length && !c.allow_cascade && c.mode === "replace";
  panel.innerHTML = `${head}: the plan (nothing written yet) ${runLink(started)}${replayText(r)}${r.plan ? planTable(r.plan, "plan") : ""}
    ${cascades.length ? `<p class="${blocked ? "bad" : "stale"}" id="wz-cascades">Deleting rows reaches ${cascades.length} table${cascades.length === 1 ? "" : "s"} outside the restore
      (${cascades.map((t) => esc(t.table)).join(", ")}).${blocked ? " The restore would be refused: change the choices to allow it, or include those tables." : " The safety backup holds them too."}</p>` : ""}
    <p>${c.mode === "new-database" ? "" : "A safety backup of every table it changes is taken first. "}
    <label for="confirm">Type ${esc(o.confirm_word)} to confirm</label> <input id="confirm" size="10" autocomplete="off">
    <button id="apply" disabled>Restore now</button> <button id="wz-back">Change the choices</button></p>`;
  $("wz-back").onclick = () => restoreFlow(wizard.row, c);
  $("confirm").oninput = () => { $("apply").disabled = blocked || $("confirm").value !== o.confirm_word; };
  $("apply").onclick = () => apply(c, $("confirm").value, head);
}

async function apply(c, confirm, head) {
  const panel = $("panel");
  let started;
  try { started = await call("api/restore", request(c, false, confirm)); }
  catch (e) { panel.insertAdjacentHTML("beforeend", `<p class="bad">${esc(e.message)}</p>`); return; }
  const show = (r) => { panel.innerHTML = `${head}: restoring ${runLink(started)}${stepsList(r)}${r.undo ? undoBox(r, false) : ""}`; };
  let r;
  try { r = await follow(progressOf(started), show); } catch (e) { panel.insertAdjacentHTML("beforeend", `<p class="bad">${esc(e.message)}</p>`); return; }
  const ok = r.state === "success";
  panel.innerHTML = `${head}: <span id="wz-result" class="${ok ? "ok" : "bad"}">${ok ? "restored" : `the restore ${esc(r.state)}`}</span> ${runLink(started)}
    ${stepsList(r)}${replayText(r)}${r.applied ? planTable(r.applied, "applied") : ""}
    ${r.check ? `<p id="wz-check">${r.check.checked ? `${num(r.check.checked)} table${r.check.checked === 1 ? "" : "s"} read back equal to the backup.` : "Checked by row counts (merge or schema drift)."}</p>` : ""}
    ${failureText(r)}${r.undo ? undoBox(r, true) : ok ? "" : "<p>Nothing was changed: it failed before apply, and apply is one transaction.</p>"}`;
  if ($("wz-undo")) $("wz-undo").onclick = () => restoreFlow({url: r.safety_backup, label: "the safety backup"}, {mode: "replace", target: c.target});
}

function undoBox(r, done) {
  return `<div id="wz-safety"><p>Safety backup: <code>${esc(r.safety_backup)}</code>. To undo this restore
    (also with Airflow down, from any folder), where <code>$TARGET_DSN</code> is the database of the
    Airflow connection <code>${esc(r.target)}</code>, with ${esc(r.undo_keys)}:</p>
    <pre id="undo" tabindex="0" aria-label="Undo command">${esc(r.undo)}</pre>
    <p>or <code>airvault restore --undo ${esc(r.restore_id)} --dsn "$TARGET_DSN"</code> with this installation's config.</p>
    ${done && settings.may.restore ? `<button id="wz-undo">Plan the undo…</button>` : ""}</div>`;
}
