import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/, FORGE-FACTS §8.2): the secret is
 * `whsec_<base64 key>`; `webhook-signature` holds one or more space-separated `v1,<base64 HMAC-SHA256
 * of "<webhook-id>.<webhook-timestamp>.<raw body>">`; the timestamp is Unix seconds, accepted within
 * a tolerance both ways.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureProblem =
  'missing-headers' | 'bad-timestamp' | 'stale' | 'future' | 'bad-signature' | 'no-secret';

export type SignatureCheck = { ok: true } | { ok: false; problem: SignatureProblem };

/** The HMAC key of a `whsec_…` secret (the base64 after the prefix); undefined when it is not one. */
export function secretKey(secret: string): Buffer | undefined {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret.trim());
  if (!m?.[1]) return undefined;
  const key = Buffer.from(m[1], 'base64');
  return key.length >= 16 ? key : undefined;
}

/** `v1,<base64>` for this message (what a sender puts in `webhook-signature`). */
export function signWebhook(secret: string, id: string, timestamp: string | number, body: string): string {
  const key = secretKey(secret);
  if (!key) throw new Error('Not a Standard Webhooks secret (whsec_<base64>).');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** Constant-time comparison of two strings (lengths checked first, as timingSafeEqual needs). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  if (x.length !== y.length) return false;
  return timingSafeEqual(x, y);
}

/**
 * Checks a request's signature over the RAW body, before anything parses it. Any one of the listed
 * `v1` signatures may match (senders list several while they rotate secrets).
 */
export function verifyWebhook(input: {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  secret: string | undefined;
  nowSeconds: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  const { id, timestamp, signature, body, secret, nowSeconds } = input;
  const tolerance = input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (!id || !timestamp || !signature) return { ok: false, problem: 'missing-headers' };
  if (!secret || !secretKey(secret)) return { ok: false, problem: 'no-secret' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, problem: 'bad-timestamp' };
  const ts = Number(timestamp);
  if (ts < nowSeconds - tolerance) return { ok: false, problem: 'stale' };
  if (ts > nowSeconds + tolerance) return { ok: false, problem: 'future' };
  const expected = signWebhook(secret, id, timestamp, body).slice(3);
  let match = false;
  for (const part of signature.split(' ')) {
    const comma = part.indexOf(',');
    if (comma < 0 || part.slice(0, comma) !== 'v1') continue;
    // No early exit: every listed signature is compared.
    if (safeEqual(part.slice(comma + 1), expected)) match = true;
  }
  return match ? { ok: true } : { ok: false, problem: 'bad-signature' };
}
