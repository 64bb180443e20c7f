import { z } from 'zod';

/** The app's settings; every field has a default so a fresh install works before anyone saves them. */
export const settingsSchema = z
  .object({
    defaultReviewCadenceDays: z.number().int().min(30).max(365).default(90),
    credentialExpiryWarningDays: z.array(z.number().int().min(1).max(365)).max(5).default([30, 7, 1]),
    offboardingGroups: z.array(z.string().min(1).max(255)).max(10).default(['offboarding-team']),
    offboardingUserField: z.string().max(255).default('customfield_10050'),
    candidatePatterns: z.array(z.string().min(1).max(50)).max(30).default(['bot', 'svc', 'ci', 'integration', 'sync']),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
