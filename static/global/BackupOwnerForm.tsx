import { Text } from '@atlaskit/primitives/compiled/text';
import { ownerApi } from '../shared/api';
import { flags } from '../shared/flags';
import { type FormProps, FormButtons, FormCard, OwnerPickerField, usePersonForm } from './form-kit';

/**
 * The owner names (or replaces) the backup owner. The picker offers active people only, never the owner
 * or the account itself (nor the current backup); the server checks the rest (not an integration
 * account) and refuses a stale version.
 */
export function BackupOwnerForm({ account, onDone, onCancel, onStale }: FormProps) {
  const current = account.backupOwner;
  const replacing = current !== undefined;
  const id = `backup-${account.accountId}`;
  const { person, error, busy, pick, submit } = usePersonForm({
    field: 'backupOwnerId',
    missing: 'Pick the person who stands in for you.',
    failure: 'The backup owner was not saved',
    onStale,
    act: async (person) => {
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
    },
  });

  return (
    <FormCard
      label={`${replacing ? 'Replace the' : 'Name a'} backup owner for ${account.displayName}`}
      onSubmit={submit}
    >
      {current ? (
        <Text as="p" color="color.text.subtle">
          {`${current.displayName} is the backup owner${current.active ? '' : ' but is deactivated'}. The person you pick replaces them.`}
        </Text>
      ) : null}
      <OwnerPickerField
        id={`${id}-person`}
        label="Backup owner"
        helper="An active person other than you. They stand in for you when you are away and see the account on their My integration accounts page."
        error={error}
        value={person}
        onChange={pick}
        exclude={[
          account.accountId,
          account.owner.accountId,
          ...(current?.active ? [current.accountId] : []),
        ]}
        busy={busy}
      />
      <FormButtons
        busy={busy}
        submit={replacing ? 'Replace backup owner' : 'Name backup owner'}
        onCancel={onCancel}
      />
    </FormCard>
  );
}
