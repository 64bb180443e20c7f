import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import Select from '@atlaskit/select';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import type { MyAccount, OwnerProposal } from '@contract/owner';
import { isApiError, ownerApi, type JiraPerson } from '../shared/api';
import { flags } from '../shared/flags';
import { PeoplePicker } from '../offboarding';
import { Card, Field } from '../offboarding/ui';
import { CREDENTIAL_KIND_LABELS, formatDate, todayIso } from './format';

export interface FormProps {
  account: MyAccount;
  /** The saved account, as the server answered. */
  onDone: (account: MyAccount) => void;
  onCancel: () => void;
  /** The record changed under us (CONFLICT): reload it. */
  onStale: () => void;
}

/** A native checkbox with its label, in design-token colours (keyboard and screen-reader friendly). */
function Checkbox({
  id,
  label,
  checked,
  onChange,
  disabled,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <label
      htmlFor={id}
      style={{ display: 'flex', gap: token('space.100'), alignItems: 'flex-start', cursor: 'pointer' }}
    >
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked)}
        style={{
          width: 16,
          height: 16,
          margin: `${token('space.025')} 0 0`,
          accentColor: token('color.background.selected.bold'),
          flex: 'none',
        }}
      />
      <Text>{label}</Text>
    </label>
  );
}

function fieldError(e: unknown, ...names: string[]): string | undefined {
  if (!isApiError(e)) return undefined;
  for (const n of names) {
    const m = e.fieldErrors[n];
    if (m) return m;
  }
  return undefined;
}

function FormButtons({
  busy,
  submit,
  onCancel,
  danger,
}: {
  busy: boolean;
  submit: string;
  onCancel: () => void;
  danger?: boolean;
}) {
  return (
    <Inline space="space.100">
      <Button type="submit" appearance={danger ? 'warning' : 'primary'} isLoading={busy}>
        {submit}
      </Button>
      <Button appearance="subtle" onClick={onCancel} isDisabled={busy}>
        Cancel
      </Button>
    </Inline>
  );
}

/** "Still needed, and the purpose is right" (or not: then it says what is true). */
export function AttestForm({ account, onDone, onCancel, onStale }: FormProps) {
  const [stillNeeded, setStillNeeded] = useState(true);
  const [purposeCorrect, setPurposeCorrect] = useState(true);
  const [correctedPurpose, setCorrectedPurpose] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ purpose?: string | undefined; comment?: string | undefined }>({});
  const [busy, setBusy] = useState(false);
  const id = `attest-${account.accountId}`;

  const submit = async () => {
    if (!purposeCorrect && !correctedPurpose.trim()) {
      setErrors({ purpose: 'Say what the account is really for.' });
      return;
    }
    setBusy(true);
    try {
      const saved = await ownerApi.attest({
        accountId: account.accountId,
        version: account.version,
        stillNeeded,
        purposeCorrect,
        ...(!purposeCorrect ? { correctedPurpose: correctedPurpose.trim() } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      if (stillNeeded)
        flags.success(
          'Review recorded',
          `Thanks. The next review of ${saved.displayName} is due ${formatDate(saved.reviewDueOn)}.`,
        );
      else flags.info('Recorded: no longer needed', `The admins are asked to retire ${saved.displayName}.`);
      onDone(saved);
    } catch (e) {
      flags.error('The review was not recorded', e);
      if (isApiError(e) && e.code === 'CONFLICT') onStale();
      setErrors({ purpose: fieldError(e, 'correctedPurpose'), comment: fieldError(e, 'comment') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card tone="sunken" label={`Confirm ${account.displayName}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack space="space.150">
          <Checkbox
            id={`${id}-needed`}
            label="It is still needed"
            checked={stillNeeded}
            onChange={setStillNeeded}
            disabled={busy}
          />
          <Checkbox
            id={`${id}-purpose`}
            label={`Its purpose is right: “${account.purpose}”`}
            checked={purposeCorrect}
            onChange={setPurposeCorrect}
            disabled={busy}
          />
          {!stillNeeded ? (
            <Text as="p" color="color.text.warning">
              Nothing is reset: the admins are asked to retire the account.
            </Text>
          ) : null}
          {!purposeCorrect ? (
            <Field id={`${id}-corrected`} label="What it is really for" required error={errors.purpose}>
              {(a) => (
                <Textarea
                  id={a.id}
                  aria-describedby={a.describedBy}
                  aria-required
                  isInvalid={a.invalid}
                  aria-invalid={a.invalid}
                  minimumRows={2}
                  maxLength={500}
                  value={correctedPurpose}
                  isDisabled={busy}
                  onChange={(e) => {
                    setCorrectedPurpose(e.currentTarget.value);
                    setErrors({});
                  }}
                />
              )}
            </Field>
          ) : null}
          <Field
            id={`${id}-comment`}
            label="Comment"
            helper="Optional. Recorded in the audit log."
            error={errors.comment}
          >
            {(a) => (
              <Textarea
                id={a.id}
                aria-describedby={a.describedBy}
                isInvalid={a.invalid}
                aria-invalid={a.invalid}
                minimumRows={2}
                maxLength={1000}
                value={comment}
                isDisabled={busy}
                onChange={(e) => setComment(e.currentTarget.value)}
              />
            )}
          </Field>
          <FormButtons
            busy={busy}
            submit={stillNeeded ? 'Confirm' : 'Record: not needed'}
            onCancel={onCancel}
            danger={!stillNeeded}
          />
        </Stack>
      </form>
    </Card>
  );
}

interface IntegrationOption {
  value: number;
  label: string;
}

/** Records that a credential was rotated: dates only, never the credential. */
export function RotationForm({
  account,
  onDone,
  onCancel,
  onStale,
  initialIndex,
}: FormProps & { initialIndex?: number | undefined }) {
  const options: IntegrationOption[] = account.integrations.map((i, index) => ({
    value: index,
    label: `${i.system} (${i.environment})${i.credentialLabel ? ` · ${i.credentialLabel}` : ''} · ${CREDENTIAL_KIND_LABELS[i.credentialKind]}`,
  }));
  const [index, setIndex] = useState<number>(initialIndex ?? 0);
  const [rotatedOn, setRotatedOn] = useState(todayIso());
  const [newExpiresOn, setNewExpiresOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const id = `rotation-${account.accountId}`;

  const submit = async () => {
    const next: Record<string, string | undefined> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(rotatedOn)) next.rotatedOn = 'Enter the day it was rotated.';
    else if (rotatedOn > todayIso()) next.rotatedOn = 'The rotation can’t be in the future.';
    if (newExpiresOn && newExpiresOn <= rotatedOn)
      next.newExpiresOn = 'The new expiry comes after the rotation.';
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    setBusy(true);
    try {
      const saved = await ownerApi.recordRotation({
        accountId: account.accountId,
        version: account.version,
        integrationIndex: index,
        rotatedOn,
        ...(newExpiresOn ? { newExpiresOn } : {}),
      });
      flags.success(
        'Rotation recorded',
        `${options[index]?.label ?? 'The credential'} was rotated on ${formatDate(rotatedOn)}.`,
      );
      onDone(saved);
    } catch (e) {
      flags.error('The rotation was not recorded', e);
      if (isApiError(e) && e.code === 'CONFLICT') onStale();
      setErrors({
        rotatedOn: fieldError(e, 'rotatedOn'),
        newExpiresOn: fieldError(e, 'newExpiresOn'),
        integration: fieldError(e, 'integrationIndex'),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card tone="sunken" label={`Record a credential rotation for ${account.displayName}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack space="space.150">
          <Text as="p" color="color.text.subtle">
            Only the dates are recorded. Never paste a credential here.
          </Text>
          <Field id={`${id}-integration`} label="Integration" required error={errors.integration}>
            {(a) => (
              <Select<IntegrationOption, false>
                inputId={a.id}
                aria-describedby={a.describedBy}
                options={options}
                value={options[index] ?? null}
                onChange={(o) => {
                  if (o) setIndex(o.value);
                }}
                isDisabled={busy}
                isSearchable={false}
              />
            )}
          </Field>
          <Inline space="space.200" shouldWrap>
            <Field id={`${id}-rotated`} label="Rotated on" required error={errors.rotatedOn}>
              {(a) => (
                <Textfield
                  id={a.id}
                  type="date"
                  aria-describedby={a.describedBy}
                  aria-required
                  isInvalid={a.invalid}
                  max={todayIso()}
                  value={rotatedOn}
                  isDisabled={busy}
                  onChange={(e) => setRotatedOn(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field
              id={`${id}-expires`}
              label="New credential expires on"
              helper="Optional."
              error={errors.newExpiresOn}
            >
              {(a) => (
                <Textfield
                  id={a.id}
                  type="date"
                  aria-describedby={a.describedBy}
                  isInvalid={a.invalid}
                  value={newExpiresOn}
                  isDisabled={busy}
                  onChange={(e) => setNewExpiresOn(e.currentTarget.value)}
                />
              )}
            </Field>
          </Inline>
          <FormButtons busy={busy} submit="Record rotation" onCancel={onCancel} />
        </Stack>
      </form>
    </Card>
  );
}

/** Proposes a new owner; they accept it on this page (or an admin approves it). */
export function ProposeForm({
  account,
  viewerId,
  onProposed,
  onCancel,
  onStale,
}: Omit<FormProps, 'onDone'> & {
  viewerId: string | undefined;
  /** The proposal, as the server recorded it. */
  onProposed: (proposal: OwnerProposal) => void;
}) {
  const [person, setPerson] = useState<JiraPerson | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `propose-${account.accountId}`;

  const submit = async () => {
    if (!person) {
      setError('Pick the person you propose.');
      return;
    }
    setBusy(true);
    try {
      const proposal = await ownerApi.proposeOwner({
        accountId: account.accountId,
        proposedOwnerId: person.accountId,
        ...(message.trim() ? { message: message.trim() } : {}),
      });
      flags.success(
        'Hand-over proposed',
        `${person.displayName} is asked to take over ${account.displayName}.`,
      );
      onProposed(proposal);
    } catch (e) {
      flags.error('The hand-over was not proposed', e);
      if (isApiError(e) && e.code === 'CONFLICT') onStale();
      setError(
        fieldError(e, 'proposedOwnerId') ??
          (isApiError(e) && e.code === 'BAD_REQUEST' ? e.message : undefined),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card tone="sunken" label={`Propose a new owner for ${account.displayName}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack space="space.150">
          <Field
            id={`${id}-person`}
            label="New owner"
            required
            error={error}
            helper="They accept the hand-over on their My integration accounts page; until then you stay the owner."
          >
            {(a) => (
              <PeoplePicker
                id={a.id}
                label="New owner"
                value={person}
                onChange={(p) => {
                  setPerson(p);
                  setError(undefined);
                }}
                exclude={[account.accountId, ...(viewerId ? [viewerId] : [])]}
                isInvalid={a.invalid}
                describedBy={a.describedBy}
                isDisabled={busy}
                autoFocus
              />
            )}
          </Field>
          <Field id={`${id}-message`} label="Message" helper="Optional: why them, what they should know.">
            {(a) => (
              <Textarea
                id={a.id}
                aria-describedby={a.describedBy}
                minimumRows={2}
                maxLength={500}
                value={message}
                isDisabled={busy}
                onChange={(e) => setMessage(e.currentTarget.value)}
              />
            )}
          </Field>
          <FormButtons busy={busy} submit="Propose" onCancel={onCancel} />
        </Stack>
      </form>
    </Card>
  );
}
