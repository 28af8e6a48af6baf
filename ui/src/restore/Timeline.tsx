// The point-in-time timeline, drawn by hand in SVG: one lane each for the moments restorable
// to (and the gaps between them), the bases (backups taken while capture ran), the change
// segments (the intervals they cover) and the migrations (schema changes: replayable, or a
// gap). A click picks that moment; every time is UTC. Colours are the theme's tokens, so
// light and dark follow Airflow's.
import { useChakraContext } from "@chakra-ui/react";
import type { MouseEvent } from "react";

import type { Timeline as TimelineData } from "./api";

const W = 1000; // the viewBox's width: the SVG scales to its box (usable at 1024 px)
const LEFT = 118; // lane labels
const RIGHT = 12;
const LANE = 26;
const LANES = ["Restorable", "Bases", "Changes", "Migrations"] as const;
const AXIS = LANES.length * LANE + 8;
const H = AXIS + 30;

const ms = (iso: string): number => new Date(iso).getTime();
const utc = (t: number): string => new Date(t).toISOString().slice(0, 16).replace("T", " ");

type Props = { data: TimelineData; from: number; to: number; picked?: number; onPick: (at: Date) => void };

export const Timeline = ({ data, from, to, picked, onPick }: Props) => {
  const { token } = useChakraContext();
  const color = (path: string) => token.var(`colors.${path}`) as string;
  const span = Math.max(to - from, 1000);
  const x = (t: number) => LEFT + ((Math.min(Math.max(t, from), to) - from) / span) * (W - LEFT - RIGHT);
  const wide = (a: number, b: number) => Math.max(x(b) - x(a), 2);
  const lane = (name: (typeof LANES)[number]) => LANES.indexOf(name) * LANE + 4;
  const visible = (a: number, b: number) => b >= from && a <= to;
  const pick = (e: MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const vx = ((e.clientX - box.left) / box.width) * W;
    if (vx < LEFT) return;
    onPick(new Date(from + ((vx - LEFT) / (W - LEFT - RIGHT)) * span));
  };
  const ticks = Array.from({ length: 6 }, (_, i) => from + (span * i) / 5);
  const summary =
    `Timeline from ${utc(from)} to ${utc(to)} UTC: ${data.bases.length} bases, ${data.segment_count} change segments, ` +
    `${data.migrations.length} migrations, ${data.gaps.length} gaps. Click a moment to pick it.`;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={summary}
      data-testid="airvault-timeline"
      onClick={pick}
      style={{ cursor: "crosshair", display: "block", fontSize: 12 }}
    >
      {LANES.map((name) => (
        <g key={name}>
          <text x={4} y={lane(name) + 15} fill={color("fg.muted")}>
            {name}
          </text>
          <line x1={LEFT} x2={W - RIGHT} y1={lane(name) + LANE - 4} y2={lane(name) + LANE - 4} stroke={color("border")} />
        </g>
      ))}
      {data.coverage.filter(([a, b]) => visible(ms(a), ms(b))).map(([a, b]) => (
        <rect key={`c${a}`} data-kind="coverage" x={x(ms(a))} y={lane("Restorable") + 4} width={wide(ms(a), ms(b))} height={14} rx={3} fill={color("green.solid")}>
          <title>{`restorable to any moment from ${a} to ${b}`}</title>
        </rect>
      ))}
      {data.gaps.map((g) => {
        const end = g.end ? ms(g.end) : to;
        return visible(ms(g.start), end) ? (
          <rect key={`g${g.start}`} data-kind="gap" x={x(ms(g.start))} y={lane("Restorable") + 4} width={wide(ms(g.start), end)} height={14}
            fill={color("red.subtle")} stroke={color("red.solid")} strokeDasharray="4 3">
            <title>{`gap from ${g.start} to ${g.end ?? "now"}: ${g.why}`}</title>
          </rect>
        ) : null;
      })}
      {data.bases.filter((b) => visible(ms(b.started_at), ms(b.started_at))).map((b) => {
        const at = x(ms(b.started_at));
        const y = lane("Bases") + 11;
        return (
          <path key={b.url} data-kind="base" d={`M ${at} ${y - 8} L ${at + 7} ${y} L ${at} ${y + 8} L ${at - 7} ${y} Z`}
            fill={color(b.problem ? "red.solid" : "fg")}>
            <title>{`base: ${b.label ?? b.url} (${b.kind}), taken ${b.started_at}${b.problem ? `: ${b.problem}` : b.gap ? `; reaches ${b.reaches_until}, then ${b.gap}` : `; reaches ${b.reaches_until}`}`}</title>
          </path>
        );
      })}
      {data.segments.filter((s) => visible(ms(s.start), ms(s.end))).map((s) => (
        <rect key={`s${s.first_seq}`} data-kind="segment" x={x(ms(s.start))} y={lane("Changes") + 5} width={wide(ms(s.start), ms(s.end))} height={12}
          fill={color("blue.solid")} stroke={color("bg")} strokeWidth={0.5}>
          <title>{`segment${s.first_seq === s.last_seq ? ` ${s.first_seq}` : `s ${s.first_seq}..${s.last_seq}`}: ${s.start} to ${s.end}, ${s.transactions} transactions, ${s.changes} row changes`}</title>
        </rect>
      ))}
      {data.migrations.filter((m) => visible(ms(m.committed_at), ms(m.committed_at))).map((m, i) => (
        <rect key={`m${i}`} data-kind={m.replayable ? "migration" : "migration-gap"} x={x(ms(m.committed_at)) - 2} y={lane("Migrations") + 2} width={4} height={18}
          fill={color(m.replayable ? "purple.solid" : "red.solid")}>
          <title>{`${m.what}, committed ${m.committed_at}${m.replayable ? " (replayed in place)" : `: cannot be replayed (${m.reason})`}`}</title>
        </rect>
      ))}
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={AXIS - 4} y2={AXIS} stroke={color("fg.muted")} />
          <text x={x(t)} y={AXIS + 14} textAnchor={t === from ? "start" : t === ticks[5] ? "end" : "middle"} fill={color("fg.muted")}>
            {utc(t).slice(5)}
          </text>
        </g>
      ))}
      <text x={4} y={AXIS + 14} fill={color("fg.muted")}>
        UTC
      </text>
      {picked !== undefined && picked >= from && picked <= to ? (
        <line data-kind="picked" x1={x(picked)} x2={x(picked)} y1={0} y2={AXIS} stroke={color("orange.solid")} strokeWidth={2} />
      ) : null}
    </svg>
  );
};
