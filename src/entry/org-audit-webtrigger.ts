import { receiveOrgAuditDelivery } from '../app/org-audit-webhook';
import type { OrgAuditOutputKey } from '../contract/org-audit';
import { appDeps } from './compose';
import { failureOf, type WebtriggerFailure } from './webtrigger-failure';
import { incomingRequest, type WebtriggerRequest } from './webtrigger-request';

/** The declared output of each failure class (docs/audit-log-webhooks.md). */
const FAILURE_OUTPUTS: Record<WebtriggerFailure, OrgAuditOutputKey> = {
  unavailable: 'unavailable',
  error: 'error',
};

/**
 * The org audit-log webhook (docs/audit-log-webhooks.md). A **static** webtrigger (Runs on Atlassian
 * eligible): the function only picks one of the manifest's `outputs` by key.
 */
export async function handler(request: WebtriggerRequest): Promise<{ outputKey: OrgAuditOutputKey }> {
  try {
    const answer = await receiveOrgAuditDelivery(incomingRequest(request), appDeps);
    if (answer.output !== 'accepted')
      console.warn(`org audit delivery refused: ${answer.output} ${answer.detail}`);
    return { outputKey: answer.output };
  } catch (e) {
    return { outputKey: FAILURE_OUTPUTS[failureOf(e, 'org audit delivery')] };
  }
}
