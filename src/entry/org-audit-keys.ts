import { orgAuditWebhookStatus, rotateOrgAuditSecret } from '../app/org-audit-webhook';
import { ORG_AUDIT_KEYS, orgAuditRotateInput, orgAuditStatusInput } from '../contract/org-audit';
import { adminKey, type Surface } from './define';
import { enforcementDeps } from './enforcement-deps';

/** The admin page's keys of the org audit-log webhook (settings): status and the secret, shown once. */
export function orgAuditAdminKeys(surface: Surface) {
  return {
    [ORG_AUDIT_KEYS.status]: adminKey(surface, ORG_AUDIT_KEYS.status, {
      input: orgAuditStatusInput,
      action: 'access',
      changes: false,
      run: () => orgAuditWebhookStatus(enforcementDeps),
    }),
    [ORG_AUDIT_KEYS.rotate]: adminKey(surface, ORG_AUDIT_KEYS.rotate, {
      input: orgAuditRotateInput,
      action: 'settings.audit-webhook-secret.rotate',
      changes: true,
      run: (_i, inv) => rotateOrgAuditSecret(inv, enforcementDeps),
    }),
  };
}
