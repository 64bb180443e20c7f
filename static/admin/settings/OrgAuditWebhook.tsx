/**
 * Settings → Organization audit-log webhook: the URL to paste in Atlassian Administration, the secret
 * (shown once, as the Authorization value to paste), the last delivery, and how to set it up.
 */
import { useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
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
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import type { OrgAuditWebhookStatus, RotatedOrgAuditSecret } from '@contract/org-audit';
import { adminApi } from '../../shared/api';
import { FormField } from '../../shared/field';
import { flags } from '../../shared/flags';
import { useLoad } from '../../shared/hooks';
import { revealAppTop } from '../../shared/reveal';
import { ErrorState } from '../../shared/states';
import { copyText } from '../ui/ExportResult';
import { formatTime } from '../ui/format';

function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const field = useRef<HTMLInputElement>(null);
  return (
    <FormField id={id} label={label}>
      {(a) => (
        <Inline space="space.100" alignBlock="center">
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Textfield
              id={a.id}
              ref={field}
              aria-label={label}
              isReadOnly
              isMonospaced
              value={value}
              onFocus={(ev) => ev.currentTarget.select()}
            />
          </Box>
          <Button
            onClick={() =>
              void copyText(value).then((ok) => {
                if (ok) flags.success(`${label} copied`);
                else {
                  field.current?.focus();
                  field.current?.select();
                  flags.info(
                    'Select and copy it',
                    'The browser blocked the clipboard; the text is selected.',
                  );
                }
              })
            }
          >
            Copy
          </Button>
        </Inline>
      )}
    </FormField>
  );
}

function lastDeliveryLine(status: OrgAuditWebhookStatus): string {
  const d = status.lastDelivery;
  if (!d) return 'Last delivery: none yet.';
  const what =
    d.relevant === 0
      ? `${String(d.events)} event${d.events === 1 ? '' : 's'}, no deactivations`
      : `${String(d.relevant)} deactivation or reactivation event${d.relevant === 1 ? '' : 's'}, ${String(d.people)} ${d.people === 1 ? 'person' : 'people'} re-checked, ${String(d.opened)} finding${d.opened === 1 ? '' : 's'} opened`;
  return `Last delivery: ${formatTime(d.at)} — ${what}.`;
}

export default function OrgAuditWebhook() {
  const { state, reload, setData } = useLoad(() => adminApi.orgAuditStatus(), 'org-audit');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [rotated, setRotated] = useState<RotatedOrgAuditSecret | null>(null);

  if (state.status === 'error')
    return <ErrorState title="The webhook status could not be loaded" error={state.error} onRetry={reload} />;
  if (!state.data) return <Spinner size="medium" label="Loading the webhook status" />;
  const status = state.data;

  const rotate = async () => {
    setBusy(true);
    try {
      const result = await adminApi.rotateOrgAuditSecret();
      setRotated(result);
      setConfirming(false);
      setData({ ...status, source: 'stored', createdAt: result.createdAt });
      flags.success('Secret generated', 'Copy the Authorization value now; it won’t be shown again.');
    } catch (e) {
      flags.error('The secret was not generated', e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.200" testId="org-audit-webhook">
      <Text as="p" color="color.text.subtle">
        With Atlassian Guard Premium or an Enterprise plan, your organization can send its audit log to this
        app. A deactivated or removed person is then re-checked within seconds — the accounts they are, own or
        back up — instead of at the next hourly sweep.
      </Text>
      <Inline space="space.100" alignBlock="center">
        <Text>Secret:</Text>
        {status.source === 'environment' ? (
          <Lozenge appearance="inprogress">Set by the environment</Lozenge>
        ) : status.source === 'stored' ? (
          <Lozenge appearance="success">Configured</Lozenge>
        ) : (
          <Lozenge appearance="moved">Not set</Lozenge>
        )}
        {status.createdAt ? (
          <Text color="color.text.subtle">{`created ${formatTime(status.createdAt)}`}</Text>
        ) : null}
      </Inline>
      <Text as="p" testId="org-audit-last-delivery">
        {lastDeliveryLine(status)}
      </Text>
      {status.url ? (
        <CopyField id="org-audit-url" label="Webhook URL" value={status.url} />
      ) : (
        <Text as="p" color="color.text.warning">
          The webhook URL is not available here; a developer can get it with `forge webtrigger create`.
        </Text>
      )}
      {status.source === 'environment' ? (
        <Text as="p">The secret comes from ORG_AUDIT_WEBHOOK_SECRET; change it there.</Text>
      ) : (
        <Box>
          <Button
            appearance={status.source === 'none' ? 'primary' : 'warning'}
            onClick={() => {
              revealAppTop();
              setConfirming(true);
            }}
          >
            {status.source === 'none' ? 'Generate secret' : 'Replace secret'}
          </Button>
        </Box>
      )}
      {rotated ? (
        <SectionMessage
          appearance="warning"
          title="Copy the Authorization value now — it won’t be shown again"
        >
          <Stack space="space.150">
            <CopyField
              id="org-audit-authorization"
              label="Authorization value"
              value={rotated.authorization}
            />
            <Box>
              <Button appearance="subtle" onClick={() => setRotated(null)}>
                I’ve pasted it
              </Button>
            </Box>
          </Stack>
        </SectionMessage>
      ) : null}
      <SectionMessage appearance="information" title="How to set it up">
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          <li>Generate the secret here and copy the Authorization value.</li>
          <li>
            In Atlassian Administration, open Insights › Audit log › Settings › Webhook, and select Add
            webhook.
          </li>
          <li>Paste the webhook URL above, and the Authorization value (it starts with “Bearer ”).</li>
          <li>Save, then send a test event: the “Last delivery” line above shows it once it arrives.</li>
        </ol>
      </SectionMessage>
      <ModalTransition>
        {confirming ? (
          <Modal onClose={busy ? undefined : () => setConfirming(false)} label="Generate the webhook secret">
            <ModalHeader hasCloseButton>
              <ModalTitle appearance="warning">
                {status.source === 'none' ? 'Generate the webhook secret?' : 'Replace the webhook secret?'}
              </ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Text as="p">
                {status.source === 'none'
                  ? 'A new secret is generated and shown to you once, as the Authorization value to paste.'
                  : 'Deliveries with the current Authorization value will be refused from now on, until you paste the new one in Atlassian Administration.'}
              </Text>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setConfirming(false)} isDisabled={busy}>
                Cancel
              </Button>
              <Button appearance="warning" onClick={() => void rotate()} isLoading={busy}>
                {status.source === 'none' ? 'Generate secret' : 'Replace secret'}
              </Button>
            </ModalFooter>
          </Modal>
        ) : null}
      </ModalTransition>
    </Stack>
  );
}
