// Named export templates: load one's choices into the form, save the form's choices by name
// (checked by the server as an export would be), delete one. Stored under the storage root,
// where `airvault export --template NAME` reads them too.
import { Button, Field, HStack, NativeSelect, Text } from "@chakra-ui/react";
import { useState } from "react";

import { post } from "../api/client";
import { deleteExportTemplate, type ExportTemplate } from "./api";
import { type Choices, fromTemplate, sent } from "./choices";
import type { Saying } from "./Said";
import { SaveAs } from "./SaveAs";

type Props = {
  templates: ExportTemplate[];
  problems: string[];
  choices: Choices;
  load: (choices: Choices) => void;
  saved: () => void; // the options are read again: the list changed
  say: (said: Saying) => void;
};

export const ExportTemplates = ({ templates, problems, choices, load, saved, say }: Props) => {
  const [picked, setPicked] = useState("");
  const [name, setName] = useState("");
  const pick = (value: string) => {
    setPicked(value);
    const template = templates.find((t) => t.name === value);
    if (template) load(fromTemplate(template.choices));
  };
  const save = async () => {
    try {
      const template = await post<ExportTemplate>("/api/exports/templates", { name, choices: sent(choices) });
      say({ ok: true, text: `Saved the export template ${template.name}: it is in the list of templates.` });
      setPicked(template.name);
      setName("");
      saved();
    } catch (e) {
      say({ ok: false, text: (e as Error).message });
    }
  };
  const remove = async () => {
    try {
      await deleteExportTemplate(picked);
      say({ ok: true, text: `Deleted the export template ${picked}.` });
      setPicked("");
      saved();
    } catch (e) {
      say({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <HStack gap={3} wrap="wrap" align="end">
      <Field.Root w="auto" minW="12rem">
        <Field.Label>Saved template</Field.Label>
        <NativeSelect.Root size="sm">
          <NativeSelect.Field value={picked} onChange={(e) => pick(e.target.value)} data-testid="airvault-export-templates">
            <option value="">{templates.length ? "choose one to load…" : "none saved yet"}</option>
            {templates.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
                {t.saved_by ? ` (by ${t.saved_by})` : ""}
              </option>
            ))}
          </NativeSelect.Field>
          <NativeSelect.Indicator />
        </NativeSelect.Root>
      </Field.Root>
      <Button size="sm" variant="outline" disabled={!picked} onClick={remove} aria-label={picked ? `Delete template ${picked}` : "Delete template"}>
        Delete template
      </Button>
      <SaveAs label="Save these choices as" button="Save template" name={name} change={setName} save={save} />
      {problems.map((p) => (
        <Text key={p} fontSize="sm" color="fg.error" w="full">
          {p}
        </Text>
      ))}
    </HStack>
  );
};
