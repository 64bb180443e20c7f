import { useState } from 'react';
import Avatar from '@atlaskit/avatar';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import type { AccountDetail, AccountDto } from '@contract/accounts';
import { adminApi } from '../../shared/api';
import { revealAppTop } from '../../shared/reveal';
import { useLoad } from '../../shared/hooks';
import { useRouter, focusView, useFocusOnArrival } from '../../shared/router';
import { ErrorState } from '../../shared/states';
import { paths } from '../routes';
import { AppLink } from '../ui/app-link';
import { findingLabel, formatDate, formatTime, riskFactorLabel } from '../ui/format';
import { CredentialLozenge, JiraStateLozenge, KindLozenge, RiskLozenge, StatusLozenge } from '../ui/lozenges';
import { nameOf, usePeople } from '../ui/people-directory';
import { Card, Facts, JiraPerson, Section } from './account-layout';
import { History, Integrations } from './AccountSections';
import { ClampedText } from './ClampedText';
import { DormantNotice, PersonalAccountGuidance } from './KindGuidance';
import { RetireModal } from './RetireModal';
import { AccountSkeleton } from './skeletons';
import { WHOLE_WORDS } from './whole-words';

/** What Jira says of a retired account's user, worded so it cannot be read as the registry's state. */
function jiraAccountAfterRetiring(state: { missing?: boolean; active?: boolean }): string {
  if (state.missing) return 'Jira no longer knows its user account.';
  return state.active
    ? 'Its Jira user account is still active: if nothing signs in as it any more, deactivate it in Jira.'
    : 'Its Jira user account is deactivated.';
}

function Detail({
  detail,
  onChanged,
  reload,
}: {
  detail: AccountDetail;
  onChanged: (a: AccountDto) => void;
  reload: () => void;
}) {
  const { navigate } = useRouter();
  useFocusOnArrival('account-heading');
  const people = usePeople();
  const [retiring, setRetiring] = useState(false);
  const a = detail.account;
  const retired = a.status === 'retired';
  const jiraAccount = detail.jira.account;

  return (
    <Stack space="space.400">
      <Stack space="space.100">
        <AppLink to={paths.accounts}>← All accounts</AppLink>
        <Inline spread="space-between" alignBlock="start" shouldWrap space="space.200">
          <Inline space="space.200" alignBlock="center">
            <Avatar
              size="large"
              appearance="square"
              src={jiraAccount.missing ? undefined : jiraAccount.avatarUrl}
              name=""
            />
            <Stack space="space.075">
              <span style={WHOLE_WORDS}>
                <Heading size="large" as="h2" id="account-heading">
                  {a.displayName}
                </Heading>
              </span>
              <Inline space="space.100" alignBlock="center" shouldWrap>
                <StatusLozenge status={a.status} />
                <KindLozenge kind={a.kind} />
                {/* Retired: the registry's state is the one shown; Jira's is said in words below. */}
                {retired ? null : (
                  <JiraStateLozenge
                    active={jiraAccount.missing ? undefined : jiraAccount.active}
                    missing={jiraAccount.missing}
                  />
                )}
                {retired ? null : <RiskLozenge level={a.risk.level} score={a.risk.score} />}
                {a.emailAddress ? <Text color="color.text.subtle">{a.emailAddress}</Text> : null}
              </Inline>
            </Stack>
          </Inline>
          <Inline space="space.100">
            {retired ? (
              <Button appearance="primary" onClick={() => navigate(paths.retag(a.accountId))}>
                Re-tag
              </Button>
            ) : (
              <>
                <Button appearance="primary" onClick={() => navigate(paths.edit(a.accountId))}>
                  Edit
                </Button>
                {/* Destructive, so not emphasised here: the confirmation dialog carries the danger button. */}
                <Button
                  onClick={() => {
                    revealAppTop();
                    setRetiring(true);
                  }}
                >
                  Retire
                </Button>
              </>
            )}
          </Inline>
        </Inline>
      </Stack>

      {retired ? (
        <SectionMessage appearance="information" title="This account is retired">
          <Text as="p">
            Retired {formatTime(a.retiredAt)} by {nameOf(people, a.retiredBy)}
            {a.retireReason ? `: “${a.retireReason}”` : '.'} Re-tag it to register it again.
          </Text>
          <Text as="p" testId="retired-jira-account">
            {jiraAccountAfterRetiring(jiraAccount)}
          </Text>
        </SectionMessage>
      ) : null}
      {!retired && jiraAccount.missing ? (
        <SectionMessage appearance="error" title="Jira no longer knows this account">
          <Text as="p">The integrations that sign in as it have stopped working.</Text>
        </SectionMessage>
      ) : null}
      {!retired && !jiraAccount.missing && !jiraAccount.active ? (
        <SectionMessage appearance="error" title="This account is deactivated in Jira">
          <Text as="p">
            The integrations that sign in as it cannot reach Jira. Reactivate it, or retire it here.
          </Text>
        </SectionMessage>
      ) : null}

      {!retired && a.kind === 'personal' && detail.findings.some((f) => f.code === 'PERSONAL_ACCOUNT') ? (
        <PersonalAccountGuidance
          account={a}
          onChanged={onChanged}
          onRetire={() => {
            revealAppTop();
            setRetiring(true);
          }}
          onConflict={reload}
        />
      ) : null}
      {!retired ? <DormantNotice detail={detail} /> : null}

      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))',
          gap: token('space.300'),
        }}
      >
        <Card>
          <Section title="Registration">
            <Facts
              items={[
                [
                  'Purpose',
                  <ClampedText
                    key="p"
                    text={a.purpose}
                    lines={6}
                    label={`the purpose of ${a.displayName}`}
                  />,
                ],
                [
                  'Owner',
                  <JiraPerson key="o" state={detail.jira.owner} fallbackName={a.owner.displayName} />,
                ],
                [
                  'Backup owner',
                  <JiraPerson
                    key="b"
                    state={detail.jira.backupOwner}
                    fallbackName={a.backupOwner?.displayName ?? ''}
                  />,
                ],
                [
                  'Notes',
                  a.notes ? (
                    <ClampedText key="n" text={a.notes} lines={6} label="the notes" />
                  ) : (
                    <Text key="n" color="color.text.subtlest">
                      None
                    </Text>
                  ),
                ],
              ]}
            />
          </Section>
        </Card>
        {retired ? (
          <Card>
            <Section title="Record">
              <Facts
                items={[
                  ['Last reviewed', formatDate(a.lastReviewedOn)],
                  ['Tagged', `${formatTime(a.taggedAt)} by ${nameOf(people, a.taggedBy)}`],
                  [
                    'Last change',
                    `${formatTime(a.updatedAt)} by ${nameOf(people, a.updatedBy)} · version ${a.version}`,
                  ],
                ]}
              />
            </Section>
          </Card>
        ) : (
          <Card>
            <Section title="Review and risk">
              <Facts
                items={[
                  ['Review cadence', `Every ${a.reviewCadenceDays} days`],
                  ['Last reviewed', formatDate(a.lastReviewedOn)],
                  [
                    'Review due',
                    <Inline key="d" space="space.100" alignBlock="center">
                      <Text>{formatDate(a.reviewDueOn)}</Text>
                      {a.reviewOverdue ? <Lozenge appearance="removed">Overdue</Lozenge> : null}
                    </Inline>,
                  ],
                  [
                    'Credentials',
                    <Inline key="c" space="space.100" alignBlock="center">
                      <Text>
                        {a.credentialExpiresOn
                          ? `Next expiry ${formatDate(a.credentialExpiresOn)}`
                          : 'No expiry recorded'}
                      </Text>
                      <CredentialLozenge state={a.credentialState} />
                    </Inline>,
                  ],
                  [
                    'Risk',
                    <Stack key="r" space="space.075">
                      <Inline space="space.100">
                        <RiskLozenge level={a.risk.level} score={a.risk.score} />
                      </Inline>
                      {a.risk.factors.length ? (
                        <Text size="small" color="color.text.subtle">
                          {a.risk.factors.map(riskFactorLabel).join(' · ')}
                        </Text>
                      ) : null}
                    </Stack>,
                  ],
                  ['Tagged', `${formatTime(a.taggedAt)} by ${nameOf(people, a.taggedBy)}`],
                  [
                    'Last change',
                    `${formatTime(a.updatedAt)} by ${nameOf(people, a.updatedBy)} · version ${a.version}`,
                  ],
                ]}
              />
            </Section>
          </Card>
        )}
      </div>

      <Section title={`Integrations (${a.integrations.length})`}>
        <Integrations account={a} />
      </Section>

      {retired ? null : (
        <Section title={`Findings (${detail.findings.length})`}>
          {detail.findings.length === 0 ? (
            <Text color="color.text.subtle">
              No open findings. The sweep raises them when something needs attention.
            </Text>
          ) : (
            <Stack space="space.100">
              {detail.findings.map((f) => (
                <Inline key={`${f.code}-${f.openedAt}`} space="space.150" alignBlock="center">
                  <Lozenge appearance={f.severity >= 3 ? 'removed' : 'moved'}>{f.status}</Lozenge>
                  <Text weight="medium">{findingLabel(f.code)}</Text>
                  <Text color="color.text.subtle">since {formatDate(f.openedAt)}</Text>
                </Inline>
              ))}
            </Stack>
          )}
        </Section>
      )}

      <Section title="History">
        <History detail={detail} />
      </Section>

      <RetireModal
        account={a}
        isOpen={retiring}
        onClose={() => setRetiring(false)}
        onRetired={(updated) => {
          setRetiring(false);
          onChanged(updated);
          // The Retire button that opened the modal is gone: focus goes to the account's heading.
          focusView('account-heading');
        }}
        onConflict={() => {
          setRetiring(false);
          reload();
        }}
      />
    </Stack>
  );
}

export default function AccountPage({ accountId }: { accountId: string }) {
  const { state, reload } = useLoad(() => adminApi.getAccount({ accountId }), accountId);
  if (state.status === 'error')
    return <ErrorState title="We couldn’t load this account" error={state.error} onRetry={reload} />;
  if (state.status === 'loading' && !state.data) return <AccountSkeleton />;
  const detail = state.data!;
  return (
    <Box>
      <Detail detail={detail} onChanged={() => reload()} reload={reload} />
    </Box>
  );
}
