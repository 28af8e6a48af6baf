// Imports & Exports: the export form (every declared dataset, columns, filters, tenant, raw
// or readable, time zone, format, now or later, named templates, several datasets in one
// ZIP), the exports in the storage with their download links, and the import form (upload,
// mapping, saved mappings, dry run with every problem of each rejected row). Who may only
// read sees the list and no form that acts.
import { Box, Heading, Stack, Text } from "@chakra-ui/react";

import { get } from "../api/client";
import { ExportForm } from "../exchange/ExportForm";
import { ExportList, type StoredExport } from "../exchange/ExportList";
import { ImportForm } from "../exchange/ImportForm";
import { useLive } from "../jobs/live";
import type { TabProps } from "../pages/BackupsPage";

export const ExchangeTab = ({ show }: TabProps) => {
  const listed = useLive(() => get("/api/backups"), 60);
  const may = listed.data?.may ?? {};
  return (
    <Stack gap={6} data-testid="airvault-exchange-tab">
      {listed.error ? <Text color="fg.error">{listed.error}</Text> : null}
      {may.export ? <ExportForm show={show} exported={listed.reload} /> : null}
      {listed.data && !may.export && !may.import ? (
        <Text color="fg.muted">
          Your role may read exports but not start exports or imports: that needs the right to trigger the export and import DAGs.
        </Text>
      ) : null}
      <Box as="section" aria-labelledby="airvault-exports-title">
        <Heading size="md" as="h3" mb={2} id="airvault-exports-title">
          Exports in storage
        </Heading>
        {listed.data ? <ExportList exports={listed.data.exports as StoredExport[]} mayDownload={!!may.export} /> : null}
      </Box>
      {may.import ? <ImportForm /> : null}
    </Stack>
  );
};
