// The editor below the list: one DAG's schedule (a preset at a time or a cron, in a time
// zone), its backups' retention, on / off; saved as an edit over the config (revert drops
// it), or, for a job added on the page, as its own schedule (remove drops the job).
import { Box, Button, Heading, HStack, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";

import { post } from "../api/client";
import { when } from "../format";
import { type Row, type SettingSaved, timingBody, timingOf, useShown } from "./model";
import { Retention, type Rule, setRules } from "./Retention";
import { ScheduleFields } from "./ScheduleFields";

type Props = { row: Row; done: (message: string, failed?: boolean) => void; close: () => void };

const savedWords = (r: SettingSaved) =>
  `${r.setting.name}: saved, ${r.setting.cron ?? "manual"}${r.setting.cron ? ` (${r.setting.timezone})` : ""}; Airflow applies it when it has re-read the DAG file (seconds).${r.notes.map((n) => ` ${n}`).join("")}`;

export const ScheduleEditor = ({ row, done, close }: Props) => {
  const shown = useShown();
  const s = row.setting!;
  const [timing, setTiming] = useState(() => timingOf(s.cron, s.preset, s.timezone));
  const [rule, setRule] = useState<Rule>(() => setRules(s.retention));
  const [enabled, setEnabled] = useState(!row.paused);
  const [busy, setBusy] = useState(false);
  const act = async (path: Parameters<typeof post>[0], body: unknown, words: (r: SettingSaved) => string) => {
    setBusy(true);
    try {
      done(words(await post<SettingSaved>(path, body, { dag_id: s.dag_id })));
      close();
    } catch (e) {
      done((e as Error).message, true);
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    // the config's rule stays the config's unless changed here
    const same = JSON.stringify(rule) === JSON.stringify(setRules(s.config_retention));
    const retention = s.retention_scope && Object.keys(rule).length && (s.source === "added" || !same) ? rule : null;
    const body = { ...timingBody(timing), retention, enabled: row.scheduled || timing.preset !== "manual" ? enabled : null };
    void act("/api/schedule-settings/{dag_id}", body, savedWords);
  };
  const from =
    s.source === "added"
      ? `Added on the page by ${s.added_by} at ${when(s.added_at)}${s.edited_by ? `; changed by ${s.edited_by} at ${when(s.edited_at)}` : ""}. Not in the config file.`
      : s.source === "edit"
        ? `Edited by ${s.edited_by} at ${when(s.edited_at)}; the config (${s.key}) says ${s.config_cron ?? "manual"}.`
        : `From the config: ${s.key} = ${s.config_cron ?? "null (manual)"}. Saving records an edit over it.`;
  return (
    <Box as="section" aria-labelledby="airvault-editor-title" borderWidth="1px" borderRadius="md" p={3} bg="bg.subtle" data-testid="airvault-schedule-editor" ref={shown}>
      <Stack gap={3}>
        <Heading size="sm" id="airvault-editor-title">
          Schedule of {s.name}
        </Heading>
        <Text fontSize="sm" color="fg.muted">
          {from}
        </Text>
        <ScheduleFields value={timing} onChange={setTiming} manual={s.kind !== "export"} idPrefix="edit" />
        {s.retention_scope ? (
          <Retention scope={s.retention_scope} value={rule} onChange={setRule} note={s.kind === "full" ? "both full backup DAGs take these" : undefined} />
        ) : null}
        <HStack gap={2} wrap="wrap">
          <Text as="label" fontSize="sm">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> on (not paused)
          </Text>
        </HStack>
        <HStack gap={2} wrap="wrap">
          <Button size="sm" colorPalette="blue" onClick={save} loading={busy}>
            Save schedule
          </Button>
          <Button size="sm" variant="outline" onClick={close}>
            Cancel
          </Button>
          {s.source === "edit" ? (
            <Button size="sm" variant="outline" disabled={busy}
              onClick={() => void act("/api/schedule-settings/{dag_id}/revert", {}, (r) => `${s.name}: back to the config's schedule (${r.setting.cron ?? "manual"}).${r.notes.map((n) => ` ${n}`).join("")}`)}>
              Revert to config
            </Button>
          ) : null}
          {s.source === "added" ? (
            <Button size="sm" variant="outline" colorPalette="red" disabled={busy}
              onClick={() => void act("/api/schedule-settings/{dag_id}/remove", {}, (r) => `${s.name}: removed, and its DAG from Airflow (the backups it took stay).${r.notes.map((n) => ` ${n}`).join("")}`)}>
              Remove this schedule
            </Button>
          ) : null}
        </HStack>
      </Stack>
    </Box>
  );
};
