// Backups: the history with labels and notes, filters, and per backup the actions the user's
// role allows (verify, download, restore beside the row, pin, delete with typed confirmation);
// two backups picked are compared (the backup_diff DAG), the result shown here.
import { Button, HStack, List, Stack, Text } from "@chakra-ui/react";
import { useCallback, useEffect, useRef, useState } from "react";

import { type BackupRow, type Schemas, get } from "../api/client";
import { BackupFilters, type Filters, NO_FILTER, matches } from "../components/BackupFilters";
import { BackupItem } from "../components/BackupItem";
import { ComparePanel } from "../components/ComparePanel";
import type { TabProps } from "../pages/BackupsPage";

const PAGE = 25;

/** The list, read again every 30 s and at once after an action changed it. Only the answer
 * to the newest read is shown: a periodic read that started before an action and answers
 * after the read the action asked for would bring back what the action changed. */
const useBackups = () => {
  const [list, setList] = useState<Schemas["BackupList"]>();
  const [error, setError] = useState<string>();
  const newest = useRef(0);
  const load = useCallback(() => {
    const asked = ++newest.current;
    get("/api/backups")
      .then((l) => {
        if (asked !== newest.current) return;
        setList(l);
        setError(undefined);
      })
      .catch((e: Error) => asked === newest.current && setError(e.message));
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, [load]);
  return { list, error, load };
};

/** The two picked, the older first (a diff reads from the older to the newer). */
const inOrder = (rows: BackupRow[], urls: string[]): [BackupRow, BackupRow] | undefined => {
  const picked = rows.filter((r) => r.url && urls.includes(r.url));
  if (picked.length !== 2) return undefined;
  const [x, y] = picked;
  return (x.started_at ?? "") <= (y.started_at ?? "") ? [x, y] : [y, x];
};

export const BackupsTab = (_: TabProps) => {
  const { list, error, load } = useBackups();
  const [filters, setFilters] = useState<Filters>(NO_FILTER);
  const [picked, setPicked] = useState<string[]>([]);
  const [comparing, setComparing] = useState<[BackupRow, BackupRow]>();
  const [shown, setShown] = useState(PAGE);
  const [notice, setNotice] = useState<string>();
  if (!list) return error ? <Text color="fg.error">{error}</Text> : <Text color="fg.muted">Reading the backups…</Text>;
  const may = list.may;
  const rows = list.backups.filter(matches(filters));
  const pick = (url: string) => (on: boolean) => setPicked((p) => (on ? [...p.filter((u) => u !== url), url].slice(-2) : p.filter((u) => u !== url)));
  const pair = inOrder(list.backups, picked);
  return (
    <Stack gap={3} minW={0}>
      <Text fontSize="sm" color="fg.muted" overflowWrap="anywhere">
        Storage: {list.storage}
      </Text>
      {error ? <Text color="fg.error">{error}</Text> : null}
      <BackupFilters
        value={filters}
        set={(f) => {
          setFilters(f);
          setShown(PAGE);
        }}
        kinds={list.kinds}
        scopes={list.scopes}
      />
      {may.diff ? (
        <HStack wrap="wrap" gap={2}>
          <Button size="sm" disabled={!pair} onClick={() => setComparing(pair)}>
            Compare the two selected
          </Button>
          <Text fontSize="sm" color="fg.muted">
            {picked.length === 2 ? "" : "Tick two backups to compare them."}
          </Text>
        </HStack>
      ) : null}
      {notice ? (
        <Text role="status" wordBreak="break-word" data-testid="airvault-backups-notice">
          {notice}
        </Text>
      ) : null}
      {comparing ? <ComparePanel key={comparing.map((r) => r.url).join()} older={comparing[0]} newer={comparing[1]} onClose={() => setComparing(undefined)} /> : null}
      <Text fontSize="sm" color="fg.muted" data-testid="airvault-backup-count">
        {rows.length === list.backups.length ? `${rows.length} backups` : `${rows.length} of ${list.backups.length} backups match`}
      </Text>
      <List.Root gap={2} ps={0} data-testid="airvault-backup-list">
        {rows.slice(0, shown).map((r) => (
          <BackupItem
            key={r.url ?? r.id}
            row={r}
            may={may}
            picked={!!r.url && picked.includes(r.url)}
            pick={may.diff && r.type === "backup" && r.url ? pick(r.url) : undefined}
            changed={(said) => {
              setNotice(said);
              load();
            }}
          />
        ))}
      </List.Root>
      {rows.length > shown ? (
        <Button size="sm" variant="outline" alignSelf="start" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, rows.length - shown)} more
        </Button>
      ) : null}
      {!rows.length ? <Text color="fg.muted">{list.backups.length ? "No backup matches these filters." : "No complete backup in this storage yet."}</Text> : null}
    </Stack>
  );
};
