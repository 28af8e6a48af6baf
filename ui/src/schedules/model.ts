// The Schedules tab's data: every airvault DAG as Airflow runs it (/api/schedules) beside its
// schedule as the config or the page sets it (/api/schedule-settings), read together and
// again after each action; and the editor's fields (a preset at a time, or a cron, in a zone).
import { useCallback, useEffect, useRef, useState } from "react";

import { get, type Schedule, type Schemas } from "../api/client";

export type Setting = Schemas["Setting"];
export type Settings = Schemas["Settings"];
export type SettingSaved = Schemas["SettingSaved"];
export type NewSchedule = Schemas["NewSchedule"];
export type RunParams = Schemas["RunParams"];
/** One Param of a DAG as /api/schedules/{dag_id}/params describes it. */
export type ParamField = { name: string; value?: unknown; schema?: Record<string, unknown>; description?: string | null; required: boolean };
export type Triggered = Schemas["Triggered"];

export const PRESETS = ["manual", "hourly", "daily", "weekly", "monthly", "cron"] as const;
export type Preset = (typeof PRESETS)[number];
export const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const RULES = ["keep_last", "keep_days", "daily", "weekly", "monthly", "yearly", "minimum_good"] as const;

/** What the editor holds: the fields ScheduleForm (and NewSchedule) take. */
export type Timing = {
  preset: Preset;
  time: string;
  weekday: number;
  day: number;
  cron: string;
  timezone: string;
};

const isNumber = (part?: string) => part !== undefined && /^\d+$/.test(part);

/** The editor's fields for a cron in effect (its time, weekday and day when it has them). */
export const timingOf = (cron: string | null | undefined, preset: string, timezone: string): Timing => {
  const [m, h, dom, , dow] = (cron ?? "").split(" ");
  const time = isNumber(m) ? `${(isNumber(h) ? h : "0").padStart(2, "0")}:${m.padStart(2, "0")}` : "02:00";
  return {
    preset: (PRESETS as readonly string[]).includes(preset) ? (preset as Preset) : "cron",
    time,
    weekday: isNumber(dow) ? Number(dow) : 0,
    day: isNumber(dom) ? Number(dom) : 1,
    cron: cron ?? "",
    timezone,
  };
};

/** The timing as the endpoints take it (a cron only for the "cron" preset). */
export const timingBody = (t: Timing) => ({
  preset: t.preset,
  time: t.time || "00:00",
  weekday: t.weekday,
  day: t.day,
  cron: t.preset === "cron" ? t.cron.trim() || null : null,
  timezone: t.timezone.trim() || "UTC",
});

/** A row of the list: Airflow's side of a DAG and, when the config schedules it, its setting. */
export type Row = Schedule & { name: string; setting?: Setting };

export type Loaded = { rows: Row[]; settings?: Settings; error?: string; loading: boolean };

/** Both endpoints, read now, every 30 s, and when `reload` is called (after an action). */
export const useSchedules = (): Loaded & { reload: () => Promise<void> } => {
  const [state, setState] = useState<Loaded>({ rows: [], loading: true });
  const reload = useCallback(async () => {
    try {
      const [runs, settings] = await Promise.all([get("/api/schedules"), get("/api/schedule-settings")]);
      const byDag = new Map(settings.settings.map((s) => [s.dag_id, s]));
      const rows = runs.schedules.map((d) => ({
        ...d,
        name: settings.names[d.dag_id] ?? d.dag_id,
        setting: byDag.get(d.dag_id),
      }));
      setState({ rows, settings, loading: false });
    } catch (e) {
      setState((s) => ({ ...s, error: (e as Error).message, loading: false }));
    }
  }, []);
  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), 30_000);
    return () => clearInterval(timer);
  }, [reload]);
  return { ...state, reload };
};

/** The schedule in words, on the wall clock it runs on (Airflow's words say UTC). */
export const inWords = (row: Row): string => {
  if (!row.scheduled) return "manual";
  const text = row.schedule ?? "";
  const zone = row.setting?.timezone;
  return zone && zone !== "UTC" ? text.replace(/ UTC$/, ` (${zone})`) : text;
};

/** Where the schedule comes from, in words. */
export const origin = (s?: Setting): string => {
  if (!s) return "";
  if (s.source === "added") return `added on the page by ${s.added_by ?? "?"}`;
  if (s.source === "edit") return `edited on the page by ${s.edited_by ?? "?"}`;
  return "from the config file";
};

export const zones = (): string[] => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return typeof intl.supportedValuesOf === "function" ? intl.supportedValuesOf("timeZone") : ["UTC"];
};

/** A panel opened below the long list: scrolled into view, its first field focused (the
 * keyboard continues there). */
export const useShown = () => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "start" });
    ref.current?.querySelector<HTMLElement>("input, select")?.focus({ preventScroll: true });
  }, []);
  return ref;
};
