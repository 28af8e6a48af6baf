// One list of exports, imports, restores, compares and archives (GET /api/jobs): what, its
// state in words, when (future jobs: "starts in 20 days"), who asked, records, the result
// (files to download for who may, the run in Airflow) and Cancel where the role allows it.
import { Badge, Button, Link, Stack, Table, Text, VisuallyHidden } from "@chakra-ui/react";
import type { ReactNode } from "react";

import { fullPageUrl } from "../api/client";
import { downloadUrl } from "../exchange/api";
import { count, when } from "../format";
import { type Job, jobKind, stateWords } from "./words";

type Props = {
  jobs: Job[];
  mayDownload: boolean;
  cancelling: string | null;
  onCancel: (job: Job) => void;
  progressOf: (job: Job) => ReactNode; // a running job's progress bar, when it is known
};

const Result = ({ job, mayDownload }: { job: Job; mayDownload: boolean }) => (
  <Stack gap={0}>
    {mayDownload
      ? job.files.map((f) => (
          <Link key={f.file} href={downloadUrl(f.file)} download colorPalette="blue" wordBreak="break-all">
            {f.name}
          </Link>
        ))
      : null}
    <Link href={job.link} fontSize="xs" color="fg.muted">
      run in Airflow
    </Link>
  </Stack>
);

export const JobList = ({ jobs, mayDownload, cancelling, onCancel, progressOf }: Props) => {
  if (!jobs.length) {
    return (
      <Text color="fg.muted">
        No jobs yet: exports and imports start on the Imports &amp; Exports tab, restores on the{" "}
        <Link href={fullPageUrl()}>classic page</Link>.
      </Text>
    );
  }
  return (
    <Table.ScrollArea borderWidth="1px" borderRadius="md">
      <Table.Root size="sm" data-testid="airvault-jobs">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader>Job</Table.ColumnHeader>
            <Table.ColumnHeader>State</Table.ColumnHeader>
            <Table.ColumnHeader>Asked by</Table.ColumnHeader>
            <Table.ColumnHeader textAlign="end">Records</Table.ColumnHeader>
            <Table.ColumnHeader>Result</Table.ColumnHeader>
            <Table.ColumnHeader>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.ColumnHeader>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {jobs.map((j) => {
            const words = stateWords(j);
            return (
              <Table.Row key={`${j.dag_id}/${j.run_id}`} data-run={j.run_id} data-state={j.state}>
                <Table.Cell maxW="20rem">
                  <Text fontSize="xs" color="fg.muted">
                    {jobKind(j.dag_id)}
                  </Text>
                  <Text wordBreak="break-word">{j.what}</Text>
                </Table.Cell>
                <Table.Cell>
                  <Badge colorPalette={words.palette}>{words.word}</Badge>
                  <Text fontSize="xs" color="fg.muted" title={when(j.state === "pending" ? j.run_after : j.ended)}>
                    {words.when}
                  </Text>
                  {j.state === "running" ? progressOf(j) : null}
                  {j.state === "cancelled" && j.note ? (
                    <Text fontSize="xs" color="fg.muted" wordBreak="break-word">
                      {j.note}
                    </Text>
                  ) : null}
                </Table.Cell>
                <Table.Cell wordBreak="break-word">{j.asked_by ?? "-"}</Table.Cell>
                <Table.Cell textAlign="end">{count(j.records)}</Table.Cell>
                <Table.Cell>
                  <Result job={j} mayDownload={mayDownload} />
                </Table.Cell>
                <Table.Cell>
                  {j.may_cancel ? (
                    <Button
                        size="xs"
                        variant="outline"
                        colorPalette="red"
                        loading={cancelling === j.run_id}
                        aria-label={`Cancel ${j.what}`}
                        onClick={() => onCancel(j)}
                      >
                        Cancel
                    </Button>
                  ) : null}
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table.Root>
    </Table.ScrollArea>
  );
};
