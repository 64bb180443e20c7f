/** The admin page's Settings: the registry's settings, and the two webhooks' secrets. */
import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { token } from '@atlaskit/tokens';
import OrgAuditWebhook from './OrgAuditWebhook';
import { SettingsForm } from './SettingsForm';
import WebhookSecret from './WebhookSecret';

function Section({ label, title, children }: { label: string; title: string; children: ReactNode }) {
  return (
    <section aria-label={label}>
      <Stack space="space.200">
        <Heading size="small" as="h2">
          {title}
        </Heading>
        {children}
      </Stack>
    </section>
  );
}

export default function SettingsPage() {
  return (
    <div style={{ display: 'grid', gap: token('space.400'), maxWidth: 720 }}>
      <Section label="Registry settings" title="Registry">
        <SettingsForm />
      </Section>
      <Section label="Pre-deactivation webhook" title="Pre-deactivation webhook secret">
        <WebhookSecret />
      </Section>
      <Section label="Organization audit-log webhook" title="Organization audit-log webhook">
        <OrgAuditWebhook />
      </Section>
    </div>
  );
}
