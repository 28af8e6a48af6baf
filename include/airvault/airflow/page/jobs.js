// Exports and jobs on the Backups page (served by routes/jobs.py, loaded after the page's script,
// whose helpers $, esc, call, say, runLink and ago it uses): start an export now or later, and
// one list of import and export runs with Cancel on the pending ones.
"use strict";

const jobsState = {timer: null};

async function loadJobs() {
  let data;
  try { data = await call("api/jobs"); } catch (e) { $("jobs").tBodies[0].innerHTML = `<tr><td colspan="7" class="bad">${esc(e.message)}</td></tr>`; return; }
  const form = $("export-form");
  form.hidden = !settings.may.export;
  if (!$("export-dataset").options.length) $("export-dataset").innerHTML = data.datasets.map((d) => `<option>${esc(d)}</option>`).join("");
  loadExportOptions();
  $("jobs").tBodies[0].innerHTML = data.jobs.map((j) => `<tr data-run="${esc(j.run_id)}" data-dag="${esc(j.dag_id)}" data-state="${esc(j.state)}">
    <td class="wrap"><a href="${esc(j.link)}" target="_top">${esc(j.what)}</a></td>
    <td class="${j.state === "failed" ? "bad" : j.state === "done" ? "ok" : j.state === "cancelled" ? "stale" : ""}">${esc(j.state)}</td>
    <td>${j.state === "pending" && j.run_after ? `<span title="${esc(j.run_after)}">starts ${ago(j.run_after, new Date(j.run_after) > Date.now())}</span>`
      : esc(ago(j.ended || j.run_after))}</td>
    <td>${esc(j.asked_by || "-")}</td><td class="num">${j.records != null ? j.records.toLocaleString("en-US") : "-"}</td>
    <td>${data.may_download ? j.files.map((f) => `<a href="api/jobs/download?file=${encodeURIComponent(f.file)}" download>${esc(f.name)}</a>`).join(" ") : ""}</td>
    <td>${j.may_cancel ? `<button data-act="cancel" aria-label="Cancel ${esc(j.what)}">Cancel</button>` : ""}</td></tr>`).join("")
    || `<tr><td colspan="7">No import or export jobs yet.</td></tr>`;
  // every 5 s while one runs or is about to start, else when the page asks
  const soon = (j) => j.state === "running" || (j.state === "pending" && new Date(j.run_after) - Date.now() < 60000);
  clearTimeout(jobsState.timer);
  if (data.jobs.some(soon)) jobsState.timer = setTimeout(loadJobs, 5000);
}

$("jobs").addEventListener("click", async (ev) => {
  const b = ev.target.closest("button[data-act=cancel]");
  if (!b) return;
  const tr = b.closest("tr");
  try {
    await call(`api/jobs/${encodeURIComponent(tr.dataset.dag)}/${encodeURIComponent(tr.dataset.run)}/cancel`, {});
    say("Cancelled: the job will not run.");
  } catch (e) { say(esc(e.message), true); }
  loadJobs();
});

// The export form (choices from api/exports/options, routes/exports.py): every declared dataset
// (modules and tables; several go in one ZIP with format zip), columns, filters, tenant, raw or
// readable, time zone; now, at a time, or recurring (the airvault.yaml entry it needs); and
// named templates, saved and reused.
const exportForm = {options: null};
// every control named by aria-label too: a closed <details> hides its labels' text
const field = (id, label, extra = "") => `<label>${label} <input id="${id}" ${extra.includes("aria-label") ? extra : `${extra} aria-label="${label}"`}></label>`;

async function loadExportOptions() {
  if (exportForm.options || $("export-form").hidden) return;
  let o;
  try { o = exportForm.options = await call("api/exports/options"); } catch (e) { say(esc(e.message), true); return; }
  const select = $("export-dataset");
  const chosen = [...select.selectedOptions].map((x) => x.value);  // kept while it is rebuilt
  select.multiple = true; select.size = 4;
  select.setAttribute("aria-label", "Module to export, or tables (several: one ZIP)");
  select.innerHTML = `<optgroup label="Modules">${o.modules.map((m) => `<option value="${esc(m.name)}" title="${esc(m.tables.join(", "))}">${esc(m.name)}</option>`).join("")}</optgroup>`
    + `<optgroup label="Tables">${Object.keys(o.tables).map((t) => `<option>${esc(t)}</option>`).join("")}</optgroup>`;
  for (const x of select.options) x.selected = chosen.includes(x.value);
  const columns = [...new Set(Object.values(o.tables).flat())].sort();
  $("export-at").insertAdjacentHTML("afterend", ` <details id="export-more"><summary>Options</summary>
    <datalist id="export-columns">${columns.map((c) => `<option>${esc(c)}</option>`).join("")}</datalist>
    ${field("export-cols", "Columns", 'placeholder="all" list="export-columns" aria-label="Columns (comma-separated, empty: all)"')}
    ${field("export-filters", "Filters", 'placeholder="column=value, ..." aria-label="Filters (column=value, comma-separated)"')}
    ${field("export-tenant", `Tenant (${esc(o.tenant_column)})`, 'placeholder="all tenants"')}
    <label><input type="checkbox" id="export-readable" checked aria-label="Readable (names, local times; off: raw values)"> Readable (names, local times; off: raw values)</label>
    ${field("export-tz", "Time zone", 'value="UTC"')}
    <br>${field("export-cron", "Recurring: cron (UTC)", 'placeholder="0 6 * * 1"')} ${field("export-recurring-name", "named", 'placeholder="weekly_contacts" aria-label="Name of the recurring export"')}
    <button type="button" id="export-recurring" aria-label="Make recurring">Make recurring</button>
    ${o.recurring.length ? `<br>Recurring now: ${o.recurring.map((r) => `${esc(r.dag_id)} (${esc(r.dataset)}, ${esc(r.schedule)})`).join("; ")}` : ""}
    <br><label>Template <select id="export-template" aria-label="Export template"><option value="">(these choices)</option>${o.templates.map((t) => `<option>${esc(t.name)}</option>`).join("")}</select></label>
    ${field("export-template-name", "Save as", 'placeholder="template name" aria-label="Save as template named"')} <button type="button" id="export-save" aria-label="Save template">Save template</button>
    ${o.template_problems.map((p) => `<br><span class="bad">${esc(p)}</span>`).join("")}</details>`);
  $("export-save").onclick = saveExportTemplate;
  $("export-recurring").onclick = recurringExport;
  $("export-template").onchange = () => applyTemplate($("export-template").value);
}

function exportChoices() {
  const list = (v) => v.split(",").map((x) => x.trim()).filter(Boolean);
  const filters = Object.fromEntries(list($("export-filters")?.value || "").map((f) => [f.split("=")[0].trim(), f.split("=").slice(1).join("=").trim()]));
  return {datasets: [...$("export-dataset").selectedOptions].map((o) => o.value), format: $("export-format").value,
    columns: list($("export-cols")?.value || ""), filters, tenant: $("export-tenant")?.value || "",
    readable: $("export-readable") ? $("export-readable").checked : true, timezone: $("export-tz")?.value || "UTC"};
}

function applyTemplate(name) {  // show a template's choices in the form
  const t = (exportForm.options?.templates || []).find((x) => x.name === name);
  if (!t) return;
  const c = t.choices;
  for (const o of $("export-dataset").options) o.selected = c.datasets.includes(o.value);
  $("export-format").value = c.format; $("export-cols").value = c.columns.join(", ");
  $("export-filters").value = Object.entries(c.filters).map(([k, v]) => `${k}=${v}`).join(", ");
  $("export-tenant").value = c.tenant; $("export-readable").checked = c.readable; $("export-tz").value = c.timezone;
}

async function saveExportTemplate() {
  try {
    const t = await call("api/exports/templates", {name: $("export-template-name").value, choices: exportChoices()});
    say(`Saved the export template ${esc(t.name)}.`);
    exportForm.options = null; $("export-more").remove(); await loadExportOptions();
  } catch (e) { say(esc(e.message), true); }
}

async function recurringExport() {
  try {
    const r = await call("api/exports/recurring", {name: $("export-recurring-name").value, schedule: $("export-cron").value, choices: exportChoices()});
    say(`Add this to airvault.yaml for the ${esc(r.dag_id)} DAG:<pre>${esc(r.yaml)}</pre>${r.left_out.length ? `(a recurring export does not take: ${esc(r.left_out.join(", "))})` : ""}`);
  } catch (e) { say(esc(e.message), true); }
}

$("export-form").onsubmit = async (ev) => {
  ev.preventDefault();
  const at = $("export-at").value;  // the browser's local time, sent as UTC
  const template = $("export-template")?.value || "";
  try {
    const r = await call("api/exports", {...(template ? {template} : exportChoices()),
      run_after: at ? new Date(at).toISOString() : null});
    say(`Export ${at ? `scheduled for ${esc(new Date(r.run_after).toUTCString())}` : "started"}: ${runLink(r)}`);
  } catch (e) { say(esc(e.message), true); }
  loadJobs();
};

document.addEventListener("airvault:loaded", loadJobs);
document.addEventListener("airvault:jobs", loadJobs);
