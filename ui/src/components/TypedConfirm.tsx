// A deletion confirmed by typing: the backup's short id (or its label) and a reason, which the
// deletion log keeps. Deleting stays disabled until both are there; the endpoint's refusal
// (409: pinned, or the last good backup of its scope) is shown as it says it.
import { Box, Button, Code, Field, HStack, Input, Text } from "@chakra-ui/react";
import { useState } from "react";

type Props = {
  what: string; // the backup's label, as listed
  word: string; // its short id: what to type
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
};

export const TypedConfirm = ({ what, word, onConfirm, onCancel }: Props) => {
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const matches = [word, what].includes(typed.trim());
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box borderWidth="1px" borderColor="border.error" borderRadius="md" p={3} data-testid="airvault-delete-confirm">
      <Text mb={2} wordBreak="break-word">
        Delete <b>{what}</b> for good, from the storage and its copies? Type its id <Code>{word}</Code> (or its label) to confirm.
      </Text>
      <HStack wrap="wrap" gap={2} align="end">
        <Field.Root w="12rem">
          <Field.Label>Id or label</Field.Label>
          <Input size="sm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </Field.Root>
        <Field.Root flex="1 1 14rem" minW={0} required>
          <Field.Label>Reason (kept in the deletion log)</Field.Label>
          <Input size="sm" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field.Root>
        <Button size="sm" colorPalette="red" disabled={!matches || !reason.trim() || busy} loading={busy} onClick={confirm}>
          Delete for good
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </HStack>
      {error ? (
        <Text role="alert" color="fg.error" mt={2} wordBreak="break-word" data-testid="airvault-delete-error">
          Not deleted: {error}
        </Text>
      ) : null}
    </Box>
  );
};
