// The import form: upload a CSV (kept under the storage root), choose the table and a saved
// mapping (or map each column), save the mapping as a named template, dry run (nothing is
// written; every problem of every rejected row is listed), then import now or later.
import { Box, Button, Field, Heading, HStack, Input, Stack, Text } from "@chakra-ui/react";
import { type FormEvent, useEffect, useRef, useState } from "react";

import { get, post } from "../api/client";
import { when } from "../format";
import { type CsvPreview, follow, type ImportReport, type SavedMapping, type Triggered, uploadCsv, utcIso } from "./api";
import { ImportMapping } from "./ImportMapping";
import { ImportResult } from "./ImportResult";
import { Said, type Saying } from "./Said";
import { SaveAs } from "./SaveAs";
import { Picker } from "./Picker";

/** The table whose columns the file's (after a fitting saved mapping) match best. */
const bestTable = (u: CsvPreview, fit?: SavedMapping): string => {
  const names = u.columns.map((c) => fit?.mapping[c] ?? c);
  const score = (t: string) => names.filter((name) => u.tables[t].includes(name)).length;
  return Object.keys(u.tables).sort((a, b) => score(b) - score(a))[0] ?? "";
};

const MODES = { upsert: "upsert", insert: "insert", "update-only": "update-only" };
const POLICIES = { atomic: "reject the whole file", skip: "skip them, import the rest" };

export const ImportForm = () => {
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<CsvPreview | null>(null);
  const [table, setTable] = useState("");
  const [template, setTemplate] = useState("");
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [mode, setMode] = useState("upsert");
  const [policy, setPolicy] = useState("atomic");
  const [saveAs, setSaveAs] = useState("");
  const [said, say] = useState<Saying>(null);
  const [result, setResult] = useState<{ report: ImportReport; dryRun: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);

  const applyMapping = (u: CsvPreview, name: string) => {
    setTemplate(name);
    setMapping({ ...(u.mappings.find((m) => m.name === name)?.mapping ?? {}) });
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return say({ ok: false, text: "Choose a .csv file first." });
    setBusy(true);
    setResult(null);
    try {
      const u = await uploadCsv(file);
      const fit = u.mappings.find((m) => m.fits);
      setUpload(u);
      applyMapping(u, fit?.name ?? "");
      setTable(bestTable(u, fit));
      say({ ok: true, text: `${u.name}: ${u.columns.length} columns. Check the mapping, then a dry run.` });
    } catch (err) {
      say({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const run = async (dryRun: boolean, at: string) => {
    if (!upload) return;
    setBusy(true);
    const full = Object.fromEntries(upload.columns.map((c) => [c, mapping[c] ?? c]));
    try {
      const body = { file: upload.file, table, mapping: full, template, mode, policy, dry_run: dryRun, run_after: utcIso(at) };
      const started = await post<Triggered>("/api/imports", body);
      if (at) {
        say({ ok: true, text: `Import scheduled for ${when(started.run_after)}: it waits on the Jobs tab, where it can be cancelled.` });
        return;
      }
      say({ ok: true, text: `${dryRun ? "Dry run" : "Import"} running…` });
      const report = await follow(
        () => get("/api/imports/{run_id}", { run_id: started.run_id }),
        (r) => ["success", "failed"].includes(r.state),
        () => mounted.current,
        3000,
      );
      say(null);
      setResult({ report, dryRun });
    } catch (err) {
      say({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const saveMapping = async () => {
    if (!upload) return;
    const full = Object.fromEntries(upload.columns.map((c) => [c, mapping[c] ?? c]));
    try {
      const saved = await post<SavedMapping>("/api/imports/templates", { name: saveAs, table, mapping: full });
      const mappings = [...upload.mappings.filter((m) => m.name !== saved.name), { ...saved, fits: true }];
      setUpload({ ...upload, mappings });
      setTemplate(saved.name);
      setSaveAs("");
      say({ ok: true, text: `Saved the mapping ${saved.name}: offered for the next file too.` });
    } catch (err) {
      say({ ok: false, text: (err as Error).message });
    }
  };

  return (
    <Stack gap={3} data-testid="airvault-import-form">
      <Heading size="md" as="h3">
        Import a CSV
      </Heading>
      <Box as="form" onSubmit={send}>
        <HStack gap={3} wrap="wrap" align="end">
          <Field.Root w="auto">
            <Field.Label>CSV file</Field.Label>
            <Input size="sm" type="file" accept=".csv,text/csv" p={1} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </Field.Root>
          <Button type="submit" size="sm" variant="outline" loading={busy && !upload}>
            Upload and map columns
          </Button>
        </HStack>
      </Box>
      {upload ? (
        <>
          <HStack gap={3} wrap="wrap" align="end">
            {Object.keys(upload.tables).length ? (
              <Picker label="Into table" value={table} choices={Object.fromEntries(Object.keys(upload.tables).map((t) => [t, t]))} change={setTable} />
            ) : (
              <Field.Root w="auto">
                <Field.Label>Into table</Field.Label>
                <Input size="sm" placeholder="schema.table" value={table} onChange={(e) => setTable(e.target.value)} />
              </Field.Root>
            )}
            <Picker
              label="Saved mapping"
              value={template}
              choices={{ "": "none", ...Object.fromEntries(upload.mappings.map((m) => [m.name, `${m.name}${m.fits ? " (fits this file)" : ""}`])) }}
              change={(name) => applyMapping(upload, name)}
            />
            <Picker label="Mode" value={mode} choices={MODES} change={setMode} />
            <Picker label="Bad rows" value={policy} choices={POLICIES} change={setPolicy} />
          </HStack>
          <ImportMapping
            columns={upload.columns}
            sample={upload.sample ?? []}
            tableColumns={upload.tables[table]}
            mapping={mapping}
            change={(c, t) => setMapping((m) => ({ ...m, [c]: t }))}
          />
          <HStack gap={3} wrap="wrap" align="end">
            <Button size="sm" colorPalette="blue" loading={busy} onClick={() => run(true, "")}>
              Dry run
            </Button>
            <SaveAs label="Save this mapping as" button="Save mapping" name={saveAs} change={setSaveAs} save={saveMapping} />
          </HStack>
        </>
      ) : (
        <Text fontSize="sm" color="fg.muted">
          A dry run checks every row and writes nothing; the import then runs in one transaction.
        </Text>
      )}
      <Said said={said} testId="airvault-import-said" />
      {result ? <ImportResult result={result.report} dryRun={result.dryRun} run={run} busy={busy} /> : null}
    </Stack>
  );
};
