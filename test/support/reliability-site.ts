/** The reliability files' shared setup: one local site, reset before each test, with the seeded people. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { LocalSite } from '../../local/host/site.js';
import { people, type People } from '../reliability/payloads';
import { startSite } from '../reliability/support';

/**
 * Starts the site before the file's tests and closes it after; before each test, resets it and hands
 * over the site and its people, e.g. `useReliabilitySite((s, people) => ((site = s), (p = people)))`.
 */
export function useReliabilitySite(reset: (site: LocalSite, p: People) => void) {
  let site: LocalSite | undefined;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.close());
  beforeEach(async () => {
    if (!site) throw new Error('the site did not start');
    await site.reset();
    reset(site, people(site));
  });
}
