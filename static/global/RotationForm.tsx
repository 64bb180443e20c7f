import { useState } from 'react';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Text } from '@atlaskit/primitives/compiled/text';
import Select from '@atlaskit/select';
import { recordRotationInput, type RecordRotationInput } from '@contract/owner';
import { ownerApi } from '../shared/api';
import { checkWith, DateField, FormField, type FieldErrors } from '../shared/field';
import { useMutation } from '../shared/mutation';
import { type FormProps, FormButtons, FormCard } from './form-kit';
import { CREDENTIAL_KIND_LABELS, formatDate, todayIso } from './format';

const checkRotation = checkWith(recordRotationInput);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

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
  const id = `rotation-${account.accountId}`;

  const save = useMutation({
    check: (input: RecordRotationInput) => {
      const dates: FieldErrors = {};
      if (!ISO_DAY.test(input.rotatedOn)) dates.rotatedOn = 'Enter the day it was rotated.';
      else if (input.rotatedOn > todayIso()) dates.rotatedOn = 'The rotation can’t be in the future.';
      if (input.newExpiresOn && input.newExpiresOn <= input.rotatedOn)
        dates.newExpiresOn = 'The new expiry comes after the rotation.';
      const problems = { ...checkRotation(input), ...dates };
      return Object.keys(problems).length ? problems : undefined;
    },
    run: (input: RecordRotationInput) => ownerApi.recordRotation(input),
    success: (_saved, input) => ({
      title: 'Rotation recorded',
      description: `${options[input.integrationIndex]?.label ?? 'The credential'} was rotated on ${formatDate(input.rotatedOn)}.`,
    }),
    failure: 'The rotation was not recorded',
    onSuccess: onDone,
    onConflict: onStale,
  });
  const errors = save.fieldErrors;
  const busy = save.pending;

  const submit = async () => {
    await save.mutate({
      accountId: account.accountId,
      version: account.version,
      integrationIndex: index,
      rotatedOn,
      ...(newExpiresOn ? { newExpiresOn } : {}),
    });
  };

  return (
    <FormCard label={`Record a credential rotation for ${account.displayName}`} onSubmit={submit}>
      <Text as="p" color="color.text.subtle">
        Only the dates are recorded. Never paste a credential here.
      </Text>
      <FormField id={`${id}-integration`} label="Integration" required error={errors.integrationIndex}>
        {(a) => (
          <Select<IntegrationOption>
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
      </FormField>
      <Inline space="space.200" shouldWrap>
        <DateField
          id={`${id}-rotated`}
          label="Rotated on"
          required
          error={errors.rotatedOn}
          value={rotatedOn}
          isDisabled={busy}
          onChange={setRotatedOn}
        />
        <DateField
          id={`${id}-expires`}
          label="New credential expires on"
          error={errors.newExpiresOn}
          value={newExpiresOn}
          isDisabled={busy}
          onChange={setNewExpiresOn}
        />
      </Inline>
      <FormButtons busy={busy} submit="Record rotation" onCancel={onCancel} />
    </FormCard>
  );
}
