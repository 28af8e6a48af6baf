// The "Backups" page in Airflow's navigation (and, with a DAG id, the Backups tab of a DAG's
// page): the verdict with its findings, protection per scope, and the history with labels.
import { Box, Button, Heading, HStack, Link, Stack, Text } from "@chakra-ui/react";

import { fullPageUrl, useGet } from "../api/client";
import { History } from "../components/History";
import { Protection } from "../components/Protection";
import { Verdict } from "../components/Verdict";
import { DagTab } from "./DagTab";

export type PluginProps = { dagId?: string; runId?: string; taskId?: string; mapIndex?: string };

const Overview = () => {
  const status = useGet("/api/status");
  const backups = useGet("/api/backups");
  const rows = backups.data?.backups ?? [];
  return (
    <Stack gap={5} p={{ base: 2, md: 4 }} data-testid="airvault-backups-page">
      <HStack justify="space-between" wrap="wrap" gap={2}>
        <Heading size="xl">Backups</Heading>
        <HStack gap={2} wrap="wrap">
          <Button asChild size="sm" variant="outline">
            <a href={fullPageUrl()}>Open the full Backups page</a>
          </Button>
        </HStack>
      </HStack>
      <Verdict status={status.data} error={status.error} />
      <Box as="section" aria-labelledby="airvault-protection">
        <Heading size="md" mb={2} id="airvault-protection">
          Protection per scope
        </Heading>
        {status.data ? <Protection status={status.data} rows={rows} /> : null}
      </Box>
      <Box as="section" aria-labelledby="airvault-history-title">
        <Heading size="md" mb={1} id="airvault-history-title">
          History
        </Heading>
        <Text fontSize="sm" color="fg.muted" mb={2}>
          {backups.data ? `Storage: ${backups.data.storage}. ` : ""}
          Download, verify, compare, delete, imports, exports and jobs are on the{" "}
          <Link href={fullPageUrl()} colorPalette="blue">
            full Backups page
          </Link>
          .
        </Text>
        {backups.error ? <Text color="fg.error">{backups.error}</Text> : null}
        {backups.data ? <History rows={rows} mayRestore={backups.data.may.restore ?? false} /> : null}
      </Box>
    </Stack>
  );
};

/** One component for both destinations: Airflow passes a dagId on a DAG's page. */
export const BackupsPage = ({ dagId }: PluginProps) => (dagId ? <DagTab dagId={dagId} /> : <Overview />);
