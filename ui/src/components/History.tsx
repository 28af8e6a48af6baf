// Backups history: label and note, kind and scope, when, size, verification and last drill;
// a restore opens the full Backups page's wizard on that backup (the React app reads, the
// full page acts, until every action is rebuilt here).
import { Badge, Link, Table, Text } from "@chakra-ui/react";

import { type BackupRow, fullPageUrl } from "../api/client";
import { bytes, count, relative, when } from "../format";

const Verified = ({ row }: { row: BackupRow }) => {
  const palette = row.verified === "FAILED" ? "red" : row.verified === "-" ? "gray" : "green";
  return <Badge colorPalette={palette}>{row.verified === "-" ? "not yet" : row.verified}</Badge>;
};

type Props = { rows: BackupRow[]; mayRestore: boolean; empty?: string; showScope?: boolean };

/** `showScope` false: every row is of one kind and scope (a DAG's tab says which above). */
export const History = ({ rows, mayRestore, empty = "No backup yet.", showScope = true }: Props) => {
  if (!rows.length) return <Text color="fg.muted">{empty}</Text>;
  return (
    <Table.ScrollArea borderWidth="1px" borderRadius="md">
      <Table.Root size="sm" striped data-testid="airvault-history">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader>Backup</Table.ColumnHeader>
            {showScope ? <Table.ColumnHeader>Kind · scope</Table.ColumnHeader> : null}
            <Table.ColumnHeader>Taken</Table.ColumnHeader>
            <Table.ColumnHeader textAlign="end">Rows</Table.ColumnHeader>
            <Table.ColumnHeader textAlign="end">Size</Table.ColumnHeader>
            <Table.ColumnHeader>Verified</Table.ColumnHeader>
            <Table.ColumnHeader>Actions</Table.ColumnHeader>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((r) => (
            <Table.Row key={r.url ?? r.id}>
              <Table.Cell maxW="22rem">
                <Text fontWeight="medium" wordBreak="break-word">
                  {r.label ?? r.id}
                </Text>
                {r.note ? (
                  <Text fontSize="xs" color="fg.muted" wordBreak="break-word">
                    {r.note}
                  </Text>
                ) : null}
              </Table.Cell>
              {showScope ? (
                <Table.Cell>
                  {r.kind} · {r.scope}
                </Table.Cell>
              ) : null}
              <Table.Cell title={when(r.started_at)}>{relative(r.started_at)}</Table.Cell>
              <Table.Cell textAlign="end">{count(r.rows)}</Table.Cell>
              <Table.Cell textAlign="end">{bytes(r.bytes)}</Table.Cell>
              <Table.Cell>
                <Verified row={r} />
                {r.drill ? (
                  <Text fontSize="xs" color={r.drill.ok ? "fg.muted" : "fg.error"}>
                    drill {r.drill.ok ? "passed" : "failed"}
                  </Text>
                ) : null}
              </Table.Cell>
              <Table.Cell>
                {r.type === "backup" && r.url && mayRestore ? (
                  <Link href={fullPageUrl(`restore=${encodeURIComponent(r.url)}`)} colorPalette="blue">
                    Restore…
                  </Link>
                ) : (
                  <Text color="fg.muted">-</Text>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </Table.ScrollArea>
  );
};
