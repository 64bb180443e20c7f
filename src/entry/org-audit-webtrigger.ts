import { receiveOrgAuditDelivery } from '../app/org-audit-webhook';
import type { OrgAuditOutputKey } from '../contract/org-audit';
import { Unavailable } from '../app/errors';
import { appDeps } from './compose';
import { incomingRequest, type WebtriggerRequest } from './webtrigger-request';

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
    if (e instanceof Unavailable && e.service === 'jira' && (e.status === 429 || e.status === 503))
      return { outputKey: 'unavailable' };
    console.error('org audit delivery failed', e instanceof Error ? e.message : e);
    return { outputKey: 'error' };
  }
}
