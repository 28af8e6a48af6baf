// After a restore: its safety backup and how to undo it, from any folder, with Airflow's
// api-server down: the lines the endpoint gives (the target database and the keys read from
// their Airflow connections by id, then the CLI's restore of the safety backup).
import { Box, Button, Code, Text } from "@chakra-ui/react";

import type { RestoreProgress } from "./api";

type Props = { progress: RestoreProgress; onPlanUndo?: () => void };

export const Undo = ({ progress, onPlanUndo }: Props) => {
  if (!progress.safety_backup) return null;
  return (
    <Box data-testid="airvault-restore-undo" borderWidth="1px" borderRadius="md" p={3} bg="bg.subtle">
      <Text>
        Safety backup: <Code wordBreak="break-all">{progress.safety_backup}</Code>
      </Text>
      <Text mt={2}>
        To undo this restore, from any folder where Airflow&apos;s CLI reads this installation&apos;s connections (its
        api-server need not run): <Code>TARGET_DSN</Code> is the database of the Airflow connection{" "}
        <Code>{progress.target}</Code>; the keys: {progress.undo_keys}.
      </Text>
      <Code
        as="pre"
        display="block"
        whiteSpace="pre-wrap"
        wordBreak="break-all"
        p={2}
        mt={2}
        tabIndex={0}
        aria-label="Undo command"
        data-testid="airvault-restore-undo-command"
      >
        {progress.undo_script ?? progress.undo}
      </Code>
      <Text mt={2} fontSize="sm" color="fg.muted">
        Or, with this installation&apos;s config: <Code>airvault restore --undo {progress.restore_id} --dsn &quot;$TARGET_DSN&quot;</Code>
      </Text>
      {onPlanUndo ? (
        <Button size="sm" mt={2} variant="outline" onClick={onPlanUndo}>
          Plan the undo…
        </Button>
      ) : null}
    </Box>
  );
};
