import { useState } from 'react';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { isApiError, ownerApi, type JiraPerson } from '../shared/api';
import { flags } from '../shared/flags';
import { PeoplePicker } from '../offboarding';
import { Card, Field } from '../offboarding/ui';
import { type FormProps, FormButtons, fieldError, ownerChoosable } from './form-kit';

/**
 * The owner names (or replaces) the backup owner. The picker offers active people only, never the owner
 * or the account itself (nor the current backup); the server checks the rest (not an integration
 * account) and refuses a stale version.
 */
export function BackupOwnerForm({ account, onDone, onCancel, onStale }: FormProps) {
  const current = account.backupOwner;
  const replacing = current !== undefined;
  const [person, setPerson] = useState<JiraPerson | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `backup-${account.accountId}`;

  const submit = async () => {
    if (!person) {
      setError('Pick the person who stands in for you.');
      return;
    }
    setBusy(true);
    try {
      const saved = await ownerApi.nameBackupOwner({
        accountId: account.accountId,
        version: account.version,
        backupOwnerId: person.accountId,
      });
      flags.success(
        replacing ? 'Backup owner replaced' : 'Backup owner named',
        `${person.displayName} is the backup owner of ${saved.displayName} now, and is told so.`,
      );
      onDone(saved);
    } catch (e) {
      flags.error('The backup owner was not saved', e);
      if (isApiError(e) && e.code === 'CONFLICT') onStale();
      setError(
        fieldError(e, 'backupOwnerId') ?? (isApiError(e) && e.code === 'BAD_REQUEST' ? e.message : undefined),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      tone="sunken"
      label={`${replacing ? 'Replace the' : 'Name a'} backup owner for ${account.displayName}`}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack space="space.150">
          {current ? (
            <Text as="p" color="color.text.subtle">
              {`${current.displayName} is the backup owner${current.active ? '' : ' but is deactivated'}. The person you pick replaces them.`}
            </Text>
          ) : null}
          <Field
            id={`${id}-person`}
            label="Backup owner"
            required
            error={error}
            helper="An active person other than you. They stand in for you when you are away and see the account on their My integration accounts page."
          >
            {(a) => (
              <PeoplePicker
                id={a.id}
                label="Backup owner"
                value={person}
                onChange={(p) => {
                  setPerson(p);
                  setError(undefined);
                }}
                exclude={[
                  account.accountId,
                  account.owner.accountId,
                  ...(current?.active ? [current.accountId] : []),
                ]}
                isInvalid={a.invalid}
                describedBy={a.describedBy}
                isDisabled={busy}
                autoFocus
                choosable={ownerChoosable}
              />
            )}
          </Field>
          <FormButtons
            busy={busy}
            submit={replacing ? 'Replace backup owner' : 'Name backup owner'}
            onCancel={onCancel}
          />
        </Stack>
      </form>
    </Card>
  );
}
