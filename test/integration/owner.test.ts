import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/contract/audit';
import type { MyAccount, MyAccounts, OwnerNotices, OwnerProposal } from '../../src/contract/owner';
import {
  ADMIN_KEYS,
  OWNER_KEYS as K,
  SWEEP_MODULE_KEY,
  OVERSIGHT_KEYS,
} from '../../src/contract/resolver-keys';
import type { LocalSite } from '../../local/host/site.js';
import { type Call, data } from './harness';
import { useLocalSite } from '../support/local-site';
import { ownerCalls } from './oversight-harness';

let site: LocalSite;
let admin: Call;
let ids: Record<string, string>;
useLocalSite(['olivia', 'ben', 'nora', 'jenkins-ci', 'github-sync'], (s) => ({ site, admin, ids } = s));

const owner = (who: string) => ownerCalls(site, ids[who] as string);

describe('owner surfaces', () => {
  it('my-accounts from the owner and backup indexes, with pending actions', async () => {
    const mine = data(await owner('olivia')<MyAccounts>(K.myAccounts));
    expect(mine.accounts.map((a) => [a.displayName, a.role]).sort()).toEqual([
      ['GitHub Sync', 'owner'],
      ['Jenkins CI', 'owner'],
    ]);
    const github = mine.accounts.find((a) => a.displayName === 'GitHub Sync');
    expect(github?.pendingActions.map((p) => p.kind)).toContain('rotate-credential');
    expect(
      mine.accounts.find((a) => a.displayName === 'Jenkins CI')?.pendingActions.map((p) => p.kind),
    ).toContain('add-backup-owner');
    const ben = data(await owner('ben')<MyAccounts>(K.myAccounts));
    expect(ben.accounts.map((a) => [a.displayName, a.role])).toEqual([
      ['GitHub Sync', 'backup'],
      ['Reporting Service', 'backup'],
    ]);
    expect(data(await owner('nora')<MyAccounts>(K.myAccounts)).accounts).toEqual([]);
  });

  it('authorization comes from stored ownership: Nora cannot attest Jenkins CI (denied, audited)', async () => {
    const jenkins = data(await owner('olivia')<MyAccounts>(K.myAccounts)).accounts.find(
      (a) => a.displayName === 'Jenkins CI',
    );
    const refused = await owner('nora')(K.attest, {
      accountId: jenkins?.accountId,
      version: jenkins?.version,
      stillNeeded: true,
      purposeCorrect: true,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const denied = data(
      await admin<AuditPage>(ADMIN_KEYS.auditList, { actorId: ids.nora, outcome: 'denied' }),
    );
    expect(denied.records[0]).toMatchObject({ action: 'owner.attest', target: { id: ids['jenkins-ci'] } });
  });

  it('attest resets the review clock; a rotation resolves CREDENTIAL_EXPIRING without waiting for the sweep', async () => {
    await site.runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
    const mine = data(await owner('olivia')<MyAccounts>(K.myAccounts));
    const github = mine.accounts.find((a) => a.displayName === 'GitHub Sync') as MyAccount;
    expect(github.findings.map((f) => f.code)).toEqual(['CREDENTIAL_EXPIRING', 'PERSONAL_ACCOUNT']);
    const attested = data(
      await owner('ben')<MyAccount>(K.attest, {
        accountId: github.accountId,
        version: github.version,
        stillNeeded: true,
        purposeCorrect: true,
      }),
    );
    expect(attested.lastReviewedOn).toBe(new Date().toISOString().slice(0, 10));
    const today = new Date().toISOString().slice(0, 10);
    const rotated = data(
      await owner('olivia')<MyAccount>(K.recordRotation, {
        accountId: github.accountId,
        version: attested.version,
        integrationIndex: 0,
        rotatedOn: today,
        newExpiresOn: '2099-01-01',
      }),
    );
    expect(rotated.findings.map((f) => f.code)).toEqual(['PERSONAL_ACCOUNT']);
    expect(rotated.pendingActions.map((p) => p.kind)).not.toContain('rotate-credential');
    const findings = data(
      await admin<{ findings: { accountName: string; code: string }[] }>(OVERSIGHT_KEYS.findingsList, {}),
    ).findings;
    expect(findings.filter((f) => f.code === 'CREDENTIAL_EXPIRING').map((f) => f.accountName)).not.toContain(
      'GitHub Sync',
    );
    const audit = data(await admin<AuditPage>(ADMIN_KEYS.auditList, { targetId: github.accountId }));
    expect(audit.records.map((r) => r.action).slice(0, 2)).toEqual(['owner.rotation', 'owner.attest']);
  });

  it('propose a new owner: the proposed person is told, accepts, and owns it', async () => {
    const jenkins = data(await owner('olivia')<MyAccounts>(K.myAccounts)).accounts.find(
      (a) => a.displayName === 'Jenkins CI',
    ) as MyAccount;
    const bad = await owner('olivia')(K.proposeOwner, {
      accountId: jenkins.accountId,
      proposedOwnerId: ids['github-sync'],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    data(
      await owner('olivia')<OwnerProposal>(K.proposeOwner, {
        accountId: jenkins.accountId,
        proposedOwnerId: ids.nora,
      }),
    );
    const noraNotices = data(await owner('nora')<OwnerNotices>(K.notices, {}));
    expect(noraNotices).toMatchObject({ showFlag: true, count: 1 });
    expect(
      data(await owner('nora')<MyAccounts>(K.myAccounts)).proposalsForMe.map((p) => p.accountId),
    ).toEqual([jenkins.accountId]);
    expect(await owner('ben')(K.acceptProposal, { accountId: jenkins.accountId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    data(await owner('nora')(K.acceptProposal, { accountId: jenkins.accountId }));
    const nora = data(await owner('nora')<MyAccounts>(K.myAccounts));
    expect(nora.accounts.map((a) => [a.displayName, a.role])).toEqual([['Jenkins CI', 'owner']]);
    expect(nora.proposalsForMe).toEqual([]);
    expect(data(await owner('nora')<OwnerNotices>(K.notices, { peek: true })).count).toBe(0);
  });

  it('an admin approves a proposal', async () => {
    const github = data(await owner('ben')<MyAccounts>(K.myAccounts)).accounts[0] as MyAccount;
    data(await owner('ben')(K.proposeOwner, { accountId: github.accountId, proposedOwnerId: ids.nora }));
    const list = data(await admin<{ proposals: OwnerProposal[] }>(OVERSIGHT_KEYS.proposalsList, {}));
    expect(list.proposals).toHaveLength(1);
    data(
      await admin(OVERSIGHT_KEYS.proposalsDecide, {
        accountId: github.accountId,
        proposedOwnerId: ids.nora,
        approve: true,
      }),
    );
    expect(data(await owner('nora')<MyAccounts>(K.myAccounts)).accounts.map((a) => a.displayName)).toEqual([
      'GitHub Sync',
    ]);
  });
});
