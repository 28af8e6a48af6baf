// Which table column each of the file's columns goes to: its first values beside it, the
// saved mapping's choice (else the column of the same name). A file column the table lacks
// stays as it is, so the dry run names it rather than it going quietly to another column.
import { NativeSelect, Table, Text } from "@chakra-ui/react";

type Props = {
  columns: string[];
  sample: string[][];
  tableColumns: string[] | undefined;
  mapping: Record<string, string>;
  change: (fileColumn: string, tableColumn: string) => void;
};

export const ImportMapping = ({ columns, sample, tableColumns, mapping, change }: Props) => (
  <Table.ScrollArea borderWidth="1px" borderRadius="md">
    <Table.Root size="sm" data-testid="airvault-import-mapping">
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeader>File column</Table.ColumnHeader>
          <Table.ColumnHeader>First values</Table.ColumnHeader>
          <Table.ColumnHeader>Table column</Table.ColumnHeader>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {columns.map((c, i) => {
          const chosen = mapping[c] ?? c;
          const offered = tableColumns ? (tableColumns.includes(chosen) ? tableColumns : [chosen, ...tableColumns]) : [chosen];
          return (
            <Table.Row key={c}>
              <Table.Cell wordBreak="break-word">{c}</Table.Cell>
              <Table.Cell maxW="16rem">
                <Text fontSize="xs" color="fg.muted" wordBreak="break-word">
                  {sample.map((r) => r[i] ?? "").join(" · ")}
                </Text>
              </Table.Cell>
              <Table.Cell>
                <NativeSelect.Root size="xs" minW="9rem">
                  <NativeSelect.Field aria-label={`Table column for ${c}`} value={chosen} onChange={(e) => change(c, e.target.value)}>
                    {offered.map((t) => (
                      <option key={t} value={t}>
                        {tableColumns && !tableColumns.includes(t) ? `${t} (not a column of the table)` : t}
                      </option>
                    ))}
                  </NativeSelect.Field>
                  <NativeSelect.Indicator />
                </NativeSelect.Root>
              </Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table.Root>
  </Table.ScrollArea>
);
