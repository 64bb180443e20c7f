import type { AccountType, SiteUsersInput, SiteUsersPage } from '../contract/site-users';
import type { Directory, SettingsStore } from './ports';

const DEFAULT_PAGE_SIZE = 50;

/** One page of the site's users for the admin page, with the settings the page needs. */
export async function listSiteUsers(
  input: SiteUsersInput,
  viewerId: string,
  deps: { directory: Directory; settings: SettingsStore },
): Promise<SiteUsersPage> {
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  const startAt = input.cursor ? Number(input.cursor) : 0;
  const [settings, users] = await Promise.all([
    deps.settings.get(),
    deps.directory.listUsers(startAt, pageSize),
  ]);
  return {
    viewer: { accountId: viewerId },
    settings: { defaultReviewCadenceDays: settings.defaultReviewCadenceDays },
    users: users.map((u) => ({ ...u, accountType: toAccountType(u.accountType) })),
    ...(users.length === pageSize ? { nextCursor: String(startAt + users.length) } : {}),
  };
}

const ACCOUNT_TYPES: readonly string[] = ['atlassian', 'app', 'customer', 'unknown'];
export const toAccountType = (t: string): AccountType =>
  ACCOUNT_TYPES.includes(t) ? (t as AccountType) : 'unknown';
