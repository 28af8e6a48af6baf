// What may be done to one backup, as the user's role allows (the `may` of /api/backups; each
// endpoint checks again): verify, download, restore, pin or unpin, delete. Viewers get none.
import { Button, HStack } from "@chakra-ui/react";

import { type BackupRow, airvaultUrl } from "../api/client";

export type May = { [action: string]: boolean | undefined };
export type Opened = "restore" | "delete" | undefined;

type Props = {
  row: BackupRow;
  may: May;
  opened: Opened;
  open: (what: Opened) => void;
  verify: () => void;
  togglePin: () => void;
  busy: boolean;
};

/** Download is a link (the browser saves the .tar the endpoint streams), styled as a button. */
const DownloadLink = ({ row }: { row: BackupRow }) => (
  <Button asChild size="xs" variant="outline">
    <a href={airvaultUrl(`/api/download?url=${encodeURIComponent(row.url ?? "")}`)} download aria-label={`Download ${row.label ?? row.id}`}>
      Download
    </a>
  </Button>
);

export const BackupActions = ({ row, may, opened, open, verify, togglePin, busy }: Props) => {
  if (!row.url) return null;
  const name = row.label ?? row.id;
  const toggle = (what: Opened) => open(opened === what ? undefined : what);
  return (
    <HStack wrap="wrap" gap={1} data-testid="airvault-backup-actions">
      {may.verify ? (
        <Button size="xs" variant="outline" onClick={verify} disabled={busy} aria-label={`Verify ${name}`}>
          Verify
        </Button>
      ) : null}
      {may.restore ? <DownloadLink row={row} /> : null}
      {may.restore && row.type === "backup" ? (
        <Button size="xs" variant={opened === "restore" ? "solid" : "outline"} onClick={() => toggle("restore")} aria-expanded={opened === "restore"} aria-label={`Restore ${name}`}>
          Restore…
        </Button>
      ) : null}
      {may.delete ? (
        <Button size="xs" variant="outline" onClick={togglePin} disabled={busy} aria-label={`${row.pinned ? "Unpin" : "Pin"} ${name}`}>
          {row.pinned ? "Unpin" : "Pin"}
        </Button>
      ) : null}
      {may.delete ? (
        <Button size="xs" variant="outline" colorPalette="red" onClick={() => toggle("delete")} aria-expanded={opened === "delete"} aria-label={`Delete ${name}`}>
          Delete…
        </Button>
      ) : null}
    </HStack>
  );
};
