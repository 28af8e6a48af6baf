// The wizard's choices for one backup: where to read it from (the root or a copy), the mode,
// the target (an Airflow connection the config allows), what (all, a module, tables), when
// (as backed up, or a point in time after it, in UTC), and whether deletes may cascade.
import { Box, Button, Checkbox, Fieldset, HStack, Input, NativeSelect, RadioGroup, SimpleGrid, Stack, Text } from "@chakra-ui/react";
import { type FormEvent, type ReactNode, useState } from "react";

import { count } from "../format";
import type { Reach, RestoreOptions } from "./api";

export type Choice = {
  mode: string;
  target: string;
  scope: "all" | "module" | "tables";
  module: string;
  tables: string[];
  cascade: boolean;
  when: "backup" | "pit";
  until: string;
  tenant: string;
};

export const firstChoice = (o: RestoreOptions, until?: string): Choice => ({
  mode: "replace",
  target: o.targets[0] ?? "",
  scope: "all",
  module: (o.modules[0]?.module as string | undefined) ?? "",
  tables: [],
  cascade: false,
  when: until ? "pit" : "backup",
  until: until ?? "latest",
  tenant: "",
});

const MODES: [string, string][] = [
  ["replace", "replace: the tables end equal to the backup"],
  ["merge", "merge: insert and update from the backup, keep rows only the target has"],
  ["new-database", "new database: create the target's database from the backup"],
];

type Radio = [string, ReactNode];

const Radios = ({ value, items, onChange, label }: { value: string; items: Radio[]; onChange: (v: string) => void; label: string }) => (
  <RadioGroup.Root value={value} onValueChange={(e) => onChange(e.value ?? "")} aria-label={label} size="sm">
    <Stack gap={1}>
      {items.map(([v, text]) => (
        <RadioGroup.Item key={v} value={v}>
          <RadioGroup.ItemHiddenInput />
          <RadioGroup.ItemIndicator />
          <RadioGroup.ItemText>{text}</RadioGroup.ItemText>
        </RadioGroup.Item>
      ))}
    </Stack>
  </RadioGroup.Root>
);

const Select = ({ label, value, options, onChange }: { label: string; value: string; options: [string, string][]; onChange: (v: string) => void }) => (
  <NativeSelect.Root size="sm" maxW="28rem">
    <NativeSelect.Field aria-label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </NativeSelect.Field>
    <NativeSelect.Indicator />
  </NativeSelect.Root>
);

type Props = {
  options: RestoreOptions;
  initial: Choice;
  copy: string;
  onCopy: (copy: string) => void;
  onPlan: (choice: Choice) => void;
};

export const Choices = ({ options: o, initial, copy, onCopy, onPlan }: Props) => {
  const [c, setC] = useState<Choice>(initial);
  const set = (change: Partial<Choice>) => setC((now) => ({ ...now, ...change }));
  const [problem, setProblem] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (c.scope === "tables" && !c.tables.length) return setProblem("Tick at least one table, or choose the whole backup or a module.");
    setProblem("");
    onPlan(c);
  };
  const modules = o.modules.map((m) => [m.module as string, `${m.module as string} (${(m.tables as string[]).join(", ")})`] as [string, string]);
  const tick = (table: string, on: boolean) =>
    set({ scope: "tables", tables: on ? [...c.tables, table] : c.tables.filter((t) => t !== table) });
  return (
    <form onSubmit={submit} aria-label={`Restore ${o.label ?? o.url}`} data-testid="airvault-restore-choices">
      <Stack gap={3}>
        {o.copies?.length ? (
          <HStack wrap="wrap">
            <Text>Read from</Text>
            <Select
              label="Storage to read the backup from"
              value={copy}
              onChange={onCopy}
              options={[["", "the storage root"], ...o.copies.map((n) => [n, `copy ${n}`] as [string, string])]}
            />
          </HStack>
        ) : null}
        <Fieldset.Root>
          <Fieldset.Legend>Mode</Fieldset.Legend>
          <Radios label="Mode" value={c.mode} items={MODES} onChange={(mode) => set({ mode })} />
        </Fieldset.Root>
        <HStack wrap="wrap">
          <Text>Into the Airflow connection</Text>
          <Select label="Restore into (Airflow connection id)" value={c.target} onChange={(target) => set({ target })}
            options={o.targets.map((t) => [t, t])} />
        </HStack>
        <Fieldset.Root>
          <Fieldset.Legend>What</Fieldset.Legend>
          <Radios
            label="What to restore"
            value={c.scope}
            onChange={(scope) => set({ scope: scope as Choice["scope"] })}
            items={[
              ["all", `the whole backup (${o.tables.length} tables)`],
              ...(modules.length ? [["module", "a module"] as Radio] : []),
              ["tables", "these tables (the tables they reference come along, merged)"],
            ]}
          />
          {modules.length ? (
            <Select label="Module to restore" value={c.module} options={modules} onChange={(module) => set({ module, scope: "module" })} />
          ) : null}
          <SimpleGrid minChildWidth="15rem" gap={1} maxH="10rem" overflowY="auto" borderWidth="1px" borderRadius="md" p={2}>
            {o.tables.map((t) => (
              <Checkbox.Root key={t.table as string} size="sm" minW={0} checked={c.tables.includes(t.table as string)}
                onCheckedChange={(e) => tick(t.table as string, e.checked === true)}>
                <Checkbox.HiddenInput />
                <Checkbox.Control />
                <Checkbox.Label wordBreak="break-word">
                  {t.table as string} ({count(t.rows as number)})
                </Checkbox.Label>
              </Checkbox.Root>
            ))}
          </SimpleGrid>
        </Fieldset.Root>
        <When reach={o.point_in_time as Reach | null | undefined} c={c} set={set} />
        <Checkbox.Root size="sm" checked={c.cascade} onCheckedChange={(e) => set({ cascade: e.checked === true })}>
          <Checkbox.HiddenInput />
          <Checkbox.Control />
          <Checkbox.Label>let the restore&apos;s deletes cascade (ON DELETE CASCADE / SET NULL) to tables outside it</Checkbox.Label>
        </Checkbox.Root>
        {problem ? <Text color="fg.error">{problem}</Text> : null}
        <Box>
          <Button type="submit" size="sm" colorPalette="blue">
            Plan (dry run)
          </Button>
        </Box>
      </Stack>
    </form>
  );
};

/** A base (a backup taken while capture ran): as it holds the data, or a moment after it. */
const When = ({ reach, c, set }: { reach?: Reach | null; c: Choice; set: (c: Partial<Choice>) => void }) => {
  if (!reach) return null;
  if (reach.problem) return <Text color="fg.warning">No point-in-time restore from this backup: {reach.problem}</Text>;
  const upTo = reach.covered_until ? `changes are in storage up to ${reach.covered_until}` : "no change captured after it yet";
  return (
    <Fieldset.Root>
      <Fieldset.Legend>When</Fieldset.Legend>
      <Radios
        label="When"
        value={c.when}
        onChange={(when) => set({ when: when as Choice["when"] })}
        items={[
          ["backup", "as the backup holds it"],
          ["pit", `a point in time after it (${upTo})`],
        ]}
      />
      <HStack wrap="wrap">
        <Input size="sm" maxW="16rem" value={c.until} aria-label="Point in time (UTC): a date and time, an LSN or latest"
          placeholder="2026-12-06 05:40:00" onChange={(e) => set({ until: e.currentTarget.value, when: "pit" })} />
        <Text>UTC</Text>
        <Input size="sm" maxW="20rem" value={c.tenant} aria-label="Only this tenant's rows (its id; empty: all)"
          placeholder="all tenants" onChange={(e) => set({ tenant: e.currentTarget.value, when: "pit" })} />
      </HStack>
    </Fieldset.Root>
  );
};
