import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeEqual, secretKey, signWebhook, verifyWebhook } from '../../src/domain/webhook-signature';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const NOW = 1_760_000_000;

const check = (over: Partial<Parameters<typeof verifyWebhook>[0]> = {}) => {
  const body = over.body ?? '{"accountId":"a"}';
  const id = over.id ?? 'msg_1';
  const timestamp = over.timestamp ?? String(NOW);
  return verifyWebhook({
    id,
    timestamp,
    signature: signWebhook(SECRET, id, timestamp, body),
    body,
    secret: SECRET,
    nowSeconds: NOW,
    ...over,
  });
};

describe('Standard Webhooks signature', () => {
  it('matches the spec: base64 HMAC-SHA256 of "<id>.<ts>.<body>" keyed by the base64 after whsec_', () => {
    const key = Buffer.from(SECRET.slice(6), 'base64');
    const expected = createHmac('sha256', key).update('msg_1.123.{}').digest('base64');
    expect(signWebhook(SECRET, 'msg_1', 123, '{}')).toBe(`v1,${expected}`);
    expect(secretKey('whsec_short')).toBeUndefined();
    expect(secretKey('nope')).toBeUndefined();
  });

  it('accepts a good signature, and any one of several', () => {
    expect(check()).toEqual({ ok: true });
    const good = signWebhook(SECRET, 'msg_1', NOW, 'b');
    expect(check({ body: 'b', signature: `v1,AAAA v2,zzz ${good}` })).toEqual({ ok: true });
  });

  it('refuses missing headers, no secret, bad or stale/future timestamps, altered body/id', () => {
    expect(check({ signature: undefined })).toEqual({ ok: false, problem: 'missing-headers' });
    expect(check({ secret: undefined })).toEqual({ ok: false, problem: 'no-secret' });
    expect(check({ timestamp: '12ab' })).toMatchObject({ ok: false, problem: 'bad-timestamp' });
    expect(
      check({
        timestamp: String(NOW - 301),
        signature: signWebhook(SECRET, 'msg_1', NOW - 301, '{"accountId":"a"}'),
      }),
    ).toMatchObject({ problem: 'stale' });
    expect(
      check({
        timestamp: String(NOW + 301),
        signature: signWebhook(SECRET, 'msg_1', NOW + 301, '{"accountId":"a"}'),
      }),
    ).toMatchObject({ problem: 'future' });
    expect(
      check({
        timestamp: String(NOW + 300),
        signature: signWebhook(SECRET, 'msg_1', NOW + 300, '{"accountId":"a"}'),
      }),
    ).toEqual({ ok: true });
    const sig = signWebhook(SECRET, 'msg_1', NOW, 'x');
    expect(check({ body: 'y', signature: sig })).toMatchObject({ problem: 'bad-signature' });
    expect(check({ id: 'msg_2', body: 'x', signature: sig })).toMatchObject({ problem: 'bad-signature' });
    expect(check({ signature: 'v1' })).toMatchObject({ problem: 'bad-signature' });
  });

  it('property: any change to the body breaks the signature', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (body, extra) => {
        const sig = signWebhook(SECRET, 'id', NOW, body);
        expect(
          verifyWebhook({
            id: 'id',
            timestamp: String(NOW),
            signature: sig,
            body: body + extra,
            secret: SECRET,
            nowSeconds: NOW,
          }).ok,
        ).toBe(false);
      }),
    );
  });

  it('safeEqual checks lengths before comparing', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('abc', 'abd')).toBe(false);
  });
});
