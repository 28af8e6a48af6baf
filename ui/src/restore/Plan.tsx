// A restore's plan (or what it applied) per table: rows to insert, update and delete, the
// tables with changes highlighted (and said in words); tables outside the restore that its
// deletes reach (ON DELETE cascade) listed as their own rows. Then the run's steps.
import { Badge, Box, Code, List, Table, Text } from "@chakra-ui/react";

import { count } from "../format";
import type { PlanDoc, PlanRow, RestoreProgress } from "./api";

export const REACHED = ["cascade", "set null", "set default"];

const changes = (t: PlanRow): number => (t.insert ?? 0) + (t.update ?? 0) + (t.delete ?? 0);

export const PlanTable = ({ plan, caption, testId }: { plan: PlanDoc; caption: string; testId: string }) => {
  const total = (k: "insert" | "update" | "delete") => plan.tables.reduce((s, t) => s + (t[k] ?? 0), 0);
  return (
    <Box>
      <Table.ScrollArea borderWidth="1px" borderRadius="md">
        <Table.Root size="sm" data-testid={testId}>
          <Table.Caption captionSide="top" textAlign="start" fontWeight="medium" pb={1}>
            {caption}
          </Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Table</Table.ColumnHeader>
              <Table.ColumnHeader>Role</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Backup rows</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Target rows</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Insert</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Update</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Delete</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {plan.tables.map((t) => {
              const reached = REACHED.includes(t.role);
              const changed = changes(t) > 0;
              return (
                <Table.Row
                  key={t.table}
                  data-table={t.table}
                  data-changed={changed ? "true" : "false"}
                  colorPalette={reached ? "red" : "orange"}
                  bg={changed ? "colorPalette.subtle" : undefined}
                >
                  <Table.Cell wordBreak="break-word">
                    {t.table}{" "}
                    {changed ? (
                      <Badge size="sm" variant="solid">
                        changes
                      </Badge>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>{t.role}</Table.Cell>
                  <Table.Cell textAlign="end">{reached ? "-" : count(t.backup_rows)}</Table.Cell>
                  <Table.Cell textAlign="end">{reached ? "-" : count(t.target_rows)}</Table.Cell>
                  <Table.Cell textAlign="end">{count(t.insert ?? 0)}</Table.Cell>
                  <Table.Cell textAlign="end">{count(t.update ?? 0)}</Table.Cell>
                  <Table.Cell textAlign="end">{count(t.delete ?? 0)}</Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
          <Table.Footer>
            <Table.Row fontWeight="semibold">
              <Table.Cell>Total</Table.Cell>
              <Table.Cell />
              <Table.Cell />
              <Table.Cell />
              <Table.Cell textAlign="end">{count(total("insert"))}</Table.Cell>
              <Table.Cell textAlign="end">{count(total("update"))}</Table.Cell>
              <Table.Cell textAlign="end">{count(total("delete"))}</Table.Cell>
            </Table.Row>
          </Table.Footer>
        </Table.Root>
      </Table.ScrollArea>
      {plan.preflight?.length ? (
        <Box mt={2} data-testid="airvault-restore-preflight">
          <Text color="fg.error">This login lacks privileges for this restore:</Text>
          <Code display="block" whiteSpace="pre-wrap" p={2}>
            {plan.preflight.join("\n")}
          </Code>
        </Box>
      ) : null}
    </Box>
  );
};

const STEP_NAMES: Record<string, string> = {
  verify: "verify the backup",
  plan: "plan",
  safety_backup: "safety backup",
  restore: "replay the changes and restore the point",
  apply: "apply",
  check: "check against the backup",
};

export const Steps = ({ progress }: { progress: RestoreProgress }) => (
  <List.Root as="ol" ps={5} gap={1} aria-label="Restore steps" data-testid="airvault-restore-steps">
    {progress.steps.map((s) => (
      <List.Item key={s.step} data-step={s.step}>
        {STEP_NAMES[s.step] ?? s.step}:{" "}
        <Badge colorPalette={s.state === "failed" ? "red" : s.state === "success" ? "green" : "gray"}>{s.state}</Badge>
      </List.Item>
    ))}
  </List.Root>
);

/** Why a run failed: the step, and the error its task logged (for who may read it). */
export const Failure = ({ progress }: { progress: RestoreProgress }) => {
  const f = progress.failure as { step?: string; error?: string } | null | undefined;
  if (!f) return null;
  const step = STEP_NAMES[f.step ?? ""] ?? f.step;
  return (
    <Text color="fg.error" data-testid="airvault-restore-failure">
      {step} failed{f.error ? `: ${f.error}` : " (see its log)"}
    </Text>
  );
};

/** What a point-in-time restore replayed onto its base. */
export const Replayed = ({ progress }: { progress: RestoreProgress }) => {
  const r = progress.replay as
    | { transactions?: number; changes?: number; last_commit_at?: string | null; tables?: Record<string, number> }
    | null
    | undefined;
  if (!r) return null;
  const per = Object.entries(r.tables ?? {})
    .sort()
    .map(([t, n]) => `${t}: ${count(n)}`)
    .join(", ");
  return (
    <Text data-testid="airvault-restore-replay">
      Changes replayed onto the backup: {count(r.transactions)} transactions, {count(r.changes)} row changes (last commit{" "}
      {r.last_commit_at ?? "none after the backup"}){per ? `: ${per}` : ""}.
    </Text>
  );
};
