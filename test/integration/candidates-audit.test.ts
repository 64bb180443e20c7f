/* eslint-disable @typescript-eslint/no-unsafe-assignment -- Vitest asymmetric matchers (expect.stringMatching) are typed `any`. */
/**
 * Dismissed candidates listed and restored (audited, admins only), and one audit record by its number
 * (the audit log's record detail view), through the admin resolver as the bridge calls it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage, AuditRecordDto } from '../../src/contract/audit';
import type { CandidatesPage, DismissedPage } from '../../src/contract/candidates';
import { ADMIN_KEYS as K } from '../../src/contract/resolver-keys';
import type { LocalSite } from '../../local/host/site.js';
import { type Call, as, data, idOf, startSite } from './harness';

let site: LocalSite;
let admin: Call;
let nora: Call;
let releaseBot: string;

beforeAll(async () => {
  site = await startSite();
  admin = as(site, 'admin@example.com');
  nora = as(site, 'nora@example.com');
  releaseBot = idOf(site, 'release-bot@example.com');
});
afterAll(() => site.close());
beforeEach(() => site.reset());

const candidateNames = async () =>
  data(await admin<CandidatesPage>(K.candidatesList, {})).candidates.map((c) => c.displayName);

describe('dismissed candidates', () => {
  it('are listed with who dismissed them and why, and can be restored (audited)', async () => {
    expect(data(await admin<DismissedPage>(K.candidatesDismissed, {})).dismissed).toEqual([]);
    data(await admin(K.candidatesDismiss, { accountId: releaseBot, reason: 'A person, really' }));
    expect(await candidateNames()).not.toContain('Release Bot');

    const listed = data(await admin<DismissedPage>(K.candidatesDismissed, {}));
    expect(listed.dismissed).toEqual([
      {
        accountId: releaseBot,
        displayName: 'Release Bot',
        emailAddress: 'release-bot@example.com',
        active: true,
        dismissedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        dismissedBy: idOf(site, 'admin@example.com'),
        reason: 'A person, really',
      },
    ]);

    expect(data(await admin(K.candidatesRestore, { accountId: releaseBot }))).toEqual({
      accountId: releaseBot,
      restored: true,
    });
    expect(await candidateNames()).toContain('Release Bot');
    expect(data(await admin<DismissedPage>(K.candidatesDismissed, {})).dismissed).toEqual([]);

    const audit = data(await admin<AuditPage>(K.auditList, { action: 'candidate.restore' }));
    expect(audit.records[0]).toMatchObject({
      action: 'candidate.restore',
      target: { type: 'account', id: releaseBot },
      outcome: 'allowed',
      actor: { accountId: idOf(site, 'admin@example.com') },
    });
  });

  it('dismissing asks why: no reason, a blank one or one over 500 characters is refused on that field; the reason is audited', async () => {
    for (const [payload, words] of [
      [{ accountId: releaseBot }, /./],
      [{ accountId: releaseBot, reason: '   ' }, /Say why this account is not an integration account/],
      [{ accountId: releaseBot, reason: 'x'.repeat(501) }, /At most 500 characters/],
    ] as const) {
      const refused = await admin(K.candidatesDismiss, payload);
      if (refused.ok) throw new Error('dismissed without a reason');
      expect(refused.error.code).toBe('BAD_REQUEST');
      expect((refused.error.details as { fields: Record<string, string> }).fields.reason).toMatch(words);
    }
    expect(await candidateNames()).toContain('Release Bot');
    data(await admin(K.candidatesDismiss, { accountId: releaseBot, reason: '  A person, really  ' }));
    const [record] = data(await admin<AuditPage>(K.auditList, { action: 'candidate.dismiss' })).records;
    expect(record).toMatchObject({
      target: { type: 'account', id: releaseBot },
      outcome: 'allowed',
      reason: 'A person, really',
      after: { dismissed: true, displayName: 'Release Bot', reason: 'A person, really' },
    });
  });

  it('restoring what is not dismissed is NOT_FOUND: recorded as refused, nothing restored', async () => {
    const again = await admin(K.candidatesRestore, { accountId: releaseBot });
    expect(again.ok ? again.data : again.error).toMatchObject({ code: 'NOT_FOUND' });
    const after = data(await admin<AuditPage>(K.auditList, { action: 'candidate.restore' }));
    expect(after.records.map((r) => r.outcome)).toEqual(['refused']);
    expect(await candidateNames()).toContain('Release Bot');
  });

  it('pages the list', async () => {
    const ids = ['release-bot@example.com', 'former@example.com', 'nora@example.com'].map((e) =>
      idOf(site, e),
    );
    for (const id of ids)
      data(await admin(K.candidatesDismiss, { accountId: id, reason: 'Not an integration' }));
    const first = data(await admin<DismissedPage>(K.candidatesDismissed, { pageSize: 2 }));
    expect(first.dismissed).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = data(
      await admin<DismissedPage>(K.candidatesDismissed, { pageSize: 2, cursor: first.nextCursor }),
    );
    expect([...first.dismissed, ...second.dismissed].map((d) => d.accountId).sort()).toEqual([...ids].sort());
    expect((await admin(K.candidatesDismissed, { pageSize: 0 })).ok).toBe(false);
  });

  it('non-admins are refused, and the refusal is audited; the dismissal stays', async () => {
    data(await admin(K.candidatesDismiss, { accountId: releaseBot, reason: 'A person, really' }));
    for (const [key, payload] of [
      [K.candidatesDismissed, {}],
      [K.candidatesRestore, { accountId: releaseBot }],
    ] as const) {
      const refused = await nora(key, payload);
      expect(refused.ok ? refused.data : refused.error).toMatchObject({ code: 'FORBIDDEN' });
    }
    const denied = data(
      await admin<AuditPage>(K.auditList, { actorId: idOf(site, 'nora@example.com'), outcome: 'denied' }),
    );
    expect(denied.records.map((r) => r.source.key)).toEqual(
      expect.arrayContaining([K.candidatesDismissed, K.candidatesRestore]),
    );
    expect(await candidateNames()).not.toContain('Release Bot');
  });
});

describe('audit/get', () => {
  it('answers one record with every field; NOT_FOUND past the head; bad input refused', async () => {
    const page = data(await admin<AuditPage>(K.auditList, { pageSize: 5 }));
    const newest = page.records[0]!;
    const one = data(await admin<AuditRecordDto>(K.auditGet, { seq: newest.seq }));
    expect(one).toEqual(newest);
    expect(one.hash).toMatch(/^[0-9a-f]{64}$/);
    const missing = await admin(K.auditGet, { seq: newest.seq + 1000 });
    expect(missing.ok ? missing.data : missing.error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await admin(K.auditGet, { seq: 0 })).ok).toBe(false);
    expect((await admin(K.auditGet, { seq: '1' })).ok).toBe(false);
    const refused = await nora(K.auditGet, { seq: 1 });
    expect(refused.ok ? refused.data : refused.error).toMatchObject({ code: 'FORBIDDEN' });
  });
});
