import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Tokens the client holds between calls (paging cursors, export cursors, the audit-verify resume token):
 * `base64url(JSON {k, v}).base64url(HMAC-SHA256(key, first part))`. `k` names what the token is for
 * (the resolver key and field), so a token handed out by one key is no good to another; `v` is what the
 * server put in. A token that was changed, made up, or handed out by another installation fails the MAC.
 */
export interface TokenBody {
  k: string;
  v: unknown;
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');

export function sealToken(key: Buffer, kind: string, value: unknown): string {
  const body = Buffer.from(JSON.stringify({ k: kind, v: value } satisfies TokenBody)).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The value inside a genuine token of `kind`; undefined for anything else (malformed, forged, other kind). */
export function openToken(key: Buffer, kind: string, token: string): { value: unknown } | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return undefined;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(key, body), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenBody>;
    return parsed && parsed.k === kind && 'v' in parsed ? { value: parsed.v } : undefined;
  } catch {
    return undefined;
  }
}
