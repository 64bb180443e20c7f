/** What integration test files set up the same way: one local site, reset before each test. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { LocalSite } from '../../local/host/site.js';
import { type Call, as, idOf, startSite } from '../integration/harness';

export interface SiteSuite {
  site: LocalSite;
  /** Admin page calls as Site Admin. */
  admin: Call;
  /** Seeded people's account ids by the name before `@example.com`. */
  ids: Record<string, string>;
}

/**
 * Starts the local site before the file's tests, resets it before each and closes it after; `people`
 * names the seeded users whose ids the tests use. `started` hands the suite over, e.g.
 * `(s) => ({ site, admin, ids } = s)`.
 */
export function useLocalSite(people: readonly string[], started: (suite: SiteSuite) => void) {
  let site: LocalSite | undefined;
  beforeAll(async () => {
    site = await startSite();
    const s = site;
    started({
      site: s,
      admin: as(s, 'admin@example.com'),
      ids: Object.fromEntries(people.map((n) => [n, idOf(s, `${n}@example.com`)])),
    });
  });
  afterAll(() => site?.close());
  beforeEach(() => site?.reset());
}
