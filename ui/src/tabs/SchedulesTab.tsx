// Schedules: built in the React app next; until then the classic page has it.
import { Link, Text } from "@chakra-ui/react";

import { fullPageUrl } from "../api/client";
import type { TabProps } from "../pages/BackupsPage";

export const SchedulesTab = (_: TabProps) => (
  <Text>
    On the <Link href={fullPageUrl()}>classic Backups page</Link> for now.
  </Text>
);
