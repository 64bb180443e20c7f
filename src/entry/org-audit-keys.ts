import { jiraAdmin } from '../app/authorize';
import { orgAuditWebhookStatus, rotateOrgAuditSecret } from '../app/org-audit-webhook';
import { ORG_AUDIT_KEYS } from '../contract/org-audit';
import { defineKey } from './define-key';

/** The admin page's keys of the org audit-log webhook (settings): status and the secret, shown once. */
export const orgAuditKeys = [
  defineKey(ORG_AUDIT_KEYS.status, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (_i, _inv, d) => orgAuditWebhookStatus(d),
  }),
  defineKey(ORG_AUDIT_KEYS.rotate, {
    authorize: jiraAdmin,
    action: 'settings.audit-webhook-secret.rotate',
    changes: true,
    run: (_i, inv, d) => rotateOrgAuditSecret(inv, d),
  }),
];
