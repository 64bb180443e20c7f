/**
 * The pre-deactivation webtrigger is static: what the function can name (src/contract/webtrigger.ts)
 * and what manifest.yml declares must be the same outputs, or Forge would answer 500.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PRE_DEACTIVATION_WEBTRIGGER_KEY } from '../../src/contract/resolver-keys';
import { PRE_DEACTIVATION_CONTENT_TYPE, PRE_DEACTIVATION_OUTPUTS } from '../../src/contract/webtrigger';

interface Output {
  key: string;
  statusCode: number;
  contentType?: string;
  body?: string;
}

const webtrigger = () => {
  const manifest = parse(readFileSync('manifest.yml', 'utf8')) as {
    modules: { webtrigger: { key: string; response?: { type: string; outputs?: Output[] } }[] };
  };
  return manifest.modules.webtrigger.find((w) => w.key === PRE_DEACTIVATION_WEBTRIGGER_KEY);
};

describe('pre-deactivation webtrigger outputs', () => {
  it('is static, and declares exactly the outputs the code picks from', () => {
    const response = webtrigger()?.response;
    expect(response?.type).toBe('static');
    const declared = Object.fromEntries((response?.outputs ?? []).map((o) => [o.key, o]));
    const expected = Object.fromEntries(
      Object.entries(PRE_DEACTIVATION_OUTPUTS).map(([key, o]) => [
        key,
        { key, statusCode: o.statusCode, contentType: PRE_DEACTIVATION_CONTENT_TYPE, body: o.body },
      ]),
    );
    expect(declared).toEqual(expected);
    expect(response?.outputs).toHaveLength(Object.keys(PRE_DEACTIVATION_OUTPUTS).length);
  });

  it('docs/webtrigger/openapi.yaml documents every output under its status, with its exact body', () => {
    type Media = { example?: unknown; examples?: Record<string, { value: unknown }> };
    type Response = { $ref?: string; content?: { 'application/json'?: Media } };
    const doc = parse(readFileSync('docs/webtrigger/openapi.yaml', 'utf8')) as {
      paths: Record<string, { post: { responses: Record<string, Response> } }>;
      components: { responses: Record<string, Response> };
    };
    const responses = doc.paths[`/${PRE_DEACTIVATION_WEBTRIGGER_KEY}`]?.post.responses ?? {};
    const bodiesOf = (status: number): unknown[] => {
      let r = responses[String(status)];
      if (r?.$ref) r = doc.components.responses[r.$ref.split('/').pop() ?? ''];
      const media = r?.content?.['application/json'];
      return [
        ...(media?.example === undefined ? [] : [media.example]),
        ...Object.values(media?.examples ?? {}).map((e) => e.value),
      ];
    };
    for (const o of Object.values(PRE_DEACTIVATION_OUTPUTS))
      expect(bodiesOf(o.statusCode)).toContainEqual(JSON.parse(o.body));
    const documented = Object.keys(responses).map(Number).sort();
    expect(documented).toEqual(
      [...new Set(Object.values(PRE_DEACTIVATION_OUTPUTS).map((o) => o.statusCode))].sort(),
    );
  });

  it('answers one verdict per output, and every body is JSON that says nothing about the person', () => {
    for (const [key, o] of Object.entries(PRE_DEACTIVATION_OUTPUTS)) {
      const body = JSON.parse(o.body) as Record<string, string>;
      expect(Object.keys(body)).toHaveLength(1);
      if (o.statusCode === 200) expect(body).toEqual({ verdict: key });
      else expect(body.error).toMatch(/^[a-z_]+$/);
    }
  });
});
