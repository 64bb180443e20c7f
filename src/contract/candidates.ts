import { z } from 'zod';
import { visibleText } from './text-rules';
import type { AccountKind } from './account-kinds';
import { accountIdSchema, pageSizeSchema } from './common';

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

export const dismissCandidateInput = z
  .object({
    accountId: accountIdSchema,
    reason: visibleText({ max: 500, maxMessage: 'At most 500 characters.', multiline: true }).optional(),
  })
  .strict();
export type DismissCandidateInput = z.input<typeof dismissCandidateInput>;
