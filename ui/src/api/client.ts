// The page's endpoints, typed by the schema generated from the FastAPI app's OpenAPI document
// (schema.d.ts: `npm run types` after `make ui-types` writes openapi.json). Requests carry the
// UI's session cookie, as Airflow's own pages do; only GETs are made here, so the page's
// cross-site check (an X-Requested-With header on POSTs) has nothing to ask.
import { useCallback, useEffect, useState } from "react";

import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type SafetyStatus = Schemas["SafetyStatus"];
export type BackupRow = Schemas["BackupRow"];
export type Finding = Schemas["Finding"];
export type ScopeCard = Schemas["ScopeCard"];
export type Schedule = Schemas["Schedule"];

type GetPath = { [P in keyof paths]: paths[P] extends { get: unknown } ? P : never }[keyof paths];
type Answer<P extends GetPath> = paths[P]["get"] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : never;

/** A URL of the airvault app, wherever Airflow is mounted (its <base href>). */
export const airvaultUrl = (path: string): string =>
  new URL(`airvault${path}`, document.baseURI).toString();

/** The full-function Backups page (opened outside Airflow's frame), at an anchor. */
export const fullPageUrl = (hash = ""): string => airvaultUrl(`/${hash ? `#${hash}` : ""}`);

/** An Airflow UI path (a DAG, a run), wherever Airflow is mounted. */
export const airflowUrl = (path: string): string =>
  new URL(path.replace(/^\//, ""), document.baseURI).toString();

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function get<P extends GetPath>(path: P, params: Record<string, string> = {}): Promise<Answer<P>> {
  let url = path as string;
  for (const [name, value] of Object.entries(params)) url = url.replace(`{${name}}`, encodeURIComponent(value));
  const response = await fetch(airvaultUrl(url), { credentials: "same-origin" });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
    throw new ApiError(response.status, `${response.status}: ${detail}`);
  }
  return body as Answer<P>;
}

export type Loaded<T> = { data?: T; error?: string; loading: boolean };

/** An endpoint's answer, read again every `everyS` seconds (the status changes as runs end). */
export function useGet<P extends GetPath>(
  path: P,
  params: Record<string, string> = {},
  everyS = 30,
): Loaded<Answer<P>> {
  const key = JSON.stringify(params);
  const [state, setState] = useState<Loaded<Answer<P>>>({ loading: true });
  const load = useCallback(() => {
    get(path, JSON.parse(key) as Record<string, string>)
      .then((data) => setState({ data, loading: false }))
      .catch((e: Error) => setState((s) => ({ ...s, error: e.message, loading: false })));
  }, [path, key]);
  useEffect(() => {
    load();
    const timer = setInterval(load, everyS * 1000);
    return () => clearInterval(timer);
  }, [load, everyS]);
  return state;
}

type PostPath = { [P in keyof paths]: paths[P] extends { post: unknown } ? P : never }[keyof paths];

/** A state-changing call: JSON in, JSON out, with the header the page's cross-site check asks
 * of cookie-authenticated requests (a cross-site form cannot send it). An error's message is
 * the endpoint's `detail` (what was wrong and where), ready to show as it is. */
export async function post<T = unknown>(
  path: PostPath,
  body: unknown = {},
  params: Record<string, string> = {},
): Promise<T> {
  let url = path as string;
  for (const [name, value] of Object.entries(params)) url = url.replace(`{${name}}`, encodeURIComponent(value));
  const response = await fetch(airvaultUrl(url), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "airvault" },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = answer && typeof answer.detail === "string" ? answer.detail : JSON.stringify(answer?.detail ?? response.statusText);
    throw new ApiError(response.status, `${response.status}: ${detail}`);
  }
  return answer as T;
}
