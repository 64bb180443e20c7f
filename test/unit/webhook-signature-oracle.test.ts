import fc from 'fast-check';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../src/domain/webhook-signature';

// The reference implementation of https://www.standardwebhooks.com/ (npm `standardwebhooks`) as an oracle:
// what it signs, ours accepts; what ours signs, it accepts; a tampered message fails both.

const secretArb = fc.uint8Array({ minLength: 16, maxLength: 64 }).map((key) => {
  return `whsec_${Buffer.from(key).toString('base64')}`;
});
const idArb = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes(' '));
const bodyArb = fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'grapheme' }));

const headers = (id: string, timestamp: number, signature: string) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': signature,
});

/** The oracle's verdict: true when it accepts, false on a WebhookVerificationError (anything else throws). */
function oracleAccepts(secret: string, body: string, h: ReturnType<typeof headers>): boolean {
  try {
    new Webhook(secret).verify(body, h, { jsonParse: false });
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false;
    throw error;
  }
}

describe('webhook signatures against the standardwebhooks reference package', () => {
  it('a message the package signs verifies with ours', () => {
    fc.assert(
      fc.property(
        secretArb,
        idArb,
        bodyArb,
        fc.integer({ min: 1, max: 4_000_000_000 }),
        (secret, id, body, ts) => {
          const signature = new Webhook(secret).sign(id, new Date(ts * 1000), body);
          expect(signature).toBe(signWebhook(secret, id, ts, body));
          expect(
            verifyWebhook({ id, timestamp: String(ts), signature, body, secret, nowSeconds: ts }),
          ).toEqual({ ok: true });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a message ours signs verifies with the package (which checks the timestamp against the clock)', () => {
    fc.assert(
      fc.property(secretArb, idArb, bodyArb, (secret, id, body) => {
        const now = Math.floor(Date.now() / 1000);
        const signature = signWebhook(secret, id, now, body);
        expect(oracleAccepts(secret, body, headers(id, now, signature))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a tampered body, id or timestamp fails both, and so does another secret', () => {
    fc.assert(
      fc.property(
        secretArb,
        secretArb,
        idArb,
        bodyArb,
        fc.string({ minLength: 1 }),
        (secret, otherSecret, id, body, extra) => {
          fc.pre(otherSecret !== secret);
          const now = Math.floor(Date.now() / 1000);
          const signature = new Webhook(secret).sign(id, new Date(now * 1000), body);
          const ours = (over: { id?: string; timestamp?: number; body?: string; secret?: string }) =>
            verifyWebhook({
              id: over.id ?? id,
              timestamp: String(over.timestamp ?? now),
              signature,
              body: over.body ?? body,
              secret: over.secret ?? secret,
              nowSeconds: now,
            });
          const cases = [
            { body: body + extra },
            { id: `${id}x` },
            { timestamp: now - 1 },
            { secret: otherSecret },
          ];
          for (const over of cases) {
            expect(ours(over)).toEqual({ ok: false, problem: 'bad-signature' });
            const h = headers(over.id ?? id, over.timestamp ?? now, signature);
            expect(oracleAccepts(over.secret ?? secret, over.body ?? body, h)).toBe(false);
          }
          // The untampered message passes both, so the refusals above are about the tampering.
          expect(ours({})).toEqual({ ok: true });
          expect(oracleAccepts(secret, body, headers(id, now, signature))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
