// The export form's state and what it sends: the same choices a saved template holds
// (ExportChoices), with the filters as the text a user types ("column=value, ...").
import type { ExportChoices, ExportOptions } from "./api";

export type Choices = ExportChoices & { filterText: string };

export const FRESH: Choices = {
  datasets: [],
  format: "csv",
  readable: true,
  short_ids: false,
  columns: [],
  filters: {},
  tenant: "",
  date_column: "",
  since: "",
  until: "",
  timezone: "UTC",
  filterText: "",
};

export const fromTemplate = (c: ExportChoices): Choices => ({
  ...FRESH,
  ...c,
  filterText: Object.entries(c.filters)
    .map(([column, value]) => `${column}=${value}`)
    .join(", "),
});

/** The filters typed as "column=value, ...": a part without '=' is named, not dropped. */
export const parsedFilters = (text: string): Record<string, string> => {
  const filters: Record<string, string> = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf("=");
    if (at < 1) throw new Error(`Filters: '${part}' is not column=value`);
    filters[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return filters;
};

/** What the endpoints take: the choices without the form's own text. */
export const sent = (c: Choices): ExportChoices => {
  const { filterText, ...choices } = c;
  return { ...choices, filters: parsedFilters(filterText) };
};

const qualified = (table: string): string => (table.includes(".") ? table : `public.${table}`);

/** The declared tables the chosen datasets export (a module: its tables). */
export const tablesOf = (options: ExportOptions, datasets: string[]): string[] => {
  const modules = new Map(options.modules.map((m) => [m.name, m.tables.map(qualified)]));
  return [...new Set(datasets.flatMap((d) => modules.get(d) ?? [qualified(d)]))];
};

/** The columns a column subset may name: those of every chosen table, in their order. */
export const columnsOf = (options: ExportOptions, datasets: string[]): string[] => [
  ...new Set(tablesOf(options, datasets).flatMap((t) => options.tables[t] ?? [])),
];
