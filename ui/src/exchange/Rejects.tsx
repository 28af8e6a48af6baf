// An import's rejects as the backend reports them: every problem of every rejected row (a
// bad id, `maybe` for a boolean and a non-ISO date on one line are three), by line (the header
// is line 1), the table's column and the file's, the reason and the value as the file had it.
import { Table, Text } from "@chakra-ui/react";

import type { Reject, ReportCounts } from "./api";

export const Rejects = ({ rejects, counts }: { rejects: Reject[]; counts: ReportCounts }) => {
  if (!rejects.length) return null;
  const lines = new Set(rejects.map((r) => r.line)).size;
  return (
    <>
      <Table.ScrollArea borderWidth="1px" borderRadius="md">
        <Table.Root size="sm" data-testid="airvault-rejects">
          <Table.Caption captionSide="top" textAlign="start" color="fg.muted">
            Every problem of each rejected row
          </Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader textAlign="end">Line</Table.ColumnHeader>
              <Table.ColumnHeader>Column</Table.ColumnHeader>
              <Table.ColumnHeader>File column</Table.ColumnHeader>
              <Table.ColumnHeader>Problem</Table.ColumnHeader>
              <Table.ColumnHeader>Value</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rejects.map((r) => (
              <Table.Row key={`${r.line}/${r.column}/${r.reason}`} data-line={r.line}>
                <Table.Cell textAlign="end">{r.line}</Table.Cell>
                <Table.Cell wordBreak="break-word">{r.column}</Table.Cell>
                <Table.Cell wordBreak="break-word">{r.file_column}</Table.Cell>
                <Table.Cell wordBreak="break-word">{r.reason}</Table.Cell>
                <Table.Cell wordBreak="break-word">{r.value ?? ""}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </Table.ScrollArea>
      {lines < counts.rejected ? (
        <Text fontSize="sm" color="fg.muted">
          The first {lines} of {counts.rejected.toLocaleString("en-US")} rejected rows are shown; rejects.csv on the Jobs tab has them all.
        </Text>
      ) : null}
    </>
  );
};
