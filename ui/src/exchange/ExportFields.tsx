// The export form's choices: datasets (modules and declared tables; several make one ZIP
// with format zip), a column subset of the chosen tables, filters, tenant, raw or readable,
// time zone and format.
import { Checkbox, Field, Input, SimpleGrid, Stack } from "@chakra-ui/react";

import type { ExportOptions } from "./api";
import { CheckList } from "./CheckList";
import { type Choices, columnsOf } from "./choices";
import { Picker } from "./Picker";

type Props = { options: ExportOptions; choices: Choices; change: (next: Partial<Choices>) => void };

const FORMAT_WORDS: Record<string, string> = {
  csv: "CSV",
  json: "JSON lines",
  parquet: "Parquet",
  xlsx: "Excel (xlsx)",
  pdf: "PDF (a report to read)",
  zip: "ZIP (CSV files: a module's tables, or several datasets)",
};

export const ExportFields = ({ options, choices, change }: Props) => {
  const modules = options.modules.map((m) => ({ value: m.name, label: `${m.name} (module)`, hint: m.tables.join(", ") }));
  const tables = Object.keys(options.tables).map((t) => ({ value: t }));
  const columns = columnsOf(options, choices.datasets);
  return (
    <Stack gap={3}>
      <SimpleGrid columns={{ base: 1, md: 2 }} gap={3}>
        <CheckList
          legend="Datasets to export"
          items={[...modules, ...tables]}
          chosen={choices.datasets}
          onChange={(datasets) => change({ datasets, columns: choices.columns.filter((c) => columnsOf(options, datasets).includes(c)) })}
        />
        <CheckList
          legend="Columns (none ticked: all)"
          items={columns.map((c) => ({ value: c }))}
          chosen={choices.columns}
          onChange={(picked) => change({ columns: columns.filter((c) => picked.includes(c)) })}
          empty="choose a dataset first"
        />
      </SimpleGrid>
      <SimpleGrid columns={{ base: 1, md: 2, xl: 4 }} gap={3}>
        <Picker
          label="Format"
          value={choices.format}
          choices={Object.fromEntries(options.formats.map((f) => [f, FORMAT_WORDS[f] ?? f]))}
          change={(format) => change({ format: format as Choices["format"] })}
        />
        <Field.Root>
          <Field.Label>Filters</Field.Label>
          <Input size="sm" placeholder="column=value, ..." value={choices.filterText} onChange={(e) => change({ filterText: e.target.value })} />
        </Field.Root>
        <Field.Root>
          <Field.Label>Tenant ({options.tenant_column})</Field.Label>
          <Input size="sm" placeholder="all tenants" value={choices.tenant} onChange={(e) => change({ tenant: e.target.value })} />
        </Field.Root>
        <Field.Root>
          <Field.Label>Time zone</Field.Label>
          <Input size="sm" value={choices.timezone} onChange={(e) => change({ timezone: e.target.value })} />
        </Field.Root>
      </SimpleGrid>
      <Checkbox.Root size="sm" checked={choices.readable} onCheckedChange={(e) => change({ readable: e.checked === true })}>
        <Checkbox.HiddenInput />
        <Checkbox.Control />
        <Checkbox.Label>Readable: names for user ids, local times (off: raw values, exact for machines)</Checkbox.Label>
      </Checkbox.Root>
    </Stack>
  );
};
