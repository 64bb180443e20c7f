import type { AccountDto } from '@contract/accounts';
import { adminApi } from '../../shared/api';
import { useMutation } from '../../shared/mutation';
import { RETIRE_WORDS, RetireAccount } from '../../shared/retire';

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
  const retire = useMutation({
    run: (reason: string) =>
      adminApi.retireAccount({ accountId: account.accountId, version: account.version, reason }),
    success: () => ({
      title: RETIRE_WORDS.done,
      description: `${account.displayName} is no longer tagged. Its record and history stay.`,
    }),
    failure: 'The account was not retired',
    onSuccess: onRetired,
    onConflict,
  });
  return (
    <RetireAccount
      variant="modal"
      account={account}
      isOpen={isOpen}
      onClose={onClose}
      onRetire={async (reason) => (await retire.mutate(reason)) !== undefined}
      error={retire.fieldErrors.reason ?? retire.fieldErrors.accountId}
    />
  );
}
