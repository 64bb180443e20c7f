import { AppError } from '../app/errors';
import { openToken, sealToken } from '../domain/client-token';

/** The payload fields that carry a token the server handed out, and the message for a bad one. */
const TOKEN_FIELDS: Record<string, string> = {
  cursor: 'This page link is no longer valid. Start again from the first page.',
  historyCursor: 'This page of the history is no longer valid. Reload the account.',
  resume: 'This verification cannot be resumed. Start it again.',
};

const kindOf = (key: string, field: string) => `${key}#${field}`;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Replaces each token in the payload with the value sealed in it; a token that is not one this
 * installation handed out for this key is BAD_REQUEST (never passed on to storage, never trusted).
 * Non-string values are left for the key's schema to refuse.
 */
export async function openTokens(
  key: string,
  payload: unknown,
  clientTokenKey: () => Promise<Buffer>,
): Promise<unknown> {
  if (!isRecord(payload)) return payload;
  const fields = Object.keys(TOKEN_FIELDS).filter((f) => typeof payload[f] === 'string');
  if (fields.length === 0) return payload;
  const secret = await clientTokenKey();
  const out: Record<string, unknown> = { ...payload };
  for (const field of fields) {
    const opened = openToken(secret, kindOf(key, field), payload[field] as string);
    if (!opened || typeof opened.value !== 'string')
      throw new AppError('BAD_REQUEST', TOKEN_FIELDS[field] as string, {
        fields: { [field]: TOKEN_FIELDS[field] },
      });
    out[field] = opened.value;
  }
  return out;
}

/** Output fields that hand a token to the client, and the input field it comes back in. */
const OUT: { path: string[]; field: string }[] = [
  { path: ['nextCursor'], field: 'cursor' },
  { path: ['resume'], field: 'resume' },
  { path: ['history', 'nextCursor'], field: 'historyCursor' },
];

/** Seals every token of an answer for `key` (the same key's next call opens it). */
export async function sealTokens<R>(key: string, data: R, clientTokenKey: () => Promise<Buffer>): Promise<R> {
  if (!isRecord(data)) return data;
  let secret: Buffer | undefined;
  let out: Record<string, unknown> = data;
  for (const { path, field } of OUT) {
    const parent = path.slice(0, -1).reduce<unknown>((o, p) => (isRecord(o) ? o[p] : undefined), out);
    const leaf = path[path.length - 1] as string;
    if (!isRecord(parent) || typeof parent[leaf] !== 'string') continue;
    secret ??= await clientTokenKey();
    const sealed = sealToken(secret, kindOf(key, field), parent[leaf]);
    out =
      path.length === 1
        ? { ...out, [leaf]: sealed }
        : { ...out, [path[0] as string]: { ...(out[path[0] as string] as object), [leaf]: sealed } };
  }
  return out as R;
}
