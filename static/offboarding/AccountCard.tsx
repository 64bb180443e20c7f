import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import { offboardingTransferInput, type OffboardingAccount } from '@contract/offboarding';
import type { PersonRef } from '@contract/common';
import type { JiraPerson } from '../shared/api';
import { checkWith, TextAreaField } from '../shared/field';
import { maxLengthOf } from '../shared/limits';
import { RetireAccount } from '../shared/retire';
import { ROLE_LABELS, SUGGESTED_ACTION_LABELS } from './format';
import { PeoplePicker } from './LazyPeoplePicker';
import { AccountTitle, Card, Field, FormCard } from './ui';

export interface TransferRequest {
  account: OffboardingAccount;
  /** Absent: the backup owner takes over (owner role), or the backup slot empties (backup role). */
  newOwner?: { accountId: string; displayName: string };
  reason?: string;
}

export interface RetireRequest {
  account: OffboardingAccount;
  reason: string;
}

/** Resolves true when the action went through (the card then closes its form). */
type Act<T> = (request: T) => Promise<boolean>;

/** A person on the card; the one leaving is marked as such, wherever they appear. */
function PersonName({
  person,
  departingId,
  none = 'None',
}: {
  person: PersonRef | undefined;
  departingId: string;
  none?: string;
}) {
  if (!person) return <Text color="color.text.subtlest">{none}</Text>;
  return (
    <Inline space="space.050" alignBlock="center" shouldWrap>
      <Text>{person.displayName}</Text>
      {person.accountId === departingId ? <Lozenge appearance="moved">Leaving</Lozenge> : null}
      {person.active === false ? <Lozenge appearance="removed">Inactive</Lozenge> : null}
    </Inline>
  );
}

const asPicked = (p: PersonRef): JiraPerson => ({
  accountId: p.accountId,
  displayName: p.displayName,
  accountType: 'atlassian',
  active: p.active !== false,
});

const NOTE_MAX = maxLengthOf(offboardingTransferInput.shape.reason);
const checkNote = checkWith(offboardingTransferInput.pick({ reason: true }));

function TransferForm({
  account,
  departingId,
  onTransfer,
  onCancel,
}: {
  account: OffboardingAccount;
  departingId: string;
  onTransfer: Act<TransferRequest>;
  onCancel: () => void;
}) {
  const backup =
    account.backupOwner && account.backupOwner.active !== false ? account.backupOwner : undefined;
  const isOwner = account.role === 'owner';
  const [person, setPerson] = useState<JiraPerson | null>(isOwner && backup ? asPicked(backup) : null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [noteError, setNoteError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const idBase = `transfer-${account.accountId}`;
  const toBackup = isOwner && backup !== undefined && person?.accountId === backup.accountId;

  const submit = async () => {
    const note = reason.trim() ? checkNote({ reason })?.reason : undefined;
    if (isOwner && !person) setError('Pick the new owner.');
    setNoteError(note);
    if ((isOwner && !person) || note) return;
    setBusy(true);
    const ok = await onTransfer({
      account,
      ...(person && !toBackup
        ? { newOwner: { accountId: person.accountId, displayName: person.displayName } }
        : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    setBusy(false);
    if (!ok) setError(undefined);
  };

  const helper = isOwner
    ? toBackup
      ? `${backup.displayName} is the backup owner: they become the owner and the backup slot empties.`
      : backup
        ? `${backup.displayName} stays the backup owner.`
        : 'The account has no backup owner: pick someone who will answer for it.'
    : person
      ? `${person.displayName} becomes the backup owner.`
      : 'Leave empty to remove them as backup owner without a replacement.';

  return (
    <FormCard
      label={`${isOwner ? 'Transfer ownership of' : 'Replace the backup owner of'} ${account.displayName}`}
      onSubmit={submit}
    >
      <Field
        id={`${idBase}-person`}
        label={isOwner ? 'New owner' : 'New backup owner'}
        required={isOwner}
        helper={helper}
        error={error}
      >
        {(a) => (
          <PeoplePicker
            id={a.id}
            label={isOwner ? 'New owner' : 'New backup owner'}
            value={person}
            onChange={(p) => {
              setPerson(p);
              setError(undefined);
            }}
            exclude={[departingId, account.accountId, ...(isOwner ? [] : [account.owner.accountId])]}
            isInvalid={a.invalid}
            describedBy={a.describedBy}
            isDisabled={busy}
            autoFocus
          />
        )}
      </Field>
      <TextAreaField
        id={`${idBase}-reason`}
        label="Note for the audit log"
        helper="Optional."
        minimumRows={2}
        maxLength={NOTE_MAX}
        error={noteError}
        value={reason}
        isDisabled={busy}
        onChange={(v) => {
          setReason(v);
          setNoteError(undefined);
        }}
      />
      <Inline space="space.100">
        <Button type="submit" appearance="primary" isLoading={busy}>
          {isOwner
            ? person
              ? `Transfer to ${person.displayName}`
              : 'Transfer'
            : person
              ? 'Replace backup owner'
              : 'Remove as backup owner'}
        </Button>
        <Button appearance="subtle" onClick={onCancel} isDisabled={busy}>
          Cancel
        </Button>
      </Inline>
    </FormCard>
  );
}

/** One account the departing person is, owns or backs up, with what to do about it. */
export function AccountCard({
  account,
  departingId,
  onTransfer,
  onRetire,
  blocks,
  leads = false,
}: {
  account: OffboardingAccount;
  departingId: string;
  onTransfer: Act<TransferRequest>;
  onRetire: Act<RetireRequest>;
  /** This account is why the verdict is block. */
  blocks: boolean;
  /** The first account of the list: its suggested step is the list's one primary action. */
  leads?: boolean;
}) {
  const [open, setOpen] = useState<'none' | 'transfer' | 'retire'>('none');
  const integrations = account.integrations.map((i) => `${i.system} (${i.environment})`).join(', ');
  const done = async <T,>(act: Act<T>, request: T) => {
    const ok = await act(request);
    if (ok) setOpen('none');
    return ok;
  };
  const canTransfer = account.role !== 'is';
  return (
    <Card testId={`offboarding-account-${account.accountId}`} label={account.displayName}>
      <Stack space="space.150">
        <Inline space="space.150" alignBlock="center" spread="space-between" shouldWrap>
          <AccountTitle name={account.displayName} level="h4">
            <Lozenge appearance="inprogress">{ROLE_LABELS[account.role]}</Lozenge>
            {blocks ? <Lozenge appearance="removed">Blocks deactivation</Lozenge> : null}
            {account.accountActive ? null : <Lozenge appearance="removed">Deactivated in Jira</Lozenge>}
          </AccountTitle>
          {open === 'none' ? (
            <Inline space="space.100" shouldWrap>
              {canTransfer ? (
                <Button
                  appearance={leads && account.suggestedAction !== 'retire' ? 'primary' : 'default'}
                  onClick={() => setOpen('transfer')}
                  aria-label={`${account.role === 'owner' ? 'Transfer ownership of' : 'Replace the backup owner of'} ${account.displayName}`}
                >
                  {account.role === 'owner' ? 'Transfer ownership' : 'Replace backup owner'}
                </Button>
              ) : null}
              <Button
                appearance={leads && account.suggestedAction === 'retire' ? 'primary' : 'default'}
                onClick={() => setOpen('retire')}
                aria-label={`Retire ${account.displayName}`}
              >
                Retire
              </Button>
            </Inline>
          ) : null}
        </Inline>
        <dl
          style={{
            margin: 0,
            // Under the account's name: past the avatar (32px) and its gap.
            paddingInlineStart: token('space.500'),
            display: 'grid',
            gridTemplateColumns: 'max-content 1fr',
            columnGap: token('space.200'),
            rowGap: token('space.050'),
            alignItems: 'baseline',
          }}
        >
          <dt>
            <Text color="color.text.subtle">Owner</Text>
          </dt>
          <dd style={{ margin: 0 }}>
            <PersonName person={account.owner} departingId={departingId} />
          </dd>
          <dt>
            <Text color="color.text.subtle">Backup owner</Text>
          </dt>
          <dd style={{ margin: 0 }}>
            <PersonName person={account.backupOwner} departingId={departingId} />
          </dd>
          <dt>
            <Text color="color.text.subtle">Used by</Text>
          </dt>
          <dd style={{ margin: 0 }}>
            <Text>{integrations || 'No integrations recorded'}</Text>
          </dd>
          <dt>
            <Text color="color.text.subtle">Suggested</Text>
          </dt>
          <dd style={{ margin: 0 }}>
            <Text weight="medium">{SUGGESTED_ACTION_LABELS[account.suggestedAction]}</Text>
          </dd>
        </dl>
        {open === 'transfer' ? (
          <TransferForm
            account={account}
            departingId={departingId}
            onTransfer={(r) => done(onTransfer, r)}
            onCancel={() => setOpen('none')}
          />
        ) : null}
        {open === 'retire' ? (
          <RetireAccount
            variant="inline"
            account={account}
            onRetire={(reason) => done(onRetire, { account, reason })}
            onClose={() => setOpen('none')}
          />
        ) : null}
      </Stack>
    </Card>
  );
}
