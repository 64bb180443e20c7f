import { z } from 'zod';
import type { SiteUser } from './site-users';

export const searchUsersInput = z
  .object({
    query: z.string().trim().min(1, 'Type part of a name or email.').max(100),
    /** human: `atlassian` accounts only (owner pickers); any: every active account (tagging). */
    kind: z.enum(['human', 'any']).default('human'),
    maxResults: z.number().int().min(1).max(50).default(20),
  })
  .strict();
export type SearchUsersInput = z.input<typeof searchUsersInput>;

export interface PickerUser extends SiteUser {
  /** Tagged as an integration account (so it cannot own one). */
  isIntegrationAccount: boolean;
}

export interface UsersSearchResult {
  users: PickerUser[];
}
