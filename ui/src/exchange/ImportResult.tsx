// How a dry run or an import ended: rows read, to insert or inserted, to update or updated,
// rejected (and how many problems), every problem listed; after a dry run, the import now or
// at a time (UTC). A run that ended without a report says why, from its task's log.
import { Button, Field, HStack, Input, Link, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";

import type { ImportReport, Reject, ReportCounts } from "./api";
import { Rejects } from "./Rejects";

type Props = { result: ImportReport; dryRun: boolean; run: (dryRun: boolean, at: string) => void; busy: boolean };

const n = (x: number | undefined) => (x ?? 0).toLocaleString("en-US");
const rows = (x: number) => `${n(x)} ${x === 1 ? "row" : "rows"}`;

export const ImportResult = ({ result, dryRun, run, busy }: Props) => {
  const [at, setAt] = useState("");
  const counts = result.report as ReportCounts | null | undefined;
  const what = dryRun ? "Dry run" : "Import";
  if (!counts) {
    const failure = result.failure as { error?: string | null } | null | undefined;
    return (
      <Text color="fg.error" data-testid="airvault-import-summary">
        The {what.toLowerCase()} ended {result.state} without a report
        {failure?.error ? `: ${failure.error}` : " (its log in Airflow says why)"}. <Link href={result.link}>The run in Airflow</Link>
      </Text>
    );
  }
  const problems = counts.problems && counts.problems !== counts.rejected ? ` (${n(counts.problems)} problems)` : "";
  return (
    <Stack gap={3}>
      <Text color={counts.rejected ? "fg.error" : undefined} data-testid="airvault-import-summary">
        {what}: {rows(counts.rows)} read, {n(counts.inserted)} {dryRun ? "to insert" : "inserted"}, {n(counts.updated)}{" "}
        {dryRun ? "to update" : "updated"}, {n(counts.rejected)} rejected{problems}. {counts.message ?? ""}{" "}
        <Link href={result.link}>The run in Airflow</Link>
      </Text>
      {result.withheld ? <Text color="fg.muted">{result.withheld}</Text> : null}
      <Rejects rejects={(result.rejects ?? []) as Reject[]} counts={counts} />
      {dryRun ? (
        <HStack gap={3} wrap="wrap" align="end">
          <Button size="sm" colorPalette="blue" loading={busy} onClick={() => run(false, "")}>
            Import now
          </Button>
          <Field.Root w="auto">
            <Field.Label>or at (UTC)</Field.Label>
            <Input size="sm" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
          </Field.Root>
          <Button size="sm" variant="outline" disabled={!at} onClick={() => run(false, at)}>
            Schedule import
          </Button>
        </HStack>
      ) : null}
    </Stack>
  );
};
