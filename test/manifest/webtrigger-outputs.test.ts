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

  it('answers one verdict per output, and every body is JSON that says nothing about the person', () => {
    for (const [key, o] of Object.entries(PRE_DEACTIVATION_OUTPUTS)) {
      const body = JSON.parse(o.body) as Record<string, string>;
      expect(Object.keys(body)).toHaveLength(1);
      if (o.statusCode === 200) expect(body).toEqual({ verdict: key });
      else expect(body.error).toMatch(/^[a-z_]+$/);
    }
  });
});
