import { jiraAdmin } from '../app/authorize';
import { orgAuditWebhookStatus, rotateOrgAuditSecret } from '../app/org-audit-webhook';
import { ORG_AUDIT_KEYS, orgAuditRotateInput, orgAuditStatusInput } from '../contract/org-audit';
import { defineKey } from './define-key';

/** The admin page's keys of the org audit-log webhook (settings): status and the secret, shown once. */
export const orgAuditKeys = {
  [ORG_AUDIT_KEYS.status]: defineKey({
    authorize: jiraAdmin,
    input: orgAuditStatusInput,
    action: 'access',
    changes: false,
    run: (_i, _inv, d) => orgAuditWebhookStatus(d),
  }),
  [ORG_AUDIT_KEYS.rotate]: defineKey({
    authorize: jiraAdmin,
    input: orgAuditRotateInput,
    action: 'settings.audit-webhook-secret.rotate',
    changes: true,
    run: (_i, inv, d) => rotateOrgAuditSecret(inv, d),
  }),
};
