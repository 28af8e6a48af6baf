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
  $("jobs").tBodies[0].innerHTML = data.jobs.map((j) => `<tr data-run="${esc(j.run_id)}" data-dag="${esc(j.dag_id)}" data-state="${esc(j.state)}">
    <td><a href="${esc(j.link)}" target="_top">${esc(j.what)}</a></td>
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

$("export-form").onsubmit = async (ev) => {
  ev.preventDefault();
  const at = $("export-at").value;
  try {
    const r = await call("api/exports", {dataset: $("export-dataset").value, format: $("export-format").value,
      run_after: at ? new Date(at).toISOString() : null});
    say(`Export ${at ? `scheduled for ${esc(new Date(r.run_after).toUTCString())}` : "started"}: ${runLink(r)}`);
  } catch (e) { say(esc(e.message), true); }
  loadJobs();
};

document.addEventListener("airvault:loaded", loadJobs);
document.addEventListener("airvault:jobs", loadJobs);
