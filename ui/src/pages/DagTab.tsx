// The Backups tab of a DAG's page: for a DAG that takes backups, its schedule, last and next
// run, and the backups of the kind and scope it takes.
import { Badge, Link, Stack, Text } from "@chakra-ui/react";

import { useGet } from "../api/client";
import { History } from "../components/History";
import { relative, when } from "../format";

export const DagTab = ({ dagId }: { dagId: string }) => {
  const found = useGet("/api/dags/{dag_id}/backups", { dag_id: dagId });
  const schedules = useGet("/api/schedules");
  const schedule = schedules.data?.schedules.find((s) => s.dag_id === dagId);
  const dag = found.data;
  return (
    <Stack gap={3} p={2} data-testid="airvault-dag-tab">
      {found.error ? <Text color="fg.error">{found.error}</Text> : null}
      {schedule ? (
        <Text>
          {schedule.scheduled ? schedule.schedule : "manual: runs when triggered"}{" "}
          <Badge colorPalette={schedule.paused ? "gray" : "green"}>{schedule.paused ? "off" : "on"}</Badge>
          {schedule.next_run ? <> · next run {relative(schedule.next_run)} ({when(schedule.next_run)})</> : null}
          {schedule.last_run ? (
            <>
              {" "}
              · last run{" "}
              <Link href={schedule.last_run.link} colorPalette="blue">
                {schedule.last_run.state}
              </Link>{" "}
              {relative(schedule.last_run.when)}
            </>
          ) : null}
        </Text>
      ) : null}
      {dag && dag.kind ? (
        <>
          <Text fontWeight="semibold">
            Backups of {dag.kind} · {dag.scope}
          </Text>
          <History rows={dag.backups} mayRestore={dag.may_restore} empty="This DAG has taken no backup yet." showScope={false} />
        </>
      ) : dag ? (
        <Text color="fg.muted">{dagId} takes no backups: its runs are in the Runs tab.</Text>
      ) : null}
    </Stack>
  );
};
