import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Modal, {
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
} from '@atlaskit/modal-dialog';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import Textarea from '@atlaskit/textarea';
import type { AccountDto } from '@contract/accounts';
import { adminApi, isApiError } from '../../shared/api';
import { flags } from '../../shared/flags';
import { FormField } from '../../shared/field';

/** Retiring asks why (required, recorded in the audit trail); the record and its history stay. */
export function RetireModal({
  account,
  isOpen,
  onClose,
  onRetired,
  onConflict,
}: {
  account: AccountDto;
  isOpen: boolean;
  onClose: () => void;
  onRetired: (account: AccountDto) => void;
  onConflict: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const retire = async () => {
    if (!reason.trim()) {
      setError('Say why the account is retired.');
      return;
    }
    setBusy(true);
    try {
      const retired = await adminApi.retireAccount({
        accountId: account.accountId,
        version: account.version,
        reason,
      });
      flags.success(
        'Account retired',
        `${account.displayName} is no longer tagged. Its record and history stay.`,
      );
      setReason('');
      setError(undefined);
      onRetired(retired);
    } catch (e) {
      flags.error('The account was not retired', e);
      if (isApiError(e) && e.code === 'CONFLICT') onConflict();
      else
        setError(isApiError(e) ? (e.fieldErrors.reason ?? e.fieldErrors.accountId ?? e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalTransition>
      {isOpen ? (
        <Modal onClose={busy ? undefined : onClose} width="medium" label={`Retire ${account.displayName}`}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void retire();
            }}
            noValidate
          >
            <ModalHeader hasCloseButton>
              <ModalTitle appearance="danger">{`Retire ${account.displayName}?`}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Stack space="space.200">
                <Text as="p">
                  The account leaves the registry: no more reviews, findings or notices for it. Nothing
                  changes in Jira — deactivate the user there if it is no longer used. You can re-tag it
                  later.
                </Text>
                <FormField
                  id="retire-reason"
                  label="Reason"
                  required
                  error={error}
                  helper="Recorded in the audit log."
                >
                  {(a) => (
                    <Textarea
                      id={a.id}
                      aria-label="Reason"
                      aria-describedby={a.describedBy}
                      aria-required
                      isInvalid={a.invalid}
                      aria-invalid={a.invalid}
                      minimumRows={3}
                      autoFocus
                      value={reason}
                      onChange={(e) => {
                        setReason(e.currentTarget.value);
                        if (error) setError(undefined);
                      }}
                    />
                  )}
                </FormField>
              </Stack>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={onClose} isDisabled={busy}>
                Cancel
              </Button>
              <Button appearance="danger" type="submit" isLoading={busy}>
                Retire account
              </Button>
            </ModalFooter>
          </form>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
