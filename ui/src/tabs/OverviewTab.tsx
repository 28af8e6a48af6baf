// Overview: the verdict with its findings, protection per scope (RPO, last drill), and the
// storage trend by kind.
import { Box, Heading, Stack } from "@chakra-ui/react";

import { useGet } from "../api/client";
import { Protection } from "../components/Protection";
import { Verdict } from "../components/Verdict";
import type { TabProps } from "../pages/BackupsPage";

export const OverviewTab = (_: TabProps) => {
  const status = useGet("/api/status");
  const backups = useGet("/api/backups");
  const rows = backups.data?.backups ?? [];
  return (
    <Stack gap={5}>
      <Verdict status={status.data} error={status.error} />
      <Box as="section" aria-labelledby="airvault-protection">
        <Heading size="md" mb={2} id="airvault-protection">
          Protection per scope
        </Heading>
        {status.data ? <Protection status={status.data} rows={rows} /> : null}
      </Box>
    </Stack>
  );
};
