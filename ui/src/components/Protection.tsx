// Protection per kind and scope: the newest usable backup against its freshness target, then
// the last restore drill, change capture's RPO and the storage used.
import { Badge, Box, Link, SimpleGrid, Text } from "@chakra-ui/react";
import type { ReactNode } from "react";

import type { BackupRow, SafetyStatus, ScopeCard } from "../api/client";
import { bytes, hours, relative } from "../format";

const PALETTE: Record<string, string> = { ok: "green", stale: "orange", failing: "red" };

const Tile = ({ children, state, testId }: { children: ReactNode; state: string; testId?: string }) => (
  <Box borderWidth="1px" borderRadius="md" p={3} borderLeftWidth="4px" borderLeftColor={`${PALETTE[state] ?? "gray"}.solid`} data-testid={testId}>
    {children}
  </Box>
);

/** The newest restore drill of a kind and scope's backups (rows are newest first). */
const lastDrill = (card: ScopeCard, rows: BackupRow[] = []) =>
  rows.filter((r) => r.kind === card.kind && r.scope === card.scope && r.drill?.drilled_at).map((r) => r.drill)[0];

const ScopeTile = ({ card, newest, drill }: { card: ScopeCard; newest?: BackupRow; drill?: BackupRow["drill"] }) => (
  <Tile state={card.state} testId="airvault-scope">
    <Text fontWeight="semibold">
      {card.kind} · {card.scope}{" "}
      <Badge colorPalette={PALETTE[card.state] ?? "gray"}>{card.state}</Badge>
    </Text>
    <Text fontSize="sm">{newest?.label ?? (card.newest ? "newest backup" : "no usable backup yet")}</Text>
    <Text fontSize="sm" color="fg.muted">
      {card.age_hours === null || card.age_hours === undefined ? "" : `${hours(card.age_hours)} old`}
      {card.target_hours !== null && card.target_hours !== undefined ? ` · target ${hours(card.target_hours)}` : ""}
      {card.verified === false ? " · verification FAILED" : card.verified ? " · verified" : ""}
    </Text>
    {drill ? (
      <Text fontSize="sm" color={drill.ok ? "fg.muted" : "fg.error"}>
        last drill {drill.ok ? "passed" : "FAILED"} {relative(drill.drilled_at)}
      </Text>
    ) : null}
    {card.failed_run ? (
      <Link href={card.failed_run.link} fontSize="sm" color="fg.error">
        last run of {card.failed_run.dag_id} failed
      </Link>
    ) : null}
  </Tile>
);

/** The newest good (usable, not failed verification) backup of each scope the status lists. */
export const newestOf = (card: ScopeCard, rows: BackupRow[] = []): BackupRow | undefined =>
  rows.find((r) => r.url === card.newest);

export const Protection = ({ status, rows, compact = false }: { status: SafetyStatus; rows?: BackupRow[]; compact?: boolean }) => {
  const drill = status.drill as { ok?: boolean; kind?: string; scope?: string; drilled_at?: string; rto_s?: number } | null;
  const capture = status.capture as { slot?: string; rpo_seconds?: number | null; problems?: string[] } | null;
  return (
    <SimpleGrid columns={{ base: 1, md: 2, xl: compact ? 3 : 4 }} gap={3}>
      {status.cards.map((c) => (
        <ScopeTile key={`${c.kind}/${c.scope}`} card={c} newest={newestOf(c, rows)} drill={lastDrill(c, rows)} />
      ))}
      {compact ? null : (
        <>
          <Tile state={drill ? (drill.ok ? "ok" : "failing") : "stale"}>
            <Text fontWeight="semibold">last restore drill</Text>
            <Text fontSize="sm">
              {drill ? `${drill.ok ? "passed" : "FAILED"}: ${drill.kind}/${drill.scope} ${relative(drill.drilled_at)}` : "no restore drill yet"}
            </Text>
            {drill?.rto_s ? <Text fontSize="sm" color="fg.muted">RTO {drill.rto_s.toFixed(1)} s</Text> : null}
          </Tile>
          {capture ? (
            <Tile state={capture.problems?.length ? "failing" : "ok"}>
              <Text fontWeight="semibold">change capture · {capture.slot}</Text>
              <Text fontSize="sm">
                {capture.rpo_seconds === null || capture.rpo_seconds === undefined ? "no change in storage yet" : `RPO ${hours(capture.rpo_seconds / 3600)}`}
              </Text>
            </Tile>
          ) : null}
          <Tile state="ok">
            <Text fontWeight="semibold">storage used: {bytes(status.storage.total)}</Text>
            <Text fontSize="sm" color="fg.muted">
              {Object.entries(status.storage.by_kind)
                .map(([kind, size]) => `${kind} ${bytes(size)}`)
                .join(" · ") || "empty"}
            </Text>
          </Tile>
        </>
      )}
    </SimpleGrid>
  );
};
