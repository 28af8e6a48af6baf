// Overview: the verdict with its findings, protection per scope (newest good backup, age
// against target, last drill, RPO where capture is on), and the storage trend by kind.
import { Box, Heading, Stack, Text } from "@chakra-ui/react";

import { useGet } from "../api/client";
import { Protection } from "../components/Protection";
import { StorageTrend } from "../components/StorageTrend";
import { Verdict } from "../components/Verdict";
import type { TabProps } from "../pages/BackupsPage";

export const OverviewTab = (_: TabProps) => {
  const status = useGet("/api/status");
  const backups = useGet("/api/backups");
  const rows = backups.data?.backups ?? [];
  return (
    <Stack gap={5} minW={0}>
      <Verdict status={status.data} error={status.error} />
      <Box as="section" aria-labelledby="airvault-protection">
        <Heading size="md" mb={2} id="airvault-protection">
          Protection per scope
        </Heading>
        {status.data ? <Protection status={status.data} rows={rows} /> : null}
      </Box>
      <Box as="section" aria-labelledby="airvault-trend" minW={0}>
        <Heading size="md" id="airvault-trend">
          Storage by kind
        </Heading>
        <Text fontSize="sm" color="fg.muted" mb={2}>
          The size of the backups kept, by the day they were taken.
        </Text>
        {backups.error ? <Text color="fg.error">{backups.error}</Text> : null}
        {backups.data ? <StorageTrend rows={rows} /> : null}
      </Box>
    </Stack>
  );
};
