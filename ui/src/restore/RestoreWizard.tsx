// The restore wizard: one backup (or a point in time after it) into a target, planned by a dry
// run before anything is written, then run with RESTORE typed, followed step by step, ending
// with the safety backup and the undo. The same endpoints as the classic page's wizard
// (routes/restore.py): /api/restore/options, POST /api/restore, /api/restore/{run_id}.
// The Backups tab opens it beside a row (backupUrl); the Restore tab with a picker or a point.
import { Box, Button, Code, HStack, Heading, Input, Link, NativeSelect, Stack, Text } from "@chakra-ui/react";
import { useEffect, useRef, useState } from "react";

import { get, post, useGet } from "../api/client";
import { count } from "../format";
import { type Choice, Choices, firstChoice } from "./Choices";
import { Failure, PlanTable, REACHED, Replayed, Steps } from "./Plan";
import { Undo } from "./Undo";
import { type PlanDoc, type RestoreOptions, type RestoreProgress, type Triggered, follow, pointOf, withQuery } from "./api";

export type RestoreWizardProps = { backupUrl?: string; onClose?: () => void; until?: string };

export const RestoreWizard = ({ backupUrl, onClose, until }: RestoreWizardProps) => {
  const [url, setUrl] = useState(backupUrl ?? "");
  const [preset, setPreset] = useState<Partial<Choice>>({});
  useEffect(() => setUrl(backupUrl ?? ""), [backupUrl]);
  const restart = (next: string, keep: Partial<Choice>) => {
    setPreset(keep);
    setUrl(next);
  };
  return (
    <Stack gap={3} borderWidth="1px" borderRadius="md" p={3} data-testid="airvault-restore-wizard" aria-label="Restore wizard" role="region">
      <HStack justify="space-between" wrap="wrap">
        <Heading size="md">Restore</Heading>
        {onClose ? (
          <Button size="sm" variant="ghost" onClick={onClose}>
            Close the wizard
          </Button>
        ) : null}
      </HStack>
      {url ? <Flow key={`${url} ${until ?? ""}`} url={url} until={until} preset={preset} restart={restart} /> : <Picker onPick={(u) => restart(u, {})} />}
    </Stack>
  );
};

/** No backup given: choose one of the storage root's backups (the newest first). */
const Picker = ({ onPick }: { onPick: (url: string) => void }) => {
  const listed = useGet("/api/backups", {}, 300);
  const backups = (listed.data?.backups ?? []).filter((b) => b.type === "backup" && b.url);
  const [chosen, setChosen] = useState("");
  if (listed.error) return <Text color="fg.error">{listed.error}</Text>;
  if (!listed.data) return <Text color="fg.muted">Reading the backups…</Text>;
  if (!backups.length) return <Text color="fg.muted">No backup to restore yet.</Text>;
  const value = chosen || (backups[0].url as string);
  return (
    <HStack wrap="wrap">
      <NativeSelect.Root size="sm" maxW="36rem">
        <NativeSelect.Field aria-label="Backup to restore" value={value} onChange={(e) => setChosen(e.currentTarget.value)}>
          {backups.map((b) => (
            <option key={b.url as string} value={b.url as string}>
              {b.label ?? b.id} ({b.kind} · {b.scope}, {count(b.rows)} rows)
            </option>
          ))}
        </NativeSelect.Field>
        <NativeSelect.Indicator />
      </NativeSelect.Root>
      <Button size="sm" onClick={() => onPick(value)}>
        Choose this backup
      </Button>
    </HStack>
  );
};

type Phase = "choose" | "planning" | "planned" | "restoring" | "done" | "stuck";

type FlowProps = { url: string; until?: string; preset: Partial<Choice>; restart: (url: string, keep: Partial<Choice>) => void };

const request = (url: string, copy: string, c: Choice, dryRun: boolean, confirm = "") => ({
  url,
  copy,
  mode: c.mode,
  target_conn_id: c.target,
  allow_cascade: c.cascade,
  module: c.scope === "module" ? c.module : "",
  tables: c.scope === "tables" ? c.tables.join(",") : "",
  dry_run: dryRun,
  confirm,
  until: c.when === "pit" ? pointOf(c.until) || "latest" : "",
  tenant: c.when === "pit" ? c.tenant.trim() : "",
});

const scopeText = (c: Choice): string => {
  const what = c.scope === "module" ? `module ${c.module}` : c.scope === "tables" ? c.tables.join(", ") : "the whole backup";
  return c.when === "pit" ? `${what} as it was at ${c.until} UTC${c.tenant ? `, tenant ${c.tenant} only` : ""}` : what;
};

/** One backup's restore, from its choices to its end. */
const Flow = ({ url, until, preset, restart }: FlowProps) => {
  const [copy, setCopy] = useState("");
  const [options, setOptions] = useState<RestoreOptions>();
  const [choice, setChoice] = useState<Choice>();
  const [phase, setPhase] = useState<Phase>("choose");
  const [run, setRun] = useState<Triggered>();
  const [progress, setProgress] = useState<RestoreProgress>();
  const [error, setError] = useState("");
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    setOptions(undefined);
    get(withQuery("/api/restore/options", { url, copy }))
      .then((o) => alive.current && setOptions(o))
      .catch((e: Error) => alive.current && setError(e.message));
  }, [url, copy]);

  const start = async (c: Choice, dryRun: boolean, confirm = "") => {
    setChoice(c);
    setError("");
    setProgress(undefined);
    setPhase(dryRun ? "planning" : "restoring");
    try {
      const started = await post<Triggered>("/api/restore", request(url, copy, c, dryRun, confirm));
      setRun(started);
      const end = await follow(started, setProgress, () => !alive.current);
      if (!end) return;
      const planned = Boolean(end.plan) || Boolean((end as { replay?: unknown }).replay && c.mode === "new-database");
      setPhase(!dryRun ? "done" : planned ? "planned" : "stuck");
    } catch (e) {
      if (!alive.current) return;
      setError((e as Error).message);
      setPhase(dryRun ? "choose" : "planned");
    }
  };

  if (!options) return error ? <Text color="fg.error">{error}</Text> : <Text color="fg.muted">Reading the backup…</Text>;
  const c = choice ?? { ...firstChoice(options, until), ...preset };
  const head = (
    <Text data-testid="airvault-restore-head">
      <b>{options.label ?? options.url}</b>
      {phase === "choose" ? null : (
        <>
          {" "}
          into <b>{c.target}</b> ({c.mode}; {scopeText(c)})
        </>
      )}
      {run && phase !== "choose" ? (
        <>
          {" · "}
          <Link href={run.link} colorPalette="blue">
            the run in Airflow
          </Link>
        </>
      ) : null}
    </Text>
  );
  const back = (
    <Button size="sm" variant="outline" onClick={() => setPhase("choose")}>
      Change the choices
    </Button>
  );
  return (
    <Stack gap={3}>
      {head}
      {error ? <Text color="fg.error">{error}</Text> : null}
      {phase === "choose" ? (
        <Choices options={options} initial={c} copy={copy} onCopy={setCopy} onPlan={(next) => start(next, true)} />
      ) : null}
      {(phase === "planning" || phase === "restoring") && (
        <>
          <Text>{phase === "planning" ? "Dry run: planning (nothing is written)…" : "Restoring…"}</Text>
          {progress ? <Steps progress={progress} /> : null}
        </>
      )}
      {phase === "stuck" && progress ? (
        <>
          <Text color="fg.error">The dry run ended {progress.state} without a plan.</Text>
          <Failure progress={progress} />
          <Steps progress={progress} />
          <Box>{back}</Box>
        </>
      ) : null}
      {phase === "planned" && progress ? (
        <Confirm progress={progress} choice={c} word={options.confirm_word} back={back} onRestore={(word) => start(c, false, word)} />
      ) : null}
      {phase === "done" && progress ? (
        <Outcome progress={progress} onPlanUndo={() => restart(progress.safety_backup as string, { mode: "replace", target: c.target })} />
      ) : null}
    </Stack>
  );
};

type ConfirmProps = { progress: RestoreProgress; choice: Choice; word: string; back: React.ReactNode; onRestore: (word: string) => void };

/** The dry run's plan, what its deletes reach, and the typed word that lets it run. */
const Confirm = ({ progress, choice, word, back, onRestore }: ConfirmProps) => {
  const [typed, setTyped] = useState("");
  const plan = progress.plan as PlanDoc | null | undefined;
  const cascades = plan ? plan.tables.filter((t) => REACHED.includes(t.role)) : [];
  const blocked = cascades.length > 0 && !choice.cascade && choice.mode === "replace";
  return (
    <Stack gap={3} data-testid="airvault-restore-planned">
      <Text>The plan (nothing written yet):</Text>
      <Replayed progress={progress} />
      {plan ? <PlanTable plan={plan} caption="Dry-run plan per table (tables with changes highlighted)" testId="airvault-restore-plan" /> : null}
      {cascades.length ? (
        <Text color={blocked ? "fg.error" : "fg.warning"}>
          Deleting rows reaches {cascades.length} table{cascades.length === 1 ? "" : "s"} outside the restore (
          {cascades.map((t) => t.table).join(", ")}).
          {blocked ? " The restore would be refused: change the choices to allow it, or include those tables." : " The safety backup holds them too."}
        </Text>
      ) : null}
      <Text>{choice.mode === "new-database" ? "" : "A safety backup of every table it changes is taken first."}</Text>
      <HStack wrap="wrap">
        <label htmlFor="airvault-restore-confirm">
          Type <Code>{word}</Code> to confirm
        </label>
        <Input id="airvault-restore-confirm" size="sm" maxW="10rem" autoComplete="off" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />
        <Button size="sm" colorPalette="red" disabled={blocked || typed !== word} onClick={() => onRestore(typed)}>
          Restore now
        </Button>
        {back}
      </HStack>
    </Stack>
  );
};

/** How the restore ended: its steps, what it applied and checked, and how to undo it. */
const Outcome = ({ progress, onPlanUndo }: { progress: RestoreProgress; onPlanUndo: () => void }) => {
  const ok = progress.state === "success";
  const applied = progress.applied as PlanDoc | null | undefined;
  const check = progress.check as { checked?: number } | null | undefined;
  return (
    <Stack gap={3} data-testid="airvault-restore-outcome">
      <Text fontWeight="semibold" color={ok ? "fg.success" : "fg.error"} data-testid="airvault-restore-result">
        {ok ? "Restored" : `The restore ${progress.state}`}
      </Text>
      <Steps progress={progress} />
      <Replayed progress={progress} />
      {applied?.tables ? <PlanTable plan={applied} caption="Applied per table" testId="airvault-restore-applied" /> : null}
      {check ? (
        <Text>
          {check.checked
            ? `${count(check.checked)} table${check.checked === 1 ? "" : "s"} read back equal to the backup.`
            : "Checked by row counts (merge or schema drift)."}
        </Text>
      ) : null}
      <Failure progress={progress} />
      {progress.safety_backup ? (
        <Undo progress={progress} onPlanUndo={onPlanUndo} />
      ) : ok ? null : (
        <Text>Nothing was changed: it failed before apply, and apply is one transaction.</Text>
      )}
    </Stack>
  );
};
