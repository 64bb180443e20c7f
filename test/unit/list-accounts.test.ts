/**
 * The registry list's planning, search and paging (src/app/list-accounts.ts), against a store that
 * pages as Forge's entity query does: `limit` records per query read in index order, an opaque cursor.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_QUERIES,
  SCAN_PAGE,
  decodePosition,
  encodePosition,
  listAccounts,
  listPredicate,
  matchesSearch,
  planAccountList,
  searchTerms,
} from '../../src/app/list-accounts';
import { nameKey } from '../../src/domain/names';
import type { RegistryDeps } from '../../src/app/context';
import type { AccountListPlan, AccountStore } from '../../src/app/ports';
import { type AccountsPage, listAccountsInput } from '../../src/contract/accounts';
import type { AccountRecord } from '../../src/domain/account';
import { emptyCounters } from '../../src/domain/counters';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { account } from './oversight-factories';

describe('list planning', () => {
  const plan = (input: object) => planAccountList(listAccountsInput.parse(input), '2026-03-01', 30);
  it('answers each filter from its index, the rest as filters; a search is never a range', () => {
    expect(plan({})).toMatchObject({ index: 'name', status: 'active', direction: 'asc', filters: [] });
    expect(plan({ search: 'Jén' })).toEqual(expect.objectContaining({ index: 'name', filters: [] }));
    expect(plan({ search: 'Jén' }).range).toBeUndefined();
    expect(plan({ ownerId: 'o', risk: 'high' })).toMatchObject({
      index: 'owner',
      personId: 'o',
      filters: [{ field: 'risk', condition: { op: 'between', value: [50, 100] } }],
    });
    expect(plan({ reviewOverdue: true, search: 'x', noBackupOwner: true })).toMatchObject({
      index: 'reviewDue',
      range: { op: 'lt' },
      filters: [],
    });
    expect(plan({ sort: 'risk' })).toMatchObject({ index: 'risk', direction: 'desc' });
    expect(plan({ sort: 'updated', direction: 'asc', status: 'retired' })).toMatchObject({
      index: 'updated',
      direction: 'asc',
      status: 'retired',
    });
  });
  it('normalises names for the name index', () => {
    expect(nameKey('  Ångström Bot ')).toBe('angstrom bot');
  });
});

describe('search', () => {
  const jenkins = account('jenkins', {
    displayName: 'Jenkins CI',
    emailAddress: 'build-bot@ci.example.com',
    ownerName: 'Olivia Owner',
    backupOwnerId: 'ben',
    backupOwnerName: 'Bén Backup',
  });
  const match = (q: string, r: AccountRecord = jenkins) => matchesSearch(r, searchTerms(q));

  it('finds words anywhere in the name, not only at its start', () => {
    expect(match('kins')).toBe(true);
    expect(match('CI')).toBe(true);
    expect(match('nkins c')).toBe(true);
    expect(match('jenkinz')).toBe(false);
  });
  it('finds the email, and the owner and backup owner by name, accents and case ignored', () => {
    expect(match('build-bot')).toBe(true);
    expect(match('ci.example')).toBe(true);
    expect(match('olivia')).toBe(true);
    expect(match('OWNER')).toBe(true);
    expect(match('ben backup')).toBe(true);
  });
  it('needs every word, each in any field', () => {
    expect(match('olivia jenkins')).toBe(true);
    expect(match('olivia github')).toBe(false);
  });
  it('"No backup owner" keeps only accounts without one', () => {
    const none = account('none');
    const p = listPredicate(listAccountsInput.parse({ noBackupOwner: true }))!;
    expect(p(none)).toBe(true);
    expect(p(jenkins)).toBe(false);
    expect(listPredicate(listAccountsInput.parse({}))).toBeUndefined();
  });
  it('positions round-trip, and a plain storage cursor stays one', () => {
    expect(decodePosition(encodePosition({ cursor: 'abc~p1~', skip: 7 }))).toEqual({
      cursor: 'abc~p1~',
      skip: 7,
    });
    expect(decodePosition(encodePosition({ skip: 3 }))).toEqual({ skip: 3 });
    expect(encodePosition({ cursor: 'raw', skip: 0 })).toBe('raw');
    expect(decodePosition('raw')).toEqual({ cursor: 'raw', skip: 0 });
    expect(decodePosition(undefined)).toEqual({ skip: 0 });
  });
});

/** A store over `records` (name order) that pages as Forge does; it counts its queries. */
function pagedStore(records: AccountRecord[]): AccountStore & { queries: number; limits: number[] } {
  const store = {
    queries: 0,
    limits: [] as number[],
    list(plan: AccountListPlan) {
      store.queries++;
      store.limits.push(plan.limit);
      const eligible = records.filter((r) => r.status === plan.status);
      const start = plan.cursor ? Number(plan.cursor.slice('at:'.length)) : 0;
      const end = Math.min(eligible.length, start + Math.min(100, plan.limit));
      return Promise.resolve({
        records: eligible.slice(start, end),
        ...(end < eligible.length ? { nextCursor: `at:${end}` } : {}),
      });
    },
    overview() {
      return Promise.resolve({
        settings: { settings: DEFAULT_SETTINGS, version: 0 },
        counters: emptyCounters(),
      });
    },
  };
  return store as unknown as AccountStore & { queries: number; limits: number[] };
}

const deps = (accounts: AccountStore) =>
  ({ accounts, clock: { now: () => new Date('2026-03-01T00:00:00Z') } }) as unknown as RegistryDeps;

async function everyPage(store: AccountStore, input: object): Promise<{ pages: AccountsPage[] }> {
  const pages: AccountsPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAccounts(
      listAccountsInput.parse({ ...input, ...(cursor ? { cursor } : {}) }),
      deps(store),
    );
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 1000);
  return { pages };
}

describe('paging with a search', () => {
  const names = Array.from({ length: 2500 }, (_, i) => `acct-${String(i).padStart(4, '0')}`);
  // Every 7th account's name holds "ops"; every 11th is owned by Olivia Owner.
  const records = names.map((id, i) =>
    account(id, {
      displayName: `${i % 7 === 0 ? 'DevOps ' : 'Service '}${id}`,
      ownerName: i % 11 === 0 ? 'Olivia Owner' : 'Someone Else',
      ...(i % 2 ? { backupOwnerId: 'ben', backupOwnerName: 'Ben Backup' } : {}),
    }),
  );

  it('returns every match once, in order, with full pages from a scan page that holds more matches', async () => {
    const store = pagedStore(records);
    const { pages } = await everyPage(store, { search: 'ops', pageSize: 10 });
    const got = pages.flatMap((p) => p.rows.map((r) => r.accountId));
    const want = records.filter((r, i) => i % 7 === 0).map((r) => r.accountId);
    expect(got).toEqual(want);
    // Full pages until the last one: a scan page of 100 holds ~15 matches, more than a page of 10.
    expect(pages.slice(0, -1).every((p) => p.rows.length === 10)).toBe(true);
    expect(store.limits.every((l) => l === SCAN_PAGE)).toBe(true);
  });

  it('bounds what one call reads, and continues where it stopped', async () => {
    const store = pagedStore(records);
    const first = await listAccounts(
      listAccountsInput.parse({ search: 'nothing like this', pageSize: 25 }),
      deps(store),
    );
    expect(first.rows).toEqual([]);
    expect(store.queries).toBe(MAX_QUERIES);
    expect(first.examined).toBe(MAX_QUERIES * SCAN_PAGE);
    expect(first.nextCursor).toBeDefined();
    const { pages } = await everyPage(pagedStore(records), { search: 'nothing like this' });
    expect(pages).toHaveLength(Math.ceil(records.length / (MAX_QUERIES * SCAN_PAGE)));
    expect(pages.at(-1)?.nextCursor).toBeUndefined();
  });

  it('combines the owner by name with "No backup owner"', async () => {
    const { pages } = await everyPage(pagedStore(records), {
      search: 'olivia',
      noBackupOwner: true,
      pageSize: 50,
    });
    const got = pages.flatMap((p) => p.rows.map((r) => r.accountId));
    expect(got).toEqual(records.filter((r, i) => i % 11 === 0 && i % 2 === 0).map((r) => r.accountId));
    expect(got.length).toBeGreaterThan(50);
  });

  it('without a search or filter, reads exactly the page', async () => {
    const store = pagedStore(records);
    const page = await listAccounts(listAccountsInput.parse({ pageSize: 25 }), deps(store));
    expect(page.rows).toHaveLength(25);
    expect(store.limits).toEqual([25]);
    expect(page.examined).toBeUndefined();
  });
});
