/**
 * What a stored account record must look like (domain/account.ts `AccountRecord`), built from the
 * contract's own registration rules so a record that could never have been accepted fails here.
 */
import { z } from 'zod';
import { ACCOUNT_STATUSES, integrationSchema, registrationShape } from '../../src/contract/accounts';
import { accountIdSchema, isRealDate } from '../../src/contract/common';

const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && s.endsWith('Z'), 'ISO instant');
const day = z.string().refine(isRealDate, 'YYYY-MM-DD');
const stored = <T extends z.ZodType>(s: T) =>
  // Stored values are already normalised: parsing them again must not change them.
  s.refine((v) => v !== undefined);

export const accountRecordSchema = z
  .object({
    accountId: accountIdSchema,
    status: z.enum(ACCOUNT_STATUSES),
    displayName: z.string().min(1),
    emailAddress: z.string().optional(),
    accountType: z.string().min(1),
    appType: z.string().min(1).optional(),
    accountActive: z.boolean(),
    jiraCheckedAt: isoInstant,
    purpose: stored(registrationShape.purpose),
    ownerId: accountIdSchema,
    ownerName: z.string(),
    ownerActive: z.boolean(),
    backupOwnerId: accountIdSchema.optional(),
    backupOwnerName: z.string().optional(),
    backupOwnerActive: z.boolean().optional(),
    integrations: z.array(integrationSchema).max(20),
    reviewCadenceDays: z.number().int().min(30).max(365),
    lastReviewedOn: day,
    notes: registrationShape.notes,
    taggedAt: isoInstant,
    taggedBy: z.string().min(1),
    updatedAt: isoInstant,
    updatedBy: z.string().min(1),
    retiredAt: isoInstant.optional(),
    retiredBy: z.string().optional(),
    retireReason: z.string().min(1).max(500).optional(),
    ownerSince: isoInstant.optional(),
    version: z.number().int().min(1),
    findings: z.array(z.unknown()).optional(),
    migration: z
      .object({
        replacementId: accountIdSchema,
        replacementName: z.string().min(1),
        markedAt: isoInstant,
        markedBy: z.string().min(1),
        movedAt: isoInstant.optional(),
        movedBy: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.status === 'retired' && (!r.retiredAt || !r.retireReason))
      ctx.addIssue({ code: 'custom', message: 'a retired record says when and why' });
    if (r.status === 'active' && r.retiredAt)
      ctx.addIssue({ code: 'custom', message: 'an active record has no retirement' });
    if (!!r.backupOwnerId !== (r.backupOwnerName !== undefined))
      ctx.addIssue({ code: 'custom', message: 'backup owner id and name go together' });
  });
