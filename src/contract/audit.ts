import { z } from 'zod';
import { accountIdSchema, cursorSchema, exportFormatSchema, isoDateSchema, pageSizeSchema } from './common';

export const AUDIT_OUTCOMES = ['allowed', 'denied', 'refused', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const ACTOR_KINDS = ['admin', 'user', 'sweep', 'trigger', 'webtrigger', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const SOURCE_KINDS = ['resolver', 'trigger', 'scheduled', 'webtrigger', 'system'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The actions the audit trail records (NIST AU-3 "event type"). */
export const AUDIT_ACTIONS = [
  'account.tag',
  'account.update',
  'account.retire',
  'account.retag',
  'account.migration.mark',
  'account.migration.move',
  'candidate.dismiss',
  'candidate.restore',
  'import.apply',
  'registry.export',
  'audit.export',
  'audit.verify',
  'settings.update',
  'settings.webhook-secret.rotate',
  'settings.audit-webhook-secret.rotate',
  'access',
  // Offboarding, the sweep and owners (warn before deactivation).
  'offboarding.check',
  'offboarding.transfer',
  'offboarding.acknowledge',
  'offboarding.transition',
  'org-audit.delivery',
  'sweep.update',
  'owner.attest',
  'owner.rotation',
  'owner.propose',
  'owner.accept',
  'owner.decide',
  'owner.backup',
  'owner.decline',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One hash-chained, write-once audit record (FORGE-FACTS §8.4):
 * `hash = sha256(prevHash ‖ canonical(record without prevHash and hash))`.
 */
export interface AuditRecordDto {
  seq: number;
  /** UTC, ISO-8601. */
  at: string;
  actor: { accountId: string | null; kind: ActorKind };
  /** Where from: the module and the resolver key / trigger that made the change. */
  source: { kind: SourceKind; module: string; key: string };
  action: AuditAction;
  target: { type: 'account' | 'settings' | 'registry' | 'audit' | 'request' | 'person'; id?: string };
  before?: unknown;
  after?: unknown;
  outcome: AuditOutcome;
  /** Why: a retire reason, or the code and message of a refusal. */
  reason?: string;
  /**
   * On a refusal: the record is the first of its kind (actor, key, outcome, code) in `window`; later ones
   * in that minute are counted, not written. `closes` is the count of the kind's previous window (this
   * record included none of it): the count enters the chain with the next refusal of the kind.
   */
  repeat?: { window: string; closes?: { window: string; count: number; firstSeq?: number } };
  prevHash: string;
  hash: string;
}

export const auditFilterShape = {
  action: z.enum(AUDIT_ACTIONS).optional(),
  actorId: accountIdSchema.optional(),
  targetId: z.string().trim().min(1).max(128).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** Inclusive UTC dates. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
};

/** Newest first. One of actor/target/action/outcome picks the index; the rest filter. */
export const auditListInput = z
  .object({ ...auditFilterShape, pageSize: pageSizeSchema.default(50), cursor: cursorSchema.optional() })
  .strict();
export type AuditListInput = z.input<typeof auditListInput>;
export type AuditList = z.output<typeof auditListInput>;

/** One record by its sequence number. */
export const auditGetInput = z.object({ seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict();
export type AuditGetInput = z.input<typeof auditGetInput>;

export interface AuditPage {
  records: AuditRecordDto[];
  nextCursor?: string;
}

export const auditExportInput = z
  .object({ ...auditFilterShape, format: exportFormatSchema, cursor: cursorSchema.optional() })
  .strict();
export type AuditExportInput = z.input<typeof auditExportInput>;

/** Verifies the whole chain, oldest first; a long chain answers in parts (pass `resume` back). */
export const auditVerifyInput = z.object({ resume: cursorSchema.optional() }).strict();
export type AuditVerifyInput = z.input<typeof auditVerifyInput>;

export type ChainProblemKind = 'edited' | 'removed' | 'reordered' | 'head-mismatch';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The sequence number where the problem shows. */
  seq: number;
  message: string;
}

export interface AuditVerifyReport {
  ok: boolean;
  /** Records checked in this call (and before it, when resumed). */
  checked: number;
  /** The chain's last sequence number and hash as the head record names them. */
  head: { seq: number; hash: string };
  problems: ChainProblem[];
  /** Present when the chain is longer than one call can check. */
  resume?: string;
}
