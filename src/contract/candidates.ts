import { z } from 'zod';
import { visibleText } from './text-rules';
import type { AccountKind } from './account-kinds';
import { accountIdSchema, cursorSchema, pageSizeSchema } from './common';

export const listCandidatesInput = z
  .object({
    pageSize: pageSizeSchema.default(50),
    cursor: z
      .string()
      .regex(/^\d{1,9}$/, 'Invalid cursor')
      .optional(),
  })
  .strict();
export type ListCandidatesInput = z.input<typeof listCandidatesInput>;

export interface Candidate {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  accountType: string;
  /** Service account or personal account (app bots are never candidates). */
  kind: AccountKind;
  /** Why it looks like an integration, strongest first: `service-account`, `pattern:bot`. */
  reasons: string[];
}

export interface CandidatesPage {
  candidates: Candidate[];
  /** Site users scanned so far; `nextCursor` continues after them. */
  scanned: number;
  nextCursor?: string;
}

/** The most a dismissal's reason may say. */
export const DISMISS_REASON_MAX = 500;

/**
 * Dismissing a candidate says why (required): the next admin reads it in the dismissed list and the
 * audit log before restoring or tagging the account.
 */
export const dismissCandidateInput = z
  .object({
    accountId: accountIdSchema,
    reason: visibleText({
      min: 'Say why this account is not an integration account.',
      max: DISMISS_REASON_MAX,
      maxMessage: `At most ${String(DISMISS_REASON_MAX)} characters.`,
      multiline: true,
    }),
  })
  .strict();
export type DismissCandidateInput = z.input<typeof dismissCandidateInput>;

/** The candidates admins dismissed, a page at a time (in storage-key order). */
export const listDismissedInput = z
  .object({ pageSize: pageSizeSchema.default(50), cursor: cursorSchema.optional() })
  .strict();
export type ListDismissedInput = z.input<typeof listDismissedInput>;

export interface DismissedCandidate {
  accountId: string;
  /** As Jira names the account now; absent when Jira no longer knows it. */
  displayName?: string;
  emailAddress?: string;
  /** Whether the account is still active in Jira (absent: unknown to Jira). */
  active?: boolean;
  dismissedAt: string;
  /** The admin who dismissed it. */
  dismissedBy: string;
  /** Why (required since dismissals asked for one; older dismissals may have none). */
  reason?: string;
}

export interface DismissedPage {
  dismissed: DismissedCandidate[];
  nextCursor?: string;
}

/** What `candidates/restore` answers. */
export interface CandidateRestored {
  accountId: string;
  restored: true;
}

/** Puts a dismissed candidate back in the candidates list (audited). */
export const restoreCandidateInput = z.object({ accountId: accountIdSchema }).strict();
export type RestoreCandidateInput = z.input<typeof restoreCandidateInput>;
