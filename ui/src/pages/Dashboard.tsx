// The widget on Airflow's home page: the verdict and the newest good backup of each scope.
import { Box, Heading, Link, Stack, Table, Text } from "@chakra-ui/react";

import { airflowUrl, useGet } from "../api/client";
import { newestOf } from "../components/Protection";
import { Verdict } from "../components/Verdict";
import { relative, when } from "../format";

export const Dashboard = () => {
  const status = useGet("/api/status");
  const backups = useGet("/api/backups");
  const rows = backups.data?.backups ?? [];
  return (
    <Box borderWidth="1px" borderRadius="lg" p={4} mb={4} data-testid="airvault-dashboard">
      <Stack gap={3}>
        <Heading size="md">
          <Link href={airflowUrl("/plugin/backups")}>Backups</Link>
        </Heading>
        <Verdict status={status.data} error={status.error} />
        {status.data?.cards.length ? (
          <Table.Root size="sm">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeader>Scope</Table.ColumnHeader>
                <Table.ColumnHeader>Newest good backup</Table.ColumnHeader>
                <Table.ColumnHeader>Taken</Table.ColumnHeader>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {status.data.cards.map((card) => {
                const newest = newestOf(card, rows);
                return (
                  <Table.Row key={`${card.kind}/${card.scope}`}>
                    <Table.Cell>
                      {card.kind} · {card.scope}
                    </Table.Cell>
                    <Table.Cell>
                      {newest?.label ?? (card.newest ? "(not listed)" : <Text color="fg.muted">none yet</Text>)}
                    </Table.Cell>
                    <Table.Cell title={when(card.newest_at)}>{relative(card.newest_at)}</Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table.Root>
        ) : null}
      </Stack>
    </Box>
  );
};
