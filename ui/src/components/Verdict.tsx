// "Am I safe?": yes only when nothing protecting data needs attention (safety.py decides);
// otherwise every finding says what, where, since when, and the one action that fixes it.
import { Alert, Badge, List, Text } from "@chakra-ui/react";

import type { Finding, SafetyStatus } from "../api/client";
import { relative, when } from "../format";

export const verdictText = (s: SafetyStatus): string =>
  s.safe
    ? "Yes: every backup is fresh and verified, the newest drill passed and every backup, verify and drill DAG's last run succeeded."
    : `Not yet: ${s.findings.length === 1 ? "one thing needs" : `${s.findings.length} things need`} attention`;

const FindingItem = ({ finding }: { finding: Finding }) => (
  <List.Item data-where={finding.where}>
    <Badge colorPalette={finding.severity === "red" ? "red" : "orange"} mr={2}>
      {finding.severity === "red" ? "at risk" : "behind target"}
    </Badge>
    <Text as="span" fontWeight="semibold">
      {finding.where}
    </Text>
    : {finding.what}
    {finding.since ? (
      <Text as="span" color="fg.muted" title={when(finding.since)}>
        {" "}
        (since {relative(finding.since)})
      </Text>
    ) : null}
    . <Text as="span">Fix: {finding.fix}</Text>
  </List.Item>
);

export const Verdict = ({ status, error, findings = true }: { status?: SafetyStatus; error?: string; findings?: boolean }) => {
  if (!status) {
    return (
      <Alert.Root status={error ? "error" : "info"} data-testid="airvault-verdict">
        <Alert.Indicator />
        <Alert.Title>{error ? `Am I safe? Cannot tell: ${error}` : "Am I safe? Checking…"}</Alert.Title>
      </Alert.Root>
    );
  }
  const red = status.findings.some((f) => f.severity === "red");
  return (
    <Alert.Root status={status.safe ? "success" : red ? "error" : "warning"} data-testid="airvault-verdict">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>Am I safe? {verdictText(status)}</Alert.Title>
        <Alert.Description>
          {findings && status.findings.length ? (
            <List.Root ps={4} gap={1} my={1}>
              {status.findings.map((f) => (
                <FindingItem key={`${f.where}:${f.what}`} finding={f} />
              ))}
            </List.Root>
          ) : null}
          <Text fontSize="xs" color="fg.muted">
            checked {relative(status.checked_at)}
          </Text>
        </Alert.Description>
      </Alert.Content>
    </Alert.Root>
  );
};
