// The switchboard: one export per `handler` in manifest.yml, nothing else.
export { handler as adminResolver } from './entry/admin-resolver';
export { handler as offboardingResolver } from './entry/offboarding-resolver';
export { handler as ownerResolver } from './entry/owner-resolver';
export { handler as sweep } from './entry/sweep-trigger';
export { handler as userEvent } from './entry/user-events';
export { handler as preDeactivationCheck } from './entry/pre-deactivation-webtrigger';
export { handler as transitionValidator } from './entry/transition-validator';
export { handler as orgAuditWebhook } from './entry/org-audit-webtrigger';
