// One backup of the Backups tab: label and note, what and when, size, verification and legal
// hold, the actions the role allows; the restore wizard and the delete confirmation open right
// below the row they came from. Long labels, scopes (a tenant's UUID) and ids wrap.
import { Badge, Box, Checkbox, Flex, HStack, Link, Stack, Text } from "@chakra-ui/react";
import { type ReactNode, useState } from "react";

import { type BackupRow, type Schemas, post } from "../api/client";
import { bytes, count, relative, when } from "../format";
import { RestoreWizard } from "../restore/RestoreWizard";
import { BackupActions, type May, type Opened } from "./BackupActions";
import { TypedConfirm } from "./TypedConfirm";

type Props = {
  row: BackupRow;
  may: May;
  picked: boolean;
  pick?: (on: boolean) => void; // undefined: this row cannot be compared
  changed: (notice?: string) => void; // the list is stale (pinned, deleted): what happened
};

const Verified = ({ row }: { row: BackupRow }) => {
  const palette = row.verified === "FAILED" ? "red" : row.verified === "-" ? "gray" : "green";
  const text: Record<string, string> = { "-": "not verified", yes: "verified", "drill ok": "verified by a drill", FAILED: "verification FAILED" };
  return <Badge colorPalette={palette}>{text[row.verified] ?? row.verified}</Badge>;
};

const Pinned = ({ row }: { row: BackupRow }) =>
  row.pinned ? (
    <Text fontSize="xs" color="fg.muted" wordBreak="break-word" data-testid="airvault-pinned">
      <Badge colorPalette="purple" mr={1}>
        pinned
      </Badge>
      {row.pinned.reason}
      {row.pinned.by ? ` · by ${row.pinned.by}` : ""}
      {row.pinned.pinned_at ? ` · ${when(row.pinned.pinned_at)}` : ""}
    </Text>
  ) : null;

export const BackupItem = ({ row, may, picked, pick, changed }: Props) => {
  const [opened, setOpened] = useState<Opened>();
  const [said, say] = useState<{ text: ReactNode; bad?: boolean }>();
  const [busy, setBusy] = useState(false);
  const name = row.label ?? row.id;
  const act = async (doing: () => Promise<void>) => {
    setBusy(true);
    try {
      await doing();
    } catch (e) {
      say({ text: (e as Error).message, bad: true });
    } finally {
      setBusy(false);
    }
  };
  const verify = () =>
    act(async () => {
      const run = await post<Schemas["Triggered"]>("/api/verify", { url: row.url });
      say({
        text: (
          <>
            Verifying: run{" "}
            <Link href={run.link} colorPalette="blue" wordBreak="break-all" data-testid="airvault-run-link">
              {run.run_id}
            </Link>{" "}
            ({run.state})
          </>
        ),
      });
    });
  const togglePin = () =>
    act(async () => {
      const state = await post<Schemas["PinState"]>("/api/pin", { url: row.url, pinned: !row.pinned });
      say({ text: state.pinned ? "Pinned: retention and deletions leave it alone." : "Unpinned." });
      changed();
    });
  const remove = async (reason: string) => {
    await post("/api/delete", { url: row.url, reason });
    setOpened(undefined);
    changed(`Deleted ${name} (${row.kind} · ${row.scope}); the deletion log keeps who, when and why.`);
  };
  return (
    <Box as="li" listStyleType="none" borderWidth="1px" borderRadius="md" p={2} data-testid="airvault-backup" data-id={row.id} data-url={row.url ?? ""}>
      <Flex wrap="wrap" gap={2} align="start">
        {pick ? (
          <Checkbox.Root size="sm" checked={picked} onCheckedChange={(e) => pick(!!e.checked)} mt={1}>
            <Checkbox.HiddenInput aria-label={`Compare ${name}`} />
            <Checkbox.Control />
          </Checkbox.Root>
        ) : null}
        <Stack gap={0} flex="1 1 18rem" minW={0}>
          <Text fontWeight="medium" wordBreak="break-word" title={row.url ?? undefined}>
            {name}
          </Text>
          {row.note ? (
            <Text fontSize="sm" color="fg.muted" wordBreak="break-word">
              {row.note}
            </Text>
          ) : null}
          <Text fontSize="xs" color="fg.muted" overflowWrap="anywhere">
            {row.kind} · {row.scope} · <span title={when(row.started_at)}>{relative(row.started_at)}</span> · {count(row.rows)} rows · {bytes(row.bytes)} · id {row.id}
            {row.app_version ? ` · app ${row.app_version}` : ""}
          </Text>
          <Pinned row={row} />
        </Stack>
        <Stack gap={1} align="end" flex="0 1 auto" minW={0}>
          <HStack gap={1} wrap="wrap" justify="end">
            <Verified row={row} />
            {row.drill ? <Badge colorPalette={row.drill.ok ? "green" : "red"}>drill {row.drill.ok ? "passed" : "failed"}</Badge> : null}
          </HStack>
          <BackupActions row={row} may={may} opened={opened} open={setOpened} verify={verify} togglePin={togglePin} busy={busy} />
        </Stack>
      </Flex>
      {said ? (
        <Text fontSize="sm" mt={1} color={said.bad ? "fg.error" : undefined} role={said.bad ? "alert" : "status"} wordBreak="break-word" data-testid="airvault-backup-said">
          {said.text}
        </Text>
      ) : null}
      {opened === "restore" && row.url ? (
        <Box mt={2} data-testid="airvault-row-restore">
          <RestoreWizard backupUrl={row.url} onClose={() => setOpened(undefined)} />
        </Box>
      ) : null}
      {opened === "delete" ? (
        <Box mt={2}>
          <TypedConfirm what={name} word={row.id} onConfirm={remove} onCancel={() => setOpened(undefined)} />
        </Box>
      ) : null}
    </Box>
  );
};
