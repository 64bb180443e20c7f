/** Helpers for the "warn before deactivation" tests: resolvers of modules the UI adds later, stats deltas. */
import type { Envelope } from '../../src/contract/envelope';
import type { OversightDeps } from '../../src/app/oversight-ports';
import { OWNER_PAGE_MODULE_KEY } from '../../src/contract/resolver-keys';
import { ENTITIES } from '../../src/infra/storage-keys';
import type { LocalSite } from '../../local/host/site.js';

type Handler = (event: unknown, backend: unknown) => Promise<unknown>;

/**
 * Calls a resolver function's handler exactly as @forge/resolver receives it from the platform, inside
 * an invocation of `accountId` (so `asUser()` is that user) — for modules not in manifest.yml yet.
 */
export async function callResolver<T>(
  site: LocalSite,
  handler: 'offboardingResolver' | 'ownerResolver',
  opts: {
    accountId: string;
    moduleKey: string;
    functionKey: string;
    payload?: unknown;
    extension?: Record<string, unknown>;
  },
): Promise<Envelope<T>> {
  const mod = (await import('../../src/index')) as unknown as Record<string, Handler>;
  const h = mod[handler] as Handler;
  return site.runtime.runInInvocation(
    { accountId: opts.accountId, moduleKey: opts.moduleKey },
    async () =>
      (await h(
        {
          call: { functionKey: opts.functionKey, payload: opts.payload ?? {} },
          context: {
            moduleKey: opts.moduleKey,
            cloudId: 'local',
            extension: { type: 'jira:issuePanel', ...opts.extension },
          },
        },
        { principal: { accountId: opts.accountId }, installContext: 'ari:cloud:jira::site/local' },
      )) as Envelope<T>,
  );
}

/** Owner page resolver calls as this person (the owner page module). */
export const ownerCalls =
  (site: LocalSite, accountId: string) =>
  <T>(functionKey: string, payload: unknown = {}): Promise<Envelope<T>> =>
    callResolver<T>(site, 'ownerResolver', {
      accountId,
      moduleKey: OWNER_PAGE_MODULE_KEY,
      functionKey,
      payload,
    });

/** KVS and Jira request counts of `run`. */
export async function measure<T>(site: LocalSite, run: () => Promise<T>) {
  const k0 = { ...site.kvs.stats, byPath: { ...site.kvs.stats.byPath } };
  const j0 = site.jira.stats.calls;
  const result = await run();
  const byPath: Record<string, number> = {};
  for (const [p, n] of Object.entries(site.kvs.stats.byPath)) {
    const d = n - (k0.byPath[p] ?? 0);
    if (d) byPath[p] = d;
  }
  return {
    result,
    kvsRequests: site.kvs.stats.requests - k0.requests,
    kvsReads: site.kvs.stats.reads - k0.reads,
    kvsWrites: site.kvs.stats.writes - k0.writes,
    kvsByPath: byPath,
    jiraCalls: site.jira.stats.calls - j0,
  };
}

export async function liveDeps(): Promise<OversightDeps> {
  return (await import('../../src/entry/compose')).appDeps;
}

/** Every notice of a recipient (`#admins` for admins), read straight from the entity. */
export async function noticesOf(site: LocalSite, personId: string) {
  const { kvs } = await import('@forge/kvs');
  return site.runtime.runInInvocation({}, async () => {
    const page = await kvs
      .entity<{ code: string; accountId: string; record: { id: string } }>(ENTITIES.notice)
      .query()
      .index('by-person', { partition: [personId] })
      .limit(100)
      .getMany();
    return page.results.map((r) => r.value);
  });
}
