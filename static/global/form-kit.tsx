import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import { type ReactNode, useState } from 'react';
import type { MyAccount } from '@contract/owner';
import { isApiError, ownerApi, type JiraPerson } from '../shared/api';
import { PeoplePicker } from '../offboarding';
import { Card, Field } from '../offboarding/ui';
import { flags } from '../shared/flags';

/** What the owner page's forms share: their props, a checkbox, field errors from the server, the buttons. */

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

export function fieldError(e: unknown, ...names: string[]): string | undefined {
  if (!isApiError(e)) return undefined;
  for (const n of names) {
    const m = e.fieldErrors[n];
    if (m) return m;
  }
  return undefined;
}

/** A form in a sunken, labelled card: no native validation, submit runs `onSubmit` (the page does not reload). */
export function FormCard({
  label,
  onSubmit,
  children,
}: {
  label: string;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  return (
    <Card tone="sunken" label={label}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <Stack space="space.150">{children}</Stack>
      </form>
    </Card>
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
 * A form that saves one picked person: the pick, its error (a missing pick, or the server's refusal of
 * `field`), and `save`, which flags a failure and reloads on CONFLICT.
 */
export function usePersonForm(field: string, onStale: () => void) {
  const [person, setPerson] = useState<JiraPerson | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const pick = (p: JiraPerson | null) => {
    setPerson(p);
    setError(undefined);
  };
  const save = async (missing: string, failed: string, act: (person: JiraPerson) => Promise<void>) => {
    if (!person) {
      setError(missing);
      return;
    }
    setBusy(true);
    try {
      await act(person);
    } catch (e) {
      flags.error(failed, e);
      if (isApiError(e) && e.code === 'CONFLICT') onStale();
      setError(fieldError(e, field) ?? (isApiError(e) && e.code === 'BAD_REQUEST' ? e.message : undefined));
    } finally {
      setBusy(false);
    }
  };
  return { person, error, busy, pick, save };
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
