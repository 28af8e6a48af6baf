// Run now of a DAG whose Params need values: a form for them (the required ones first), as
// Airflow's own Trigger form asks, which is linked too. Airflow checks the values against
// the Params' schemas; its answer is shown as it is.
import { Box, Button, Field, Heading, HStack, Input, Link, NativeSelect, Stack } from "@chakra-ui/react";
import { useState } from "react";

import { post } from "../api/client";
import { type ParamField, type RunParams, type Triggered, useShown } from "./model";

type Props = { form: RunParams; name: string; done: (message: string, failed?: boolean) => void; close: () => void };

type Schema = { type?: string; enum?: unknown[] };

const initial = (p: ParamField): unknown => p.value ?? ((p.schema as Schema | undefined)?.type === "boolean" ? false : "");

export const RunForm = ({ form, name, done, close }: Props) => {
  const shown = useShown();
  const fields = ([...form.params] as ParamField[]).sort((a, b) => Number(b.required) - Number(a.required));
  const [values, setValues] = useState<Record<string, unknown>>(() => Object.fromEntries(fields.map((p) => [p.name, initial(p)])));
  const [busy, setBusy] = useState(false);
  const set = (n: string, v: unknown) => setValues((old) => ({ ...old, [n]: v }));
  const conf = () =>
    Object.fromEntries(
      fields.map((p) => {
        const type = (p.schema as Schema | undefined)?.type;
        const v = values[p.name];
        return [p.name, (type === "integer" || type === "number") && v !== "" ? Number(v) : v];
      }),
    );
  const run = async () => {
    setBusy(true);
    try {
      const r = await post<Triggered>("/api/schedules/{dag_id}/trigger", { conf: conf() }, { dag_id: form.dag_id });
      done(`Started ${name}: run ${r.run_id} (${r.state}).`);
      close();
    } catch (e) {
      done((e as Error).message, true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box as="section" aria-labelledby="airvault-run-title" borderWidth="1px" borderRadius="md" p={3} bg="bg.subtle" data-testid="airvault-run-form" ref={shown}>
      <form onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <Stack gap={3}>
          <Heading size="sm" id="airvault-run-title">
            Run {name} with these values
          </Heading>
          {fields.map((p, i) => {
            const schema = (p.schema ?? {}) as Schema;
            const id = `run-param-${i}`;
            const label = `${p.name}${p.required ? " (required)" : ""}`;
            return (
              <Field.Root key={p.name} required={p.required}>
                <Field.Label htmlFor={id}>{label}</Field.Label>
                {schema.type === "boolean" ? (
                  <input id={id} type="checkbox" checked={Boolean(values[p.name])} onChange={(e) => set(p.name, e.target.checked)} />
                ) : schema.enum ? (
                  <NativeSelect.Root size="sm" maxW="24rem">
                    <NativeSelect.Field id={id} value={String(values[p.name] ?? "")} onChange={(e) => set(p.name, e.target.value)}>
                      {schema.enum.map((v) => (
                        <option key={String(v)} value={String(v)}>
                          {String(v)}
                        </option>
                      ))}
                    </NativeSelect.Field>
                    <NativeSelect.Indicator />
                  </NativeSelect.Root>
                ) : (
                  <Input id={id} size="sm" maxW="36rem" required={p.required} value={String(values[p.name] ?? "")} onChange={(e) => set(p.name, e.target.value)} />
                )}
                {p.description ? <Field.HelperText>{p.description}</Field.HelperText> : null}
              </Field.Root>
            );
          })}
          <HStack gap={2} wrap="wrap">
            <Button type="submit" size="sm" colorPalette="blue" loading={busy}>
              Run now
            </Button>
            <Button size="sm" variant="outline" onClick={close}>
              Cancel
            </Button>
            <Link href={form.form} colorPalette="blue" fontSize="sm">
              or its page in Airflow (Trigger)
            </Link>
          </HStack>
        </Stack>
      </form>
    </Box>
  );
};
