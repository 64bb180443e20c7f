import { settingsSchema, type Settings } from '../contract/settings';

export { settingsSchema, type Settings };

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** The largest credential-expiry warning window, in days. */
export const maxWarningDays = (settings: Settings): number =>
  Math.max(...settings.credentialExpiryWarningDays);
