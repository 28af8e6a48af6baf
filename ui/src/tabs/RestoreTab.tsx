// Restore: a backup into a target through the wizard (a dry run's plan first), or the
// database as it was at a moment, picked on the timeline of bases, change segments and
// migrations. Who may not restore (a viewer) sees the timeline and no action.
import { Button, Heading, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";

import { useGet } from "../api/client";
import type { TabProps } from "../pages/BackupsPage";
import { PointInTime } from "../restore/PointInTime";
import { RestoreWizard } from "../restore/RestoreWizard";

type Open = { backupUrl?: string; until?: string };

export const RestoreTab = (_: TabProps) => {
  const backups = useGet("/api/backups", {}, 300);
  const [open, setOpen] = useState<Open>();
  const mayRestore = backups.data?.may.restore ?? false;
  return (
    <Stack gap={5} data-testid="airvault-restore-tab">
      <Stack gap={2}>
        <Heading size="md">Restore a backup</Heading>
        {backups.error ? <Text color="fg.error">{backups.error}</Text> : null}
        {open ? (
          <RestoreWizard backupUrl={open.backupUrl} until={open.until} onClose={() => setOpen(undefined)} />
        ) : mayRestore ? (
          <Stack gap={1} align="start">
            <Text color="fg.muted">A dry run plans the restore first; nothing is written until you confirm it.</Text>
            <Button size="sm" colorPalette="blue" onClick={() => setOpen({})}>
              Restore…
            </Button>
          </Stack>
        ) : backups.data ? (
          <Text color="fg.muted">Your role may see backups, not restore them.</Text>
        ) : null}
      </Stack>
      <Stack gap={2}>
        <Heading size="md">To a point in time</Heading>
        <PointInTime mayRestore={mayRestore} onRestore={(backupUrl, until) => setOpen({ backupUrl, until })} />
      </Stack>
    </Stack>
  );
};
