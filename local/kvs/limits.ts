/** Key, value and TTL limits of Forge KVS / Custom Entity Store (FORGE-FACTS §4.3, error codes §4.2). */
import { badRequest } from './errors.js';

export const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
/** Limits page says 31, the CE error table says 32; we refuse anything deeper than 31 (the stricter one). */
export const MAX_DEPTH = 31;
export const MAX_BATCH_ITEMS = 25;
export const MAX_TRANSACTION_OPS = 25;
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 10;
/** TTL is relative and at most one year (FORGE-FACTS §4.3). */
export const MAX_TTL_MS = 365 * 24 * 3600 * 1000;

// Forge's documented key regex, verbatim. Inside the class `\s-#` is whitespace, '-' and '#'.
const KEY_RE = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;

/** `entity` selects the CE spelling of the empty-key code (`EMPTY_KEY`); KVS documents `KEY_TOO_SHORT`. */
export function checkKey(key: unknown, entity: boolean): string {
  if (typeof key !== 'string') throw badRequest('INVALID_KEY', 'The key must be a string');
  if (key.length === 0)
    throw entity
      ? badRequest('EMPTY_KEY', 'Key cannot be empty.')
      : badRequest('KEY_TOO_SHORT', 'The provided key needs to be at least one character.');
  if (key.length > MAX_KEY_LENGTH)
    throw badRequest(
      'KEY_TOO_LONG',
      `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters.`,
    );
  if (!KEY_RE.test(key))
    throw badRequest(
      'INVALID_KEY',
      'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/',
    );
  return key;
}

function depth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let max = 0;
  for (const child of Object.values(value)) max = Math.max(max, depth(child));
  return max + 1;
}

/** Returns the JSON text to store. `null`/missing values are refused: Forge stores JSON except `null`. */
export function checkValue(value: unknown): string {
  if (value === undefined || value === null)
    throw badRequest('BAD_REQUEST', 'The value must not be null or undefined');
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json, 'utf8') > MAX_VALUE_BYTES)
    throw badRequest(
      'MAX_SIZE',
      `The provided value has exceeded the maximum size limit (${MAX_VALUE_BYTES} bytes).`,
    );
  if (depth(value) > MAX_DEPTH)
    throw badRequest(
      'MAX_DEPTH',
      `The provided value has exceeded the maximum object depth (${MAX_DEPTH}) limit.`,
    );
  return json;
}

const UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

/** `options.ttl` → milliseconds, or undefined when absent. */
export function ttlMs(ttl: unknown): number | undefined {
  if (ttl === undefined) return undefined;
  const t = (typeof ttl === 'object' && ttl !== null ? ttl : {}) as { value?: unknown; unit?: unknown };
  const unit =
    typeof t.unit === 'string' && Object.hasOwn(UNIT_MS, t.unit)
      ? UNIT_MS[t.unit as keyof typeof UNIT_MS]
      : undefined;
  if (unit === undefined || typeof t.value !== 'number' || !Number.isInteger(t.value) || t.value <= 0)
    throw badRequest(
      'BAD_REQUEST',
      'ttl must be {value: positive integer, unit: SECONDS|MINUTES|HOURS|DAYS}',
    );
  const ms = t.value * unit;
  if (ms > MAX_TTL_MS) throw badRequest('BAD_REQUEST', 'ttl must not exceed one year');
  return ms;
}
