// The "Backups" page in Airflow's navigation (and, with a DAG id, the Backups tab of a DAG's
// page): one tab per everyday task. Each tab is its own module under ../tabs/; the tab shown
// is kept in the URL's `tab` query parameter so a link or a reload lands on it again.
import { Button, Heading, HStack, Stack, Tabs } from "@chakra-ui/react";
import { useState } from "react";

import { fullPageUrl } from "../api/client";
import { BackupsTab } from "../tabs/BackupsTab";
import { ExchangeTab } from "../tabs/ExchangeTab";
import { JobsTab } from "../tabs/JobsTab";
import { OverviewTab } from "../tabs/OverviewTab";
import { RestoreTab } from "../tabs/RestoreTab";
import { SchedulesTab } from "../tabs/SchedulesTab";
import { DagTab } from "./DagTab";

export type PluginProps = { dagId?: string; runId?: string; taskId?: string; mapIndex?: string };

export const TABS = [
  { value: "overview", label: "Overview", Panel: OverviewTab },
  { value: "backups", label: "Backups", Panel: BackupsTab },
  { value: "restore", label: "Restore", Panel: RestoreTab },
  { value: "schedules", label: "Schedules", Panel: SchedulesTab },
  { value: "exchange", label: "Imports & Exports", Panel: ExchangeTab },
  { value: "jobs", label: "Jobs", Panel: JobsTab },
] as const;

export type TabName = (typeof TABS)[number]["value"];

/** What a tab may ask of the page: show another tab (e.g. Overview's "Restore…" finding). */
export type TabProps = { show: (tab: TabName) => void };

const initialTab = (): TabName => {
  const asked = new URLSearchParams(window.location.search).get("tab");
  return TABS.some((t) => t.value === asked) ? (asked as TabName) : "overview";
};

const Tabbed = () => {
  const [tab, setTab] = useState<TabName>(initialTab);
  const show = (next: TabName) => {
    setTab(next);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", next);
    window.history.replaceState(window.history.state, "", url);
  };
  return (
    <Stack gap={3} p={{ base: 2, md: 4 }} data-testid="airvault-backups-page">
      <HStack justify="space-between" wrap="wrap" gap={2}>
        <Heading size="xl">Backups</Heading>
        <Button asChild size="sm" variant="outline">
          <a href={fullPageUrl()}>Open the classic page</a>
        </Button>
      </HStack>
      <Tabs.Root value={tab} onValueChange={(e) => show(e.value as TabName)} lazyMount unmountOnExit>
        <Tabs.List flexWrap="wrap">
          {TABS.map((t) => (
            <Tabs.Trigger key={t.value} value={t.value} data-testid={`airvault-tab-${t.value}`}>
              {t.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {TABS.map(({ value, Panel }) => (
          <Tabs.Content key={value} value={value} data-testid={`airvault-panel-${value}`}>
            <Panel show={show} />
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </Stack>
  );
};

/** One component for both destinations: Airflow passes a dagId on a DAG's page. */
export const BackupsPage = ({ dagId }: PluginProps) => (dagId ? <DagTab dagId={dagId} /> : <Tabbed />);
