// "Save … as <name>": a name field and its button (an export template, an import mapping).
import { Button, Field, Input } from "@chakra-ui/react";

type Props = { label: string; button: string; name: string; change: (name: string) => void; save: () => void };

export const SaveAs = ({ label, button, name, change, save }: Props) => (
  <>
    <Field.Root w="auto" minW="12rem">
      <Field.Label>{label}</Field.Label>
      <Input size="sm" placeholder="template name" value={name} onChange={(e) => change(e.target.value)} />
    </Field.Root>
    <Button size="sm" variant="outline" disabled={!name.trim()} onClick={save}>
      {button}
    </Button>
  </>
);
