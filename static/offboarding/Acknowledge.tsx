/** The acknowledgement of a block or warn verdict: the form (once asked for), then the recorded line. */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import Textarea from '@atlaskit/textarea';
import type { OffboardingAcknowledged, OffboardingCheckResult } from '@contract/offboarding';
import { isApiError, offboardingApi } from '../shared/api';
import { flags } from '../shared/flags';
import { VERDICT_LABELS, formatTime } from './format';
import { Card, Field } from './ui';
import { isAcknowledged, personName } from './verdict-view';

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
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
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
    if (!reason.trim()) {
      setReasonError('Say why this person may be deactivated despite the warning.');
      return;
    }
    setBusy(true);
    setReasonError(undefined);
    try {
      const ack = await offboardingApi.acknowledge({
        personId: result.person.accountId,
        verdict: result.verdict,
        reason: reason.trim(),
      });
      flags.success(
        'Acknowledgement recorded',
        `The ${VERDICT_LABELS[ack.verdict].toLowerCase()} verdict for ${name} is in the audit log.`,
      );
      setOpen(false);
      setReason('');
      onAcknowledged(ack);
    } catch (e) {
      const fieldError = isApiError(e) ? e.fieldErrors.reason : undefined;
      if (fieldError) setReasonError(fieldError);
      else flags.error('The acknowledgement was not recorded', e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card tone="sunken" label="Acknowledge the warning">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack space="space.150">
          <Text as="p">
            {`Record that you have seen this ${VERDICT_LABELS[result.verdict].toLowerCase()} verdict and why ${name} may be deactivated anyway. Your name, the verdict and your reason go into the audit log.`}
          </Text>
          <Text as="p" weight="medium" testId="acknowledge-deactivates-nobody">
            {`This deactivates nobody: it only records your decision. Deactivate ${name} in Atlassian Administration or your identity provider.`}
          </Text>
          <Field
            id="acknowledge-reason"
            label="Reason"
            required
            helper="For example the approval or the ticket, and who looks after the accounts now."
            error={reasonError}
          >
            {(a) => (
              <Textarea
                id={a.id}
                aria-describedby={a.describedBy}
                aria-required
                isInvalid={a.invalid}
                aria-invalid={a.invalid}
                minimumRows={2}
                maxLength={1000}
                autoFocus
                value={reason}
                isDisabled={busy}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  if (reasonError) setReasonError(undefined);
                }}
              />
            )}
          </Field>
          <Inline space="space.100">
            <Button type="submit" appearance="warning" isLoading={busy}>
              Record acknowledgement
            </Button>
            <Button appearance="subtle" onClick={() => setOpen(false)} isDisabled={busy}>
              Cancel
            </Button>
          </Inline>
        </Stack>
      </form>
    </Card>
  );
}
