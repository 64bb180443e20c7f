import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Integration } from '../../src/contract/accounts';
import {
  type AccountRecord,
  changedFields,
  credentialState,
  earliestCredentialExpiry,
  isReviewOverdue,
  registrationOf,
  reviewDueOn,
  riskBounds,
  riskLevel,
  riskOf,
} from '../../src/domain/account';
import { accountKind } from '../../src/domain/account-kinds';
import { byCandidateStrength, candidateReasons, isCandidate, words } from '../../src/domain/candidates';
import { applyChange, emptyCounters, summarize } from '../../src/domain/counters';
import { addDays, epochDay, isRealDate } from '../../src/domain/dates';
import type { UserFacts } from '../../src/domain/people';
import {
  checkIntegrationDates,
  checkRegistration,
  type RegistrationFacts,
} from '../../src/domain/registration';

const person = (accountId: string, over: Partial<UserFacts> = {}): UserFacts => ({
  accountId,
  displayName: accountId.toUpperCase(),
  accountType: 'atlassian',
  active: true,
  ...over,
});

function record(over: Partial<AccountRecord> = {}): AccountRecord {
  return {
    accountId: 'acc',
    status: 'active',
    displayName: 'Jenkins CI',
    accountType: 'atlassian',
    accountActive: true,
    jiraCheckedAt: '2026-03-01T00:00:00.000Z',
    purpose: 'CI',
    ownerId: 'olivia',
    ownerName: 'Olivia',
    ownerActive: true,
    backupOwnerId: 'ben',
    backupOwnerName: 'Ben',
    backupOwnerActive: true,
    integrations: [
      {
        system: 'Jenkins',
        environment: 'dev',
        credentialKind: 'api-token',
        credentialExpiresOn: '2026-06-01',
      },
    ],
    reviewCadenceDays: 90,
    lastReviewedOn: '2026-03-01',
    taggedAt: '2026-03-01T00:00:00.000Z',
    taggedBy: 'admin',
    updatedAt: '2026-03-01T00:00:00.000Z',
    updatedBy: 'admin',
    version: 1,
    ...over,
  };
}

describe('dates', () => {
  it('accepts real dates only', () => {
    expect(isRealDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00'])
      expect(isRealDate(bad)).toBe(false);
  });
  it('counts days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(epochDay('1970-01-02')).toBe(1);
  });
});

describe('registration rules', () => {
  const facts = (over: Partial<RegistrationFacts> = {}): RegistrationFacts => ({
    account: person('acc', { accountType: 'app' }),
    owner: person('olivia'),
    backupOwner: person('ben'),
    taggedIds: new Set(),
    accountOwnsCount: 0,
    ...over,
  });
  const input = { accountId: 'acc', ownerId: 'olivia', backupOwnerId: 'ben' };

  it('accepts active people as owner and backup', () => {
    expect(checkRegistration(input, facts())).toEqual({});
    expect(
      checkRegistration({ accountId: 'acc', ownerId: 'olivia' }, facts({ backupOwner: undefined })),
    ).toEqual({});
  });
  it('refuses an unknown account, and an account that owns others', () => {
    expect(checkRegistration(input, facts({ account: undefined }))).toHaveProperty('accountId');
    expect(checkRegistration(input, facts({ accountOwnsCount: 2 })).accountId).toMatch(/owns or backs up 2/);
  });
  it('refuses owners who are not active people, or are integration accounts', () => {
    expect(checkRegistration(input, facts({ owner: person('olivia', { active: false }) })).ownerId).toMatch(
      /deactivated/,
    );
    expect(
      checkRegistration(input, facts({ owner: person('olivia', { accountType: 'app' }) })).ownerId,
    ).toMatch(/person/);
    expect(checkRegistration(input, facts({ owner: undefined })).ownerId).toMatch(/no account/);
    expect(checkRegistration(input, facts({ taggedIds: new Set(['ben']) })).backupOwnerId).toMatch(
      /integration account/,
    );
    expect(
      checkRegistration(input, facts({ backupOwner: person('ben', { accountType: 'customer' }) }))
        .backupOwnerId,
    ).toMatch(/customer/);
  });
  it('owner, backup and account must all differ', () => {
    expect(checkRegistration({ ...input, ownerId: 'acc' }, facts()).ownerId).toMatch(/itself/);
    expect(checkRegistration({ ...input, backupOwnerId: 'olivia' }, facts()).backupOwnerId).toMatch(
      /other than the owner/,
    );
    expect(checkRegistration({ ...input, backupOwnerId: 'acc' }, facts()).backupOwnerId).toMatch(
      /own backup/,
    );
  });
  it('date rules: no rotation in the future, no expiry before the last rotation', () => {
    const i: Integration[] = [
      { system: 'a', environment: 'dev', credentialKind: 'other', lastRotatedOn: '2026-05-02' },
      {
        system: 'b',
        environment: 'dev',
        credentialKind: 'other',
        lastRotatedOn: '2026-04-01',
        credentialExpiresOn: '2026-03-01',
      },
    ];
    expect(checkIntegrationDates(i, '2026-05-01')).toEqual({
      'integrations.0.lastRotatedOn': expect.any(String) as string,
      'integrations.1.credentialExpiresOn': expect.any(String) as string,
    });
  });
});

describe('review and credentials', () => {
  it('review falls due a cadence after the last review; overdue the day after', () => {
    const r = record({ lastReviewedOn: '2026-01-01', reviewCadenceDays: 30 });
    expect(reviewDueOn(r)).toBe('2026-01-31');
    expect(isReviewOverdue(r, '2026-01-31')).toBe(false);
    expect(isReviewOverdue(r, '2026-02-01')).toBe(true);
  });
  it('credential state against the warning window', () => {
    expect(credentialState(undefined, '2026-01-01', 30)).toBe('none');
    expect(credentialState('2025-12-31', '2026-01-01', 30)).toBe('expired');
    expect(credentialState('2026-01-31', '2026-01-01', 30)).toBe('expiring');
    expect(credentialState('2026-02-01', '2026-01-01', 30)).toBe('ok');
    expect(
      earliestCredentialExpiry([
        { system: 'a', environment: 'x', credentialKind: 'other', credentialExpiresOn: '2027-01-01' },
        { system: 'b', environment: 'x', credentialKind: 'other' },
        { system: 'c', environment: 'x', credentialKind: 'other', credentialExpiresOn: '2026-06-01' },
      ]),
    ).toBe('2026-06-01');
  });
});

describe('risk', () => {
  it('scores structural factors and levels them', () => {
    expect(riskOf(record())).toEqual({ score: 0, level: 'low', factors: [] });
    const risky = riskOf(
      record({
        ownerActive: false,
        backupOwnerId: undefined,
        integrations: [{ system: 'x', environment: 'prod', credentialKind: 'api-token' }],
      }),
    );
    expect(risky.factors).toEqual([
      'OWNER_INACTIVE',
      'NO_BACKUP_OWNER',
      'PRODUCTION_USE',
      'CREDENTIAL_WITHOUT_EXPIRY',
    ]);
    expect(risky).toMatchObject({ score: 85, level: 'high' });
  });
  it('levels and their bounds agree', () => {
    for (let s = 0; s <= 100; s++) {
      const [lo, hi] = riskBounds(riskLevel(s));
      expect(s >= lo && s <= hi).toBe(true);
    }
  });
});

describe('changed fields', () => {
  it('ignores empty optionals, lists what differs', () => {
    const r = record({ notes: undefined });
    expect(changedFields(registrationOf(r), { ...registrationOf(r), notes: '' })).toEqual([]);
    expect(
      changedFields(registrationOf(r), { ...registrationOf(r), purpose: 'x', backupOwnerId: undefined }),
    ).toEqual(['purpose', 'backupOwnerId']);
  });
});

describe('counters', () => {
  const arbRecord = fc
    .record({
      status: fc.constantFrom('active' as const, 'retired' as const),
      backup: fc.boolean(),
      ownerActive: fc.boolean(),
      cadence: fc.integer({ min: 30, max: 365 }),
      reviewed: fc.integer({ min: 0, max: 400 }),
      expiry: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      env: fc.constantFrom('dev', 'prod'),
    })
    .map((x, i = 0) =>
      record({
        accountId: `a${i}`,
        status: x.status,
        ...(x.backup ? {} : { backupOwnerId: undefined, backupOwnerName: undefined }),
        ownerActive: x.ownerActive,
        reviewCadenceDays: x.cadence,
        lastReviewedOn: addDays('2025-06-01', x.reviewed),
        integrations: [
          {
            system: 's',
            environment: x.env,
            credentialKind: 'api-token',
            ...(x.expiry === undefined ? {} : { credentialExpiresOn: addDays('2026-01-01', x.expiry) }),
          },
        ],
      }),
    );

  it('incremental counters equal counts computed from the records, through adds, edits and removals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbRecord, fc.option(arbRecord, { nil: undefined })), { maxLength: 30 }),
        fc.integer({ min: 0, max: 500 }),
        (pairs, t) => {
          const today = addDays('2025-12-01', t);
          let counters = emptyCounters();
          const finals: AccountRecord[] = [];
          for (const [first, edit] of pairs) {
            counters = applyChange(counters, undefined, first);
            if (edit) counters = applyChange(counters, first, edit);
            finals.push(edit ?? first);
          }
          const active = finals.filter((r) => r.status === 'active');
          const expect_ = {
            active: active.length,
            retired: finals.length - active.length,
            reviewOverdue: active.filter((r) => isReviewOverdue(r, today)).length,
            credentialExpiring: active.filter(
              (r) => credentialState(earliestCredentialExpiry(r.integrations), today, 30) === 'expiring',
            ).length,
            credentialExpired: active.filter(
              (r) => credentialState(earliestCredentialExpiry(r.integrations), today, 30) === 'expired',
            ).length,
            noBackupOwner: active.filter((r) => !r.backupOwnerId).length,
            risk: {
              low: active.filter((r) => riskOf(r).level === 'low').length,
              medium: active.filter((r) => riskOf(r).level === 'medium').length,
              high: active.filter((r) => riskOf(r).level === 'high').length,
            },
          };
          expect(summarize(counters, today, 30)).toEqual(expect_);
          for (const r of finals) counters = applyChange(counters, r, undefined);
          expect(counters).toEqual(emptyCounters());
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('candidates', () => {
  const patterns = ['bot', 'svc', 'ci', 'integration', 'sync', '-deploy'];
  it('matches whole words of the name or email, service accounts, and substring patterns', () => {
    expect(words('GitHubSync svc2-runner')).toEqual(['git', 'hub', 'sync', 'svc', 'runner']);
    expect(candidateReasons(person('x', { displayName: 'Jenkins CI' }), patterns)).toEqual(['pattern:ci']);
    expect(
      candidateReasons(
        person('x', { displayName: 'Release', emailAddress: 'release-bot@example.com' }),
        patterns,
      ),
    ).toEqual(['pattern:bot']);
    // An app's bot gives no reason of its own; an Atlassian service account does, first.
    expect(candidateReasons(person('x', { displayName: 'Some App', accountType: 'app' }), patterns)).toEqual(
      [],
    );
    expect(
      candidateReasons(
        person('x', { displayName: 'Deploy Bot', accountType: 'app', appType: 'service' }),
        patterns,
      ),
    ).toEqual(['service-account', 'pattern:bot']);
    expect(candidateReasons(person('x', { displayName: 'prod-deploy' }), patterns)).toEqual([
      'pattern:-deploy',
    ]);
    expect(candidateReasons(person('x', { displayName: 'Lucía Cibot' }), patterns)).toEqual([]);
  });
  it('tells the kinds apart: appType service, else the service-account email suffix, else an app bot', () => {
    const app = (over: Partial<UserFacts>) => ({ accountType: 'app', ...over });
    expect(accountKind(app({ appType: 'service' }))).toBe('service-account');
    expect(accountKind(app({ emailAddress: 'x@serviceaccount.atlassian.com' }))).toBe('service-account');
    expect(accountKind(app({ appType: 'agent' }))).toBe('app-bot');
    expect(accountKind(app({}))).toBe('app-bot');
    expect(accountKind({ accountType: 'atlassian', emailAddress: 'x@serviceaccount.atlassian.com' })).toBe(
      'personal',
    );
  });
  it('never lists an app bot, even one whose name matches; lists service accounts first', () => {
    expect(isCandidate(person('x', { displayName: 'Slack Sync', accountType: 'app' }), patterns)).toBe(false);
    expect(
      isCandidate(person('x', { displayName: 'Deploy', accountType: 'app', appType: 'service' }), patterns),
    ).toBe(true);
    const list = [
      { kind: 'personal' as const, n: 1 },
      { kind: 'service-account' as const, n: 2 },
      { kind: 'personal' as const, n: 3 },
    ];
    expect(byCandidateStrength(list).map((c) => c.n)).toEqual([2, 1, 3]);
  });
  it('skips inactive and customer accounts', () => {
    expect(isCandidate(person('x', { displayName: 'Old Bot', active: false }), patterns)).toBe(false);
    expect(isCandidate(person('x', { displayName: 'Help Bot', accountType: 'customer' }), patterns)).toBe(
      false,
    );
  });
});
