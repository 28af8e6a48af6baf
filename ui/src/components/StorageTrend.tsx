// Storage by kind over time: per UTC day, the size of the backups still kept that were taken
// that day, stacked by kind (full, module, tenant, archive, ...), drawn by hand in SVG. A day
// is one slot of a window of at least two weeks, so one backup is one narrow bar, not the
// whole width, and thirty backups read as days, not as a saw-tooth of full and module sizes.
import { Box, HStack, Text, useChakraContext } from "@chakra-ui/react";
import { useEffect, useRef, useState } from "react";

import type { BackupRow } from "../api/client";
import { bytes } from "../format";

const DAY_MS = 86_400_000;
const MIN_DAYS = 14;
const MAX_DAYS = 60;
const ORDER = ["full", "module", "tenant", "manual", "pre-restore", "archive"];
const PALETTES = ["blue", "teal", "purple", "orange", "pink", "cyan", "yellow", "green", "red"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const PAD = { left: 64, right: 12, top: 10, bottom: 34 };
const HEIGHT = 220;

type Day = { start: number; byKind: Record<string, number>; total: number; count: number };

const dayOf = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const dayLabel = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
};

/** The days shown (oldest first) with each kind's bytes, and the kinds present in them. */
export const trendDays = (rows: BackupRow[], now = Date.now()): { days: Day[]; kinds: string[] } => {
  const today = dayOf(now);
  const taken = rows.filter((r) => r.started_at).map((r) => ({ row: r, day: dayOf(new Date(r.started_at as string).getTime()) }));
  const oldest = Math.min(today, ...taken.map((t) => t.day));
  const span = Math.min(MAX_DAYS, Math.max(MIN_DAYS, Math.round((today - oldest) / DAY_MS) + 1));
  const first = today - (span - 1) * DAY_MS;
  const days: Day[] = Array.from({ length: span }, (_, i) => ({ start: first + i * DAY_MS, byKind: {}, total: 0, count: 0 }));
  const kinds = new Set<string>();
  for (const { row, day } of taken) {
    const slot = days[Math.round((day - first) / DAY_MS)];
    if (!slot) continue; // older than the window (or dated ahead of today)
    slot.byKind[row.kind] = (slot.byKind[row.kind] ?? 0) + row.bytes;
    slot.total += row.bytes;
    slot.count += 1;
    kinds.add(row.kind);
  }
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  return { days, kinds: [...kinds].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)) };
};

/** A round top for the y axis in the unit the labels use (1, 2 or 5 x 10^n KB, MB, ...), so
 * the axis reads "0, 2.5 MB, 5.0 MB" rather than "4.8 MB". */
const niceMax = (n: number): number => {
  if (n <= 0) return 1024;
  let unit = 1;
  while (n / unit >= 1024) unit *= 1024;
  const scaled = n / unit;
  const power = 10 ** Math.floor(Math.log10(scaled));
  const step = [1, 2, 5, 10].find((s) => s * power >= scaled) ?? 10;
  return step * power * unit;
};

/** The width the chart has now (it follows the content area, narrower inside Airflow). */
const useWidth = (fallback = 640) => {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(280, Math.floor(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
};

export const StorageTrend = ({ rows, now = Date.now() }: { rows: BackupRow[]; now?: number }) => {
  const { token } = useChakraContext();
  const { ref, width } = useWidth();
  const { days, kinds } = trendDays(rows, now);
  // a known kind keeps its colour whatever else is stored; others take the colours after
  const others = kinds.filter((k) => !ORDER.includes(k));
  const slotOf = (kind: string) => (ORDER.includes(kind) ? ORDER.indexOf(kind) : ORDER.length + others.indexOf(kind));
  const colour = (kind: string) => token.var(`colors.${PALETTES[slotOf(kind) % PALETTES.length]}.solid`);
  const muted = token.var("colors.fg.muted");
  const top = niceMax(Math.max(0, ...days.map((d) => d.total)));
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / days.length;
  const barW = Math.max(3, Math.min(28, slot * 0.7));
  const y = (value: number) => PAD.top + plotH - (value / top) * plotH;
  const labelEvery = Math.ceil(days.length / Math.max(1, Math.floor(plotW / 56)));
  const summary = kinds.length
    ? `Storage of the backups kept, per day of the last ${days.length} days, by kind: ${kinds.join(", ")}`
    : `No backup in the last ${days.length} days`;
  return (
    <Box ref={ref} data-testid="airvault-storage-trend" minW={0}>
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        style={{ display: "block", width: `${width}px`, height: `${HEIGHT}px`, maxWidth: "none" }}
      >
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={width - PAD.right} y1={y(top * f)} y2={y(top * f)} stroke={token.var("colors.border")} strokeDasharray={f ? "3 3" : undefined} />
            <text x={PAD.left - 6} y={y(top * f) + 4} textAnchor="end" style={{ fontSize: "11px", fill: muted }}>
              {bytes(top * f).replace(".0 ", " ")}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          let base = 0;
          return (
            <g key={d.start}>
              {kinds
                .filter((k) => d.byKind[k])
                .map((k) => {
                  const value = d.byKind[k];
                  const rect = (
                    <rect key={k} x={x} width={barW} y={y(base + value)} height={Math.max(1, y(base) - y(base + value))} fill={colour(k)}>
                      <title>{`${dayLabel(d.start)}: ${k} ${bytes(value)}`}</title>
                    </rect>
                  );
                  base += value;
                  return rect;
                })}
              {i % labelEvery === (days.length - 1) % labelEvery ? (
                <text x={PAD.left + i * slot + slot / 2} y={HEIGHT - PAD.bottom + 15} textAnchor="middle" style={{ fontSize: "11px", fill: muted }}>
                  {dayLabel(d.start)}
                </text>
              ) : null}
            </g>
          );
        })}
        <text x={PAD.left} y={HEIGHT - 4} style={{ fontSize: "11px", fill: muted }}>
          day taken (UTC)
        </text>
      </svg>
      <HStack wrap="wrap" gap={4} mt={1} data-testid="airvault-trend-legend" aria-label="legend">
        {kinds.map((k) => (
          <HStack key={k} gap={1} data-kind={k}>
            <Box w="12px" h="12px" borderRadius="2px" style={{ background: colour(k) }} aria-hidden />
            <Text fontSize="sm">
              {k}{" "}
              <Text as="span" color="fg.muted">
                {bytes(days.reduce((sum, d) => sum + (d.byKind[k] ?? 0), 0))}
              </Text>
            </Text>
          </HStack>
        ))}
        {kinds.length ? null : <Text fontSize="sm" color="fg.muted">{summary}.</Text>}
      </HStack>
    </Box>
  );
};
