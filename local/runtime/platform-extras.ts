/**
 * Parts of the Forge platform contract the local runtime needs beyond calling handlers:
 * `webTrigger.getUrl`, and the workflow validator's result contract (static webtriggers:
 * webtrigger-response.ts).
 */

/**
 * `webTrigger.getUrl(key)` goes to Atlassian's GraphQL gateway (`createWebTriggerUrl`, FORGE-FACTS §3);
 * locally the URL is the site's `/x/<moduleKey>`. Other gateway calls stay unsupported (undefined).
 */
export function answerGateway(
  path: string,
  init: RequestInit,
  siteUrl: string,
  webtriggerKeys: string[],
): Response | undefined {
  if (path !== '/graphql' || typeof init.body !== 'string') return undefined;
  let body: { query?: unknown; variables?: { input?: { triggerKey?: unknown } } };
  try {
    body = JSON.parse(init.body) as typeof body;
  } catch {
    return undefined;
  }
  if (typeof body.query !== 'string' || !body.query.includes('createWebTriggerUrl')) return undefined;
  const key = body.variables?.input?.triggerKey;
  if (typeof key !== 'string' || !webtriggerKeys.includes(key)) {
    return Response.json({ errors: [{ message: `No webtrigger module '${String(key)}'.` }] });
  }
  return Response.json({ data: { createWebTriggerUrl: { url: `${siteUrl}/x/${encodeURIComponent(key)}` } } });
}

/**
 * The function validator's answer (jira-workflow-validator page): `{result: boolean, errorMessage?}`.
 * Anything else refuses the transition — the documented rule for expression validators ("false in all
 * other cases"), ASSUMED to hold for functions too — with Jira's generic message.
 */
export function validatorOutcome(result: unknown): { result: boolean; errorMessage?: string } {
  if (
    typeof result === 'object' &&
    result !== null &&
    typeof (result as { result?: unknown }).result === 'boolean'
  ) {
    const r = result as { result: boolean; errorMessage?: unknown };
    return r.result
      ? { result: true }
      : { result: false, ...(typeof r.errorMessage === 'string' ? { errorMessage: r.errorMessage } : {}) };
  }
  return { result: false };
}
