import { z } from 'zod';
import { accountIdSchema } from './common';
import type { OffboardingAccount, OffboardingReason, Verdict } from './offboarding';

/** The pre-deactivation webtrigger's body (docs/webtrigger/openapi.yaml). */
export const preDeactivationRequest = z
  .object({ accountIds: z.array(accountIdSchema).min(1).max(100) })
  .strict();
export type PreDeactivationRequest = z.infer<typeof preDeactivationRequest>;

/** Larger bodies are refused (413) before anything else reads them. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface PreDeactivationResult {
  accountId: string;
  verdict: Verdict;
  reasons: OffboardingReason[];
  accounts: OffboardingAccount[];
}

export interface PreDeactivationResponse {
  results: PreDeactivationResult[];
}

/** Every refusal carries one of these generic bodies: nothing about which check failed. */
export const WEBTRIGGER_ERRORS = {
  400: { error: 'bad_request' },
  401: { error: 'unauthorized' },
  405: { error: 'method_not_allowed' },
  413: { error: 'payload_too_large' },
  500: { error: 'internal_error' },
  503: { error: 'unavailable' },
} as const;
export type WebtriggerErrorStatus = keyof typeof WEBTRIGGER_ERRORS;
