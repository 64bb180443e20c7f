import { preDeactivationCheck } from '../app/pre-deactivation';
import type { PreDeactivationOutputKey, StaticWebtriggerResult } from '../contract/webtrigger';
import { appDeps } from './compose';
import { failureOf, type WebtriggerFailure } from './webtrigger-failure';
import { incomingRequest, type WebtriggerRequest } from './webtrigger-request';

/** The declared output of each failure class (docs/webtrigger/openapi.yaml). */
const FAILURE_OUTPUTS: Record<WebtriggerFailure, PreDeactivationOutputKey> = {
  unavailable: 'unavailable',
  error: 'internal-error',
};

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
    return { outputKey: FAILURE_OUTPUTS[failureOf(e, 'pre-deactivation check')] };
  }
}
