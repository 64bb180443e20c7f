import { preDeactivationCheck } from '../app/pre-deactivation';
import { WEBTRIGGER_ERRORS } from '../contract/webtrigger';
import { JiraError } from '../infra/jira-client';
import { watchDeps } from './watch-deps';

/** Forge's webtrigger request (FORGE-FACTS §1.4): lower-case header names, every value a list. */
interface WebtriggerRequest {
  method?: unknown;
  headers?: Record<string, unknown>;
  body?: unknown;
}

interface WebtriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

const json = (
  statusCode: number,
  body: unknown,
  extra: Record<string, string[]> = {},
): WebtriggerResponse => ({
  statusCode,
  headers: { 'Content-Type': ['application/json'], 'Cache-Control': ['no-store'], ...extra },
  body: JSON.stringify(body),
});

/** The pre-deactivation check (docs/webtrigger/openapi.yaml): the platform does not authenticate it; we do. */
export async function handler(request: WebtriggerRequest): Promise<WebtriggerResponse> {
  const headers = request.headers ?? {};
  const header = (name: string): string | undefined => {
    const v = headers[name] ?? headers[name.toLowerCase()];
    const first: unknown = Array.isArray(v) ? v[0] : v;
    return typeof first === 'string' ? first : undefined;
  };
  try {
    const answer = await preDeactivationCheck(
      {
        method: typeof request.method === 'string' ? request.method : '',
        header,
        body: typeof request.body === 'string' ? request.body : '',
      },
      watchDeps,
    );
    if (answer.status !== 200) {
      console.warn(`pre-deactivation check refused: ${answer.status} ${answer.problem}`);
      return json(answer.status, answer.body, answer.status === 405 ? { Allow: ['POST'] } : {});
    }
    return json(200, answer.body);
  } catch (e) {
    // Jira rate-limited or unavailable (a spent hourly points quota included): 503, retry after Jira's wait.
    if (e instanceof JiraError && (e.status === 429 || e.status === 503)) {
      console.warn(`pre-deactivation check: Jira answered ${e.status} (${e.rateLimitReason ?? 'no reason'})`);
      const after = e.retryAfterSeconds;
      return json(503, WEBTRIGGER_ERRORS[503], after === undefined ? {} : { 'Retry-After': [String(after)] });
    }
    console.error('pre-deactivation check failed', e instanceof Error ? e.message : e);
    return json(500, WEBTRIGGER_ERRORS[500]);
  }
}
