import { z } from 'zod';
import { accountIdSchema } from './common';
import type { Verdict } from './offboarding';

/**
 * The pre-deactivation webtrigger's body (docs/webtrigger/openapi.yaml): ONE person, by Atlassian
 * account id or by email address (identity providers and HR systems know emails, not account ids).
 */
export const preDeactivationRequest = z.union([
  z.object({ accountId: accountIdSchema }).strict(),
  z.object({ email: z.string().trim().toLowerCase().pipe(z.email().max(254)) }).strict(),
]);
export type PreDeactivationRequest = z.infer<typeof preDeactivationRequest>;

/** Larger bodies are refused (413) before anything else reads them; one person needs < 300 bytes. */
export const MAX_BODY_BYTES = 8 * 1024;

/**
 * The webtrigger's fixed answers. It is a `response: type: static` webtrigger (Runs on Atlassian):
 * the function returns `{ outputKey }` and Forge answers the output declared under that key in
 * manifest.yml — status, content type and body, nothing else (no per-call data, no headers). This
 * constant and the manifest's `outputs` must be the same (test/manifest checks it).
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/web-trigger/
 */
export const PRE_DEACTIVATION_OUTPUTS = {
  block: { statusCode: 200, body: '{"verdict":"block"}' },
  warn: { statusCode: 200, body: '{"verdict":"warn"}' },
  safe: { statusCode: 200, body: '{"verdict":"safe"}' },
  'unknown-person': { statusCode: 404, body: '{"error":"unknown_person"}' },
  'bad-request': { statusCode: 400, body: '{"error":"bad_request"}' },
  unauthorized: { statusCode: 401, body: '{"error":"unauthorized"}' },
  'method-not-allowed': { statusCode: 405, body: '{"error":"method_not_allowed"}' },
  'payload-too-large': { statusCode: 413, body: '{"error":"payload_too_large"}' },
  unavailable: { statusCode: 503, body: '{"error":"unavailable"}' },
  'internal-error': { statusCode: 500, body: '{"error":"internal_error"}' },
} as const satisfies Record<string, { statusCode: number; body: string }>;

export type PreDeactivationOutputKey = keyof typeof PRE_DEACTIVATION_OUTPUTS;
export const PRE_DEACTIVATION_CONTENT_TYPE = 'application/json';

/** What a static webtrigger function returns: the key of one declared output. */
export interface StaticWebtriggerResult {
  outputKey: PreDeactivationOutputKey;
}

/** The verdict outputs are named after the verdicts. */
export const verdictOutput = (verdict: Verdict): PreDeactivationOutputKey => verdict;
