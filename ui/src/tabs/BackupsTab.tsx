// Backups: the history with labels and notes, and the actions on a backup.
import { Stack, Text } from "@chakra-ui/react";

import { useGet } from "../api/client";
import { History } from "../components/History";
import type { TabProps } from "../pages/BackupsPage";

export const BackupsTab = (_: TabProps) => {
  const backups = useGet("/api/backups");
  return (
    <Stack gap={3}>
      {backups.data ? <Text fontSize="sm" color="fg.muted">Storage: {backups.data.storage}</Text> : null}
      {backups.error ? <Text color="fg.error">{backups.error}</Text> : null}
      {backups.data ? <History rows={backups.data.backups} mayRestore={backups.data.may.restore ?? false} /> : null}
    </Stack>
  );
};
