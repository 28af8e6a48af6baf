// Schedules: every airvault DAG by its name, its schedule in words (from the config file,
// edited or added on the page), next and last run, on / off, Run now (a form when its Params
// need values); the editor below the list; and "New schedule" for a job the config lacks.
import { Alert, Button, HStack, List, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";

import { get, post } from "../api/client";
import type { TabProps } from "../pages/BackupsPage";
import { type Row, type RunParams, type Triggered, useSchedules } from "../schedules/model";
import { NewScheduleForm } from "../schedules/NewScheduleForm";
import { RunForm } from "../schedules/RunForm";
import { ScheduleEditor } from "../schedules/ScheduleEditor";
import { ScheduleTable } from "../schedules/ScheduleTable";

type Panel = { edit: Row } | { run: RunParams; name: string } | { add: true } | null;
type Message = { text: string; failed: boolean } | null;

export const SchedulesTab = (_: TabProps) => {
  const { rows, settings, error, loading, reload } = useSchedules();
  const [panel, setPanel] = useState<Panel>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const done = (text: string, failed = false) => {
    setMessage({ text, failed });
    void reload();
    // Airflow shows a new schedule (or DAG) once its dag-processor has read the file again
    if (!failed) setTimeout(() => void reload(), 5000);
  };
  const acting = async (row: Row, action: () => Promise<string | null>) => {
    setBusy(row.dag_id);
    try {
      const text = await action();
      if (text) done(text);
    } catch (e) {
      setMessage({ text: (e as Error).message, failed: true });
    } finally {
      setBusy(null);
    }
  };
  const onSwitch = (row: Row) =>
    acting(row, async () => {
      await post("/api/schedules/{dag_id}/paused", { paused: !row.paused }, { dag_id: row.dag_id });
      return `${row.name} switched ${row.paused ? "on" : "off"}.`;
    });
  const onRun = (row: Row) =>
    acting(row, async () => {
      const form = await get("/api/schedules/{dag_id}/params", { dag_id: row.dag_id });
      if (form.params.some((p) => p.required)) {
        setPanel({ run: form, name: row.name });
        return null;
      }
      const r = await post<Triggered>("/api/schedules/{dag_id}/run", {}, { dag_id: row.dag_id });
      return `Started ${row.name}: run ${r.run_id} (${r.state})${r.notice ? `: ${r.notice}` : ""}.`;
    });
  const close = () => setPanel(null);
  return (
    <Stack gap={4}>
      <HStack justify="space-between" wrap="wrap" gap={2}>
        <Text color="fg.muted" fontSize="sm">
          Times are UTC unless a schedule names its time zone.
        </Text>
        {settings?.may_add ? (
          <Button size="sm" colorPalette="blue" onClick={() => setPanel({ add: true })}>
            New schedule
          </Button>
        ) : null}
      </HStack>
      {message ? (
        <Alert.Root status={message.failed ? "error" : "success"} role={message.failed ? "alert" : "status"} data-testid="airvault-schedules-message">
          <Alert.Indicator />
          <Alert.Title wordBreak="break-word">{message.text}</Alert.Title>
        </Alert.Root>
      ) : null}
      {error ? <Text color="fg.error">{error}</Text> : null}
      {settings?.problems.length ? (
        <Alert.Root status="warning" data-testid="airvault-schedule-problems">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>Schedule changes of the page not in effect (the config file's schedules are):</Alert.Title>
            <List.Root fontSize="sm" ps={4}>
              {settings.problems.map((p) => (
                <List.Item key={p} wordBreak="break-word">
                  {p}
                </List.Item>
              ))}
            </List.Root>
          </Alert.Content>
        </Alert.Root>
      ) : null}
      {loading && !rows.length ? <Text color="fg.muted">Loading…</Text> : null}
      {!loading && !rows.length && !error ? <Text color="fg.muted">No airvault DAGs visible to you.</Text> : null}
      {rows.length ? <ScheduleTable rows={rows} busy={busy} onSwitch={onSwitch} onRun={onRun} onEdit={(row) => setPanel({ edit: row })} /> : null}
      {panel && "edit" in panel ? <ScheduleEditor key={panel.edit.dag_id} row={panel.edit} done={done} close={close} /> : null}
      {panel && "run" in panel ? <RunForm key={panel.run.dag_id} form={panel.run} name={panel.name} done={done} close={close} /> : null}
      {panel && "add" in panel ? <NewScheduleForm modules={settings?.modules ?? []} done={done} close={close} /> : null}
    </Stack>
  );
};
