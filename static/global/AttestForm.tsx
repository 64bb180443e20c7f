import { useState } from 'react';
import { Text } from '@atlaskit/primitives/compiled/text';
import { attestInput, type AttestInput } from '@contract/owner';
import { ownerApi } from '../shared/api';
import { checkWith, TextAreaField } from '../shared/field';
import { flags } from '../shared/flags';
import { maxLengthOf } from '../shared/limits';
import { useMutation } from '../shared/mutation';
import { Checkbox, type FormProps, FormButtons, FormCard } from './form-kit';
import { formatDate } from './format';

const PURPOSE_MAX = maxLengthOf(attestInput.shape.correctedPurpose);
const COMMENT_MAX = maxLengthOf(attestInput.shape.comment);
const checkAttest = checkWith(attestInput);
/** The server's rule for a wrong purpose (owner/attest), checked before the round trip. */
const PURPOSE_MISSING = 'Say what the account is really for.';

/** "Still needed, and the purpose is right" (or not: then it says what is true). */
export function AttestForm({ account, onDone, onCancel, onStale }: FormProps) {
  const [stillNeeded, setStillNeeded] = useState(true);
  const [purposeCorrect, setPurposeCorrect] = useState(true);
  const [correctedPurpose, setCorrectedPurpose] = useState('');
  const [comment, setComment] = useState('');
  const id = `attest-${account.accountId}`;

  const save = useMutation({
    check: (input: AttestInput) =>
      !input.purposeCorrect && !input.correctedPurpose
        ? { correctedPurpose: PURPOSE_MISSING, ...checkAttest(input) }
        : checkAttest(input),
    run: (input: AttestInput) => ownerApi.attest(input),
    success: (saved, input) =>
      input.stillNeeded
        ? {
            title: 'Review recorded',
            description: `Thanks. The next review of ${saved.displayName} is due ${formatDate(saved.reviewDueOn)}.`,
          }
        : undefined,
    failure: 'The review was not recorded',
    onSuccess: (saved, input) => {
      if (!input.stillNeeded)
        flags.info('Recorded: no longer needed', `The admins are asked to retire ${saved.displayName}.`);
      onDone(saved);
    },
    onConflict: onStale,
  });
  const busy = save.pending;

  const submit = async () => {
    await save.mutate({
      accountId: account.accountId,
      version: account.version,
      stillNeeded,
      purposeCorrect,
      ...(!purposeCorrect && correctedPurpose.trim() ? { correctedPurpose } : {}),
      ...(comment.trim() ? { comment } : {}),
    });
  };

  return (
    <FormCard label={`Confirm ${account.displayName}`} onSubmit={submit}>
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
        <TextAreaField
          id={`${id}-corrected`}
          label="What it is really for"
          required
          minimumRows={2}
          maxLength={PURPOSE_MAX}
          isDisabled={busy}
          {...save.bind('correctedPurpose', correctedPurpose, setCorrectedPurpose)}
        />
      ) : null}
      <TextAreaField
        id={`${id}-comment`}
        label="Comment"
        helper="Optional. Recorded in the audit log."
        minimumRows={2}
        maxLength={COMMENT_MAX}
        isDisabled={busy}
        {...save.bind('comment', comment, setComment)}
      />
      <FormButtons
        busy={busy}
        submit={stillNeeded ? 'Confirm' : 'Record: not needed'}
        onCancel={onCancel}
        danger={!stillNeeded}
      />
    </FormCard>
  );
}
