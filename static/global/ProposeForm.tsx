import { useState } from 'react';
import { proposeOwnerInput, type OwnerProposal } from '@contract/owner';
import { ownerApi } from '../shared/api';
import { checkWith, TextAreaField } from '../shared/field';
import { flags } from '../shared/flags';
import { maxLengthOf } from '../shared/limits';
import { type FormProps, FormButtons, FormCard, OwnerPickerField, usePersonForm } from './form-kit';

const MESSAGE_MAX = maxLengthOf(proposeOwnerInput.shape.message);
const checkProposal = checkWith(proposeOwnerInput);

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
  const [message, setMessage] = useState('');
  const id = `propose-${account.accountId}`;
  const input = (person: { accountId: string } | null) => ({
    accountId: account.accountId,
    proposedOwnerId: person?.accountId ?? '',
    ...(message.trim() ? { message } : {}),
  });
  const form = usePersonForm({
    field: 'proposedOwnerId',
    missing: 'Pick the person you propose.',
    failure: 'The hand-over was not proposed',
    onStale,
    check: (person) => checkProposal(input(person)),
    act: async (person) => {
      const proposal = await ownerApi.proposeOwner(input(person));
      if (proposal.needsApproval)
        flags.success(
          'Request sent',
          `A Jira admin approves or rejects your request to own ${account.displayName}.`,
        );
      else
        flags.success(
          'Hand-over proposed',
          `${person.displayName} is asked to take over ${account.displayName}.`,
        );
      onProposed(proposal);
    },
  });

  return (
    <FormCard label={`Propose a new owner for ${account.displayName}`} onSubmit={form.submit}>
      <OwnerPickerField
        id={`${id}-person`}
        label="New owner"
        helper={
          account.role === 'owner'
            ? 'They see the account and your message on their My integration accounts page, and accept or decline; until then you stay the owner.'
            : `They accept or decline on their My integration accounts page. You can propose yourself: a Jira admin then approves or rejects it.`
        }
        error={form.error}
        value={form.person}
        onChange={form.pick}
        exclude={[
          account.accountId,
          account.owner.accountId,
          ...(viewerId && account.role === 'owner' ? [viewerId] : []),
        ]}
        busy={form.busy}
      />
      <TextAreaField
        id={`${id}-message`}
        label="Message"
        helper="Optional: why them, what they should know."
        minimumRows={2}
        maxLength={MESSAGE_MAX}
        isDisabled={form.busy}
        {...form.bind('message', message, setMessage)}
      />
      <FormButtons busy={form.busy} submit="Propose" onCancel={onCancel} />
    </FormCard>
  );
}
