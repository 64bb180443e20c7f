import { useEffect, useState } from 'react';
import type { SiteUser } from '@contract/site-users';
import { adminApi } from '../../shared/api';

/** Pages of 100 read to name the people in audit records (the trail stores account ids only). */
const MAX_PAGES = 5;

let directory: Promise<Map<string, SiteUser>> | undefined;

async function loadDirectory(): Promise<Map<string, SiteUser>> {
  const users = new Map<string, SiteUser>();
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await adminApi.siteUsers({ pageSize: 100, ...(cursor ? { cursor } : {}) });
    for (const u of page.users) users.set(u.accountId, u);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return users;
}

/** The site's users by account id, loaded once per page view; empty until loaded (or if it fails). */
export function usePeople(): Map<string, SiteUser> {
  const [people, setPeople] = useState<Map<string, SiteUser>>(new Map());
  useEffect(() => {
    let live = true;
    directory ??= loadDirectory().catch((e: unknown) => {
      console.warn('Could not load the site’s users to name audit actors.', e);
      directory = undefined;
      return new Map<string, SiteUser>();
    });
    void directory.then((m) => {
      if (live) setPeople(m);
    });
    return () => {
      live = false;
    };
  }, []);
  return people;
}

/** A person's name, or a short form of their id while unknown. */
export function nameOf(
  people: Map<string, SiteUser>,
  accountId: string | null | undefined,
  fallback = 'The app',
): string {
  if (!accountId) return fallback;
  return people.get(accountId)?.displayName ?? `User ${accountId.slice(0, 8)}…`;
}
