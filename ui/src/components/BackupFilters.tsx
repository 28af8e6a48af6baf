// The Backups tab's filters: kind, scope, text in the label, note or id, and verified state.
import { Field, HStack, Input, NativeSelect } from "@chakra-ui/react";

import type { BackupRow } from "../api/client";

export type Filters = { kind: string; scope: string; text: string; verified: string };
export const NO_FILTER: Filters = { kind: "", scope: "", text: "", verified: "" };

const VERIFIED: Record<string, (r: BackupRow) => boolean> = {
  yes: (r) => r.verified !== "-" && r.verified !== "FAILED",
  no: (r) => r.verified === "-",
  failed: (r) => r.verified === "FAILED",
};

export const matches = (f: Filters) => (r: BackupRow) => {
  const text = f.text.trim().toLowerCase();
  return (
    (!f.kind || r.kind === f.kind) &&
    (!f.scope || r.scope === f.scope) &&
    (!f.verified || VERIFIED[f.verified](r)) &&
    (!text || [r.label, r.note, r.id].some((v) => v?.toLowerCase().includes(text)))
  );
};

const Choice = ({ label, value, options, set }: { label: string; value: string; options: [string, string][]; set: (v: string) => void }) => (
  <Field.Root w="auto" minW="9rem" flex="0 1 12rem">
    <Field.Label fontSize="xs">{label}</Field.Label>
    <NativeSelect.Root size="sm">
      <NativeSelect.Field value={value} onChange={(e) => set(e.currentTarget.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </NativeSelect.Field>
      <NativeSelect.Indicator />
    </NativeSelect.Root>
  </Field.Root>
);

export const BackupFilters = ({ value, set, kinds, scopes }: { value: Filters; set: (f: Filters) => void; kinds: string[]; scopes: string[] }) => {
  const all = (label: string, names: string[]): [string, string][] => [["", label], ...names.map((n): [string, string] => [n, n])];
  return (
    <HStack wrap="wrap" gap={2} align="end" data-testid="airvault-backup-filters">
      <Choice label="Kind" value={value.kind} options={all("every kind", kinds)} set={(kind) => set({ ...value, kind })} />
      <Choice label="Scope" value={value.scope} options={all("every scope", scopes)} set={(scope) => set({ ...value, scope })} />
      <Choice
        label="Verified"
        value={value.verified}
        options={[["", "any"], ["yes", "verified"], ["no", "not verified"], ["failed", "failed"]]}
        set={(verified) => set({ ...value, verified })}
      />
      <Field.Root flex="1 1 12rem" minW="10rem">
        <Field.Label fontSize="xs">Label, note or id</Field.Label>
        <Input size="sm" type="search" value={value.text} onChange={(e) => set({ ...value, text: e.target.value })} placeholder="words of a label or note, an id" />
      </Field.Root>
    </HStack>
  );
};
