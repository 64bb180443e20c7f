/**
 * Parts of the Forge platform contract the local runtime needs beyond calling handlers:
 * static webtrigger responses, `webTrigger.getUrl`, and the workflow validator's result contract.
 */
import type { ManifestModule } from './manifest.js';
import type { WebtriggerResponse } from './runtime.js';

interface StaticOutput {
  key: string;
  statusCode: number;
  body?: string;
  contentType?: string;
}

function staticOutputs(mod: ManifestModule): StaticOutput[] | undefined {
  const response = mod.raw.response as { type?: unknown; outputs?: unknown } | undefined;
  if (response?.type !== 'static') return undefined;
  return Array.isArray(response.outputs) ? (response.outputs as StaticOutput[]) : [];
}

/**
 * A `response.type: static` webtrigger (FORGE-FACTS §1.4): the function returns `{outputKey}` naming
 * one of the manifest's `outputs`, and the platform answers that output. `undefined` for a dynamic
 * webtrigger; a string problem when the function's answer names no output (→ 500).
 */
export function staticWebtriggerResponse(
  mod: ManifestModule,
  result: unknown,
): { response: WebtriggerResponse } | { problem: string } | undefined {
  const outputs = staticOutputs(mod);
  if (!outputs) return undefined;
  const key =
    typeof result === 'object' && result !== null ? (result as { outputKey?: unknown }).outputKey : undefined;
  if (typeof key !== 'string') return { problem: 'a static webtrigger must return { outputKey }' };
  const out = outputs.find((o) => o.key === key);
  if (!out) return { problem: `no output '${key}' in the manifest's response.outputs` };
  return {
    response: {
      statusCode: out.statusCode,
      headers: out.contentType ? { 'content-type': [out.contentType] } : {},
      body: out.body ?? '',
    },
  };
}

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
