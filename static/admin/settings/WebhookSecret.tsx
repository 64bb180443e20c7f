/** Settings → the pre-deactivation webhook's signing secret (Standard Webhooks), generated and shown once. */
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { adminApi } from '../../shared/api';
import { useAdmin } from '../admin-context';
import { SecretRotation, type SecretWords } from './SecretRotation';

const WORDS: SecretWords = {
  createAction: 'Create secret',
  replaceAction: 'Rotate secret',
  createQuestion: 'Create the webhook secret?',
  replaceQuestion: 'Rotate the webhook secret?',
  createEffect: 'A new secret is generated and shown to you once.',
  replaceEffect:
    'Requests signed with the current secret will be refused from now on. The new secret is shown to you once.',
  envVar: 'OFFBOARDING_WEBHOOK_SECRET',
  valueLabel: 'New webhook secret',
  shownTitle: 'Copy the new secret now — it won’t be shown again',
  doneAction: 'I’ve stored it',
  rotatedTitle: 'Webhook secret rotated',
  rotatedDescription: 'Copy the new secret now; it won’t be shown again.',
  failedTitle: 'The secret was not rotated',
};

export default function WebhookSecret() {
  const { settings: view, setSettings } = useAdmin();
  return (
    <Stack space="space.200">
      <Text as="p" color="color.text.subtle">
        HR and identity automation sign their pre-deactivation checks with this secret (Standard Webhooks).
        Rotating it stops the old secret at once: update the sender straight away.
      </Text>
      <SecretRotation
        id="webhook-secret"
        status={view.webhookSecret}
        words={WORDS}
        rotate={async () => {
          const result = await adminApi.rotateWebhookSecret();
          setSettings({ ...view, webhookSecret: { source: 'stored', createdAt: result.createdAt } });
          return result.secret;
        }}
      />
    </Stack>
  );
}
