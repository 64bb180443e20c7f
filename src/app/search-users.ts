import type { AccountRecord } from '../domain/account';
import type { UsersSearchResult } from '../contract/users';
import { isHuman } from '../domain/people';
import type { RegistryDeps } from './context';
import { toAccountType } from './list-site-users';

/** The user picker: active users matching a prefix (people only for owners), flagged when tagged. */
export async function searchUsers(
  input: { query: string; kind: 'human' | 'any'; maxResults: number },
  deps: RegistryDeps,
): Promise<UsersSearchResult> {
  const found = await deps.directory.search(input.query, Math.min(50, input.maxResults * 2));
  const users = found
    .filter((u) => u.active && (input.kind === 'any' || isHuman(u)))
    .slice(0, input.maxResults);
  const tagged = users.length
    ? await deps.accounts.getMany(users.map((u) => u.accountId))
    : new Map<string, AccountRecord>();
  return {
    users: users.map((u) => ({
      accountId: u.accountId,
      displayName: u.displayName,
      accountType: toAccountType(u.accountType),
      active: u.active,
      ...(u.emailAddress ? { emailAddress: u.emailAddress } : {}),
      ...(u.avatarUrl ? { avatarUrl: u.avatarUrl } : {}),
      isIntegrationAccount: tagged.get(u.accountId)?.status === 'active',
    })),
  };
}
