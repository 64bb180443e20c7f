import { useState } from 'react';
import Textarea from '@atlaskit/textarea';
import type { OwnerProposal } from '@contract/owner';
import { ownerApi } from '../shared/api';
import { flags } from '../shared/flags';
import { Field } from '../offboarding/ui';
import { type FormProps, FormButtons, FormCard, OwnerPickerField, usePersonForm } from './form-kit';

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
  const { person, error, busy, pick, save } = usePersonForm('proposedOwnerId', onStale);
  const id = `propose-${account.accountId}`;

  const submit = () =>
    save('Pick the person you propose.', 'The hand-over was not proposed', async (person) => {
      const proposal = await ownerApi.proposeOwner({
        accountId: account.accountId,
        proposedOwnerId: person.accountId,
        ...(message.trim() ? { message: message.trim() } : {}),
      });
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
    });

  return (
    <FormCard label={`Propose a new owner for ${account.displayName}`} onSubmit={submit}>
      <OwnerPickerField
        id={`${id}-person`}
        label="New owner"
        helper={
          account.role === 'owner'
            ? 'They see the account and your message on their My integration accounts page, and accept or decline; until then you stay the owner.'
            : `They accept or decline on their My integration accounts page. You can propose yourself: a Jira admin then approves or rejects it.`
        }
        error={error}
        value={person}
        onChange={pick}
        exclude={[
          account.accountId,
          account.owner.accountId,
          ...(viewerId && account.role === 'owner' ? [viewerId] : []),
        ]}
        busy={busy}
      />
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
    </FormCard>
  );
}
