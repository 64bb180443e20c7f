import { useState } from 'react';
import { Text } from '@atlaskit/primitives/compiled/text';
import Textarea from '@atlaskit/textarea';
import { isApiError, ownerApi } from '../shared/api';
import { flags } from '../shared/flags';
import { Field } from '../offboarding/ui';
import { Checkbox, type FormProps, FormButtons, fieldError, FormCard } from './form-kit';
import { formatDate } from './format';

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
    </FormCard>
  );
}
