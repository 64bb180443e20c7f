import { z } from 'zod';

export const siteUsersInput = z
  .object({
    /** Opaque cursor from a previous page. */
    cursor: z
      .string()
      .regex(/^\d{1,9}$/, 'Invalid cursor')
      .optional(),
    pageSize: z.number().int().min(1).max(100).optional(),
  })
  .strict();
export type SiteUsersInput = z.infer<typeof siteUsersInput>;

export type AccountType = 'atlassian' | 'app' | 'customer' | 'unknown';

export interface SiteUser {
  accountId: string;
  displayName: string;
  accountType: AccountType;
  active: boolean;
  emailAddress?: string;
  avatarUrl?: string;
}

export interface SiteUsersPage {
  viewer: { accountId: string };
  settings: { defaultReviewCadenceDays: number };
  users: SiteUser[];
  nextCursor?: string;
}
