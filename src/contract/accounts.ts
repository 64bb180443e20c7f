import { z } from 'zod';
import type { AccountKind } from './account-kinds';
import type { AuditRecordDto } from './audit';
import { accountIdSchema, cursorSchema, isoDateSchema, pageSizeSchema, type PersonRef } from './common';
import { secretLikeProblem, visibleText } from './text-rules';

export const CREDENTIAL_KINDS = ['api-token', 'oauth-client', 'other'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const MAX_INTEGRATIONS = 20;

/** One integration that authenticates as the account. Metadata only: never a credential value. */
export const integrationSchema = z
  .object({
    system: visibleText({ min: 'Name the system.', max: 100, maxMessage: 'At most 100 characters.' }),
    /** e.g. dev, staging, prod (free text, stored lower-case). */
    environment: z
      .string()
      .trim()
      .min(1, 'Name the environment (e.g. dev, staging, prod).')
      .max(30, 'At most 30 characters.')
      .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'Letters, digits, spaces, dots, dashes and underscores only.')
      .transform((s) => s.toLowerCase()),
    credentialKind: z.enum(CREDENTIAL_KINDS, { message: 'Pick API token, OAuth client or other.' }),
    /** A name for the credential, never the credential: secret-looking labels are refused. */
    credentialLabel: visibleText({ max: 100, maxMessage: 'At most 100 characters.' })
      .superRefine((label, ctx) => {
        const problem = secretLikeProblem(label);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    credentialExpiresOn: isoDateSchema.optional(),
    lastRotatedOn: isoDateSchema.optional(),
  })
  .strict();
export type IntegrationInput = z.input<typeof integrationSchema>;
export type Integration = z.output<typeof integrationSchema>;

/** The fields an admin records about an integration account (tag, edit, re-tag and CSV import). */
export const registrationShape = {
  purpose: visibleText({
    min: 'Say what the account is for.',
    max: 500,
    maxMessage: 'At most 500 characters.',
    multiline: true,
  }),
  ownerId: accountIdSchema,
  /** Absent or null: no backup owner. */
  backupOwnerId: accountIdSchema.nullish(),
  integrations: z
    .array(integrationSchema)
    .max(MAX_INTEGRATIONS, `At most ${MAX_INTEGRATIONS} integrations.`)
    .default([]),
  /** Days between reviews, 30–365; the settings' default when absent. */
  reviewCadenceDays: z
    .number()
    .int('Whole days only.')
    .min(30, 'At least 30 days.')
    .max(365, 'At most 365 days.')
    .optional(),
  notes: visibleText({ max: 2000, maxMessage: 'At most 2,000 characters.', multiline: true }).optional(),
};

export const tagAccountInput = z.object({ accountId: accountIdSchema, ...registrationShape }).strict();
export type TagAccountInput = z.input<typeof tagAccountInput>;
export type TagAccount = z.output<typeof tagAccountInput>;

/** A whole-form save of an account's registration; `version` is the one the admin loaded. */
export const updateAccountInput = z
  .object({ accountId: accountIdSchema, version: z.number().int().min(1), ...registrationShape })
  .strict();
export type UpdateAccountInput = z.input<typeof updateAccountInput>;
export type UpdateAccount = z.output<typeof updateAccountInput>;

/** Why an account is retired: said in people's words, on every surface that retires one. */
export const retireReasonSchema = visibleText({
  min: 'Say why the account is retired.',
  max: 500,
  maxMessage: 'At most 500 characters.',
  multiline: true,
});

export const retireAccountInput = z
  .object({
    accountId: accountIdSchema,
    version: z.number().int().min(1),
    reason: retireReasonSchema,
  })
  .strict();
export type RetireAccountInput = z.input<typeof retireAccountInput>;

/** Tags a retired account again, with a fresh registration. */
export const retagAccountInput = updateAccountInput;
export type RetagAccountInput = UpdateAccountInput;

export const getAccountInput = z
  .object({ accountId: accountIdSchema, historyCursor: cursorSchema.optional() })
  .strict();
export type GetAccountInput = z.input<typeof getAccountInput>;

export const ACCOUNT_STATUSES = ['active', 'retired'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const LIST_SORTS = ['name', 'reviewDue', 'risk', 'credentialExpiry', 'updated'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/**
 * One page of the registry. Each filter is answered by an index (owner, backup owner, review due,
 * credential expiry, risk); when several are given, the most selective one picks the index and the
 * others filter its pages, and the order is that index's (see `AccountsPage.sortedBy`).
 */
export const listAccountsInput = z
  .object({
    status: z.enum(ACCOUNT_STATUSES).default('active'),
    /**
     * Words that must each appear anywhere in the account's name or email, or in its owner's or backup
     * owner's name; case- and accent-insensitive.
     */
    search: z.string().trim().min(1).max(100).optional(),
    ownerId: accountIdSchema.optional(),
    backupOwnerId: accountIdSchema.optional(),
    reviewOverdue: z.literal(true).optional(),
    /** Only accounts with no backup owner recorded. */
    noBackupOwner: z.literal(true).optional(),
    /** expiring: a credential expires within the largest warning window; expired: one has expired. */
    credential: z.enum(['expiring', 'expired']).optional(),
    risk: z.enum(RISK_LEVELS).optional(),
    sort: z.enum(LIST_SORTS).default('name'),
    direction: z.enum(['asc', 'desc']).optional(),
    pageSize: pageSizeSchema.default(50),
    cursor: cursorSchema.optional(),
  })
  .strict();
export type ListAccountsInput = z.input<typeof listAccountsInput>;
export type ListAccounts = z.output<typeof listAccountsInput>;

export type CredentialState = 'none' | 'ok' | 'expiring' | 'expired';

export interface RiskDto {
  /** 0–100. */
  score: number;
  level: RiskLevel;
  /** Machine codes of the factors that add to the score, e.g. NO_BACKUP_OWNER. */
  factors: string[];
}

/** A row of the registry list. Jira states are as last checked (`jiraCheckedAt`), not live. */
export interface AccountRow {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  accountType: string;
  /** Service account, app bot or personal account (docs/account-kinds.md). */
  kind: AccountKind;
  status: AccountStatus;
  purpose: string;
  owner: PersonRef;
  backupOwner?: PersonRef;
  integrationCount: number;
  environments: string[];
  reviewDueOn: string;
  reviewOverdue: boolean;
  credentialExpiresOn?: string;
  credentialState: CredentialState;
  risk: RiskDto;
  accountActive: boolean;
  jiraCheckedAt: string;
  /** The open findings the sweep recorded on the account (the same the account page and owner page show). */
  findings: FindingDto[];
  version: number;
  updatedAt: string;
  /** When a retired account was retired. */
  retiredAt?: string;
}

/** Counts for the list header, from a counters record kept in step with every change (no scan). */
export interface RegistryCounts {
  active: number;
  retired: number;
  reviewOverdue: number;
  credentialExpiring: number;
  credentialExpired: number;
  noBackupOwner: number;
  risk: Record<RiskLevel, number>;
}

export interface AccountsPage {
  rows: AccountRow[];
  counts: RegistryCounts;
  /** The order the rows are in (a filter may impose its index's order). */
  sortedBy: { sort: ListSort; direction: 'asc' | 'desc' };
  /**
   * With a search or "no backup owner": how many accounts this call looked through. A call reads a
   * bounded number, so a page may come back short with a `nextCursor` that searches on.
   */
  examined?: number;
  nextCursor?: string;
}

/** Everything recorded about an account. */
/** A personal account's move to an Atlassian service account: mark → move integrations → retire. */
export interface MigrationDto {
  replacementId: string;
  replacementName: string;
  markedAt: string;
  markedBy: string;
  movedAt?: string;
  movedBy?: string;
}

export const markMigrationInput = z
  .object({ accountId: accountIdSchema, version: z.number().int().min(1), replacementId: accountIdSchema })
  .strict();
export type MarkMigrationInput = z.input<typeof markMigrationInput>;

export const moveMigrationInput = z
  .object({ accountId: accountIdSchema, version: z.number().int().min(1) })
  .strict();
export type MoveMigrationInput = z.input<typeof moveMigrationInput>;

export interface AccountDto extends AccountRow {
  ownerId: string;
  backupOwnerId?: string;
  integrations: Integration[];
  reviewCadenceDays: number;
  lastReviewedOn: string;
  notes?: string;
  taggedAt: string;
  taggedBy: string;
  updatedBy: string;
  retiredAt?: string;
  retiredBy?: string;
  retireReason?: string;
  migration?: MigrationDto;
}

/** A Jira user's current state; `missing` when Jira no longer knows the account. */
export type JiraUserState =
  | {
      accountId: string;
      missing: false;
      displayName: string;
      active: boolean;
      accountType: string;
      emailAddress?: string;
      avatarUrl?: string;
    }
  | { accountId: string; missing: true };

export interface FindingDto {
  code: string;
  status: string;
  severity: number;
  openedAt: string;
  details?: unknown;
}

export interface AccountDetail {
  account: AccountDto;
  /** Live from Jira (one bulk lookup). */
  jira: { account: JiraUserState; owner: JiraUserState; backupOwner?: JiraUserState };
  findings: FindingDto[];
  history: { records: AuditRecordDto[]; nextCursor?: string };
}
