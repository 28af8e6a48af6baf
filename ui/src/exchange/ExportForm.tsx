// The export form: every declared dataset (modules and tables), a column subset, filters,
// tenant, raw or readable, time zone and format; now, or later at a time (UTC, the run waits
// queued until then and the Jobs tab can cancel it); templates saved and loaded by name. A
// recurring export is a schedule: "Make it recurring" opens the Schedules tab.
import { Box, Button, Field, Heading, HStack, Input, Link, Stack, Text } from "@chakra-ui/react";
import { type FormEvent, useEffect, useRef, useState } from "react";

import { get, post, type Schemas } from "../api/client";
import { when } from "../format";
import { useLive } from "../jobs/live";
import type { TabProps } from "../pages/BackupsPage";
import { downloadUrl, follow, type Triggered, utcIso } from "./api";
import { type Choices, FRESH, sent } from "./choices";
import { ExportFields } from "./ExportFields";
import { ExportTemplates } from "./ExportTemplates";
import { Said, type Saying } from "./Said";

type Job = Schemas["Job"];

const ENDED = ["success", "failed"]; // Airflow's words for a run that ended

/** The files an export wrote, to download (the run's own page for a failure). */
const Outcome = ({ job, link }: { job: Job; link: string }) => (
  <HStack gap={3} wrap="wrap" data-testid="airvault-export-files">
    {job.files.map((f) => (
      <Link key={f.file} href={downloadUrl(f.file ?? "")} download colorPalette="blue">
        {f.name}
      </Link>
    ))}
    <Link href={link} color="fg.muted">
      the run in Airflow
    </Link>
  </HStack>
);

export const ExportForm = ({ show, exported }: TabProps & { exported: () => void }) => {
  const options = useLive(() => get("/api/exports/options"), 300);
  const [choices, setChoices] = useState<Choices>(FRESH);
  const [at, setAt] = useState("");
  const [said, say] = useState<Saying>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const change = (next: Partial<Choices>) => setChoices((c) => ({ ...c, ...next }));

  const start = async () => {
    setBusy(true);
    try {
      const run = await post<Triggered>("/api/exports", { ...sent(choices), run_after: utcIso(at) });
      if (at) {
        say({ ok: true, text: `Export scheduled for ${when(run.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      say({ ok: true, text: "Export running…", more: <Link href={run.link}>the run in Airflow</Link> });
      // the run's state alone while it runs (one REST call); the jobs list once, for its files
      await follow(
        () => get("/api/runs/{dag_id}/{run_id}", { dag_id: run.dag_id, run_id: run.run_id }),
        (r) => ENDED.includes(r.state),
        () => mounted.current,
        3000,
      );
      const listed = await follow(() => get("/api/jobs"), () => true, () => mounted.current, 3000);
      const job = listed.jobs.find((x) => x.run_id === run.run_id);
      if (!mounted.current) return;
      if (!job) {
        say({ ok: true, text: "The export ended: the Jobs tab has it.", more: <Link href={run.link}>the run in Airflow</Link> });
        return;
      }
      const ok = job.state === "done";
      const text = ok ? `Export done: ${(job.records ?? 0).toLocaleString("en-US")} records.` : `The export ${job.state}: its log in Airflow says why.`;
      say({ ok, text, more: <Outcome job={job} link={run.link} /> });
      exported();
    } catch (e) {
      say({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  if (options.error) return <Text color="fg.error">{options.error}</Text>;
  if (!options.data) return <Text color="fg.muted">Reading the export choices…</Text>;
  return (
    <Box as="form" onSubmit={(e: FormEvent) => (e.preventDefault(), void start())} data-testid="airvault-export-form">
      <Stack gap={3}>
        <Heading size="md" as="h3">
          Export
        </Heading>
        <ExportTemplates
          templates={options.data.templates}
          problems={options.data.template_problems}
          choices={choices}
          load={setChoices}
          saved={options.reload}
          say={say}
        />
        <ExportFields options={options.data} choices={choices} change={change} />
        <HStack gap={3} wrap="wrap" align="end">
          <Field.Root w="auto">
            <Field.Label>Later, at (UTC; empty: now)</Field.Label>
            <Input size="sm" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
          </Field.Root>
          <Button type="submit" size="sm" colorPalette="blue" loading={busy} disabled={!choices.datasets.length}>
            {at ? "Schedule export" : "Export now"}
          </Button>
          <Link
            href="?tab=schedules"
            onClick={(e) => {
              e.preventDefault();
              show("schedules");
            }}
          >
            Make it recurring…
          </Link>
        </HStack>
        <Said said={said} testId="airvault-export-said" />
      </Stack>
    </Box>
  );
};
