// The timing fields shared by the editor and the New schedule form: a preset (hourly, daily,
// weekly, monthly) at a time, or a cron; a time zone (its wall clock, daylight saving
// included); "manual" where the job may run only when asked.
import { Field, HStack, Input, NativeSelect } from "@chakra-ui/react";

import { DAYS, PRESETS, type Timing, zones } from "./model";

type Props = { value: Timing; onChange: (t: Timing) => void; manual: boolean; idPrefix: string };

export const ScheduleFields = ({ value, onChange, manual, idPrefix }: Props) => {
  const set = (change: Partial<Timing>) => onChange({ ...value, ...change });
  const p = value.preset;
  return (
    <HStack gap={3} wrap="wrap" align="end">
      <Field.Root w="auto">
        <Field.Label htmlFor={`${idPrefix}-preset`}>Repeat</Field.Label>
        <NativeSelect.Root size="sm" w="9rem">
          <NativeSelect.Field id={`${idPrefix}-preset`} value={p} onChange={(e) => set({ preset: e.target.value as Timing["preset"] })}>
            {PRESETS.filter((x) => manual || x !== "manual").map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </NativeSelect.Field>
          <NativeSelect.Indicator />
        </NativeSelect.Root>
      </Field.Root>
      {["hourly", "daily", "weekly", "monthly"].includes(p) ? (
        <Field.Root w="auto">
          <Field.Label htmlFor={`${idPrefix}-time`}>{p === "hourly" ? "At (its minutes past the hour)" : "At"}</Field.Label>
          <Input id={`${idPrefix}-time`} type="time" size="sm" w="8rem" value={value.time} onChange={(e) => set({ time: e.target.value })} />
        </Field.Root>
      ) : null}
      {p === "weekly" ? (
        <Field.Root w="auto">
          <Field.Label htmlFor={`${idPrefix}-weekday`}>Day of the week</Field.Label>
          <NativeSelect.Root size="sm" w="9rem">
            <NativeSelect.Field id={`${idPrefix}-weekday`} value={value.weekday} onChange={(e) => set({ weekday: Number(e.target.value) })}>
              {DAYS.map((d, i) => (
                <option key={d} value={i}>
                  {d}
                </option>
              ))}
            </NativeSelect.Field>
            <NativeSelect.Indicator />
          </NativeSelect.Root>
        </Field.Root>
      ) : null}
      {p === "monthly" ? (
        <Field.Root w="auto">
          <Field.Label htmlFor={`${idPrefix}-day`}>Day of the month</Field.Label>
          <Input id={`${idPrefix}-day`} type="number" min={1} max={28} size="sm" w="6rem" value={value.day} onChange={(e) => set({ day: Number(e.target.value) || 1 })} />
        </Field.Root>
      ) : null}
      {p === "cron" ? (
        <Field.Root w="auto">
          <Field.Label htmlFor={`${idPrefix}-cron`}>Cron</Field.Label>
          <Input id={`${idPrefix}-cron`} size="sm" w="11rem" placeholder="m h dom mon dow" value={value.cron} onChange={(e) => set({ cron: e.target.value })} />
        </Field.Root>
      ) : null}
      {p !== "manual" ? (
        <Field.Root w="auto">
          <Field.Label htmlFor={`${idPrefix}-timezone`}>Time zone</Field.Label>
          <Input id={`${idPrefix}-timezone`} size="sm" w="12rem" list={`${idPrefix}-zones`} value={value.timezone} onChange={(e) => set({ timezone: e.target.value })} />
          <datalist id={`${idPrefix}-zones`}>
            {zones().map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </Field.Root>
      ) : null}
    </HStack>
  );
};
