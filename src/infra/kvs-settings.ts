import { kvs } from '@forge/kvs';
import type { SettingsStore, StoredSettings } from '../app/ports';
import { DEFAULT_SETTINGS, settingsSchema } from '../domain/settings';
import { STORAGE_KEYS } from './storage-keys';

/**
 * `{ version, settings }` as stored; a record that no longer parses (e.g. written by an older version)
 * falls back to the defaults field by field.
 */
export function parseStoredSettings(stored: unknown): StoredSettings {
  if (stored === undefined || stored === null || typeof stored !== 'object')
    return { settings: DEFAULT_SETTINGS, version: 0 };
  const raw = stored as { version?: unknown; settings?: unknown };
  const version = typeof raw.version === 'number' && Number.isInteger(raw.version) ? raw.version : 0;
  const parsed = settingsSchema.safeParse(raw.settings);
  if (parsed.success) return { settings: parsed.data, version };
  const partial = settingsSchema.partial().safeParse(raw.settings);
  const fields: Record<string, unknown> = {};
  if (partial.success) for (const [k, v] of Object.entries(partial.data)) if (v !== undefined) fields[k] = v;
  return { settings: { ...DEFAULT_SETTINGS, ...fields }, version };
}

export const kvsSettings: SettingsStore = {
  async getStored() {
    return parseStoredSettings(await kvs.get<unknown>(STORAGE_KEYS.settings));
  },
  async get() {
    return (await this.getStored()).settings;
  },
};
