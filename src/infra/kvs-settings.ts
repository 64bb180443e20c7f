import { kvs } from '@forge/kvs';
import type { SettingsStore } from '../app/ports';
import { DEFAULT_SETTINGS, settingsSchema } from '../domain/settings';
import { STORAGE_KEYS } from './storage-keys';

export const kvsSettings: SettingsStore = {
  async get() {
    const stored = await kvs.get<unknown>(STORAGE_KEYS.settings);
    if (stored === undefined) return DEFAULT_SETTINGS;
    const parsed = settingsSchema.safeParse(stored);
    // A record that no longer parses (e.g. written by an older version) falls back to defaults field by field.
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS, ...settingsSchema.partial().catch({}).parse(stored) };
  },
};
