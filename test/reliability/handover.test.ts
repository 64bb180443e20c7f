/**
 * Issue 12, "Authority in every hand-over": a pending ownership proposal dies whenever the owner changes
 * by any path; accepting re-checks the proposer's authority; nobody promotes themselves; a hand-over never
 * silently drops a backup owner; offboarding staff who are not admins act only for people who are really
 * departing; the owner rules hold when a tag races a hand-over to the same person.
 */
import { describe, expect, it } from 'vitest';
import type { LocalSite } from '../../local/host/site.js';
import type { AccountDetail, AccountDto } from '../../src/contract/accounts';
import type { OwnerProposal } from '../../src/contract/owner';
import {
  ADMIN_KEYS as A,
  ADMIN_MODULE_KEY,
  OFFBOARDING_KEYS as O,
  OFFBOARDING_PANEL_MODULE_KEY,
  OWNER_KEYS as W,
  OWNER_PAGE_MODULE_KEY,
  OVERSIGHT_KEYS as S,
} from '../../src/contract/resolver-keys';
import { exportedCsv, versionOf, type People } from './payloads';
import { asAdmin, entityItems, invoke, kvsGet, must, storedAccountProblems } from './support';
import { useReliabilitySite } from '../support/reliability-site';

let site: LocalSite;
let p: People;
useReliabilitySite((s, people) => {
  site = s;
  p = people;
});

const asPerson = <T = unknown>(accountId: string, functionKey: string, payload: unknown) =>
  invoke<T>(site, { moduleKey: OWNER_PAGE_MODULE_KEY, functionKey, payload, accountId });

const account = async (id: string) =>
  must(await asAdmin<AccountDetail>(site, A.accountsGet, { accountId: id })).account;

async function editOwner(id: string, ownerId: string, backupOwnerId?: string | null) {
  const a = await account(id);
  return asAdmin<AccountDto>(site, A.accountsUpdate, {
    accountId: a.accountId,
    version: a.version,
    purpose: a.purpose,
    ownerId,
    backupOwnerId: backupOwnerId === undefined ? (a.backupOwnerId ?? null) : backupOwnerId,
    integrations: a.integrations,
    reviewCadenceDays: a.reviewCadenceDays,
  });
}

const pendingFor = async (accountId: string) =>
  must(await asAdmin<{ proposals: OwnerProposal[] }>(site, S.proposalsList, {})).proposals.filter(
    (x) => x.accountId === accountId,
  );

describe('a pending proposal dies when the owner changes by any path', () => {
  // GitHub Sync: owner Olivia, backup Ben. Olivia proposes Nora; then the owner changes another way;
  // Nora's accept must be refused, and the proposal is no longer listed.
  const paths: Record<string, () => Promise<void>> = {
    'admin edit': async () => {
      must(await editOwner(p.github, p.oscar));
    },
    'offboarding transfer': async () => {
      must(
        await asAdmin(site, O.transfer, {
          accountId: p.github,
          version: versionOf(site, p.github),
          departingId: p.olivia,
          newOwnerId: p.oscar,
        }),
      );
    },
    'retire, then re-tag with the same owner': async () => {
      must(
        await asAdmin(site, A.accountsRetire, {
          accountId: p.github,
          version: versionOf(site, p.github),
          reason: 'Paused',
        }),
      );
      must(
        await asAdmin(site, A.accountsRetag, {
          accountId: p.github,
          version: versionOf(site, p.github),
          purpose: 'Back in service',
          ownerId: p.olivia,
          backupOwnerId: p.ben,
          integrations: [],
        }),
      );
    },
    'CSV import': async () => {
      const csv = (await exportedCsv(site))
        .split('\n')
        .map((line) => (line.startsWith(p.github) ? line.split(p.olivia).join(p.oscar) : line))
        .join('\n');
      const report = must(
        await asAdmin<{ rows: { accountId: string; applied?: string }[] }>(site, A.importApply, { csv }),
      );
      expect(report.rows.find((r) => r.accountId === p.github)?.applied).toBe('updated');
    },
    'another accepted proposal': async () => {
      must(await asPerson(p.olivia, W.proposeOwner, { accountId: p.github, proposedOwnerId: p.oscar }));
      must(await asPerson(p.oscar, W.acceptProposal, { accountId: p.github }));
    },
  };

  for (const [name, change] of Object.entries(paths)) {
    it(`${name}: the accept is refused and the proposal is gone`, async () => {
      must(await asPerson(p.olivia, W.proposeOwner, { accountId: p.github, proposedOwnerId: p.nora }));
      await change();
      const ownerBefore = (await account(p.github)).ownerId;
      const accepted = await asPerson(p.nora, W.acceptProposal, { accountId: p.github });
      expect(accepted.ok, 'Nora took over on a proposal made by a previous owner').toBe(false);
      expect((await account(p.github)).ownerId).toBe(ownerBefore);
      expect((await pendingFor(p.github)).map((x) => x.proposedOwner.accountId)).not.toContain(p.nora);
    });
  }
});

describe('accepting re-checks the proposer', () => {
  it('a proposal by a backup owner who has since been replaced cannot be accepted', async () => {
    must(await asPerson(p.ben, W.proposeOwner, { accountId: p.github, proposedOwnerId: p.nora }));
    must(await editOwner(p.github, p.olivia, p.oscar)); // Ben is no longer the backup owner
    const accepted = await asPerson(p.nora, W.acceptProposal, { accountId: p.github });
    expect(accepted.ok).toBe(false);
    expect((await account(p.github)).ownerId).toBe(p.olivia);
  });
});

describe('nobody promotes themselves', () => {
  it('a backup owner who proposes themselves is not the owner until an admin approves', async () => {
    const proposed = await asPerson(p.ben, W.proposeOwner, { accountId: p.github, proposedOwnerId: p.ben });
    const accepted = await asPerson(p.ben, W.acceptProposal, { accountId: p.github });
    expect(accepted.ok, 'Ben made himself the owner').toBe(false);
    expect((await account(p.github)).ownerId).toBe(p.olivia);
    if (proposed.ok) {
      // The request waits for an admin: approving it hands over, and the owner stays as backup.
      must(
        await asAdmin(site, S.proposalsDecide, {
          accountId: p.github,
          proposedOwnerId: p.ben,
          approve: true,
        }),
      );
      const after = await account(p.github);
      expect(after.ownerId).toBe(p.ben);
      expect(after.backupOwnerId).toBe(p.olivia);
    }
  });

  it('a hand-over to the backup owner keeps a backup: the previous owner takes the backup slot', async () => {
    must(await asPerson(p.olivia, W.proposeOwner, { accountId: p.github, proposedOwnerId: p.ben }));
    must(await asPerson(p.ben, W.acceptProposal, { accountId: p.github }));
    const after = await account(p.github);
    expect(after.ownerId).toBe(p.ben);
    expect(after.backupOwnerId, 'the hand-over left GitHub Sync without the backup it had').toBe(p.olivia);
  });
});

describe('offboarding staff who are not admins act only for people who are departing', () => {
  const asOscar = (moduleKey: string, functionKey: string, payload: unknown, issue?: string) =>
    site.runtime.invokeResolver({
      moduleKey,
      functionKey,
      payload,
      accountId: p.oscar,
      ...(issue ? { extension: { type: 'jira:issuePanel', issue: { key: issue, id: '10000' } } } : {}),
    }) as Promise<{ ok: boolean; error?: { code: string; message: string } }>;

  it('admin page, active person on no ticket: transfer, retire and acknowledge are refused with a reason', async () => {
    const refused = [
      await asOscar(ADMIN_MODULE_KEY, O.transfer, {
        accountId: p.github,
        version: versionOf(site, p.github),
        departingId: p.olivia,
      }),
      await asOscar(ADMIN_MODULE_KEY, O.retire, {
        accountId: p.jenkins,
        version: versionOf(site, p.jenkins),
        departingId: p.olivia,
        reason: 'Owner leaves',
      }),
      await asOscar(ADMIN_MODULE_KEY, O.retire, {
        accountId: p.jenkins,
        version: versionOf(site, p.jenkins),
        reason: 'No person named',
      }),
      await asOscar(ADMIN_MODULE_KEY, O.acknowledge, {
        personId: p.nora,
        verdict: 'safe',
        reason: 'Deactivating anyway',
      }),
    ];
    for (const r of refused) {
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('FORBIDDEN');
      expect(r.error?.message).toMatch(/departing|deactivated|ticket/i);
    }
    expect((await account(p.github)).ownerId).toBe(p.olivia);
    expect((await account(p.jenkins)).status).toBe('active');
  });

  it('the issue panel of a ticket naming the person: allowed, for that person’s accounts only', async () => {
    // OFF-1 names Olivia. Legacy Importer is the Site Admin's: not Olivia's to hand over or retire.
    const other = await asOscar(
      OFFBOARDING_PANEL_MODULE_KEY,
      O.retire,
      { accountId: p.legacy, version: versionOf(site, p.legacy), reason: 'Not hers' },
      'OFF-1',
    );
    expect(other.ok).toBe(false);
    expect(other.error?.code).toBe('FORBIDDEN');
    const hers = await asOscar(
      OFFBOARDING_PANEL_MODULE_KEY,
      O.transfer,
      { accountId: p.github, version: versionOf(site, p.github), departingId: p.olivia },
      'OFF-1',
    );
    expect(hers.ok, JSON.stringify(hers.error)).toBe(true);
  });

  it('admin page, a person already deactivated: allowed', async () => {
    site.site.setActive(p.olivia, false);
    const r = await asOscar(ADMIN_MODULE_KEY, O.transfer, {
      accountId: p.github,
      version: versionOf(site, p.github),
      departingId: p.olivia,
    });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
  });
});

const RACES = 100;

describe('the owner rules hold under races', () => {
  it(`${RACES} races of "tag X" against "name X as owner of Jenkins CI": 0 broken`, async () => {
    const broken: string[] = [];
    let tagged = 0;
    let named = 0;
    for (let i = 0; i < RACES; i++) {
      const x = site.site.addUser({ displayName: `Racer ${i}`, emailAddress: `racer-${i}@example.com` });
      const jenkins = await account(p.jenkins);
      const [tag, name] = await Promise.all([
        asAdmin(site, A.accountsTag, {
          accountId: x.accountId,
          purpose: 'A race',
          ownerId: p.oscar,
          integrations: [],
        }),
        asAdmin(site, A.accountsUpdate, {
          accountId: jenkins.accountId,
          version: jenkins.version,
          purpose: jenkins.purpose,
          ownerId: x.accountId,
          integrations: jenkins.integrations,
          reviewCadenceDays: jenkins.reviewCadenceDays,
        }),
      ]);
      if (tag.ok) tagged++;
      if (name.ok) named++;
      const xRecord = kvsGet(site, x.accountId, 'integration-account') as { status?: string } | undefined;
      const owns = entityItems(site, 'integration-account').filter(
        (r) =>
          (r.value as { status: string; ownerId: string }).status === 'active' &&
          (r.value as { ownerId: string }).ownerId === x.accountId,
      );
      if (xRecord?.status === 'active' && owns.length > 0) broken.push(`race ${i}: ${x.displayName}`);
      // Next race starts from a person-owned Jenkins CI again.
      if (name.ok && !tag.ok) must(await editOwner(p.jenkins, p.olivia));
      if (xRecord?.status === 'active' && owns.length > 0) must(await editOwner(p.jenkins, p.olivia));
    }
    console.log(
      `owner race: ${RACES} races, ${tagged} tags won, ${named} hand-overs won, ${broken.length} broken`,
    );
    expect(broken).toEqual([]);
    expect(storedAccountProblems(site)).toEqual([]);
  }, 180_000);
});
