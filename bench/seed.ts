/**
 * A local site holding N tagged integration accounts, their owners and backup owners, as Jira users
 * and as registry records in exactly the shape the app stores (`toEntity` + the counters record).
 * Tagging 10,000 accounts one by one through the resolvers would only measure the seeding.
 */
import type { AccountRecord } from '../src/domain/account';
import { applyChange, emptyCounters, type RegistryCounters } from '../src/domain/counters';
import { addDays } from '../src/domain/dates';
import { toEntity } from '../src/infra/kvs-accounts';
import { type LocalSite, startLocalSite } from '../local/host/site.js';

/** The person the offboarding check is measured for owns exactly this many accounts. */
export const OWNED_BY_PROBE = 3;
/** One owner (and one backup owner) per this many accounts. */
const ACCOUNTS_PER_OWNER = 10;
const COUNTERS_KEY = 'registry-counters';

export interface BenchSite {
  site: LocalSite;
  accounts: number;
  accountIds: string[];
  /** Accounts + owners + backup owners. */
  distinctUsers: number;
  probeId: string;
  adminId: string;
  /** An untagged person, for measuring one tag. */
  untaggedId: string;
}

const pad = (i: number) => String(i).padStart(6, '0');

export async function seedBenchSite(opts: {
  accounts: number;
  dataDir: string;
  /** Pad the site with people who are nothing to the registry, up to this many users. */
  siteUsers?: number;
}): Promise<BenchSite> {
  const site = await startLocalSite({
    port: 0,
    dataDir: opts.dataDir,
    quiet: true,
    pageRouter: null,
    realJira: null,
    jira: { burst: null },
  });
  const directory = site.site;
  const adminId = directory.userByEmail('admin@example.com')?.accountId;
  if (!adminId) throw new Error('the demo seed has no site admin');

  const person = (kind: string, i: number) =>
    directory.addUser({
      accountId: `bench-${kind}-${pad(i)}`,
      displayName: `Bench ${kind} ${pad(i)}`,
      emailAddress: `bench-${kind}-${pad(i)}@example.com`,
    }).accountId;

  const people = Math.max(1, Math.ceil(opts.accounts / ACCOUNTS_PER_OWNER));
  const owners = Array.from({ length: people }, (_, i) => person('owner', i));
  const backups = Array.from({ length: people }, (_, i) => person('backup', i));
  const probeId = person('probe', 0);
  const untaggedId = person('untagged', 0);

  const seeded = site.kvs.handle('/api/v1/get', { key: COUNTERS_KEY }).body as { value?: RegistryCounters };
  let counters = seeded?.value ?? emptyCounters();
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const accountIds: string[] = [];
  for (let i = 0; i < opts.accounts; i++) {
    const accountId = person('integration', i);
    accountIds.push(accountId);
    const ownerId = i < OWNED_BY_PROBE ? probeId : (owners[i % people] as string);
    const backupOwnerId = i % 3 === 2 ? undefined : (backups[(i + 1) % people] as string);
    const record: AccountRecord = {
      accountId,
      status: 'active',
      displayName: `Bench integration ${pad(i)}`,
      accountType: 'atlassian',
      accountActive: true,
      jiraCheckedAt: now.toISOString(),
      purpose: `Deploys service ${i} from CI`,
      ownerId,
      ownerName: `Bench owner`,
      ownerActive: true,
      ...(backupOwnerId ? { backupOwnerId, backupOwnerName: 'Bench backup', backupOwnerActive: true } : {}),
      integrations: [
        {
          system: 'Jenkins',
          environment: i % 2 ? 'prod' : 'dev',
          credentialKind: 'api-token',
          // Far from today, so the sweeps find nothing to do but what the bench changes.
          credentialExpiresOn: addDays(today, 200 + (i % 100)),
        },
      ],
      reviewCadenceDays: 365,
      lastReviewedOn: today,
      taggedAt: now.toISOString(),
      taggedBy: adminId,
      updatedAt: now.toISOString(),
      updatedBy: adminId,
      version: 1,
    };
    site.kvs.handle('/api/v1/entity/set', {
      entityName: 'integration-account',
      key: accountId,
      value: toEntity(record),
    });
    counters = applyChange(counters, undefined, record);
  }
  site.kvs.handle('/api/v1/set', { key: COUNTERS_KEY, value: counters });
  for (let i = 0; directory.users().length < (opts.siteUsers ?? 0); i++) person('colleague', i);
  // An app reviewed into Tier 2: this tenant's own hourly pool (100,000 + 10 × users, ≤ 500,000).
  site.jira.points.configure({ tier: 2, tenantQuota: 'auto' });
  return {
    site,
    accounts: opts.accounts,
    accountIds,
    distinctUsers: opts.accounts + owners.length + backups.length + 1,
    probeId,
    adminId,
    untaggedId,
  };
}
