/**
 * Settings → Organization audit-log webhook: the URL to paste in Atlassian Administration, the secret
 * (shown once, as the Authorization value to paste), the last delivery, and how to set it up.
 */
import Spinner from '@atlaskit/spinner';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import type { OrgAuditWebhookStatus } from '@contract/org-audit';
import { adminApi } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { ErrorState } from '../../shared/states';
import { formatTime } from '../ui/format';
import { CopyField, SecretRotation, type SecretWords } from './SecretRotation';

const WORDS: SecretWords = {
  createAction: 'Generate secret',
  replaceAction: 'Replace secret',
  createQuestion: 'Generate the webhook secret?',
  replaceQuestion: 'Replace the webhook secret?',
  createEffect: 'A new secret is generated and shown to you once, as the Authorization value to paste.',
  replaceEffect:
    'Deliveries with the current Authorization value will be refused from now on, until you paste the new one in Atlassian Administration.',
  envVar: 'ORG_AUDIT_WEBHOOK_SECRET',
  valueLabel: 'Authorization value',
  shownTitle: 'Copy the Authorization value now — it won’t be shown again',
  doneAction: 'I’ve pasted it',
  rotatedTitle: 'Secret generated',
  rotatedDescription: 'Copy the Authorization value now; it won’t be shown again.',
  failedTitle: 'The secret was not generated',
};

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

  if (state.status === 'error')
    return <ErrorState title="The webhook status could not be loaded" error={state.error} onRetry={reload} />;
  if (!state.data) return <Spinner size="medium" label="Loading the webhook status" />;
  const status = state.data;

  return (
    <Stack space="space.200" testId="org-audit-webhook">
      <Text as="p" color="color.text.subtle">
        With Atlassian Guard Premium or an Enterprise plan, your organization can send its audit log to this
        app. A deactivated or removed person is then re-checked within seconds — the accounts they are, own or
        back up — instead of at the next hourly sweep.
      </Text>
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
      <SecretRotation
        id="org-audit-authorization"
        status={status}
        words={WORDS}
        rotate={async () => {
          const result = await adminApi.rotateOrgAuditSecret();
          setData({ ...status, source: 'stored', createdAt: result.createdAt });
          return result.authorization;
        }}
      />
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
    </Stack>
  );
}
