/**
 * Dismissing a candidate asks why, in a small confirmation: what dismissing does, a required reason
 * (the contract's rule — visible text, at most 500 characters, counted as it is typed — checked before
 * the round trip), then Cancel and Dismiss. The reason is recorded in the audit log and shown in the
 * dismissed list, where the next admin decides whether to restore the account.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Modal, {
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
} from '@atlaskit/modal-dialog';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { type Candidate, dismissCandidateInput, type DismissCandidateInput } from '@contract/candidates';
import { adminApi } from '../../shared/api';
import { checkWith, TextAreaField } from '../../shared/field';
import { maxLengthOf } from '../../shared/limits';
import { useMutation } from '../../shared/mutation';

const checkDismissal = checkWith(dismissCandidateInput);
const REASON_MAX = maxLengthOf(dismissCandidateInput.shape.reason);

export function DismissCandidate({
  candidate,
  onDismissed,
  onClose,
}: {
  /** The candidate to dismiss; the dialog is closed when null. */
  candidate: Candidate | null;
  onDismissed: (accountId: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const dismiss = useMutation({
    check: checkDismissal,
    run: (input: DismissCandidateInput) => adminApi.dismissCandidate(input),
    success: () => ({
      title: 'Candidate dismissed',
      description: `${candidate?.displayName ?? 'The account'} won’t be suggested again; restore it from Dismissed if that was a mistake.`,
    }),
    failure: `${candidate?.displayName ?? 'The account'} was not dismissed`,
    onSuccess: (done) => {
      setReason('');
      onDismissed(done.accountId);
    },
  });

  const reasonField = dismiss.bind('reason', reason, setReason);

  const close = () => {
    if (dismiss.pending) return;
    setReason('');
    dismiss.reset();
    onClose();
  };

  return (
    <ModalTransition>
      {candidate ? (
        <Modal onClose={close} width="small" label={`Dismiss ${candidate.displayName}`}>
          <form
            noValidate
            aria-label={`Dismiss ${candidate.displayName}`}
            onSubmit={(e) => {
              e.preventDefault();
              void dismiss.mutate({ accountId: candidate.accountId, reason });
            }}
          >
            <ModalHeader hasCloseButton>
              <ModalTitle>{`Dismiss ${candidate.displayName}?`}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Stack space="space.200">
                <Text as="p">
                  {`${candidate.displayName} is no longer suggested as an integration account. Nothing changes in Jira, and you can restore it from Dismissed.`}
                </Text>
                <TextAreaField
                  id={`dismiss-${candidate.accountId}-reason`}
                  label="Why is it not an integration account?"
                  required
                  helper="Shown in the dismissed list and recorded in the audit log."
                  maxLength={REASON_MAX}
                  minimumRows={3}
                  autoFocus
                  isDisabled={dismiss.pending}
                  {...reasonField}
                  error={reasonField.error ?? dismiss.fieldErrors.accountId}
                />
              </Stack>
            </ModalBody>
            <ModalFooter>
              <Inline space="space.100" alignInline="end">
                <Button appearance="subtle" onClick={close} isDisabled={dismiss.pending}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit" isLoading={dismiss.pending}>
                  Dismiss
                </Button>
              </Inline>
            </ModalFooter>
          </form>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
