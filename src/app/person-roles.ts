import type { AccountRecord } from '../domain/account';
import type { PersonRoles } from '../domain/offboarding';
import type { AccountStore } from './ports';

/** Every active record naming a person on one index (owner or backup owner), 100 a page. */
async function activeOn(
  index: 'owner' | 'backupOwner',
  personId: string,
  accounts: AccountStore,
): Promise<AccountRecord[]> {
  const records: AccountRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await accounts.list({
      status: 'active',
      index,
      personId,
      filters: [],
      direction: 'asc',
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    records.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor);
  return records;
}

/**
 * What a person is in the registry: the record they are (any status), and the active accounts they
 * own and back up. Three storage reads, one more per further 100 accounts.
 */
export async function rolesOf(personId: string, accounts: AccountStore): Promise<PersonRoles> {
  const [is, owns, backs] = await Promise.all([
    accounts.get(personId),
    activeOn('owner', personId, accounts),
    activeOn('backupOwner', personId, accounts),
  ]);
  return { ...(is ? { is } : {}), owns, backs };
}
