import { receiveOrgAuditDelivery } from '../app/org-audit-webhook';
import type { OrgAuditOutputKey } from '../contract/org-audit';
import { JiraError } from '../infra/jira-client';
import { enforcementDeps } from './enforcement-deps';

/** Forge's webtrigger request (FORGE-FACTS §1.4): lower-case header names, every value a list. */
interface WebtriggerRequest {
  method?: unknown;
  headers?: Record<string, unknown>;
  body?: unknown;
}

/**
 * The org audit-log webhook (docs/audit-log-webhooks.md). A **static** webtrigger (Runs on Atlassian
 * eligible): the function only picks one of the manifest's `outputs` by key.
 */
export async function handler(request: WebtriggerRequest): Promise<{ outputKey: OrgAuditOutputKey }> {
  const headers = request.headers ?? {};
  const header = (name: string): string | undefined => {
    const v = headers[name] ?? headers[name.toLowerCase()];
    const first: unknown = Array.isArray(v) ? v[0] : v;
    return typeof first === 'string' ? first : undefined;
  };
  try {
    const answer = await receiveOrgAuditDelivery(
      {
        method: typeof request.method === 'string' ? request.method : '',
        header,
        body: typeof request.body === 'string' ? request.body : '',
      },
      enforcementDeps,
    );
    if (answer.output !== 'accepted')
      console.warn(`org audit delivery refused: ${answer.output} ${answer.detail}`);
    return { outputKey: answer.output };
  } catch (e) {
    if (e instanceof JiraError && (e.status === 429 || e.status === 503)) return { outputKey: 'unavailable' };
    console.error('org audit delivery failed', e instanceof Error ? e.message : e);
    return { outputKey: 'error' };
  }
}
