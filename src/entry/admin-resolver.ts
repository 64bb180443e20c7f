import { ADMIN_MODULE_KEY } from '../contract/resolver-keys';
import { resolverHandler } from './define-key';
import { offboardingKeys } from './offboarding-keys';
import { orgAuditKeys } from './org-audit-keys';
import { oversightKeys } from './oversight-keys';
import { registryKeys } from './registry-keys';

/** The admin page's resolver: the registry, the offboarding check, the sweep and the org audit webhook. */
export const handler = resolverHandler(ADMIN_MODULE_KEY, [
  ...registryKeys,
  ...offboardingKeys,
  ...oversightKeys,
  ...orgAuditKeys,
]);
