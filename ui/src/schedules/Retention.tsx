// Retention of the backups a schedule takes, per scope (kind/scope): the rules of
// retention.policies, each a number or empty (not set).
import { Field, Fieldset, HStack, Input } from "@chakra-ui/react";

import { RULES } from "./model";

export type Rule = Partial<Record<(typeof RULES)[number], number>>;

/** A rule without its unset entries (what the config's rule is compared with). */
export const setRules = (rule?: Record<string, unknown> | null): Rule =>
  Object.fromEntries(Object.entries(rule ?? {}).filter(([, v]) => typeof v === "number")) as Rule;

type Props = { scope: string; value: Rule; onChange: (r: Rule) => void; note?: string };

export const Retention = ({ scope, value, onChange, note }: Props) => (
  <Fieldset.Root>
    <Fieldset.Legend>
      Retention of {scope} backups{note ? ` (${note})` : ""}
    </Fieldset.Legend>
    <HStack gap={3} wrap="wrap">
      {RULES.map((r) => (
        <Field.Root key={r} w="auto">
          <Field.Label htmlFor={`retention-${r}`}>{r.replace("_", " ")}</Field.Label>
          <Input
            id={`retention-${r}`}
            type="number"
            size="sm"
            w="6rem"
            min={r === "minimum_good" ? 0 : 1}
            value={value[r] ?? ""}
            onChange={(e) => {
              const next = { ...value };
              if (e.target.value === "") delete next[r];
              else next[r] = Number(e.target.value);
              onChange(next);
            }}
          />
        </Field.Root>
      ))}
    </HStack>
  </Fieldset.Root>
);
