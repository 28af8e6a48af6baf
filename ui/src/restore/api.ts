// The restore endpoints' types, and the pieces of their answers the schema leaves open (a
// plan is the core's RestorePlan as JSON: typed here by what the wizard reads of it).
import { get, type Schemas } from "../api/client";

export type RestoreOptions = Schemas["RestoreOptions"];
export type RestoreProgress = Schemas["RestoreProgress"];
export type Triggered = Schemas["Triggered"];
export type Timeline = Schemas["Timeline"];

export type PlanRow = {
  table: string;
  role: string;
  backup_rows?: number | null;
  target_rows?: number | null;
  insert?: number;
  update?: number;
  delete?: number;
};
export type PlanDoc = { tables: PlanRow[]; preflight?: string[] | null };
export type Reach = { slot: string; from?: string; segments?: number; covered_until?: string | null; problem?: string };

/** A typed path with a query string: the endpoint's answer type stays the path's. */
export const withQuery = <P extends string>(path: P, query: Record<string, string>): P => {
  const given = Object.entries(query).filter(([, v]) => v !== "");
  return (given.length ? `${path}?${new URLSearchParams(given)}` : path) as P;
};

/** A run still going (the restore DAGs' run states before they end). */
export const ended = (state: string): boolean => state === "success" || state === "failed";

/** A restore run's progress, read every 2 s until it ends (or, for a dry run, until its plan
 * is there: the steps after it are only being skipped); `show` sees each reading. */
export async function follow(
  started: Triggered,
  show: (p: RestoreProgress) => void,
  stopped: () => boolean,
): Promise<RestoreProgress | undefined> {
  const path = withQuery("/api/restore/{run_id}", { dag: started.dag_id });
  for (;;) {
    const progress = await get(path, { run_id: started.run_id });
    if (stopped()) return undefined;
    show(progress);
    if (ended(progress.state) || (progress.dry_run && progress.plan)) return progress;
    await new Promise((ok) => setTimeout(ok, 2000));
  }
}

/** A time typed in the UTC field as the endpoint takes it: a date-time without a zone gets
 * "Z" (it is UTC, whatever the browser's zone); 'latest' and an LSN go as they are. */
export const pointOf = (typed: string): string => {
  const text = typed.trim();
  return /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text) ? `${text.replace(" ", "T")}Z` : text;
};

/** An instant as the UTC field shows it: 2026-12-06 05:40:12 (to the second). */
export const utcText = (at: Date): string => at.toISOString().slice(0, 19).replace("T", " ");
