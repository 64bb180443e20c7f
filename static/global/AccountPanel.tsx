import { lazy, Suspense, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import type { PersonRef } from '@contract/common';
import type { MyAccount, OwnerProposal } from '@contract/owner';
import { AccountTitle, Card, List } from '../offboarding/ui';
import {
  CREDENTIAL_KIND_LABELS,
  CREDENTIAL_STATE_LABELS,
  PENDING_LABELS,
  findingLabel,
  formatDate,
  severityAppearance,
} from './format';
import { formatDatedText } from '../shared/dates';

type Open = 'none' | 'attest' | 'rotate' | 'propose' | 'backup';

// The forms (and Atlaskit Select) load when an action is first opened, not with the page.
const AttestForm = lazy(() => import('./AttestForm').then((m) => ({ default: m.AttestForm })));
const RotationForm = lazy(() => import('./RotationForm').then((m) => ({ default: m.RotationForm })));
const ProposeForm = lazy(() => import('./ProposeForm').then((m) => ({ default: m.ProposeForm })));
const BackupOwnerForm = lazy(() => import('./BackupOwnerForm').then((m) => ({ default: m.BackupOwnerForm })));

function Person({ person }: { person: PersonRef | undefined }) {
  if (!person) return <Text color="color.text.subtlest">None</Text>;
  return (
    <Inline space="space.050" alignBlock="center" shouldWrap>
      <Text>{person.displayName}</Text>
      {person.active === false ? <Lozenge appearance="removed">Inactive</Lozenge> : null}
    </Inline>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl
      style={{
        margin: 0,
        padding: 0,
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: token('space.200'),
        rowGap: token('space.050'),
        alignItems: 'baseline',
      }}
    >
      {rows.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt>
            <Text color="color.text.subtle">{term}</Text>
          </dt>
          <dd style={{ margin: 0 }}>{typeof value === 'string' ? <Text>{value}</Text> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What needs the person for this account: pending actions first, then the open findings behind them. */
export function needsCount(account: MyAccount): number {
  return account.pendingActions.length;
}

/** One account the person owns or backs up: its state, what it needs, and the actions on it. */
export function AccountPanel({
  account,
  viewerId,
  onSaved,
  onChanged,
  onStale,
}: {
  account: MyAccount;
  viewerId: string | undefined;
  onSaved: (account: MyAccount) => void;
  /** Something changed that the server will tell on the next load (a proposal). */
  onChanged: () => void;
  onStale: () => void;
}) {
  const [open, setOpen] = useState<Open>('none');
  const [rotateIndex, setRotateIndex] = useState<number | undefined>();
  // The proposal this page made, until the server's answer carries one (`account.proposal`).
  const [proposed, setProposed] = useState<OwnerProposal | undefined>();
  const proposal = account.proposal ?? proposed;
  const close = () => setOpen('none');
  const done = (saved: MyAccount) => {
    setOpen('none');
    onSaved(saved);
  };
  const formProps = { account, onDone: done, onCancel: close, onStale };
  const pending = account.pendingActions;
  const firstRotation = pending.find((p) => p.kind === 'rotate-credential')?.integrationIndex;
  const backupLabel = account.backupOwner ? 'Replace backup owner' : 'Name backup owner';

  return (
    <Card label={account.displayName} testId={`my-account-${account.accountId}`}>
      <Stack space="space.200">
        <Inline space="space.150" alignBlock="center" spread="space-between" shouldWrap>
          <AccountTitle name={account.displayName} level="h3">
            <Lozenge appearance="inprogress">
              {account.role === 'owner' ? 'You own it' : 'You are the backup owner'}
            </Lozenge>
            {account.accountActive ? null : (
              <Lozenge appearance="removed" isBold>
                Deactivated in Jira
              </Lozenge>
            )}
            {account.credentialState === 'expiring' || account.credentialState === 'expired' ? (
              <Lozenge appearance={account.credentialState === 'expired' ? 'removed' : 'moved'}>
                {CREDENTIAL_STATE_LABELS[account.credentialState]}
              </Lozenge>
            ) : null}
            {account.reviewOverdue ? <Lozenge appearance="moved">Review overdue</Lozenge> : null}
          </AccountTitle>
          {open === 'none' ? (
            <Inline space="space.100" shouldWrap>
              {/* Each accessible name starts with the button's visible words (WCAG 2.5.3). */}
              <Button
                appearance={pending.some((p) => p.kind === 'attest') ? 'primary' : 'default'}
                onClick={() => setOpen('attest')}
                aria-label={`Confirm still needed for ${account.displayName}`}
              >
                Confirm still needed
              </Button>
              {account.integrations.length > 0 ? (
                <Button
                  appearance={firstRotation !== undefined ? 'primary' : 'default'}
                  onClick={() => {
                    setRotateIndex(firstRotation);
                    setOpen('rotate');
                  }}
                  aria-label={`Record rotation for ${account.displayName}`}
                >
                  Record rotation
                </Button>
              ) : null}
              {account.role === 'owner' ? (
                <Button
                  appearance={pending.some((p) => p.kind === 'add-backup-owner') ? 'primary' : 'default'}
                  onClick={() => setOpen('backup')}
                  aria-label={`${backupLabel} for ${account.displayName}`}
                >
                  {backupLabel}
                </Button>
              ) : null}
              {!proposal ? (
                <Button
                  appearance={pending.some((p) => p.kind === 'replace-owner') ? 'primary' : 'default'}
                  onClick={() => setOpen('propose')}
                  aria-label={`Propose new owner for ${account.displayName}`}
                >
                  Propose new owner
                </Button>
              ) : null}
            </Inline>
          ) : null}
        </Inline>

        <Suspense fallback={<Spinner size="small" label="Loading the form" />}>
          {open === 'attest' ? <AttestForm {...formProps} /> : null}
          {open === 'rotate' ? <RotationForm {...formProps} initialIndex={rotateIndex} /> : null}
          {open === 'backup' ? <BackupOwnerForm {...formProps} /> : null}
          {open === 'propose' ? (
            <ProposeForm
              account={account}
              viewerId={viewerId}
              onCancel={close}
              onStale={onStale}
              onProposed={(p) => {
                setProposed(p);
                setOpen('none');
                onChanged();
              }}
            />
          ) : null}
        </Suspense>

        <Text as="p">{account.purpose}</Text>

        {pending.length > 0 ? (
          <section aria-label={`What ${account.displayName} needs from you`} data-testid="pending-actions">
            <Stack space="space.075">
              <Heading size="xxsmall" as="h4">
                Needs you
              </Heading>
              <List>
                {pending.map((p, i) => (
                  <li
                    key={`${p.kind}:${String(p.integrationIndex ?? i)}`}
                    data-pending-kind={p.kind}
                    title={PENDING_LABELS[p.kind]}
                  >
                    <Text>{formatDatedText(p)}</Text>
                  </li>
                ))}
              </List>
            </Stack>
          </section>
        ) : (
          <Text as="p" color="color.text.success" testId="nothing-pending">
            Nothing needs you for this account.
          </Text>
        )}

        {proposal ? (
          <Text as="p" color="color.text.subtle">
            {proposal.needsApproval
              ? `You asked on ${formatDate(proposal.proposedAt)} to become the owner: waiting for a Jira admin to approve or reject it.`
              : `Hand-over to ${proposal.proposedOwner.displayName} proposed on ${formatDate(proposal.proposedAt)}, waiting for them to accept or decline.`}
          </Text>
        ) : null}

        <Facts
          rows={[
            ['Owner', <Person key="o" person={account.owner} />],
            ['Backup owner', <Person key="b" person={account.backupOwner} />],
            [
              'Review due',
              <Inline key="r" space="space.050" alignBlock="center">
                <Text>{formatDate(account.reviewDueOn)}</Text>
                <Text color="color.text.subtlest">{`(last reviewed ${formatDate(account.lastReviewedOn)})`}</Text>
              </Inline>,
            ],
            [
              'Credential expires',
              account.credentialExpiresOn ? formatDate(account.credentialExpiresOn) : 'No expiry recorded',
            ],
            [
              'Findings',
              account.findings.length > 0 ? (
                <Inline key="f" space="space.050" shouldWrap>
                  {account.findings.map((f) => (
                    <Lozenge key={f.code} appearance={severityAppearance(f.severity)}>
                      {findingLabel(f.code)}
                    </Lozenge>
                  ))}
                </Inline>
              ) : (
                'None open'
              ),
            ],
          ]}
        />

        {account.integrations.length > 0 ? (
          <Stack space="space.075">
            <Heading size="xxsmall" as="h4">
              Integrations
            </Heading>
            <List>
              {account.integrations.map((i, index) => (
                <li key={`${i.system}:${i.environment}:${String(index)}`}>
                  <Text weight="medium">{`${i.system} (${i.environment})`}</Text>
                  <Text color="color.text.subtle">
                    {` — ${CREDENTIAL_KIND_LABELS[i.credentialKind]}${i.credentialLabel ? ` “${i.credentialLabel}”` : ''}${
                      i.credentialExpiresOn ? `, expires ${formatDate(i.credentialExpiresOn)}` : ''
                    }${i.lastRotatedOn ? `, rotated ${formatDate(i.lastRotatedOn)}` : ''}`}
                  </Text>
                </li>
              ))}
            </List>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
