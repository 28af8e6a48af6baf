// Exports, imports, archives and restores running now, each with the progress it publishes
// (GET /api/running: tables done, rows, size, rate), as backups have theirs.
import { Box, Progress, Stack, Text } from "@chakra-ui/react";

import { bytes, count } from "../format";

type Published = {
  kind?: string;
  scope?: string;
  label?: string;
  step?: string;
  tables_done?: number;
  tables_total?: number;
  rows?: number;
  bytes?: number;
  bytes_estimate?: number;
  mb_per_s?: number;
};
export type RunningRow = { type: string; folder: string; host?: string; progress?: Published | null };

export const JOB_TYPES = ["export", "import", "archive", "restore"];

const DOING: Record<string, string> = { export: "Exporting", import: "Importing", archive: "Archiving", restore: "Restoring" };

/** 0-100, or null when the job does not know its total yet (an indeterminate bar). */
const percent = (p: Published): number | null =>
  p.bytes_estimate
    ? Math.min(100, (100 * (p.bytes ?? 0)) / p.bytes_estimate)
    : p.tables_total
      ? (100 * (p.tables_done ?? 0)) / p.tables_total
      : null;

export const RunningJob = ({ row }: { row: RunningRow }) => {
  const p = row.progress ?? {};
  const doing = row.type === "restore" && p.kind === "restore-plan" ? "Planning a restore of" : DOING[row.type] ?? row.type;
  const name = `${doing} ${p.label ?? p.scope ?? row.folder}`;
  const done = percent(p);
  return (
    <Box borderWidth="1px" borderRadius="md" p={2} data-testid="airvault-running-job" data-type={row.type}>
      <Progress.Root value={done} max={100} size="sm" aria-label={`${name}: ${done === null ? "under way" : `${Math.round(done)} %`}`}>
        <Progress.Label fontSize="sm" fontWeight="medium" wordBreak="break-word">
          {name}
        </Progress.Label>
        <Progress.Track mt={1}>
          <Progress.Range />
        </Progress.Track>
      </Progress.Root>
      <Text fontSize="xs" color="fg.muted">
        {p.step ? `${p.step} · ` : ""}
        {p.tables_total ? `${p.tables_done ?? 0} / ${p.tables_total} tables · ` : ""}
        {count(p.rows ?? 0)} rows · {bytes(p.bytes ?? 0)}
        {p.mb_per_s ? ` · ${p.mb_per_s} MB/s` : ""}
        {row.host ? ` · on ${row.host}` : ""}
      </Text>
    </Box>
  );
};

export const RunningNow = ({ rows }: { rows: RunningRow[] }) => {
  const jobs = rows.filter((r) => JOB_TYPES.includes(r.type));
  if (!jobs.length) return null;
  return (
    <Stack gap={2} aria-label="Running now">
      {jobs.map((r) => (
        <RunningJob key={r.folder} row={r} />
      ))}
    </Stack>
  );
};
