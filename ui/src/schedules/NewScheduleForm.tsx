// "New schedule": a job the config file does not have, added on the page (a module backup of
// a declared module, a tenant backup, a pg_dump archive, a recurring export), each a new DAG
// on its own schedule. The server checks it by the config's rules (400 naming the field).
import { Box, Button, Field, Heading, HStack, Input, NativeSelect, Stack, Text } from "@chakra-ui/react";
import { useEffect, useState } from "react";

import { get, post } from "../api/client";
import { type NewSchedule, type SettingSaved, timingBody, timingOf, useShown } from "./model";
import { Retention, type Rule } from "./Retention";
import { ScheduleFields } from "./ScheduleFields";

const KINDS = [
  { value: "tenant", label: "Tenant backup", prefix: "tenant_backup_" },
  { value: "module", label: "Module backup", prefix: "module_backup_" },
  { value: "archive", label: "Archive (pg_dump)", prefix: "pg_dump_archive_" },
  { value: "export", label: "Recurring export", prefix: "export_" },
] as const;
type Kind = (typeof KINDS)[number]["value"];
const FORMATS = ["csv", "json", "parquet", "xlsx", "pdf"];

type Props = { modules: string[]; done: (message: string, failed?: boolean) => void; close: () => void };

const Select = ({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: string[]; onChange: (v: string) => void }) => (
  <Field.Root w="auto">
    <Field.Label htmlFor={id}>{label}</Field.Label>
    <NativeSelect.Root size="sm" w="12rem">
      <NativeSelect.Field id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </NativeSelect.Field>
      <NativeSelect.Indicator />
    </NativeSelect.Root>
  </Field.Root>
);

export const NewScheduleForm = ({ modules, done, close }: Props) => {
  const shown = useShown();
  const [kind, setKind] = useState<Kind>("tenant");
  const [name, setName] = useState("");
  const [module, setModule] = useState(modules[0] ?? "");
  const [tenant, setTenant] = useState("");
  const [datasets, setDatasets] = useState<string[]>(modules);
  const [dataset, setDataset] = useState(modules[0] ?? "");
  const [format, setFormat] = useState("csv");
  const [readable, setReadable] = useState(true);
  const [exportZone, setExportZone] = useState("UTC");
  const [timing, setTiming] = useState(() => timingOf("0 2 * * *", "daily", "UTC"));
  const [rule, setRule] = useState<Rule>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // every declared dataset (modules and tables), as the export form offers them
    get("/api/exports/options")
      .then((o) => setDatasets([...o.modules.map((m) => m.name), ...Object.keys(o.tables)]))
      .catch(() => undefined); // the config's modules stay the choices
  }, []);
  const prefix = KINDS.find((k) => k.value === kind)!.prefix;
  const create = async () => {
    const body: NewSchedule = {
      ...timingBody(timing),
      kind,
      name: name.trim(),
      module: kind === "module" ? module : null,
      tenant: kind === "tenant" ? tenant.trim() : null,
      dataset: kind === "export" ? dataset : null,
      format,
      readable,
      export_timezone: exportZone.trim() || "UTC",
      retention: (kind === "tenant" || kind === "module") && Object.keys(rule).length ? rule : null,
    };
    setBusy(true);
    try {
      const r = await post<SettingSaved>("/api/schedule-settings", body);
      done(`${r.setting.name}: added (${r.setting.cron ?? "manual"}${r.setting.cron ? `, ${r.setting.timezone}` : ""}); its DAG ${r.setting.dag_id} appears when Airflow has read its file (seconds).${r.notes.map((n) => ` ${n}`).join("")}`);
      close();
    } catch (e) {
      done((e as Error).message, true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box as="section" aria-labelledby="airvault-new-title" borderWidth="1px" borderRadius="md" p={3} bg="bg.subtle" data-testid="airvault-new-schedule" ref={shown}>
      <form onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <Stack gap={3}>
          <Heading size="sm" id="airvault-new-title">
            New schedule
          </Heading>
          <Text fontSize="sm" color="fg.muted">
            Added on the page, beside the config file's schedules (kept in the schedule edits file with who and when).
          </Text>
          <HStack gap={3} wrap="wrap" align="end">
            <Field.Root w="auto">
              <Field.Label htmlFor="new-kind">Kind</Field.Label>
              <NativeSelect.Root size="sm" w="12rem">
                <NativeSelect.Field id="new-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                  {KINDS.map((k) => (
                    <option key={k.value} value={k.value}>
                      {k.label}
                    </option>
                  ))}
                </NativeSelect.Field>
                <NativeSelect.Indicator />
              </NativeSelect.Root>
            </Field.Root>
            <Field.Root w="auto">
              <Field.Label htmlFor="new-name">Name</Field.Label>
              <Input id="new-name" size="sm" w="12rem" required value={name} placeholder="e.g. acme_nightly" onChange={(e) => setName(e.target.value)} />
              <Field.HelperText>DAG id: {prefix}{name.trim() || "<name>"}</Field.HelperText>
            </Field.Root>
            {kind === "module" ? <Select id="new-module" label="Module" value={module} options={modules} onChange={setModule} /> : null}
            {kind === "tenant" ? (
              <Field.Root w="auto">
                <Field.Label htmlFor="new-tenant">Tenant id</Field.Label>
                <Input id="new-tenant" size="sm" w="20rem" required value={tenant} onChange={(e) => setTenant(e.target.value)} />
              </Field.Root>
            ) : null}
            {kind === "export" ? (
              <>
                <Select id="new-dataset" label="Dataset" value={dataset} options={datasets} onChange={setDataset} />
                <Select id="new-format" label="Format" value={format} options={FORMATS} onChange={setFormat} />
                <Field.Root w="auto">
                  <Field.Label htmlFor="new-export-zone">Times shown in</Field.Label>
                  <Input id="new-export-zone" size="sm" w="12rem" list="new-zones" value={exportZone} onChange={(e) => setExportZone(e.target.value)} />
                </Field.Root>
                <Text as="label" fontSize="sm">
                  <input type="checkbox" checked={readable} onChange={(e) => setReadable(e.target.checked)} /> readable (display names, local times)
                </Text>
              </>
            ) : null}
          </HStack>
          <ScheduleFields value={timing} onChange={setTiming} manual={kind !== "export"} idPrefix="new" />
          {kind === "tenant" || kind === "module" ? (
            <Retention scope={`${kind}/${kind === "module" ? module : name.trim() || "<name>"}`} value={rule} onChange={setRule} note="empty: the config's rules" />
          ) : null}
          <HStack gap={2}>
            <Button type="submit" size="sm" colorPalette="blue" loading={busy}>
              Add schedule
            </Button>
            <Button size="sm" variant="outline" onClick={close}>
              Cancel
            </Button>
          </HStack>
        </Stack>
      </form>
    </Box>
  );
};
