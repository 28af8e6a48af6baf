// Jobs: one list of exports, imports, restores, compares and archives, newest first (a job
// scheduled for later on top), with their progress while they run and Cancel for a pending
// import or export where the role allows it (POST /api/jobs/{dag_id}/{run_id}/cancel).
import { Alert, Heading, Stack, Text } from "@chakra-ui/react";
import { useEffect, useState } from "react";

import { get, post } from "../api/client";
import { JobList } from "../jobs/JobList";
import { useLive } from "../jobs/live";
import { RunningJob, RunningNow, type RunningRow } from "../jobs/RunningNow";
import { type Job, jobKind } from "../jobs/words";
import type { TabProps } from "../pages/BackupsPage";

const TYPE_OF: Record<string, string> = { Export: "export", Import: "import", Archive: "archive", Restore: "restore" };

/** The progress row of a running job: only when one job and one published progress of its
 * kind run (two exports at once cannot be told apart: "Running now" shows both). */
const progressFinder = (jobs: Job[], running: RunningRow[]) => (job: Job) => {
  const type = TYPE_OF[jobKind(job.dag_id)];
  const rows = running.filter((r) => r.type === type);
  const same = jobs.filter((j) => j.state === "running" && TYPE_OF[jobKind(j.dag_id)] === type);
  return rows.length === 1 && same.length === 1 ? <RunningJob row={rows[0]} /> : null;
};

/** Read often while a job runs or is about to start, else once a minute: each read of the
 * list asks Airflow's REST API for every kind of job's runs. */
const busy = (jobs: Job[], now = Date.now()): boolean =>
  jobs.some((j) => j.state === "running" || (j.state === "pending" && new Date(j.run_after ?? 0).getTime() - now < 60_000));

export const JobsTab = (_: TabProps) => {
  const [often, setOften] = useState(false);
  const jobs = useLive(() => get("/api/jobs"), often ? 5 : 60);
  const running = useLive(() => get("/api/running"), often ? 5 : 60);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const rows = (running.data?.running ?? []) as RunningRow[];
  const list = jobs.data?.jobs ?? [];
  useEffect(() => setOften(jobs.data ? busy(jobs.data.jobs) : false), [jobs.data]);

  const cancel = async (job: Job) => {
    setCancelling(job.run_id);
    try {
      await post("/api/jobs/{dag_id}/{run_id}/cancel", {}, { dag_id: job.dag_id, run_id: job.run_id });
      setSaid({ ok: true, text: `Cancelled: ${job.what} will not run.` });
    } catch (e) {
      setSaid({ ok: false, text: (e as Error).message });
    } finally {
      setCancelling(null);
      jobs.reload();
    }
  };

  return (
    <Stack gap={4} data-testid="airvault-jobs-tab">
      {said ? (
        <Alert.Root status={said.ok ? "success" : "error"} role={said.ok ? "status" : "alert"}>
          <Alert.Indicator />
          <Alert.Title>{said.text}</Alert.Title>
        </Alert.Root>
      ) : null}
      <RunningNow rows={rows} />
      <Heading size="md" as="h3">
        Jobs
      </Heading>
      {jobs.error ? <Text color="fg.error">{jobs.error}</Text> : null}
      {jobs.data ? (
        <JobList
          jobs={list}
          mayDownload={jobs.data.may_download}
          cancelling={cancelling}
          onCancel={cancel}
          progressOf={progressFinder(list, rows)}
        />
      ) : jobs.error ? null : (
        <Text color="fg.muted">Reading the jobs…</Text>
      )}
    </Stack>
  );
};
