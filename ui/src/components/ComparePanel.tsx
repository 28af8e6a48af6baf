// Compare two backups: the backup_diff DAG's run, followed until it ends, then its summary
// (rows added, removed and changed per table, columns changed, schema differences), as the
// classic page shows it.
import { Box, CloseButton, HStack, Link, Table, Text } from "@chakra-ui/react";
import { useEffect, useState } from "react";

import { type BackupRow, type Schemas, get, post } from "../api/client";
import { when } from "../format";

type Triggered = Schemas["Triggered"];
type TableDiff = { added: number; removed: number; changed: number; columns_changed: Record<string, unknown> };
type Diff = { tables: Record<string, TableDiff>; schema: string[] };

const ENDED = ["success", "failed"];

/** A label says when already (the default one to the second); an id alone does not. */
const name = (r: BackupRow) => r.label ?? `${r.id} (${when(r.started_at)})`;

const DiffTable = ({ diff }: { diff: Diff }) => {
  const changed = Object.entries(diff.tables).filter(([, d]) => d.added || d.removed || d.changed);
  return (
    <>
      <Table.ScrollArea borderWidth="1px" borderRadius="md" my={2}>
        <Table.Root size="sm" data-testid="airvault-diff">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Table</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Added</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Removed</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Changed</Table.ColumnHeader>
              <Table.ColumnHeader>Columns changed</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {changed.length ? (
              changed.map(([table, d]) => (
                <Table.Row key={table}>
                  <Table.Cell wordBreak="break-word">{table}</Table.Cell>
                  <Table.Cell textAlign="end">{d.added}</Table.Cell>
                  <Table.Cell textAlign="end">{d.removed}</Table.Cell>
                  <Table.Cell textAlign="end">{d.changed}</Table.Cell>
                  <Table.Cell wordBreak="break-word">{Object.keys(d.columns_changed).join(", ")}</Table.Cell>
                </Table.Row>
              ))
            ) : (
              <Table.Row>
                <Table.Cell colSpan={5}>No row differences.</Table.Cell>
              </Table.Row>
            )}
          </Table.Body>
        </Table.Root>
      </Table.ScrollArea>
      <Text fontSize="sm">Schema: {diff.schema.length ? diff.schema.join("; ") : "identical"}</Text>
    </>
  );
};

/** `older` and `newer`: the two picked backups, the older first (the diff reads from it). */
export const ComparePanel = ({ older, newer, onClose }: { older: BackupRow; newer: BackupRow; onClose: () => void }) => {
  const [run, setRun] = useState<Triggered>();
  const [state, setState] = useState("starting");
  const [diff, setDiff] = useState<Diff>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let stopped = false;
    const follow = async (started: Triggered) => {
      while (!stopped) {
        const r = await get("/api/runs/{dag_id}/{run_id}", { dag_id: started.dag_id, run_id: started.run_id });
        setState(r.state);
        if (ENDED.includes(r.state)) return setDiff((r.diff as Diff | null) ?? undefined);
        await new Promise((ok) => setTimeout(ok, 2000));
      }
    };
    post<Triggered>("/api/diff", { a: older.url, b: newer.url })
      .then((started) => {
        setRun(started);
        return follow(started);
      })
      .catch((e: Error) => setError(e.message));
    return () => {
      stopped = true;
    };
  }, [older.url, newer.url]);
  return (
    <Box borderWidth="1px" borderRadius="md" p={3} data-testid="airvault-compare" aria-live="polite">
      <HStack justify="space-between" align="start">
        <Text fontWeight="semibold" wordBreak="break-word">
          {diff ? "From" : "Comparing"} {name(older)} {diff ? "to" : "with"} {name(newer)}
          {run ? (
            <>
              {" · "}
              <Link href={run.link} colorPalette="blue" wordBreak="break-all">
                run {run.run_id}
              </Link>{" "}
              ({state})
            </>
          ) : null}
        </Text>
        <CloseButton size="sm" aria-label="Close the comparison" onClick={onClose} />
      </HStack>
      {error ? <Text color="fg.error" wordBreak="break-word">{error}</Text> : null}
      {diff ? <DiffTable diff={diff} /> : null}
      {state === "failed" && !diff ? <Text color="fg.error">The comparison failed: its run's log says why.</Text> : null}
    </Box>
  );
};
