/** The forms' limits read from the contract's schemas (static/shared/limits.ts), never a second copy. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attestInput, declineProposalInput, proposeOwnerInput } from '../../src/contract/owner';
import { offboardingAcknowledgeInput } from '../../src/contract/offboarding';
import { settingsSchema } from '../../src/contract/settings';
import { maxLengthOf, rangeOf } from '../../static/shared/limits';
import { TEXT_SETTINGS } from '../../static/admin/settings/text-settings';

describe('limits from the contract', () => {
  it('reads a string’s most characters through optional and default wrappers', () => {
    expect(maxLengthOf(attestInput.shape.correctedPurpose)).toBe(500);
    expect(maxLengthOf(attestInput.shape.comment)).toBe(1000);
    expect(maxLengthOf(proposeOwnerInput.shape.message)).toBe(500);
    expect(maxLengthOf(declineProposalInput.shape.reason)).toBe(500);
    expect(maxLengthOf(offboardingAcknowledgeInput.shape.reason)).toBe(1000);
    expect(maxLengthOf(settingsSchema.shape.workItemTypeName)).toBe(60);
  });

  it('reads an array’s most items and a number’s bounds', () => {
    expect(maxLengthOf(settingsSchema.shape.candidatePatterns)).toBe(30);
    expect(maxLengthOf(settingsSchema.shape.credentialExpiryWarningDays)).toBe(5);
    expect(rangeOf(settingsSchema.shape.defaultReviewCadenceDays)).toEqual([30, 365]);
    expect(rangeOf(settingsSchema.shape.sweepQuotaSharePercent)).toEqual([1, 50]);
  });

  it('follows the schema when its limit changes (nothing hard-coded)', () => {
    expect(maxLengthOf(z.string().trim().max(7).optional())).toBe(7);
    expect(maxLengthOf(z.array(z.string()).max(3).default([]))).toBe(3);
    expect(rangeOf(z.number().int().min(2).max(9).default(4))).toEqual([2, 9]);
  });

  it('refuses a schema without a limit instead of inventing one', () => {
    expect(() => maxLengthOf(z.string())).toThrow(/no length limit/);
    expect(() => maxLengthOf(z.array(z.string()))).toThrow(/no length limit/);
    expect(() => rangeOf(z.number().int())).toThrow(/no minimum/);
  });

  it('the settings form states the contract’s bounds', () => {
    expect(TEXT_SETTINGS.defaultReviewCadenceDays.helper).toContain('30 to 365 days');
    expect(TEXT_SETTINGS.candidatePatterns.list).toEqual({ max: 30, of: 'words' });
    expect(TEXT_SETTINGS.workItemTypeName.maxLength).toBe(60);
    expect(TEXT_SETTINGS.sweepQuotaSharePercent.helper).toContain('1–50 %, default 10');
  });
});
