// Exports in the storage (exports/<table>/<run>/), newest first: what, format, when, rows,
// size, who asked; the file and its report to download for who may export (a viewer sees the
// list, never a link).
import { Link, Table, Text } from "@chakra-ui/react";

import { bytes, count, relative, when } from "../format";
import { downloadUrl } from "./api";

export type StoredExport = {
  table: string;
  format?: string | null;
  started_at?: string | null;
  rows?: number | null;
  bytes?: number | null;
  triggered_by?: string | null;
  withheld?: string[];
  declared?: boolean;
  file?: string | null;
  report: string;
};

const SHOWN = 20;

export const ExportList = ({ exports, mayDownload }: { exports: StoredExport[]; mayDownload: boolean }) => {
  if (!exports.length) return <Text color="fg.muted">No exports in this storage yet.</Text>;
  return (
    <Table.ScrollArea borderWidth="1px" borderRadius="md">
      <Table.Root size="sm" data-testid="airvault-exports">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader>Export</Table.ColumnHeader>
            <Table.ColumnHeader>Taken</Table.ColumnHeader>
            <Table.ColumnHeader textAlign="end">Rows</Table.ColumnHeader>
            <Table.ColumnHeader textAlign="end">Size</Table.ColumnHeader>
            <Table.ColumnHeader>Asked by</Table.ColumnHeader>
            <Table.ColumnHeader>Download</Table.ColumnHeader>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {exports.slice(0, SHOWN).map((e) => (
            <Table.Row key={e.report} data-report={e.report}>
              <Table.Cell maxW="18rem">
                <Text wordBreak="break-word">
                  {e.table} <Text as="span" color="fg.muted">({e.format ?? "?"})</Text>
                </Text>
                {e.withheld?.length ? (
                  <Text fontSize="xs" color="fg.muted">
                    secret columns left out: {e.withheld.join(", ")}
                  </Text>
                ) : null}
                {e.declared === false ? (
                  <Text fontSize="xs" color="fg.muted">
                    not a declared dataset: no download
                  </Text>
                ) : null}
              </Table.Cell>
              <Table.Cell title={when(e.started_at)}>{relative(e.started_at)}</Table.Cell>
              <Table.Cell textAlign="end">{count(e.rows)}</Table.Cell>
              <Table.Cell textAlign="end">{bytes(e.bytes)}</Table.Cell>
              <Table.Cell wordBreak="break-word">{e.triggered_by ?? "-"}</Table.Cell>
              <Table.Cell>
                {mayDownload ? (
                  <>
                    {e.file ? (
                      <Link href={downloadUrl(e.file)} download colorPalette="blue" wordBreak="break-all" me={2}>
                        {e.file.split("/").pop()}
                      </Link>
                    ) : null}
                    <Link href={downloadUrl(e.report)} download fontSize="xs" color="fg.muted">
                      report.json
                    </Link>
                  </>
                ) : (
                  <Text color="fg.muted">-</Text>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </Table.ScrollArea>
  );
};
