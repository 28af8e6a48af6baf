// A labelled native select (value -> words): keyboard and screen readers get the browser's own.
import { Field, NativeSelect } from "@chakra-ui/react";

type Props = { label: string; value: string; choices: Record<string, string>; change: (value: string) => void };

export const Picker = ({ label, value, choices, change }: Props) => (
  <Field.Root w="auto" minW="10rem">
    <Field.Label>{label}</Field.Label>
    <NativeSelect.Root size="sm">
      <NativeSelect.Field value={value} onChange={(e) => change(e.target.value)}>
        {Object.entries(choices).map(([v, words]) => (
          <option key={v} value={v}>
            {words}
          </option>
        ))}
      </NativeSelect.Field>
      <NativeSelect.Indicator />
    </NativeSelect.Root>
  </Field.Root>
);
