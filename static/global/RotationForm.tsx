import { useState } from 'react';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Text } from '@atlaskit/primitives/compiled/text';
import Select from '@atlaskit/select';
import { isApiError, ownerApi } from '../shared/api';
import { DateField } from '../shared/field';
import { flags } from '../shared/flags';
import { Field } from '../offboarding/ui';
import { type FormProps, FormButtons, fieldError, FormCard } from './form-kit';
import { CREDENTIAL_KIND_LABELS, formatDate, todayIso } from './format';

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
    <FormCard label={`Record a credential rotation for ${account.displayName}`} onSubmit={submit}>
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
