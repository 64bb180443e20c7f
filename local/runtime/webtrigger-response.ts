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
