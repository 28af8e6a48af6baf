// What the Imports & Exports tab sends beyond client.ts's JSON GET and POST: a CSV upload
// (the file as the request body), a template's DELETE, result download links, and following
// a run until it ends. State-changing requests carry the header the page's cross-site check
// asks of cookie-authenticated ones; an error's message is the endpoint's `detail`.
import { ApiError, airvaultUrl, type Schemas } from "../api/client";

export type ExportOptions = Schemas["ExportOptions"];
export type ExportChoices = Schemas["ExportChoices"];
export type ExportTemplate = Schemas["ExportTemplate"];
export type Triggered = Schemas["Triggered"];
export type ImportReport = Schemas["ImportReport"];
/** A saved mapping offered for an upload: does it fit the file's columns, who saved it. */
export type SavedMapping = { name: string; mapping: Record<string, string>; fits: boolean; table: string; saved_by: string };
/** An upload as POST /api/imports/upload answers it (CsvPreview, with its first rows). */
export type CsvPreview = {
  file: string;
  name: string;
  columns: string[];
  sample: string[][];
  tables: Record<string, string[]>;
  mappings: SavedMapping[];
};
/** One problem of a rejected row, as the backend reports each (a row may have several). */
export type Reject = { line: number; column: string; file_column: string; reason: string; value?: string | null };
export type ReportCounts = { rows: number; inserted: number; updated: number; rejected: number; problems?: number; message?: string };

const said = (answer: unknown, fallback: string): string => {
  const detail = (answer as { detail?: unknown } | null)?.detail;
  return typeof detail === "string" ? detail : detail === undefined ? fallback : JSON.stringify(detail);
};

async function send<T>(method: "POST" | "DELETE", path: string, body?: Blob, type?: string): Promise<T> {
  const headers: Record<string, string> = { "X-Requested-With": "airvault" };
  if (type) headers["Content-Type"] = type;
  const response = await fetch(airvaultUrl(path), { method, credentials: "same-origin", headers, body });
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, `${response.status}: ${said(answer, response.statusText)}`);
  return answer as T;
}

/** The CSV kept under the storage root's imports/uploads/; answers its columns, first rows,
 * the tables to import into and the saved mappings. */
export const uploadCsv = (file: File): Promise<CsvPreview> =>
  send("POST", `/api/imports/upload?filename=${encodeURIComponent(file.name)}`, file, "text/csv");

export const deleteExportTemplate = (name: string): Promise<Schemas["TemplateDeleted"]> =>
  send("DELETE", `/api/exports/templates/${encodeURIComponent(name)}`);

/** A job's result file (an export's file or report, an import's rejects or report). */
export const downloadUrl = (file: string): string => airvaultUrl(`/api/jobs/download?file=${encodeURIComponent(file)}`);

const HICCUPS = 10; // answers in a row that a busy server may fail before following gives up

/** A failure worth asking again: the server or the network, not a refusal (4xx). */
const passing = (e: unknown): boolean => !(e instanceof ApiError) || e.status >= 500;

/** `load` every `everyMs` until `ended` says so, or `alive` says nobody is looking any more;
 * a run keeps going while the server is too busy to answer, so a few failed reads in a row
 * do not end the following (the run's result would be lost to the page). */
export async function follow<T>(load: () => Promise<T>, ended: (t: T) => boolean, alive: () => boolean, everyMs: number): Promise<T> {
  for (let failed = 0; ; ) {
    try {
      const now = await load();
      if (ended(now) || !alive()) return now;
      failed = 0;
    } catch (e) {
      failed += 1;
      if (!passing(e) || failed >= HICCUPS || !alive()) throw e;
    }
    await new Promise((done) => setTimeout(done, everyMs));
  }
}

/** A `datetime-local` value read as UTC (the page says times in UTC), as ISO; "" stays null. */
export const utcIso = (local: string): string | null =>
  local ? new Date(`${local}${local.length === 16 ? ":00" : ""}Z`).toISOString() : null;
