/** The acknowledgement of a block or warn verdict: the form (once asked for), then the recorded line. */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Text } from '@atlaskit/primitives/compiled/text';
import {
  offboardingAcknowledgeInput,
  type OffboardingAcknowledged,
  type OffboardingAcknowledgeInput,
  type OffboardingCheckResult,
} from '@contract/offboarding';
import { offboardingApi } from '../shared/api';
import { checkWith, TextAreaField } from '../shared/field';
import { maxLengthOf } from '../shared/limits';
import { useMutation } from '../shared/mutation';
import { VERDICT_LABELS, formatTime } from './format';
import { FormCard } from './ui';
import { isAcknowledged, personName } from './verdict-view';

const REASON_MAX = maxLengthOf(offboardingAcknowledgeInput.shape.reason);
const checkAcknowledgement = checkWith(offboardingAcknowledgeInput);

/** The acknowledgement: the form (once asked for from the verdict), then the recorded line. */
export function Acknowledge({
  result,
  acknowledged,
  open,
  setOpen,
  onAcknowledged,
}: {
  result: OffboardingCheckResult;
  acknowledged: OffboardingAcknowledged | undefined;
  open: boolean;
  setOpen: (open: boolean) => void;
  onAcknowledged: (a: OffboardingAcknowledged) => void;
}) {
  const [reason, setReason] = useState('');
  const record = useMutation({
    check: checkAcknowledgement,
    run: (input: OffboardingAcknowledgeInput) => offboardingApi.acknowledge(input),
    success: (ack) => ({
      title: 'Acknowledgement recorded',
      description: `The ${VERDICT_LABELS[ack.verdict].toLowerCase()} verdict for ${personName(result)} is in the audit log.`,
    }),
    failure: 'The acknowledgement was not recorded',
    onSuccess: (ack) => {
      setOpen(false);
      setReason('');
      onAcknowledged(ack);
    },
  });
  const name = personName(result);
  if (result.verdict === 'safe') return null;
  if (acknowledged && isAcknowledged(result, acknowledged)) {
    return (
      <Text as="p" color="color.text.subtle" testId="offboarding-acknowledged">
        {`You acknowledged this ${VERDICT_LABELS[acknowledged.verdict].toLowerCase()} verdict on ${formatTime(acknowledged.at)} (audit record #${String(acknowledged.auditSeq)}).`}
      </Text>
    );
  }
  if (!open) return null;
  const submit = async () => {
    if (result.verdict === 'safe') return;
    await record.mutate({ personId: result.person.accountId, verdict: result.verdict, reason });
  };
  return (
    <FormCard label="Acknowledge the warning" onSubmit={submit}>
      <Text as="p">
        {`Record that you have seen this ${VERDICT_LABELS[result.verdict].toLowerCase()} verdict and why ${name} may be deactivated anyway. Your name, the verdict and your reason go into the audit log.`}
      </Text>
      <Text as="p" weight="medium" testId="acknowledge-deactivates-nobody">
        {`This deactivates nobody: it only records your decision. Deactivate ${name} in Atlassian Administration or your identity provider.`}
      </Text>
      <TextAreaField
        id="acknowledge-reason"
        label="Reason"
        required
        helper="For example the approval or the ticket, and who looks after the accounts now."
        minimumRows={2}
        maxLength={REASON_MAX}
        autoFocus
        isDisabled={record.pending}
        {...record.bind('reason', reason, setReason)}
      />
      <Inline space="space.100">
        <Button type="submit" appearance="warning" isLoading={record.pending}>
          Record acknowledgement
        </Button>
        <Button appearance="subtle" onClick={() => setOpen(false)} isDisabled={record.pending}>
          Cancel
        </Button>
      </Inline>
    </FormCard>
  );
}
