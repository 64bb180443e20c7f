/** Every KVS key, secret and Custom Entity name the app uses, in one place (entities are declared in manifest.yml). */
export const STORAGE_KEYS = {
  /** `{ version, settings }`. */
  settings: 'settings',
  /** Registry counters (domain/counters.ts), written in the transaction of every registry change. */
  counters: 'registry-counters',
  /** `dismissed:<accountId>`: a candidate an admin dismissed. */
  dismissedPrefix: 'dismissed:',
  /** `webhook-id:<id>`: a pre-deactivation request already seen (TTL > the 5-minute tolerance). */
  webhookReplayPrefix: 'webhook-id:',
  /** `proposal:<proposedOwnerId>:<accountId>`: a pending hand-over to a new owner. */
  proposalPrefix: 'proposal:',
  /**
   * `proposal-by:<proposerId>:<accountId>:<proposedOwnerId>`: a copy of that proposal under who made it,
   * so "My integration accounts" shows a person their own pending proposals (one query). The
   * `proposal:` key stays the truth: a copy counts only while it matches it.
   */
  proposalByPrefix: 'proposal-by:',
  /** `notice-flag:<personId>`: the UTC day the background script last showed the person a flag. */
  noticeFlagPrefix: 'notice-flag:',
  /** `offboarding-ack:<issueKey>`: an acknowledgement with a reason on an offboarding ticket (the validator lets it pass). */
  ticketAckPrefix: 'offboarding-ack:',
  /** The org audit-log webhook's last accepted delivery (settings' "last delivery" line). */
  orgAuditLastDelivery: 'org-audit-last-delivery',
} as const;

export const SECRET_KEYS = {
  /** `{ secret: 'whsec_…', createdAt }`, the pre-deactivation webtrigger's signing secret. */
  offboardingWebhook: 'offboarding-webhook-secret',
  /** `{ secret, createdAt }`, the org audit-log webhook's Authorization secret. */
  orgAuditWebhook: 'org-audit-webhook-secret',
  /** `{ key: base64, createdAt }`: this installation's MAC key for client-held tokens (cursors, resume tokens). */
  clientTokenKey: 'client-token-key',
} as const;

export const ENTITIES = {
  /** Key: the Jira accountId. */
  account: 'integration-account',
  /** Key: the zero-padded sequence number (`auditKey`). */
  audit: 'audit-record',
  /** One item, key `head`: the chain's last sequence number and hash. Every append is conditional on it. */
  auditHead: 'audit-head',
  /** Key: `<accountId>:<code>`. */
  finding: 'finding',
  /** Key: `<personId>:<accountId>:<code>:<period>` (`#admins` for every Jira admin). */
  notice: 'owner-notice',
  /** Key: `refusal:<hash of actor, key, outcome, code>`: the minute of refusals open now and its count. */
  refusalWindow: 'refusal-window',
  /** Keys `lease`, `run` (the checkpoint of a partial run), `last` (the last summary). */
  sweepState: 'sweep-state',
  /** Key: `<accountId>:<code>`; an owner's Jira work item for that finding (app/owner-work-items.ts). */
  workItem: 'owner-work-item',
} as const;

export const ACCOUNT_INDEXES = {
  name: 'by-status-name',
  owner: 'by-owner',
  backupOwner: 'by-backup-owner',
  reviewDue: 'by-review-due',
  credentialExpiry: 'by-credential-expiry',
  risk: 'by-risk',
  updated: 'by-updated',
} as const;

export const AUDIT_INDEXES = {
  seq: 'by-seq',
  target: 'by-target',
  actor: 'by-actor',
  action: 'by-action',
  outcome: 'by-outcome',
} as const;

export const AUDIT_HEAD_KEY = 'head';

/** Sequence numbers as fixed-width keys, so key order is sequence order. */
export const auditKey = (seq: number): string => String(seq).padStart(12, '0');
