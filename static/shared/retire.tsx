/**
 * The one retire flow, wherever an account is retired (the admin's account page, the offboarding
 * check on the admin page and in the issue panel): the same words, the same order (what happens,
 * the reason, then Cancel and "Retire account"), the same reason rule (required, visible text, at most
 * 500 characters: the contract's `retireAccountInput.reason`, checked before the round trip).
 *
 * `variant="modal"` opens a dialog; `"inline"` draws the same form in place (an issue-panel frame is too
 * short for a dialog). `onRetire(reason)` does the call and its flags and says whether it worked; the
 * form closes itself on success.
 */
import { useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Modal, {
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
} from '@atlaskit/modal-dialog';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import { retireAccountInput } from '@contract/accounts';
import { checkWith, TextAreaField } from './field';
import { maxLengthOf } from './limits';

export const RETIRE_REASON_MAX = maxLengthOf(retireAccountInput.shape.reason);
const checkReason = checkWith(retireAccountInput.pick({ reason: true }));

export const RETIRE_WORDS = {
  title: (name: string) => `Retire ${name}?`,
  what: (name: string) =>
    `${name} leaves the registry: no more reviews, findings or notices for it. Its record and history stay. ` +
    'Nothing changes in Jira — deactivate the user there if it is no longer used. You can re-tag it later.',
  reason: 'Reason',
  reasonHelper: 'Recorded in the audit log.',
  confirm: 'Retire account',
  cancel: 'Cancel',
  /** The success flag's title on every surface. */
  done: 'Account retired',
};

export function RetireAccount({
  variant,
  account,
  isOpen = true,
  onRetire,
  onClose,
  error: serverError,
}: {
  variant: 'modal' | 'inline';
  account: { accountId: string; displayName: string };
  isOpen?: boolean;
  /** Retires with the reason (trimmed); true when it worked. */
  onRetire: (reason: string) => Promise<boolean>;
  onClose: () => void;
  /** A reason error the server gave, shown with the field. */
  error?: string | undefined;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `retire-${account.accountId}-reason`;

  const submit = async () => {
    const problem = checkReason({ reason })?.reason;
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    const ok = await onRetire(reason.trim());
    setBusy(false);
    if (ok) {
      setReason('');
      setError(undefined);
    }
  };

  const body = (
    <Stack space="space.200">
      <Text as="p">{RETIRE_WORDS.what(account.displayName)}</Text>
      <TextAreaField
        id={id}
        label={RETIRE_WORDS.reason}
        required
        helper={RETIRE_WORDS.reasonHelper}
        error={error ?? serverError}
        maxLength={RETIRE_REASON_MAX}
        minimumRows={3}
        autoFocus
        isDisabled={busy}
        value={reason}
        onChange={(v) => {
          setReason(v);
          if (error) setError(undefined);
        }}
      />
    </Stack>
  );
  const buttons = (
    <Inline space="space.100" alignInline="end">
      <Button appearance="subtle" onClick={onClose} isDisabled={busy}>
        {RETIRE_WORDS.cancel}
      </Button>
      <Button appearance="danger" type="submit" isLoading={busy}>
        {RETIRE_WORDS.confirm}
      </Button>
    </Inline>
  );
  const form = (children: ReactNode) => (
    <form
      noValidate
      aria-label={`Retire ${account.displayName}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {children}
    </form>
  );

  if (variant === 'inline')
    return isOpen ? (
      <Box
        style={{
          border: `${token('border.width')} solid ${token('color.border')}`,
          borderRadius: token('radius.medium'),
          padding: token('space.200'),
          background: token('elevation.surface.sunken'),
        }}
      >
        {form(
          <Stack space="space.200">
            <Text as="p" weight="bold">
              {RETIRE_WORDS.title(account.displayName)}
            </Text>
            {body}
            {buttons}
          </Stack>,
        )}
      </Box>
    ) : null;

  return (
    <ModalTransition>
      {isOpen ? (
        <Modal onClose={busy ? undefined : onClose} width="medium" label={`Retire ${account.displayName}`}>
          {form(
            <>
              <ModalHeader hasCloseButton>
                <ModalTitle appearance="danger">{RETIRE_WORDS.title(account.displayName)}</ModalTitle>
              </ModalHeader>
              <ModalBody>{body}</ModalBody>
              <ModalFooter>{buttons}</ModalFooter>
            </>,
          )}
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
