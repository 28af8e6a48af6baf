// The list: every airvault DAG by its name (its DAG id below), its schedule in words and where
// that comes from, next and last run, on / off ("manual" for a DAG without a schedule: no
// switch), and its actions: Run now, Edit… (the editor opens below the list).
import { Badge, Button, HStack, Link, Table, Text } from "@chakra-ui/react";

import { relative, when } from "../format";
import { inWords, origin, type Row } from "./model";

type Props = {
  rows: Row[];
  busy: string | null;
  onSwitch: (row: Row) => void;
  onRun: (row: Row) => void;
  onEdit: (row: Row) => void;
};

const OnOff = ({ row, busy, onSwitch }: { row: Row; busy: boolean; onSwitch: () => void }) => {
  if (!row.scheduled) return <Text color="fg.muted">manual</Text>;
  if (!row.may_switch) return <Badge colorPalette={row.paused ? "gray" : "green"}>{row.paused ? "off" : "on"}</Badge>;
  return (
    <Button size="xs" variant={row.paused ? "outline" : "solid"} colorPalette={row.paused ? "gray" : "green"} role="switch"
      aria-checked={!row.paused} aria-label={`${row.name} on`} disabled={busy} onClick={onSwitch}>
      {row.paused ? "off" : "on"}
    </Button>
  );
};

export const ScheduleTable = ({ rows, busy, onSwitch, onRun, onEdit }: Props) => (
  <Table.ScrollArea borderWidth="1px" borderRadius="md">
    <Table.Root size="sm" striped data-testid="airvault-schedules">
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeader>Job</Table.ColumnHeader>
          <Table.ColumnHeader>Schedule</Table.ColumnHeader>
          <Table.ColumnHeader>Next run</Table.ColumnHeader>
          <Table.ColumnHeader>Last run</Table.ColumnHeader>
          <Table.ColumnHeader>On</Table.ColumnHeader>
          <Table.ColumnHeader>Actions</Table.ColumnHeader>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.dag_id} data-dag={row.dag_id}>
            <Table.Cell maxW="18rem">
              <Text fontWeight="medium" wordBreak="break-word">
                {row.name}
              </Text>
              <Text fontSize="xs" color="fg.muted" wordBreak="break-all">
                {row.dag_id}
              </Text>
            </Table.Cell>
            <Table.Cell maxW="16rem">
              <Text wordBreak="break-word">{inWords(row)}</Text>
              {row.setting ? (
                <Text fontSize="xs" color={row.setting.source === "config" ? "fg.muted" : "fg.info"} title={when(row.setting.edited_at ?? row.setting.added_at)}>
                  {origin(row.setting)}
                </Text>
              ) : null}
            </Table.Cell>
            <Table.Cell>
              {row.scheduled && row.paused ? (
                <Text color="fg.muted">off</Text>
              ) : row.next_run ? (
                <Text title={when(row.next_run)}>{relative(row.next_run)}</Text>
              ) : (
                <Text color="fg.muted">-</Text>
              )}
            </Table.Cell>
            <Table.Cell>
              {row.last_run ? (
                <Text>
                  <Link href={row.last_run.link} colorPalette={row.last_run.state === "failed" ? "red" : "blue"}>
                    {row.last_run.state}
                  </Link>{" "}
                  <span title={when(row.last_run.when)}>{relative(row.last_run.when)}</span>
                </Text>
              ) : (
                <Text color="fg.muted">never run</Text>
              )}
            </Table.Cell>
            <Table.Cell>
              <OnOff row={row} busy={busy === row.dag_id} onSwitch={() => onSwitch(row)} />
            </Table.Cell>
            <Table.Cell>
              <HStack gap={1} wrap="wrap">
                {row.may_run ? (
                  <Button size="xs" variant="outline" aria-label={`Run now: ${row.name}`} disabled={busy === row.dag_id} onClick={() => onRun(row)}>
                    Run now
                  </Button>
                ) : null}
                {row.setting?.may_edit ? (
                  <Button size="xs" variant="outline" aria-label={`Edit the schedule of ${row.name}`} onClick={() => onEdit(row)}>
                    Edit…
                  </Button>
                ) : null}
              </HStack>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  </Table.ScrollArea>
);
