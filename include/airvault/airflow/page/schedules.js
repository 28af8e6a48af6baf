// Schedules on the Backups page (served by schedules.py, loaded after the page's script,
// whose helpers $, esc, call, say, runLink, ago, naming and named it uses): every airvault DAG
// by its name, its schedule from the config or as edited here (who, when), on / off, Run now
// (a form when its Params need values) and the editor below the list.
"use strict";

const sched = {settings: {}, names: {}, editing: null};
const PRESETS = ["manual", "hourly", "daily", "weekly", "monthly", "cron"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const RULES = ["keep_last", "keep_days", "daily", "weekly", "monthly", "yearly", "minimum_good"];
const when = (iso) => iso ? new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "";

function source(s) {
  if (!s) return "";
  return s.source === "edit" ? `<span class="detail source">edited by ${esc(s.edited_by)} at ${esc(when(s.edited_at))}</span>`
    : `<span class="detail source">from config</span>`;
}

async function loadSchedules() {
  let data, edits;
  try { [data, edits] = await Promise.all([call("api/schedules"), call("api/schedule-settings")]); }
  catch (e) { say(esc(e.message), true); return; }
  sched.settings = Object.fromEntries(edits.settings.map((s) => [s.dag_id, s]));
  sched.names = edits.names;
  $("schedule-problems").hidden = !edits.problems.length;
  $("schedule-problems").innerHTML = edits.problems.length ? `Schedule edits not in effect (the config's schedule is):<ul>${edits.problems.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>` : "";
  $("schedules").tBodies[0].innerHTML = data.schedules.map((d) => {
    const s = sched.settings[d.dag_id];
    const text = s && s.timezone !== "UTC" ? d.schedule.replace(/ UTC$/, ` (${s.timezone})`) : d.schedule;
    // a DAG without a schedule runs when asked: "manual", never an on / off switch
    const on = !d.scheduled ? `<span class="detail">manual</span>`
      : d.may_switch ? `<button role="switch" aria-checked="${!d.paused}" aria-label="${esc(d.dag_id)} on" data-act="switch">${d.paused ? "off" : "on"}</button>` : (d.paused ? "off" : "on");
    return `<tr data-dag="${esc(d.dag_id)}">
    <td><span title="${esc(d.dag_id)}">${esc(sched.names[d.dag_id] || d.dag_id)}</span><br><span class="detail">${esc(d.dag_id)}</span></td>
    <td class="wrap">${esc(d.scheduled ? text : "manual (no schedule)")}<br>${source(s)}</td>
    <td>${d.paused && d.scheduled ? "off" : d.next_run ? `<span title="${esc(d.next_run)}">${ago(d.next_run, true)}</span>` : "-"}</td>
    <td>${d.last_run ? `<a href="${esc(d.last_run.link)}" target="_top" class="${d.last_run.state === "failed" ? "bad" : d.last_run.state === "success" ? "ok" : ""}">${esc(d.last_run.state)}</a> ${ago(d.last_run.when)}` : "never run"}</td>
    <td>${on}</td>
    <td class="acts">${d.may_run ? `<button data-act="run" aria-label="Run now: ${esc(d.dag_id)}">Run now</button>` : ""}
      ${s && s.may_edit ? `<button data-act="edit" aria-label="Edit the schedule of ${esc(s.name)}">Edit…</button>` : ""}</td></tr>`;
  }).join("") || `<tr><td colspan="6">No airvault DAGs visible to you.</td></tr>`;
}

$("schedules").addEventListener("click", async (ev) => {
  const b = ev.target.closest("button[data-act]");
  if (!b) return;
  const dag = b.closest("tr").dataset.dag;
  try {
    if (b.dataset.act === "switch") {
      const on = b.getAttribute("aria-checked") !== "true";
      await call(`api/schedules/${encodeURIComponent(dag)}/paused`, {paused: !on});
      say(`${esc(sched.names[dag] || dag)} switched ${on ? "on" : "off"}.`);
      await loadSchedules();
    } else if (b.dataset.act === "edit") {
      openEditor(sched.settings[dag], b.closest("tr").querySelector("[role=switch]"));
    } else {
      await runNow(dag);
    }
  } catch (e) { say(esc(e.message), true); }
});

// Run now: a DAG whose Params need values gets a form for them (or Airflow's own form)
// rather than a refusal; any other runs at once, with the label and note typed above.
async function runNow(dag) {
  const p = await call(`api/schedules/${encodeURIComponent(dag)}/params`);
  if (!p.params.some((f) => f.required)) {
    const r = await call(`api/schedules/${encodeURIComponent(dag)}/run`, naming());
    say(`Started: ${runLink(r)}${r.notice ? " (" + esc(r.notice) + ")" : ""}`); named();
    return;
  }
  const fields = p.params.slice().sort((a, b) => b.required - a.required).map((f, i) => {
    const s = f.schema || {}, id = `run-param-${i}`, label = `${esc(f.name)}${f.required ? " (required)" : ""}`;
    const input = s.type === "boolean" ? `<input type="checkbox" id="${id}" data-name="${esc(f.name)}" data-type="boolean" ${f.value ? "checked" : ""}>`
      : s.enum ? `<select id="${id}" data-name="${esc(f.name)}">${s.enum.map((v) => `<option ${v === f.value ? "selected" : ""}>${esc(v)}</option>`).join("")}</select>`
      : `<input id="${id}" data-name="${esc(f.name)}" data-type="${esc(s.type || "string")}" size="40" value="${esc(f.value ?? "")}" ${f.required ? "required" : ""}>`;
    return `<div><label for="${id}">${label}</label> ${input}${f.description ? ` <span class="detail">${esc(f.description)}</span>` : ""}</div>`;
  });
  const box = $("schedule-editor");
  box.hidden = false;
  box.innerHTML = `<form id="run-form" data-dag="${esc(dag)}"><h3>Run ${esc(sched.names[dag] || dag)} with these values</h3>${fields.join("")}
    <div class="bar"><button type="submit">Run now</button> <button type="button" data-act="close">Cancel</button>
    <a href="${esc(p.form)}" target="_top">or open Airflow's form</a></div></form>`;
  box.querySelector("input, select").focus();
}

function paramValues(form) {
  const conf = {};
  for (const el of form.querySelectorAll("[data-name]")) {
    const t = el.dataset.type;
    conf[el.dataset.name] = t === "boolean" ? el.checked : (t === "integer" || t === "number") && el.value !== "" ? Number(el.value) : el.value;
  }
  return conf;
}

// The editor: a preset at a time or a cron, in a time zone; a backup's retention; on / off.
function openEditor(s, sw) {
  sched.editing = s;
  const [m, h] = (s.cron || "0 2 * * *").split(" ");
  const time = /^\d+$/.test(h) && /^\d+$/.test(m) ? `${m.padStart(2, "0")}:${h.padStart(2, "0")}` : "02:00";
  const cronParts = (s.cron || "").split(" ");
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const rule = s.retention || {};
  const box = $("schedule-editor");
  box.hidden = false;
  box.innerHTML = `<form id="schedule-form" data-dag="${esc(s.dag_id)}" aria-labelledby="editor-title">
    <h3 id="editor-title">Schedule of ${esc(s.name)}</h3>
    <p class="detail">${s.source === "edit" ? `Edited by ${esc(s.edited_by)} at ${esc(when(s.edited_at))}; the config (${esc(s.key)}) says ${esc(s.config_cron || "manual")}.`
      : `From the config: ${esc(s.key)} = ${esc(s.config_cron || "null (manual)")}. Saving records an edit over it.`}</p>
    <div class="bar"><label>Repeat <select id="edit-preset">${PRESETS.filter((p) => p !== "manual" || s.kind !== "export")
      .map((p) => `<option ${p === s.preset ? "selected" : ""}>${p}</option>`).join("")}</select></label>
    <label>at <input type="time" id="edit-time" value="${time}"></label>
    <label>on <select id="edit-weekday" aria-label="Day of the week">${DAYS.map((d, i) => `<option value="${i}" ${String(i) === cronParts[4] ? "selected" : ""}>${d}</option>`).join("")}</select></label>
    <label>day <input type="number" id="edit-day" min="1" max="28" value="${/^\d+$/.test(cronParts[2] || "") ? cronParts[2] : 1}" aria-label="Day of the month"></label>
    <label>Cron <input id="edit-cron" size="16" value="${esc(s.cron || "")}" placeholder="m h dom mon dow"></label>
    <label>Time zone <input id="edit-timezone" list="edit-zones" size="18" value="${esc(s.timezone)}"></label>
    <datalist id="edit-zones">${zones.map((z) => `<option>${esc(z)}</option>`).join("")}</datalist>
    ${sw || s.cron ? `<label><input type="checkbox" id="edit-enabled" ${!sw || sw.getAttribute("aria-checked") === "true" ? "checked" : ""}> on</label>` : ""}</div>
    ${s.retention_scope ? `<fieldset><legend>Retention of ${esc(s.retention_scope)} backups${s.kind === "full" ? " (both full backup DAGs take these)" : ""}</legend>
      ${RULES.map((r) => `<label>${r.replace("_", " ")} <input type="number" min="${r === "minimum_good" ? 0 : 1}" size="4" data-rule="${r}" value="${rule[r] ?? ""}"></label>`).join(" ")}</fieldset>` : ""}
    <div class="bar"><button type="submit">Save schedule</button> <button type="button" data-act="close">Cancel</button>
    ${s.source === "edit" ? `<button type="button" data-act="revert">Revert to config</button>` : ""}</div></form>`;
  showFields();
  $("edit-preset").focus();
}

function showFields() {
  const p = $("edit-preset").value;
  $("edit-time").closest("label").hidden = ["manual", "cron"].includes(p);
  $("edit-weekday").closest("label").hidden = p !== "weekly";
  $("edit-day").closest("label").hidden = p !== "monthly";
  $("edit-cron").closest("label").hidden = p !== "cron";
  $("edit-timezone").closest("label").hidden = p === "manual";
}

function editorValues(s) {
  const rule = {};
  for (const el of $("schedule-editor").querySelectorAll("[data-rule]")) if (el.value !== "") rule[el.dataset.rule] = Number(el.value);
  const same = JSON.stringify(rule) === JSON.stringify(Object.fromEntries(Object.entries(s.config_retention || {}).filter(([, v]) => v != null)));
  const enabled = $("edit-enabled");
  return {preset: $("edit-preset").value, time: $("edit-time").value || "00:00", weekday: +$("edit-weekday").value,
    day: +$("edit-day").value || 1, cron: $("edit-cron").value.trim() || null, timezone: $("edit-timezone").value.trim() || "UTC",
    // the config's rule stays the config's unless changed here
    retention: s.retention_scope && Object.keys(rule).length && !same ? rule : null,
    enabled: enabled ? enabled.checked : null};
}

$("schedule-editor").addEventListener("change", (ev) => { if (ev.target.id === "edit-preset") showFields(); });
$("schedule-editor").addEventListener("click", async (ev) => {
  const b = ev.target.closest("button[data-act]");
  if (!b) return;
  if (b.dataset.act === "close") { $("schedule-editor").hidden = true; return; }
  const s = sched.editing;
  try {
    const r = await call(`api/schedule-settings/${encodeURIComponent(s.dag_id)}/revert`, {});
    say(`${esc(s.name)}: back to the config's schedule (${esc(r.setting.cron || "manual")}).${r.notes.map((n) => " " + esc(n)).join("")}`);
    $("schedule-editor").hidden = true;
    await loadSchedules();
  } catch (e) { say(esc(e.message), true); }
});
$("schedule-editor").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const form = ev.target;
  try {
    if (form.id === "run-form") {
      const r = await call(`api/schedules/${encodeURIComponent(form.dataset.dag)}/trigger`, {conf: paramValues(form)});
      say(`Started: ${runLink(r)}`);
    } else {
      const s = sched.editing;
      const r = await call(`api/schedule-settings/${encodeURIComponent(s.dag_id)}`, editorValues(s));
      const t = r.setting;
      say(`${esc(s.name)}: saved, ${esc(t.cron || "manual")}${t.cron ? ` (${esc(t.timezone)})` : ""}; Airflow applies it when it re-reads the DAG file (seconds).${r.notes.map((n) => " " + esc(n)).join("")}`);
      // Airflow shows the new next run once its dag-processor has parsed the file again
      setTimeout(loadSchedules, 5000);
    }
    $("schedule-editor").hidden = true;
    await loadSchedules();
  } catch (e) { say(esc(e.message), true); }
});

loadSchedules();
setInterval(loadSchedules, 30000);
