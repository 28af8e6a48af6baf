// What an action answered: done (with its run's link and what follows) or the endpoint's
// error as it said it (what was wrong and where).
import { Alert } from "@chakra-ui/react";
import type { ReactNode } from "react";

export type Saying = { ok: boolean; text: string; more?: ReactNode } | null;

export const Said = ({ said, testId }: { said: Saying; testId?: string }) =>
  said ? (
    <Alert.Root status={said.ok ? "info" : "error"} role={said.ok ? "status" : "alert"} data-testid={testId}>
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title wordBreak="break-word">{said.text}</Alert.Title>
        {said.more ? <Alert.Description>{said.more}</Alert.Description> : null}
      </Alert.Content>
    </Alert.Root>
  ) : null;
