/** Every KVS key and Custom Entity name the app uses, in one place (entities are declared in manifest.yml). */
export const STORAGE_KEYS = {
  settings: 'settings',
} as const;

export const ENTITIES = {
  account: 'integration-account',
  audit: 'audit-record',
  finding: 'finding',
} as const;
