// "To a point in time": the timeline of bases, change segments, migrations and gaps
// (/api/timeline), a UTC time field a click on the timeline fills, the base that reaches the
// moment, and (for who may restore) the wizard opened on that base at that moment.
import { Box, Button, HStack, Input, List, NativeSelect, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";

import { useGet } from "../api/client";
import { Timeline } from "./Timeline";
import { type Timeline as TimelineData, pointOf, utcText } from "./api";

const RANGES: [string, number][] = [
  ["everything", 0],
  ["the last 7 days", 7 * 86400_000],
  ["the last 24 hours", 86400_000],
  ["the last hour", 3600_000],
];

const ms = (iso: string): number => new Date(iso).getTime();

/** The newest usable base taken at or before `at` whose changes reach it. */
export const baseFor = (data: TimelineData, at: number) =>
  [...data.bases]
    .reverse()
    .find((b) => !b.problem && ms(b.started_at) <= at && b.reaches_until && at <= ms(b.reaches_until));

const LEGEND: [string, string][] = [
  ["green.solid", "restorable"],
  ["red.solid", "gap / migration that cannot be replayed"],
  ["fg", "base (a backup taken while capture ran)"],
  ["blue.solid", "change segments"],
  ["purple.solid", "migration replayed in place"],
];

type Props = { mayRestore: boolean; onRestore: (baseUrl: string, until: string) => void };

export const PointInTime = ({ mayRestore, onRestore }: Props) => {
  const timeline = useGet("/api/timeline", {}, 60);
  const [typed, setTyped] = useState("");
  const [range, setRange] = useState(0);
  const data = timeline.data;
  if (timeline.error) return <Text color="fg.error">{timeline.error}</Text>;
  if (!data) return <Text color="fg.muted">Reading the change segments…</Text>;
  const now = ms(data.now);
  const times = [...data.bases.map((b) => ms(b.started_at)), ...data.segments.map((s) => ms(s.start))];
  const earliest = times.length ? Math.min(...times) : now - 3600_000;
  const from = RANGES[range][1] ? Math.max(earliest, now - RANGES[range][1]) : earliest;
  const to = Math.max(now, ...data.coverage.map(([, b]) => ms(b)));
  const point = pointOf(typed);
  const at = /^\d{4}-/.test(point) ? ms(point) : Number.NaN;
  const base = Number.isNaN(at) ? undefined : baseFor(data, at);
  return (
    <Stack gap={3} data-testid="airvault-point-in-time">
      {data.note ? (
        <Text color="fg.muted" data-testid="airvault-pit-note">
          {data.note}
        </Text>
      ) : (
        <List.Root ps={5} data-testid="airvault-pit-coverage">
          {data.coverage.map(([a, b]) => (
            <List.Item key={a}>
              restorable to any moment from {utcText(new Date(a))} to {utcText(new Date(b))} UTC
            </List.Item>
          ))}
          {data.gaps.map((g) => (
            <List.Item key={`gap ${g.start}`} color="fg.error">
              gap from {utcText(new Date(g.start))} to {g.end ? `${utcText(new Date(g.end))} UTC` : "now"}: {g.why}
            </List.Item>
          ))}
        </List.Root>
      )}
      {data.problems.map((p) => (
        <Text key={p} color="fg.warning">
          {p}
        </Text>
      ))}
      <HStack wrap="wrap" gap={2}>
        <Text fontSize="sm">Show</Text>
        <NativeSelect.Root size="xs" maxW="12rem">
          <NativeSelect.Field aria-label="Time range shown" value={String(range)} onChange={(e) => setRange(Number(e.currentTarget.value))}>
            {RANGES.map(([name], i) => (
              <option key={name} value={i}>
                {name}
              </option>
            ))}
          </NativeSelect.Field>
          <NativeSelect.Indicator />
        </NativeSelect.Root>
        <Text fontSize="sm" color="fg.muted">
          slot {data.slot}
        </Text>
      </HStack>
      <Box borderWidth="1px" borderRadius="md" p={2}>
        <Timeline data={data} from={from} to={to} picked={Number.isNaN(at) ? undefined : at} onPick={(d) => setTyped(utcText(d))} />
        <Legend />
      </Box>
      <HStack wrap="wrap" gap={2}>
        <label htmlFor="airvault-pit-until">Restore to</label>
        <Input id="airvault-pit-until" size="sm" maxW="14rem" placeholder="2026-12-06 05:40:00" value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)} />
        <Text>UTC</Text>
        {base && mayRestore ? (
          <Button size="sm" colorPalette="blue" onClick={() => onRestore(base.url, point)}>
            Plan a restore to this point…
          </Button>
        ) : null}
      </HStack>
      {typed && !Number.isNaN(at) ? (
        <Text data-testid="airvault-pit-base" color={base ? undefined : "fg.error"}>
          {base
            ? `From the base ${base.label ?? base.url}, taken ${utcText(new Date(base.started_at))} UTC, and its changes.`
            : "No base reaches this moment: pick one inside a restorable interval."}
        </Text>
      ) : typed ? (
        <Text color="fg.error">Type a date and time in UTC, e.g. 2026-12-06 05:40:00.</Text>
      ) : null}
    </Stack>
  );
};

const Legend = () => (
  <HStack wrap="wrap" gap={4} mt={1} fontSize="xs" color="fg.muted">
    {LEGEND.map(([tone, text]) => (
      <HStack key={text} gap={1}>
        <Box w={3} h={3} borderRadius="sm" bg={tone} />
        <span>{text}</span>
      </HStack>
    ))}
  </HStack>
);
