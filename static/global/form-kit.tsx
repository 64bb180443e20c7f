import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { MyAccount } from '@contract/owner';
import { isApiError, ownerApi, type JiraPerson } from '../shared/api';
import { PeoplePicker } from '../offboarding';
import { Field } from '../offboarding/ui';
import { errorMessage } from '../shared/errors';
import type { FieldErrors } from '../shared/field';
import { useMutation } from '../shared/mutation';

/** The owner forms' card (one owner: static/offboarding/ui.tsx, where the transfer and acknowledgement use it). */
export { FormCard } from '../offboarding/ui';

/** What the owner page's forms share: their props, a checkbox, the card, the person picker and its save, the buttons. */

export interface FormProps {
  account: MyAccount;
  /** The saved account, as the server answered. */
  onDone: (account: MyAccount) => void;
  onCancel: () => void;
  /** The record changed under us (CONFLICT): reload it. */
  onStale: () => void;
}

/** A native checkbox with its label, in design-token colours (keyboard and screen-reader friendly). */
export function Checkbox({
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

/** A required person field whose picker offers only who can own an account (see `ownerChoosable`). */
export function OwnerPickerField({
  id,
  label,
  helper,
  error,
  value,
  onChange,
  exclude,
  busy,
}: {
  id: string;
  label: string;
  helper: string;
  error: string | undefined;
  value: JiraPerson | null;
  onChange: (person: JiraPerson | null) => void;
  exclude: string[];
  busy: boolean;
}) {
  return (
    <Field id={id} label={label} required error={error} helper={helper}>
      {(a) => (
        <PeoplePicker
          id={a.id}
          label={label}
          value={value}
          onChange={onChange}
          exclude={exclude}
          isInvalid={a.invalid}
          describedBy={a.describedBy}
          isDisabled={busy}
          autoFocus
          choosable={ownerChoosable}
        />
      )}
    </Field>
  );
}

/**
 * A form that saves one picked person (`useMutation`): the pick, its error (a missing pick, the form's
 * own check, or the server's refusal of `field`), and `submit`; a CONFLICT reloads the record.
 */
export function usePersonForm({
  field,
  missing,
  failure,
  onStale,
  check,
  act,
}: {
  field: string;
  /** The error when nobody is picked. */
  missing: string;
  /** The failure flag's title. */
  failure: string;
  onStale: () => void;
  /** The contract's check of the rest of the form (`checkWith`), with this person (or none yet). */
  check?: (person: JiraPerson | null) => FieldErrors | undefined;
  act: (person: JiraPerson) => Promise<void>;
}) {
  const [person, setPerson] = useState<JiraPerson | null>(null);
  const save = useMutation({ check, run: act, failure, onConflict: onStale });
  const pick = (p: JiraPerson | null) => {
    setPerson(p);
    save.clearFieldError(field);
  };
  const submit = async () => {
    if (person) await save.mutate(person);
    // Nobody picked: said, with whatever else the check finds, before any round trip.
    else save.setFieldErrors({ ...check?.(null), [field]: missing });
  };
  const refused =
    isApiError(save.error) && save.error.code === 'BAD_REQUEST' ? errorMessage(save.error) : undefined;
  return {
    person,
    pick,
    submit,
    busy: save.pending,
    error: save.fieldErrors[field] ?? (Object.keys(save.fieldErrors).length ? undefined : refused),
    bind: save.bind,
  };
}

export function FormButtons({
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

/**
 * The owner pickers offer only who can be chosen: of the people Jira's search found (active `atlassian`
 * accounts), not the integration accounts the registry holds. If the app cannot answer, the search's own
 * list stays (the server checks again on save).
 */
export async function ownerChoosable(people: JiraPerson[]): Promise<JiraPerson[]> {
  if (people.length === 0) return people;
  try {
    const { choosable } = await ownerApi.choosablePeople({ accountIds: people.map((p) => p.accountId) });
    const ok = new Set(choosable);
    return people.filter((p) => ok.has(p.accountId));
  } catch {
    return people;
  }
}
