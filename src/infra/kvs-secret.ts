import { randomBytes } from 'node:crypto';
import { kvs } from '@forge/kvs';
import type { WebhookSecretStore } from '../app/ports';
import { SECRET_KEYS } from './storage-keys';

interface StoredSecret {
  secret: string;
  createdAt: string;
}

/** Standard Webhooks secrets: `whsec_` + base64 of 24–64 random bytes. */
export const WEBHOOK_SECRET_FORMAT = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

/** `OFFBOARDING_WEBHOOK_SECRET`, when set in the Standard Webhooks form, wins over a stored secret. */
export function environmentSecret(): string | undefined {
  const value = process.env.OFFBOARDING_WEBHOOK_SECRET?.trim();
  return value && WEBHOOK_SECRET_FORMAT.test(value) ? value : undefined;
}

/** The signing secret in Forge's encrypted secret store (`kvs.setSecret`); never returned except on rotation. */
export const kvsWebhookSecret: WebhookSecretStore = {
  async status() {
    if (environmentSecret()) return { source: 'environment' };
    const stored = await kvs.getSecret<StoredSecret>(SECRET_KEYS.offboardingWebhook);
    return stored ? { source: 'stored', createdAt: stored.createdAt } : { source: 'none' };
  },
  async rotate(now) {
    const value: StoredSecret = {
      secret: `whsec_${randomBytes(32).toString('base64')}`,
      createdAt: now.toISOString(),
    };
    await kvs.setSecret(SECRET_KEYS.offboardingWebhook, value);
    return value;
  },
};
