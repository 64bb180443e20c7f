/**
 * A webtrigger's `response` (manifest.yml), as Forge applies it to what the function returns.
 *
 * Documented (developer.atlassian.com/platform/forge/manifest-reference/modules/web-trigger/ and the
 * `ResponseOptions` schema of @forge/manifest): `response.type` is `dynamic` (the default, also when
 * `response` is absent) or `static`; a static webtrigger declares ≤ 20 `outputs` `{ key, statusCode,
 * contentType?, body? }` and its function returns `{ outputKey }`, "matching on `key`"; Forge answers
 * that output. A function result Forge cannot use becomes a 500
 * (developer.atlassian.com/platform/forge/runtime-reference/web-trigger/).
 *
 * Assumed (not documented): an `outputKey` that names no declared output, or a static function that
 * returns anything but a string `outputKey`, is such an unusable result (500); properties besides
 * `outputKey` are ignored; a static output carries no headers but its content type.
 */
import type { WebtriggerResponse } from './runtime-contract.js';

export interface StaticOutput {
  key: string;
  statusCode: number;
  contentType?: string;
  body?: string;
}

export type WebtriggerResponseConfig = { type: 'dynamic' } | { type: 'static'; outputs: StaticOutput[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `response` of a webtrigger module as written (`raw` = the module entry); dynamic by default. */
export function responseConfigOf(raw: Obj): WebtriggerResponseConfig {
  const response = isObj(raw.response) ? raw.response : undefined;
  if (response?.type !== 'static') return { type: 'dynamic' };
  const outputs = (Array.isArray(response.outputs) ? response.outputs : []).filter(isObj).map((o) => {
    const out: StaticOutput = { key: String(o.key), statusCode: Number(o.statusCode) };
    if (typeof o.contentType === 'string') out.contentType = o.contentType;
    if (typeof o.body === 'string') out.body = o.body;
    return out;
  });
  return { type: 'static', outputs };
}

/** The declared output a static webtrigger's result picks, or why Forge could not use the result. */
export function pickStaticOutput(
  outputs: readonly StaticOutput[],
  result: unknown,
): { output: StaticOutput } | { problem: string } {
  if (!isObj(result) || typeof result.outputKey !== 'string')
    return { problem: 'a static webtrigger must return { outputKey: string }' };
  const output = outputs.find((o) => o.key === result.outputKey);
  if (!output) return { problem: `outputKey '${result.outputKey}' is not one of the declared outputs` };
  return { output };
}

function isStringListRecord(v: unknown): v is Record<string, string[]> {
  return isObj(v) && Object.values(v).every((x) => Array.isArray(x) && x.every((s) => typeof s === 'string'));
}

/** Forge's webtrigger response contract for a dynamic webtrigger; anything else becomes a 500 (FORGE-FACTS.md §1.4). */
function checkWebtriggerResponse(v: unknown): string | null {
  if (!isObj(v)) return 'the handler returned no object';
  if (
    typeof v.statusCode !== 'number' ||
    !Number.isInteger(v.statusCode) ||
    v.statusCode < 100 ||
    v.statusCode > 599
  ) {
    return 'statusCode must be an integer HTTP status';
  }
  if (v.headers !== undefined && !isStringListRecord(v.headers)) return 'headers must be { name: string[] }';
  if (v.body !== undefined && typeof v.body !== 'string') return 'body must be a string';
  if (v.statusText !== undefined && typeof v.statusText !== 'string') return 'statusText must be a string';
  return null;
}

export const webtrigger500 = (): WebtriggerResponse => ({
  statusCode: 500,
  headers: { 'content-type': ['text/plain'] },
  body: 'Internal Server Error',
});

/**
 * What Forge answers for a webtrigger function's result. Dynamic: the result as it is. Static: the
 * declared output its `{ outputKey }` names. A result Forge could not use answers 500.
 */
export function webtriggerAnswer(moduleKey: string, raw: Obj, result: unknown): WebtriggerResponse {
  const response = responseConfigOf(raw);
  if (response.type === 'static') {
    // Static: Forge answers the declared output the function names, and nothing of the result else.
    const picked = pickStaticOutput(response.outputs, result);
    if ('problem' in picked) {
      console.error(`[forge-local] static webtrigger '${moduleKey}': ${picked.problem}`);
      return webtrigger500();
    }
    const { statusCode, contentType, body } = picked.output;
    return { statusCode, headers: contentType ? { 'content-type': [contentType] } : {}, body: body ?? '' };
  }
  const problem = checkWebtriggerResponse(result);
  if (problem) {
    console.error(`[forge-local] webtrigger '${moduleKey}' returned an incompatible response: ${problem}`);
    return webtrigger500();
  }
  return result as WebtriggerResponse;
}
