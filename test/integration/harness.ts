/** The local site for integration tests: resolvers called as the bridge would call them, as a seeded user. */
import type { Envelope } from '../../src/contract/envelope';
import { ADMIN_MODULE_KEY } from '../../src/contract/resolver-keys';
import { type LocalSite, startLocalSite } from '../../local/host/site.js';

export type Call = <T = unknown>(functionKey: string, payload?: unknown) => Promise<Envelope<T>>;

export async function startSite(): Promise<LocalSite> {
  // Burst limiting off for functional tests; one test turns faults on explicitly.
  return startLocalSite({
    port: 0,
    dataDir: ':memory:',
    quiet: true,
    pageRouter: null,
    realJira: null,
    jira: { burst: null },
  });
}

/** A resolver call of the admin page as the seeded user with this email. */
export function as(site: LocalSite, email: string): Call {
  const user = site.site.userByEmail(email);
  if (!user) throw new Error(`no seeded user ${email}`);
  return async <T>(functionKey: string, payload: unknown = {}) =>
    (await site.runtime.invokeResolver({
      moduleKey: ADMIN_MODULE_KEY,
      functionKey,
      payload,
      accountId: user.accountId,
    })) as Envelope<T>;
}

export const idOf = (site: LocalSite, email: string): string => {
  const user = site.site.userByEmail(email);
  if (!user) throw new Error(`no seeded user ${email}`);
  return user.accountId;
};

/** The data of a successful envelope; fails the test with the error otherwise. */
export function data<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.data;
}
