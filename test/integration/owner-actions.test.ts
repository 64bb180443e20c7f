/**
 * What owners are asked to do, they can do: the owner names or replaces the backup owner (only the owner;
 * the registration's rules; a conditional write; audited; the new backup told), and a proposed owner
 * reads what they are asked to take and can decline (audited, the proposer told).
 */
import { describe, expect, it, vi } from 'vitest';
import type { AuditPage } from '../../src/contract/audit';
import type { MyAccount, MyAccounts, OwnerNotices } from '../../src/contract/owner';
import {
  ADMIN_KEYS,
  OWNER_KEYS as K,
  OWNER_PAGE_MODULE_KEY,
  SWEEP_MODULE_KEY,
} from '../../src/contract/resolver-keys';
import { FORGE_BOT_ACCOUNT_ID } from '../../local/jira/seed.js';
import type { LocalSite } from '../../local/host/site.js';
import { type Call, data } from './harness';
import { useLocalSite } from '../support/local-site';
import { ownerCalls } from './oversight-harness';

let site: LocalSite;
let admin: Call;
let ids: Record<string, string>;
useLocalSite(
  ['olivia', 'ben', 'nora', 'admin', 'former', 'jenkins-ci', 'github-sync'],
  (s) => ({ site, admin, ids } = s),
);

const owner = (who: string) => ownerCalls(site, ids[who] as string);

async function mine(who: string, name: string): Promise<MyAccount> {
  const found = data(await owner(who)<MyAccounts>(K.myAccounts)).accounts.find((a) => a.displayName === name);
  if (!found) throw new Error(`${who} does not answer for ${name}`);
  return found;
}

const auditOf = async (targetId: string) =>
  data(await admin<AuditPage>(ADMIN_KEYS.auditList, { targetId })).records;

describe('the owner names or replaces the backup owner', () => {
  it('names Nora for Jenkins CI: the finding and the pending action resolve, Nora is told, it is audited', async () => {
    await site.runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
    const jenkins = await mine('olivia', 'Jenkins CI');
    expect(jenkins.findings.map((f) => f.code)).toContain('NO_BACKUP_OWNER');
    expect(jenkins.pendingActions.map((p) => p.kind)).toContain('add-backup-owner');

    const saved = data(
      await owner('olivia')<MyAccount>(K.nameBackupOwner, {
        accountId: jenkins.accountId,
        version: jenkins.version,
        backupOwnerId: ids.nora,
      }),
    );
    expect(saved).toMatchObject({
      version: jenkins.version + 1,
      backupOwner: { accountId: ids.nora, displayName: 'Nora Newhire', active: true },
    });
    expect(saved.findings.map((f) => f.code)).not.toContain('NO_BACKUP_OWNER');
    expect(saved.pendingActions.map((p) => p.kind)).not.toContain('add-backup-owner');

    // Nora: the account on her page as its backup owner, and a notice (the flag) saying so.
    expect((await mine('nora', 'Jenkins CI')).role).toBe('backup');
    const told = data(await owner('nora')<OwnerNotices>(K.notices, {}));
    expect(told).toMatchObject({ showFlag: true, count: 1 });
    expect(told.notices[0]).toMatchObject({ code: 'BACKUP_OWNER_NAMED', as: 'backup' });
    expect(told.notices[0]?.text).toContain('named you the backup owner of Jenkins CI');
    // Olivia's own NO_BACKUP_OWNER notice is withdrawn in the same transaction.
    const olivia = data(await owner('olivia')<OwnerNotices>(K.notices, { peek: true }));
    expect(olivia.notices.filter((n) => n.accountId === jenkins.accountId).map((n) => n.code)).not.toContain(
      'NO_BACKUP_OWNER',
    );

    const [record] = await auditOf(jenkins.accountId);
    expect(record).toMatchObject({
      action: 'owner.backup',
      outcome: 'allowed',
      actor: { accountId: ids.olivia, kind: 'user' },
      source: { module: OWNER_PAGE_MODULE_KEY, key: K.nameBackupOwner },
      reason: 'Backup owner Nora Newhire',
      after: { backupOwnerId: ids.nora, version: jenkins.version + 1 },
    });
  });

  it('replaces Ben with Nora on GitHub Sync: Ben no longer answers for it; the audit says whom it replaced', async () => {
    const github = await mine('olivia', 'GitHub Sync');
    expect(github.backupOwner?.accountId).toBe(ids.ben);
    data(
      await owner('olivia')(K.nameBackupOwner, {
        accountId: github.accountId,
        version: github.version,
        backupOwnerId: ids.nora,
      }),
    );
    const ben = data(await owner('ben')<MyAccounts>(K.myAccounts));
    expect(ben.accounts.map((a) => a.displayName)).not.toContain('GitHub Sync');
    expect((await auditOf(github.accountId))[0]?.reason).toBe(
      'Backup owner Nora Newhire (replacing Ben Backup)',
    );
  });

  it('only the owner may: the backup owner, a stranger and a Jira admin (on the owner surface) are refused and audited', async () => {
    const github = await mine('olivia', 'GitHub Sync');
    const payload = { accountId: github.accountId, version: github.version, backupOwnerId: ids.nora };
    const backup = await owner('ben')(K.nameBackupOwner, payload);
    expect(backup).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(backup.ok ? '' : backup.error.message).toContain('Only the owner of this account');
    for (const who of ['nora', 'admin'])
      expect(await owner(who)(K.nameBackupOwner, payload)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    const denied = data(
      await admin<AuditPage>(ADMIN_KEYS.auditList, { action: 'owner.backup', outcome: 'denied' }),
    ).records;
    expect(denied.map((r) => r.actor.accountId).sort()).toEqual([ids.admin, ids.ben, ids.nora].sort());
    // Nothing changed.
    expect((await mine('olivia', 'GitHub Sync')).version).toBe(github.version);
  });

  it('the backup must be an active person other than the owner, not an integration account or an app', async () => {
    const jenkins = await mine('olivia', 'Jenkins CI');
    const cases: [string, RegExp][] = [
      [ids.olivia as string, /someone other than the owner/],
      [ids['github-sync'] as string, /is an integration account/],
      [ids.former as string, /deactivated/],
      [FORGE_BOT_ACCOUNT_ID, /must be a person/],
      [ids['jenkins-ci'] as string, /cannot be its own backup owner/],
    ];
    for (const [backupOwnerId, message] of cases) {
      const refused = await owner('olivia')(K.nameBackupOwner, {
        accountId: jenkins.accountId,
        version: jenkins.version,
        backupOwnerId,
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const fields = refused.ok ? {} : (refused.error.details as { fields?: Record<string, string> }).fields;
      expect(fields?.backupOwnerId).toMatch(message);
    }
    expect((await mine('olivia', 'Jenkins CI')).version).toBe(jenkins.version);
  });

  it('concurrent edits never overwrite: a stale version and the loser of a race get CONFLICT', async () => {
    const jenkins = await mine('olivia', 'Jenkins CI');
    const name = (backupOwnerId: string) =>
      owner('olivia')<MyAccount>(K.nameBackupOwner, {
        accountId: jenkins.accountId,
        version: jenkins.version,
        backupOwnerId,
      });
    const [a, b] = await Promise.all([name(ids.nora as string), name(ids.ben as string)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const winner = (a.ok ? a : b) as { ok: true; data: MyAccount };
    const now = await mine('olivia', 'Jenkins CI');
    expect(now.backupOwner?.accountId).toBe(winner.data.backupOwner?.accountId);
    expect(now.version).toBe(jenkins.version + 1);
    // Retrying with the version read before the race is refused too.
    expect(await name(ids.nora as string)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Exactly one change was audited.
    expect(
      (await auditOf(jenkins.accountId)).filter(
        (r) => r.action === 'owner.backup' && r.outcome === 'allowed',
      ),
    ).toHaveLength(1);
  });

  it('the news that she is the backup owner is told for a week, then no longer', async () => {
    const jenkins = await mine('olivia', 'Jenkins CI');
    data(
      await owner('olivia')(K.nameBackupOwner, {
        accountId: jenkins.accountId,
        version: jenkins.version,
        backupOwnerId: ids.nora,
      }),
    );
    expect(data(await owner('nora')<OwnerNotices>(K.notices, { peek: true })).count).toBe(1);
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(new Date(Date.now() + 8 * 86_400_000));
      expect(data(await owner('nora')<OwnerNotices>(K.notices, { peek: true })).count).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the owner pickers offer only who can be chosen', () => {
  it('integration accounts the registry holds are not choosable; people are', async () => {
    const asked = [ids.nora, ids['jenkins-ci'], ids.ben, ids['github-sync'], ids.nora];
    expect(
      data(await owner('olivia')<{ choosable: string[] }>(K.choosablePeople, { accountIds: asked })),
    ).toEqual({
      choosable: [ids.nora, ids.ben],
    });
    const tooMany = await owner('olivia')(K.choosablePeople, { accountIds: Array(51).fill(ids.nora) });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('a proposed owner sees what they are asked to take, and can decline', () => {
  it('Nora reads the purpose, integrations and message; declines with a reason; Olivia is told; audited', async () => {
    const github = await mine('olivia', 'GitHub Sync');
    data(
      await owner('olivia')(K.proposeOwner, {
        accountId: github.accountId,
        proposedOwnerId: ids.nora,
        message: 'You run the GitHub org now.',
      }),
    );
    // Olivia's own proposal stays on her page when she opens it again, until it is answered.
    expect((await mine('olivia', 'GitHub Sync')).proposal).toMatchObject({
      accountId: github.accountId,
      proposedOwner: { accountId: ids.nora, displayName: 'Nora Newhire' },
      proposedBy: { accountId: ids.olivia },
    });
    // Ben backs GitHub Sync up, but did not propose it: his page does not claim he did.
    expect((await mine('ben', 'GitHub Sync')).proposal).toBeUndefined();
    const [asked] = data(await owner('nora')<MyAccounts>(K.myAccounts)).proposalsForMe;
    expect(asked).toMatchObject({
      accountId: github.accountId,
      accountName: 'GitHub Sync',
      purpose: github.purpose,
      integrations: github.integrations,
      message: 'You run the GitHub org now.',
      proposedBy: { accountId: ids.olivia, displayName: 'Olivia Owner' },
      owner: { accountId: ids.olivia },
      backupOwner: { accountId: ids.ben },
    });
    expect(github.integrations.length).toBeGreaterThan(0);

    // Only the person proposed can decline.
    expect(await owner('ben')(K.declineProposal, { accountId: github.accountId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    expect(
      data(
        await owner('nora')(K.declineProposal, {
          accountId: github.accountId,
          reason: 'I am leaving the platform team.',
        }),
      ),
    ).toEqual({ declined: true });

    const nora = data(await owner('nora')<MyAccounts>(K.myAccounts));
    expect(nora.proposalsForMe).toEqual([]);
    expect((await mine('olivia', 'GitHub Sync')).proposal).toBeUndefined();
    expect(data(await owner('nora')<OwnerNotices>(K.notices, { peek: true })).count).toBe(0);
    // Declined is final: nothing left to accept.
    expect(await owner('nora')(K.acceptProposal, { accountId: github.accountId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await mine('olivia', 'GitHub Sync')).owner.accountId).toBe(ids.olivia);

    const olivia = data(await owner('olivia')<OwnerNotices>(K.notices, { peek: true }));
    const declined = olivia.notices.find((n) => n.code === 'PROPOSAL_DECLINED');
    expect(declined).toMatchObject({ accountId: github.accountId, as: 'owner' });
    expect(declined?.text).toBe(
      'Nora Newhire declined to take over GitHub Sync: “I am leaving the platform team.” It stays as it is; you can propose someone else.',
    );

    // Her page says it too, as news (not as something to do).
    const page = data(await owner('olivia')<MyAccounts>(K.myAccounts));
    expect(page.news.map((n) => n.code)).toEqual(['PROPOSAL_DECLINED']);
    expect(page.news[0]?.text).toBe(declined?.text);
    const decline = (await auditOf(github.accountId)).find((r) => r.action === 'owner.decline');
    expect(decline).toMatchObject({
      outcome: 'allowed',
      actor: { accountId: ids.nora },
      reason: 'I am leaving the platform team.',
      after: { proposedOwnerId: ids.nora, declined: true },
    });
  });

  it('a proposal shows on the page of who made it; one replaced by another person’s shows only theirs', async () => {
    const github = await mine('olivia', 'GitHub Sync');
    data(await owner('olivia')(K.proposeOwner, { accountId: github.accountId, proposedOwnerId: ids.nora }));
    expect((await mine('olivia', 'GitHub Sync')).proposal?.proposedBy.accountId).toBe(ids.olivia);
    // Ben, the backup owner, proposes Nora too: his proposal replaces Olivia's (one per person and account).
    data(await owner('ben')(K.proposeOwner, { accountId: github.accountId, proposedOwnerId: ids.nora }));
    expect((await mine('ben', 'GitHub Sync')).proposal?.proposedBy.accountId).toBe(ids.ben);
    expect((await mine('olivia', 'GitHub Sync')).proposal).toBeUndefined();
  });

  it('declining without a reason; a request for oneself is not declined by its requester', async () => {
    const github = await mine('olivia', 'GitHub Sync');
    data(await owner('olivia')(K.proposeOwner, { accountId: github.accountId, proposedOwnerId: ids.nora }));
    data(await owner('nora')(K.declineProposal, { accountId: github.accountId }));
    const olivia = data(await owner('olivia')<OwnerNotices>(K.notices, { peek: true }));
    expect(olivia.notices.find((n) => n.code === 'PROPOSAL_DECLINED')?.text).toBe(
      'Nora Newhire declined to take over GitHub Sync. It stays as it is; you can propose someone else.',
    );
    // Ben (backup) asks to own it himself: a Jira admin decides, Ben cannot "decline" his own request.
    data(await owner('ben')(K.proposeOwner, { accountId: github.accountId, proposedOwnerId: ids.ben }));
    // His request waits for a Jira admin, and his page says so after a reload.
    expect((await mine('ben', 'GitHub Sync')).proposal).toMatchObject({
      needsApproval: true,
      proposedOwner: { accountId: ids.ben },
    });
    const own = await owner('ben')(K.declineProposal, { accountId: github.accountId });
    expect(own).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A reason too long is refused in people's words.
    data(await owner('olivia')(K.proposeOwner, { accountId: github.accountId, proposedOwnerId: ids.nora }));
    const long = await owner('nora')(K.declineProposal, {
      accountId: github.accountId,
      reason: 'x'.repeat(501),
    });
    expect(long).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
