/** The check's answer as read: who was checked, the verdict and its reasons. */
import Avatar from '@atlaskit/avatar';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type {
  OffboardingAccount,
  OffboardingAcknowledged,
  OffboardingCheckResult,
  ReasonCode,
} from '@contract/offboarding';
import { VERDICT_APPEARANCE, VERDICT_LABELS, formatTime, verdictSummary, verdictTitle } from './format';
import { List } from './ui';

/** Reason codes that make the verdict a block (contract: REASON_CODES). */
export const BLOCKING = new Set<ReasonCode>(['IS_INTEGRATION_ACCOUNT', 'OWNS_WITHOUT_ACTIVE_BACKUP']);

/** The accounts that block the deactivation first, then the others, each group in the server's order. */
export function byUrgency(r: OffboardingCheckResult): OffboardingAccount[] {
  const blocking = new Set(r.reasons.filter((x) => BLOCKING.has(x.code)).map((x) => x.accountId));
  return [
    ...r.accounts.filter((a) => blocking.has(a.accountId)),
    ...r.accounts.filter((a) => !blocking.has(a.accountId)),
  ];
}

export function personName(r: OffboardingCheckResult): string {
  return r.person.displayName ?? (r.person.missing ? 'This person' : r.person.accountId);
}

export function PersonHeader({
  result,
  avatarUrl,
  onRecheck,
  rechecking,
}: {
  result: OffboardingCheckResult;
  avatarUrl: string | undefined;
  onRecheck: () => void;
  rechecking: boolean;
}) {
  const { person } = result;
  return (
    <Inline space="space.150" alignBlock="center" spread="space-between" shouldWrap>
      <Inline space="space.100" alignBlock="center">
        <Avatar size="medium" src={avatarUrl} name="" />
        <Stack space="space.025">
          <Inline space="space.075" alignBlock="center" shouldWrap>
            <Text weight="bold">{personName(result)}</Text>
            {person.missing ? (
              <Lozenge appearance="removed">Not in Jira</Lozenge>
            ) : person.active === false ? (
              <Lozenge appearance="removed">Already deactivated</Lozenge>
            ) : (
              <Lozenge appearance="success">Active</Lozenge>
            )}
          </Inline>
          <Text size="small" color="color.text.subtlest">
            Checked {formatTime(result.checkedAt)}
          </Text>
        </Stack>
      </Inline>
      <Button onClick={onRecheck} isLoading={rechecking}>
        Check again
      </Button>
    </Inline>
  );
}

export function Verdict({
  result,
  onAcknowledge,
}: {
  result: OffboardingCheckResult;
  /** Offered on block and warn verdicts, until acknowledged. */
  onAcknowledge: (() => void) | undefined;
}) {
  const { verdict, reasons, accounts } = result;
  const name = personName(result);
  return (
    <div data-testid="offboarding-verdict" data-verdict={verdict} role="status" aria-live="polite">
      <SectionMessage
        appearance={VERDICT_APPEARANCE[verdict].message}
        title={verdictTitle(verdict, name)}
        actions={
          onAcknowledge
            ? [
                <SectionMessageAction key="acknowledge" onClick={onAcknowledge}>
                  {`Acknowledge the warning…`}
                </SectionMessageAction>,
              ]
            : []
        }
      >
        <Stack space="space.100">
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Lozenge appearance={VERDICT_APPEARANCE[verdict].lozenge} isBold>
              {`Verdict: ${VERDICT_LABELS[verdict]}`}
            </Lozenge>
            <Text>{verdictSummary(verdict, accounts.length)}</Text>
          </Inline>
          {reasons.length > 0 ? (
            <List>
              {reasons.map((r) => (
                <li key={`${r.code}:${r.accountId}`} data-reason={r.code}>
                  <Text>{r.text}</Text>
                </li>
              ))}
            </List>
          ) : null}
        </Stack>
      </SectionMessage>
    </div>
  );
}

export function isAcknowledged(
  result: OffboardingCheckResult,
  ack: OffboardingAcknowledged | undefined,
): boolean {
  return ack !== undefined && ack.personId === result.person.accountId && ack.verdict === result.verdict;
}
