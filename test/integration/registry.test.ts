/* eslint-disable @typescript-eslint/no-unsafe-assignment -- Vitest asymmetric matchers (expect.any, expect.stringMatching) are typed `any`. */
import { describe, expect, it } from 'vitest';
import type { AccountDetail, AccountDto, AccountsPage } from '../../src/contract/accounts';
import type { AuditPage, AuditVerifyReport } from '../../src/contract/audit';
import type { CandidatesPage } from '../../src/contract/candidates';
import type { ExportChunk } from '../../src/contract/common';
import type { ImportReport } from '../../src/contract/import-export';
import { ADMIN_KEYS as K } from '../../src/contract/resolver-keys';
import type { RotatedWebhookSecret, SettingsView } from '../../src/contract/settings';
import type { UsersSearchResult } from '../../src/contract/users';
import type { LocalSite } from '../../local/host/site.js';
import { type Call, as, data } from './harness';
import { useLocalSite } from '../support/local-site';

let site: LocalSite;
let admin: Call;
let nora: Call;
let ids: Record<string, string>;

useLocalSite(
  [
    'admin',
    'olivia',
    'ben',
    'nora',
    'oscar',
    'jenkins-ci',
    'github-sync',
    'release-bot',
    'legacy-importer',
    'former',
  ],
  (s) => {
    ({ site, admin, ids } = s);
    nora = as(site, 'nora@example.com');
  },
);

async function denials(key: string) {
  const page = data(await admin<AuditPage>(K.auditList, { actorId: ids.nora, outcome: 'denied' }));
  return page.records.filter((r) => r.source.key === key);
}

async function expectForbiddenAndAudited(key: string, payload: unknown) {
  const result = await nora(key, payload);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.code).toBe('FORBIDDEN');
  const recorded = await denials(key);
  expect(recorded.length).toBeGreaterThan(0);
  expect(recorded[0]).toMatchObject({
    actor: { accountId: ids.nora },
    outcome: 'denied',
    source: { kind: 'resolver', key },
  });
}

const newTag = () => ({
  accountId: ids['release-bot'],
  purpose: 'Publishes release notes to Jira versions.',
  ownerId: ids.oscar,
  backupOwnerId: ids.ben,
  integrations: [
    {
      system: 'Release pipeline',
      environment: 'Prod',
      credentialKind: 'api-token',
      credentialExpiresOn: '2030-01-31',
    },
  ],
});

describe('demo seed', () => {
  it('tags Jenkins CI, GitHub Sync, Legacy Importer and Reporting Service through the app; Release Bot stays a candidate', async () => {
    const page = data(await admin<AccountsPage>(K.accountsList, {}));
    expect(page.rows.map((r) => r.displayName).sort()).toEqual([
      'GitHub Sync',
      'Jenkins CI',
      'Legacy Importer',
      'Reporting Service',
    ]);
    const jenkins = page.rows.find((r) => r.displayName === 'Jenkins CI');
    expect(jenkins?.owner.displayName).toBe('Olivia Owner');
    expect(jenkins?.backupOwner).toBeUndefined();
    expect(page.rows.find((r) => r.displayName === 'GitHub Sync')?.backupOwner?.displayName).toBe(
      'Ben Backup',
    );
    expect(page.rows.find((r) => r.displayName === 'Legacy Importer')?.accountActive).toBe(false);
    expect(page.counts).toMatchObject({ active: 4, retired: 0, noBackupOwner: 2 });
    const candidates = data(await admin<CandidatesPage>(K.candidatesList, {}));
    expect(candidates.candidates.map((c) => c.displayName)).toContain('Release Bot');
    expect(candidates.candidates.map((c) => c.displayName)).not.toContain('Jenkins CI');
  });
});

describe('accounts/tag', () => {
  it('tags an account and records who, what, before/after and where from', async () => {
    const dto = data(await admin<AccountDto>(K.accountsTag, newTag()));
    expect(dto).toMatchObject({
      status: 'active',
      version: 1,
      reviewCadenceDays: 90,
      owner: { displayName: 'Oscar Offboarding' },
    });
    expect(dto.integrations[0]?.environment).toBe('prod');
    const history = data(await admin<AuditPage>(K.auditList, { targetId: ids['release-bot'] }));
    expect(history.records[0]).toMatchObject({
      action: 'account.tag',
      outcome: 'allowed',
      actor: { accountId: ids.admin, kind: 'admin' },
      source: { kind: 'resolver', module: 'integration-accounts-admin', key: K.accountsTag },
      after: { accountId: ids['release-bot'], ownerId: ids.oscar },
    });
  });

  it('refuses with field-level errors: owner inactive, backup = owner, unknown field, impossible date', async () => {
    const r1 = await admin(K.accountsTag, { ...newTag(), ownerId: ids.former });
    expect(r1.ok || r1.error).toMatchObject({
      code: 'BAD_REQUEST',
      details: { fields: { ownerId: expect.stringMatching(/deactivated/) } },
    });
    const r2 = await admin(K.accountsTag, { ...newTag(), backupOwnerId: ids.oscar });
    expect(r2.ok || r2.error).toMatchObject({ details: { fields: { backupOwnerId: expect.any(String) } } });
    const r3 = await admin(K.accountsTag, { ...newTag(), password: 'x' });
    expect(r3.ok || r3.error).toMatchObject({
      code: 'BAD_REQUEST',
      details: { fields: { _: expect.stringMatching(/password/) } },
    });
    const r4 = await admin(K.accountsTag, {
      ...newTag(),
      integrations: [
        { system: 'X', environment: 'dev', credentialKind: 'api-token', credentialExpiresOn: '2026-02-30' },
      ],
    });
    expect(r4.ok || r4.error).toMatchObject({
      details: { fields: { 'integrations.0.credentialExpiresOn': expect.any(String) } },
    });
    const r5 = await admin(K.accountsTag, { ...newTag(), ownerId: ids['jenkins-ci'] });
    expect(r5.ok || r5.error).toMatchObject({
      details: { fields: { ownerId: expect.stringMatching(/integration account/) } },
    });
    const r6 = await admin(K.accountsTag, { ...newTag(), accountId: ids['jenkins-ci'] });
    expect(r6.ok || r6.error).toMatchObject({
      details: { fields: { accountId: expect.stringMatching(/already tagged/) } },
    });
    const r7 = await admin(K.accountsTag, { ...newTag(), accountId: ids.olivia });
    expect(r7.ok || r7.error).toMatchObject({
      details: { fields: { accountId: expect.stringMatching(/owns/) } },
    });
    // Refusals of one kind (actor, key, outcome, code) in a minute are one record plus a count
    // (src/app/record-refusal.ts): all seven are accounted for.
    const refused = data(await admin<AuditPage>(K.auditList, { outcome: 'refused', action: 'account.tag' }));
    const windows = site.kvs.handle('/api/v1/entity/query', {
      entityName: 'refusal-window',
      indexName: 'by-key',
      limit: 100,
    }).body as { data: { value: { count: number } }[] };
    const open = windows.data.reduce((n, w) => n + w.value.count, 0);
    const closed = refused.records.reduce((n, r) => n + (r.repeat?.closes?.count ?? 0), 0);
    expect(refused.records.length).toBeGreaterThanOrEqual(1);
    expect(open + closed).toBe(7);
  });

  it('is forbidden to non-admins, and the refusal is audited', async () => {
    await expectForbiddenAndAudited(K.accountsTag, newTag());
    expect(data(await admin<AccountsPage>(K.accountsList, {})).counts.active).toBe(4);
  });

  it('two admins tagging the same account at once: one wins, the other gets CONFLICT or "already tagged"', async () => {
    const [a, b] = await Promise.all([admin(K.accountsTag, newTag()), admin(K.accountsTag, newTag())]);
    const oks = [a, b].filter((r) => r.ok);
    expect(oks).toHaveLength(1);
    const failed = [a, b].find((r) => !r.ok);
    expect(failed && !failed.ok && ['CONFLICT', 'BAD_REQUEST']).toContain(
      failed && !failed.ok && failed.error.code,
    );
    expect(data(await admin<AccountsPage>(K.accountsList, {})).counts.active).toBe(5);
  });
});

describe('accounts/update, retire, retag', () => {
  const jenkinsEdit = (version: number, purpose: string) => ({
    accountId: ids['jenkins-ci'],
    version,
    purpose,
    ownerId: ids.olivia,
    backupOwnerId: ids.ben,
    integrations: [],
    reviewCadenceDays: 60,
  });

  it('updates; two saves of the same version → the second is CONFLICT with the current record', async () => {
    const first = data(await admin<AccountDto>(K.accountsUpdate, jenkinsEdit(1, 'First edit')));
    expect(first).toMatchObject({
      version: 2,
      purpose: 'First edit',
      backupOwner: { displayName: 'Ben Backup' },
    });
    const second = await admin(K.accountsUpdate, jenkinsEdit(1, 'Second edit'));
    expect(second.ok || second.error).toMatchObject({
      code: 'CONFLICT',
      details: { current: { version: 2, purpose: 'First edit' } },
    });
    const counts = data(await admin<AccountsPage>(K.accountsList, {})).counts;
    expect(counts.noBackupOwner).toBe(1);
  });

  it('concurrent saves of the same version never lose an edit', async () => {
    const results = await Promise.all([
      admin(K.accountsUpdate, jenkinsEdit(1, 'Edit A')),
      admin(K.accountsUpdate, jenkinsEdit(1, 'Edit B')),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser && !loser.ok && loser.error.code).toBe('CONFLICT');
  });

  it('an unchanged save writes nothing', async () => {
    const detail = data(await admin<AccountDetail>(K.accountsGet, { accountId: ids['jenkins-ci'] }));
    const a = detail.account;
    const before = data(await admin<AuditPage>(K.auditList, {})).records[0]?.seq;
    const same = data(
      await admin<AccountDto>(K.accountsUpdate, {
        accountId: a.accountId,
        version: a.version,
        purpose: a.purpose,
        ownerId: a.ownerId,
        integrations: a.integrations,
        reviewCadenceDays: a.reviewCadenceDays,
      }),
    );
    expect(same.version).toBe(a.version);
    expect(data(await admin<AuditPage>(K.auditList, {})).records[0]?.seq).toBe(before);
  });

  it('validates, 404s unknown accounts, and forbids non-admins', async () => {
    const bad = await admin(K.accountsUpdate, { ...jenkinsEdit(1, ''), reviewCadenceDays: 10 });
    expect(bad.ok || bad.error).toMatchObject({
      code: 'BAD_REQUEST',
      details: { fields: { purpose: expect.any(String), reviewCadenceDays: expect.any(String) } },
    });
    const missing = await admin(K.accountsUpdate, { ...jenkinsEdit(1, 'x'), accountId: ids.nora });
    expect(missing.ok || missing.error).toMatchObject({ code: 'NOT_FOUND' });
    await expectForbiddenAndAudited(K.accountsUpdate, jenkinsEdit(1, 'x'));
  });

  it('retires with a reason (history kept), refuses a stale retire, and re-tags', async () => {
    const retired = data(
      await admin<AccountDto>(K.accountsRetire, {
        accountId: ids['legacy-importer'],
        version: 1,
        reason: 'Archive verified',
      }),
    );
    expect(retired).toMatchObject({ status: 'retired', retireReason: 'Archive verified', version: 2 });
    const stale = await admin(K.accountsRetire, {
      accountId: ids['legacy-importer'],
      version: 1,
      reason: 'again',
    });
    expect(stale.ok || stale.error).toMatchObject({
      code: 'CONFLICT',
      details: { current: { version: 2, status: 'retired' } },
    });
    expect(
      (await admin(K.accountsRetire, { accountId: ids['legacy-importer'], version: 2, reason: '' })).ok,
    ).toBe(false);
    await expectForbiddenAndAudited(K.accountsRetire, {
      accountId: ids['legacy-importer'],
      version: 2,
      reason: 'x',
    });

    const page = data(await admin<AccountsPage>(K.accountsList, { status: 'retired' }));
    expect(page.rows.map((r) => r.accountId)).toEqual([ids['legacy-importer']]);
    expect(page.counts).toMatchObject({ active: 3, retired: 1 });

    const retag = {
      accountId: ids['legacy-importer'],
      version: 2,
      purpose: 'Re-enabled for the second import wave.',
      ownerId: ids.oscar,
      integrations: [],
    };
    const staleRetag = await admin(K.accountsRetag, { ...retag, version: 1 });
    expect(staleRetag.ok || staleRetag.error).toMatchObject({ code: 'CONFLICT' });
    await expectForbiddenAndAudited(K.accountsRetag, retag);
    expect((await admin(K.accountsRetag, { ...retag, ownerId: ids.former })).ok).toBe(false);
    const back = data(await admin<AccountDto>(K.accountsRetag, retag));
    expect(back).toMatchObject({ status: 'active', version: 3, owner: { displayName: 'Oscar Offboarding' } });
    expect(back.retiredAt).toBeUndefined();

    const detail = data(await admin<AccountDetail>(K.accountsGet, { accountId: ids['legacy-importer'] }));
    expect(detail.history.records.filter((r) => r.outcome === 'allowed').map((r) => r.action)).toEqual([
      'account.retag',
      'account.retire',
      'account.tag',
    ]);
  });
});

describe('accounts/list and accounts/get', () => {
  it('filters by owner, backup owner, risk, credential and search; sorts; pages with a cursor', async () => {
    const byOwner = data(await admin<AccountsPage>(K.accountsList, { ownerId: ids.olivia }));
    expect(byOwner.rows.map((r) => r.displayName)).toEqual(['GitHub Sync', 'Jenkins CI']);
    const byBackup = data(await admin<AccountsPage>(K.accountsList, { backupOwnerId: ids.ben }));
    expect(byBackup.rows.map((r) => r.displayName)).toEqual(['GitHub Sync', 'Reporting Service']);
    const search = data(await admin<AccountsPage>(K.accountsList, { search: 'jen' }));
    expect(search.rows.map((r) => r.displayName)).toEqual(['Jenkins CI']);
    const expiring = data(await admin<AccountsPage>(K.accountsList, { credential: 'expiring' }));
    expect(expiring.rows.map((r) => r.displayName)).toEqual(['GitHub Sync']);
    expect(expiring.counts.credentialExpiring).toBe(1);
    const high = data(await admin<AccountsPage>(K.accountsList, { risk: 'high' }));
    expect(high.rows.map((r) => r.displayName)).toEqual(['Legacy Importer']);
    const ownerAndSearch = data(
      await admin<AccountsPage>(K.accountsList, { ownerId: ids.olivia, search: 'git' }),
    );
    expect(ownerAndSearch.rows.map((r) => r.displayName)).toEqual(['GitHub Sync']);
    const byRisk = data(await admin<AccountsPage>(K.accountsList, { sort: 'risk' }));
    expect(byRisk.sortedBy).toEqual({ sort: 'risk', direction: 'desc' });
    expect(byRisk.rows[0]?.displayName).toBe('Legacy Importer');

    const first = data(await admin<AccountsPage>(K.accountsList, { pageSize: 2 }));
    expect(first.rows).toHaveLength(2);
    expect(first.nextCursor).toBeDefined();
    const second = data(await admin<AccountsPage>(K.accountsList, { pageSize: 2, cursor: first.nextCursor }));
    expect(second.rows.map((r) => r.displayName)).toEqual(['Legacy Importer', 'Reporting Service']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('first page: ≤ 3 KVS requests and ≤ 1 Jira call', async () => {
    site.kvs.resetStats();
    site.jira.resetStats();
    data(await admin<AccountsPage>(K.accountsList, { pageSize: 50 }));
    expect(site.kvs.stats.requests).toBeLessThanOrEqual(3);
    expect(site.jira.stats.calls).toBeLessThanOrEqual(1);
  });

  it('refuses bad input and non-admins', async () => {
    const bad = await admin(K.accountsList, { sort: 'colour', pageSize: 1000 });
    expect(bad.ok || bad.error).toMatchObject({
      code: 'BAD_REQUEST',
      details: { fields: { sort: expect.any(String), pageSize: expect.any(String) } },
    });
    await expectForbiddenAndAudited(K.accountsList, {});
  });

  it('the account page has the record, live Jira states (one bulk call), findings and history', async () => {
    site.jira.resetStats();
    site.kvs.resetStats();
    const detail = data(await admin<AccountDetail>(K.accountsGet, { accountId: ids['github-sync'] }));
    expect(detail.account.backupOwnerId).toBe(ids.ben);
    expect(detail.jira.account).toMatchObject({ missing: false, active: true, displayName: 'GitHub Sync' });
    expect(detail.jira.owner).toMatchObject({ missing: false, active: true });
    expect(detail.jira.backupOwner).toMatchObject({ missing: false, displayName: 'Ben Backup' });
    expect(detail.findings).toEqual([]);
    expect(detail.history.records.map((r) => r.action)).toEqual(['account.tag']);
    expect(site.jira.stats.byEndpoint['GET /rest/api/3/user/bulk']).toBe(1);

    const missing = await admin(K.accountsGet, { accountId: ids.nora });
    expect(missing.ok || missing.error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await admin(K.accountsGet, {})).ok).toBe(false);
    await expectForbiddenAndAudited(K.accountsGet, { accountId: ids['github-sync'] });
  });
});

describe('candidates', () => {
  it('lists, dismisses (audited) and hides dismissed candidates', async () => {
    const before = data(await admin<CandidatesPage>(K.candidatesList, {}));
    const bot = before.candidates.find((c) => c.displayName === 'Release Bot');
    expect(bot?.reasons).toContain('pattern:bot');
    expect(
      data(await admin(K.candidatesDismiss, { accountId: ids['release-bot'], reason: 'Decommissioned' })),
    ).toMatchObject({ dismissed: true });
    const after = data(await admin<CandidatesPage>(K.candidatesList, {}));
    expect(after.candidates.map((c) => c.displayName)).not.toContain('Release Bot');
    const bad = await admin(K.candidatesDismiss, { accountId: ids['jenkins-ci'], reason: 'Tagged already' });
    expect(bad.ok || bad.error).toMatchObject({
      code: 'BAD_REQUEST',
      details: { fields: { accountId: expect.any(String) } },
    });
    expect((await admin(K.candidatesList, { cursor: 'abc' })).ok).toBe(false);
    await expectForbiddenAndAudited(K.candidatesDismiss, { accountId: ids['release-bot'], reason: 'x' });
    await expectForbiddenAndAudited(K.candidatesList, {});
  });
});

describe('users/search', () => {
  it('finds active people, hides inactive ones, flags integration accounts', async () => {
    const people = data(await admin<UsersSearchResult>(K.usersSearch, { query: 'o' }));
    const names = people.users.map((u) => u.displayName);
    expect(names).toContain('Olivia Owner');
    expect(names).not.toContain('Former Employee');
    expect(people.users.every((u) => u.accountType === 'atlassian' && u.active)).toBe(true);
    const any = data(await admin<UsersSearchResult>(K.usersSearch, { query: 'jenkins', kind: 'any' }));
    expect(any.users.find((u) => u.displayName === 'Jenkins CI')?.isIntegrationAccount).toBe(true);
    expect((await admin(K.usersSearch, { query: '' })).ok).toBe(false);
    await expectForbiddenAndAudited(K.usersSearch, { query: 'o' });
  });
});

describe('import and export', () => {
  async function exportAll(format: 'csv' | 'json', status = 'all') {
    let content = '';
    let cursor: string | undefined;
    do {
      const chunk = data(
        await admin<ExportChunk>(K.exportRegistry, { format, status, ...(cursor ? { cursor } : {}) }),
      );
      content += chunk.content;
      cursor = chunk.nextCursor;
    } while (cursor);
    return content;
  }

  it('round trip: export CSV → import preview = all unchanged; edited file applies once, rerun changes nothing', async () => {
    const csv = await exportAll('csv', 'active');
    expect(csv.split('\r\n')[0]).toMatch(/^accountId,displayName,status,purpose/);
    const preview = data(await admin<ImportReport>(K.importPreview, { csv }));
    expect(preview.fileErrors).toEqual([]);
    expect(preview.summary).toMatchObject({ unchanged: 4, create: 0, update: 0, error: 0 });

    const header = csv.split('\r\n')[0] ?? '';
    const added = `${ids['release-bot']},Release Bot,active,"Publishes ""release"" notes, nightly\nand on demand",${ids.oscar},,,,,,,,Release pipeline,prod,api-token,rb,2030-01-01,`;
    const edited = `${csv.replace('Jenkins posts build results', 'Jenkins posts build results (edited)')}${added}\r\n`;
    const plan = data(await admin<ImportReport>(K.importPreview, { csv: edited }));
    expect(plan.summary).toMatchObject({ create: 1, update: 1, unchanged: 3 });
    expect(plan.rows.find((r) => r.action === 'update')?.changes).toEqual(['purpose']);

    const applied = data(await admin<ImportReport>(K.importApply, { csv: edited }));
    expect(applied.applied).toBe(true);
    expect(
      applied.rows
        .filter((r) => r.applied)
        .map((r) => r.applied)
        .sort(),
    ).toEqual(['created', 'updated']);
    const seqAfterApply = data(await admin<AuditPage>(K.auditList, { action: 'account.tag' })).records[0]
      ?.seq;

    const rerun = data(await admin<ImportReport>(K.importApply, { csv: edited }));
    expect(rerun.summary).toMatchObject({ create: 0, update: 0, unchanged: 5 });
    expect(data(await admin<AuditPage>(K.auditList, { action: 'account.tag' })).records[0]?.seq).toBe(
      seqAfterApply,
    );
    const bot = data(await admin<AccountDetail>(K.accountsGet, { accountId: ids['release-bot'] }));
    expect(bot.account.purpose).toBe('Publishes "release" notes, nightly\nand on demand');
    expect(header).toContain('credentialExpiresOn');
  });

  it('previews per-row errors and refuses unknown columns', async () => {
    const header =
      'accountId,purpose,ownerId,backupOwnerId,system,environment,credentialKind,credentialExpiresOn';
    const csv = [
      header,
      `${ids['release-bot']},Bot,${ids.former},,CI,dev,api-token,2026-13-01`,
      `${ids.nora},,${ids.olivia},,,,,`,
    ].join('\n');
    const report = data(await admin<ImportReport>(K.importPreview, { csv }));
    expect(report.summary.error).toBe(2);
    expect(report.rows[0]?.errors).toMatchObject({
      'integrations.0.credentialExpiresOn': expect.any(String),
    });
    expect(report.rows[1]?.errors).toMatchObject({ purpose: expect.any(String) });
    const unknown = data(
      await admin<ImportReport>(K.importPreview, { csv: 'accountId,purpose,ownerId,password\n' }),
    );
    expect(unknown.fileErrors[0]).toMatch(/password/);
    expect((await admin(K.importPreview, { csv: '' })).ok).toBe(false);
    await expectForbiddenAndAudited(K.importApply, { csv });
    await expectForbiddenAndAudited(K.importPreview, { csv });
  });

  it('exports JSON (audited) and refuses non-admins', async () => {
    const json = JSON.parse(await exportAll('json')) as AccountDto[];
    expect(json.map((a) => a.displayName).sort()).toEqual([
      'GitHub Sync',
      'Jenkins CI',
      'Legacy Importer',
      'Reporting Service',
    ]);
    expect(data(await admin<AuditPage>(K.auditList, { action: 'registry.export' })).records).toHaveLength(1);
    expect((await admin(K.exportRegistry, { format: 'xml' })).ok).toBe(false);
    await expectForbiddenAndAudited(K.exportRegistry, { format: 'csv' });
  });
});

describe('audit trail', () => {
  it('verifies after real actions, and reports a record edited in storage', async () => {
    await admin(K.accountsTag, newTag());
    await nora(K.accountsTag, newTag());
    await admin(K.accountsRetire, { accountId: ids['release-bot'], version: 1, reason: 'done' });
    const report = data(await admin<AuditVerifyReport>(K.auditVerify, {}));
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.checked).toBeGreaterThanOrEqual(6);

    // Tamper with record 2 directly in storage, as someone with storage access could.
    const key = '000000000002';
    const reply = site.kvs.handle('/api/v1/entity/get', { entityName: 'audit-record', key }) as {
      body: { value: { record: { reason?: string } } };
    };
    const value = reply.body.value;
    value.record.reason = 'nothing to see';
    site.kvs.handle('/api/v1/entity/set', { entityName: 'audit-record', key, value });
    const tampered = data(await admin<AuditVerifyReport>(K.auditVerify, {}));
    expect(tampered.ok).toBe(false);
    expect(tampered.problems).toContainEqual(expect.objectContaining({ kind: 'edited', seq: 2 }));
  });

  it('filters, exports CSV/JSON, and refuses non-admins and bad filters', async () => {
    const denied = await nora(K.accountsTag, newTag());
    expect(denied.ok).toBe(false);
    const page = data(await admin<AuditPage>(K.auditList, { outcome: 'denied', pageSize: 10 }));
    expect(page.records.length).toBeGreaterThan(0);
    expect(page.records.every((r) => r.outcome === 'denied')).toBe(true);
    const csv = data(await admin<ExportChunk>(K.auditExport, { format: 'csv' }));
    expect(csv.content.split('\r\n')[0]).toMatch(/^seq,at,actorId/);
    const json = JSON.parse(
      data(await admin<ExportChunk>(K.auditExport, { format: 'json', action: 'account.tag' })).content,
    ) as unknown[];
    expect(json.length).toBeGreaterThanOrEqual(3);
    expect((await admin(K.auditList, { outcome: 'maybe' })).ok).toBe(false);
    expect((await admin(K.auditList, { from: '2026-02-31' })).ok).toBe(false);
    await expectForbiddenAndAudited(K.auditList, {});
    await expectForbiddenAndAudited(K.auditExport, { format: 'csv' });
    await expectForbiddenAndAudited(K.auditVerify, {});
  });
});

describe('settings', () => {
  it('gets, updates (audited), conflicts on a stale version, validates, forbids', async () => {
    const view = data(await admin<SettingsView>(K.settingsGet, {}));
    expect(view).toMatchObject({
      version: 0,
      settings: { defaultReviewCadenceDays: 90 },
      webhookSecret: { source: 'none' },
    });
    const next = { ...view.settings, defaultReviewCadenceDays: 60, candidatePatterns: ['bot', 'svc'] };
    const saved = data(await admin<SettingsView>(K.settingsUpdate, { ...next, version: 0 }));
    expect(saved).toMatchObject({ version: 1, settings: { defaultReviewCadenceDays: 60 } });
    const stale = await admin(K.settingsUpdate, { ...next, defaultReviewCadenceDays: 120, version: 0 });
    expect(stale.ok || stale.error).toMatchObject({ code: 'CONFLICT', details: { current: { version: 1 } } });
    const bad = await admin(K.settingsUpdate, {
      ...next,
      defaultReviewCadenceDays: 10,
      version: 1,
      colour: 'red',
    });
    expect(bad.ok || bad.error).toMatchObject({ code: 'BAD_REQUEST' });
    await expectForbiddenAndAudited(K.settingsGet, {});
    await expectForbiddenAndAudited(K.settingsUpdate, { ...next, version: 1 });
    // New tags take the new default cadence.
    expect(data(await admin<AccountDto>(K.accountsTag, newTag())).reviewCadenceDays).toBe(60);
  });

  it('rotates the webhook secret: returned once, never again, not in the audit trail', async () => {
    const rotated = data(await admin<RotatedWebhookSecret>(K.settingsRotateWebhookSecret, {}));
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const view = data(await admin<SettingsView>(K.settingsGet, {}));
    expect(view.webhookSecret.source).toBe('stored');
    expect(JSON.stringify(view)).not.toContain(rotated.secret);
    const trail = data(await admin<ExportChunk>(K.auditExport, { format: 'json' }));
    expect(trail.content).not.toContain(rotated.secret.slice(6));
    const again = data(await admin<RotatedWebhookSecret>(K.settingsRotateWebhookSecret, {}));
    expect(again.secret).not.toBe(rotated.secret);
    expect((await admin(K.settingsRotateWebhookSecret, { secret: 'mine' })).ok).toBe(false);
    await expectForbiddenAndAudited(K.settingsRotateWebhookSecret, {});
  });
});

describe('resolver edge', () => {
  it('unknown keys and Object.prototype names answer NOT_FOUND without crashing', async () => {
    for (const key of ['nope', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const result = await admin(key, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('waits out a short Jira 429 (Retry-After) and answers; a long one becomes RATE_LIMITED', async () => {
    site.jira.injectFault({ status: 429, count: 1, retryAfterSeconds: 1, path: /mypermissions/ });
    expect((await admin(K.accountsList, {})).ok).toBe(true);
    site.jira.injectFault({ status: 429, count: 1, retryAfterSeconds: 30, path: /mypermissions/ });
    const busy = await admin(K.accountsList, {});
    expect(busy.ok || busy.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 30 } });
  });

  it('site/users still works and goes through the bridge path (POST /__local/invoke)', async () => {
    const response = await fetch(`${site.url}/__local/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        moduleKey: 'integration-accounts-admin',
        functionKey: K.accountsList,
        payload: {},
        as: 'nora@example.com',
      }),
    });
    const body = (await response.json()) as { ok: boolean; error?: { code: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(data(await admin(K.siteUsers, {}))).toMatchObject({ viewer: { accountId: ids.admin } });
  });
});
