/** Resolver keys, one constant so the UI and the tests never type strings. */
export const ADMIN_KEYS = {
  /** The admin page's first call: who is looking, the app's settings, one page of the site's users. */
  siteUsers: 'site/users',
} as const;

export type AdminKey = (typeof ADMIN_KEYS)[keyof typeof ADMIN_KEYS];
