import { randomBytes } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { SECRET_KEYS } from './storage-keys';

interface StoredKey {
  key: string;
  createdAt: string;
}

let cached: Buffer | undefined;

/**
 * This installation's MAC key for client-held tokens, kept in Forge's encrypted secret store
 * (`kvs.setSecret`), made on first use and cached for the life of the function instance. Two instances
 * making it at once: both read back what is stored, so they agree on the one that was written last.
 */
export async function clientTokenKey(): Promise<Buffer> {
  if (cached) return cached;
  let stored = await kvs.getSecret<StoredKey>(SECRET_KEYS.clientTokenKey);
  if (!stored?.key) {
    await kvs.setSecret(SECRET_KEYS.clientTokenKey, {
      key: randomBytes(32).toString('base64'),
      createdAt: new Date().toISOString(),
    } satisfies StoredKey);
    stored = await kvs.getSecret<StoredKey>(SECRET_KEYS.clientTokenKey);
  }
  if (!stored?.key) throw new Error('The token key could not be stored.');
  cached = Buffer.from(stored.key, 'base64');
  return cached;
}
