import { describe, expect, it, vi } from 'vitest';
import { ApiError, unwrapEnvelope } from '../../static/shared/api';

// Outside a Forge frame the real bridge refuses to load; nothing here calls it.
vi.mock('@forge/bridge', () => ({ invoke: vi.fn(), requestJira: vi.fn() }));

describe("the UI client's envelope check (static/shared/api.ts)", () => {
  it('returns the data of ok: true and throws the error of ok: false', () => {
    expect(unwrapEnvelope({ ok: true, data: { n: 1 } })).toEqual({ n: 1 });
    const refusal = { ok: false, error: { code: 'FORBIDDEN', message: 'Only Jira admins can do this.' } };
    expect(() => unwrapEnvelope(refusal)).toThrow(ApiError);
    expect(() => unwrapEnvelope(refusal)).toThrow('Only Jira admins can do this.');
  });

  it('takes only a boolean ok: a truthy or falsy stand-in is not an envelope', () => {
    for (const bad of [
      { ok: 'yes', data: { n: 1 } },
      { ok: 1, data: { n: 1 } },
      { ok: 0, error: { code: 'FORBIDDEN', message: 'no' } },
      { ok: true },
      { ok: false, error: 'no' },
      null,
      'ok',
    ])
      expect(() => unwrapEnvelope(bad), JSON.stringify(bad)).toThrow(
        'The app returned a response it could not read.',
      );
  });
});
