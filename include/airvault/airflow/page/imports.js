// Imports on the Backups page (served by routes/imports.py, loaded after the page's script, whose
// helpers $, esc, call, say, runLink and follow it uses): upload a CSV, map its columns (saved
// mappings offered), dry run with its rejects by line and column, then import now or later.
"use strict";

const imp = {file: null};

document.addEventListener("airvault:loaded", () => { $("imports").hidden = !settings.may.import; });

$("import-upload").onsubmit = async (ev) => {
  ev.preventDefault();
  const f = $("import-file").files[0];
  if (!f) return say("choose a .csv file first", true);
  $("import-panel").textContent = `Uploading ${f.name}…`;
  try {
    imp.file = await call(`api/imports/upload?filename=${encodeURIComponent(f.name)}`, f, {"Content-Type": "text/csv"});
  } catch (e) { $("import-panel").innerHTML = `<p class="bad">${esc(e.message)}</p>`; return; }
  mappingForm();
};

// The table whose columns the file's columns (after a fitting saved mapping) match best.
function bestTable(u) {
  const fit = u.mappings.find((m) => m.fits);
  const names = u.columns.map((c) => (fit && fit.mapping[c]) || c);
  const score = (t) => names.filter((n) => u.tables[t].includes(n)).length;
  return Object.keys(u.tables).sort((a, b) => score(b) - score(a))[0] || "";
}

function mappingForm() {
  const u = imp.file, fit = u.mappings.find((m) => m.fits);
  $("import-panel").innerHTML = `<p><b>${esc(u.name)}</b>: ${u.columns.length} columns.</p>
    <div class="bar"><label>Into table ${Object.keys(u.tables).length
      ? `<select id="imp-table">${Object.keys(u.tables).map((t) => `<option>${esc(t)}</option>`).join("")}</select>`
      : `<input id="imp-table" size="24" placeholder="schema.table">`}</label>
    <label>Saved mapping <select id="imp-template"><option value="">none</option>${u.mappings.map((m) =>
      `<option value="${esc(m.name)}">${esc(m.name)}${m.fits ? " (fits this file)" : ""}</option>`).join("")}</select></label>
    <label>Mode <select id="imp-mode"><option>upsert</option><option>insert</option><option>update-only</option></select></label>
    <label>Bad rows <select id="imp-policy"><option value="atomic">reject the whole file</option><option value="skip">skip them, import the rest</option></select></label></div>
    <div class="scroll"><table id="imp-map"><thead><tr><th>File column</th><th>First values</th><th>Table column</th></tr></thead><tbody></tbody></table></div>
    <p><button id="imp-dry">Dry run</button>
      <label>Save this mapping as <input id="imp-save-name" size="16" placeholder="template name"></label>
      <button type="button" id="imp-save">Save mapping</button></p><div id="imp-result"></div>`;
  $("imp-table").value = bestTable(u);
  $("imp-template").value = fit ? fit.name : "";
  $("imp-table").onchange = columnRows;
  $("imp-template").onchange = columnRows;
  $("imp-dry").onclick = () => runImport(true);
  $("imp-save").onclick = saveMapping;
  columnRows();
}

// The mapping as chosen, saved by name (routes/imports.py): offered on the next upload.
async function saveMapping() {
  const {table, mapping} = importRequest(true);
  try {
    const t = await call("api/imports/templates", {name: $("imp-save-name").value, table, mapping});
    imp.file.mappings = imp.file.mappings.filter((m) => m.name !== t.name).concat([{...t, fits: true}]);
    if (![...$("imp-template").options].some((o) => o.value === t.name)) $("imp-template").add(new Option(t.name, t.name));
    $("imp-template").value = t.name;
    say(`Saved the mapping ${esc(t.name)}: offered for the next file too.`);
  } catch (e) { say(esc(e.message), true); }
}

// One row per file column: its first values and the table column it goes to (the saved
// mapping's, else the column of the same name).
function columnRows() {
  const u = imp.file, cols = u.tables[$("imp-table").value];
  const saved = (u.mappings.find((m) => m.name === $("imp-template").value) || {}).mapping || {};
  $("imp-map").tBodies[0].innerHTML = u.columns.map((c, i) => {
    const want = saved[c] || c, label = `Table column for ${esc(c)}`;
    const pick = cols ? `<select data-col="${esc(c)}" aria-label="${label}">${cols.map((t) => `<option${t === want ? " selected" : ""}>${esc(t)}</option>`).join("")}</select>`
      : `<input data-col="${esc(c)}" aria-label="${label}" value="${esc(want)}">`;
    return `<tr><td class="wrap">${esc(c)}</td><td class="wrap">${esc(u.sample.map((r) => r[i] ?? "").join(" · "))}</td><td>${pick}</td></tr>`;
  }).join("");
}

function importRequest(dryRun, runAfter) {
  const mapping = {};
  for (const el of $("imp-map").querySelectorAll("[data-col]")) mapping[el.dataset.col] = el.value;
  return {file: imp.file.file, table: $("imp-table").value, mapping, mode: $("imp-mode").value,
    policy: $("imp-policy").value, dry_run: dryRun, run_after: runAfter || null};
}

async function runImport(dryRun, runAfter) {
  const out = $("imp-result");
  let started;
  try { started = await call("api/imports", importRequest(dryRun, runAfter)); }
  catch (e) { out.innerHTML = `<p class="bad">${esc(e.message)}</p>`; return; }
  if (runAfter) {
    out.innerHTML = `<p id="imp-scheduled">Import scheduled for ${esc(new Date(started.run_after).toUTCString())}: ${runLink(started)}
      (it waits in the jobs list until then, where it can be cancelled).</p>`;
    return document.dispatchEvent(new Event("airvault:jobs"));
  }
  out.innerHTML = `<p>${dryRun ? "Dry run" : "Import"} ${runLink(started)}: running…</p>`;
  let r;
  try { r = await follow(`api/imports/${encodeURIComponent(started.run_id)}`); }
  catch (e) { out.innerHTML += `<p class="bad">${esc(e.message)}</p>`; return; }
  const rep = r.report;
  if (!rep) {
    const why = r.failure && r.failure.error ? `: ${esc(r.failure.error)}` : " (see its log)";
    out.innerHTML = `<p class="bad" id="failure">The ${dryRun ? "dry run" : "import"} ${runLink(started)} ended ${esc(r.state)} without a report${why}</p>`;
    return document.dispatchEvent(new Event("airvault:jobs"));
  }
  const bad = r.rejects || [];
  out.innerHTML = `<p id="imp-summary" class="${bad.length ? "bad" : "ok"}">${dryRun ? "Dry run" : "Import"} ${runLink(started)}: ${rep.rows.toLocaleString("en-US")} rows read,
    ${rep.inserted.toLocaleString("en-US")} ${dryRun ? "to insert" : "inserted"}, ${rep.updated.toLocaleString("en-US")} ${dryRun ? "to update" : "updated"},
    ${rep.rejected.toLocaleString("en-US")} rejected. ${esc(rep.message)}</p>` +
    (bad.length ? `<table id="imp-rejects"><caption class="sr">Rejected rows</caption><thead><tr><th class="num">Line</th><th>Column</th><th>File column</th><th>Reason</th><th>Value</th></tr></thead><tbody>` +
      bad.map((b) => `<tr data-line="${b.line}"><td class="num">${b.line}</td><td>${esc(b.column)}</td><td>${esc(b.file_column)}</td>
        <td class="wrap">${esc(b.reason)}</td><td class="wrap">${esc(b.value ?? "")}</td></tr>`).join("") +
      `</tbody></table>${bad.length < rep.rejected ? `<p>The first ${bad.length} of ${rep.rejected} are shown.</p>` : ""}` : "") +
    (dryRun ? `<p class="bar"><button id="imp-now">Import now</button>
      <label>or at <input type="datetime-local" id="imp-at"></label> <button id="imp-later">Schedule</button></p>` : "");
  document.dispatchEvent(new Event("airvault:jobs"));
  if (!dryRun) return;
  $("imp-now").onclick = () => runImport(false);
  $("imp-later").onclick = () => {
    if (!$("imp-at").value) return say("choose a date and time for the import", true);
    runImport(false, new Date($("imp-at").value).toISOString());
  };
}
