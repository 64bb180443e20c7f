import { preDeactivationCheck } from '../app/pre-deactivation';
import type { PreDeactivationOutputKey, StaticWebtriggerResult } from '../contract/webtrigger';
import { Unavailable } from '../app/errors';
import { appDeps } from './compose';
import { incomingRequest, type WebtriggerRequest } from './webtrigger-request';

/**
 * Jira busy, down or out of points (429, 5xx) and storage rate limits are "try again later"; the rest
 * is ours. A static output carries no headers, so no `Retry-After`: the reason and Jira's wait go to
 * the app's logs (docs/webtrigger/openapi.yaml says how long to back off).
 */
function outputOfError(e: unknown): PreDeactivationOutputKey {
  if (!(e instanceof Unavailable)) return 'internal-error';
  if (e.service === 'jira') {
    const wait = e.retryAfterSeconds === undefined ? '' : `, Retry-After ${e.retryAfterSeconds} s`;
    console.warn(
      `pre-deactivation check: Jira answered ${e.status} (${e.rateLimitReason ?? 'no reason'}${wait})`,
    );
  }
  return 'unavailable';
}

/**
 * The pre-deactivation check (docs/webtrigger/openapi.yaml): a STATIC webtrigger — it names one of the
 * outputs declared in manifest.yml and Forge answers that output. The platform does not authenticate
 * the caller; the use case does.
 */
export async function handler(request: WebtriggerRequest): Promise<StaticWebtriggerResult> {
  try {
    const answer = await preDeactivationCheck(incomingRequest(request), appDeps);
    if (answer.problem) console.warn(`pre-deactivation check: ${answer.output} (${answer.problem})`);
    return { outputKey: answer.output };
  } catch (e) {
    const outputKey = outputOfError(e);
    console.error(`pre-deactivation check failed: ${outputKey}`, e instanceof Error ? e.message : e);
    return { outputKey };
  }
}
