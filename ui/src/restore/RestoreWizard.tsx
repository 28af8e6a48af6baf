// The restore wizard: one backup (or a point in time) into a target, planned before it runs.
// The Backups tab opens it beside the row it came from; the Restore tab opens it with a picker.
import { Link, Text } from "@chakra-ui/react";

import { fullPageUrl } from "../api/client";

export type RestoreWizardProps = { backupUrl?: string; onClose?: () => void };

export const RestoreWizard = ({ backupUrl }: RestoreWizardProps) => (
  <Text>
    <Link href={fullPageUrl(backupUrl ? `restore=${encodeURIComponent(backupUrl)}` : "")}>Restore on the classic page…</Link>
  </Text>
);
