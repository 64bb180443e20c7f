import { describe, expect, it } from 'vitest';
import {
  ADMINS,
  diffFindings,
  dueFindings,
  type FindingFacts,
  recipientsOf,
} from '../../src/domain/findings';
import { account, person } from './oversight-factories';

const found = (id: string, active = true, type = 'atlassian') => ({
  kind: 'found' as const,
  user: person(id, active, type),
});
/** A healthy integration account is an Atlassian service account (a personal one has PERSONAL_ACCOUNT). */
const service = (id: string, active = true) => ({
  kind: 'found' as const,
  user: { ...person(id, active, 'app'), appType: 'service' },
});
const facts = (over: Partial<FindingFacts> = {}): FindingFacts => ({
  account: service('a'),
  owner: found('owner'),
  backupOwner: found('b'),
  tagged: new Set(['a']),
  ...over,
});
const codes = (list: { code: string }[]) => list.map((f) => f.code).sort();
const TODAY = '2026-02-01';
const W = [30, 7, 1];

describe('dueFindings', () => {
  const healthy = account('a', { backupOwnerId: 'b', lastReviewedOn: '2026-01-15' });

  it('nothing for a healthy account; nothing for a retired one', () => {
    expect(dueFindings(healthy, facts(), TODAY, W)).toEqual([]);
    expect(
      dueFindings(account('a', { status: 'retired' }), facts({ account: { kind: 'missing' } }), TODAY, W),
    ).toEqual([]);
  });

  it('account and owner inactive or missing; no (active) backup owner', () => {
    expect(
      codes(
        dueFindings(healthy, facts({ account: service('a', false), owner: { kind: 'missing' } }), TODAY, W),
      ),
    ).toEqual(['ACCOUNT_INACTIVE', 'OWNER_MISSING']);
    expect(codes(dueFindings(account('a'), facts({ owner: found('owner', false) }), TODAY, W))).toEqual([
      'NO_BACKUP_OWNER',
      'OWNER_INACTIVE',
    ]);
    expect(codes(dueFindings(healthy, facts({ backupOwner: found('b', false) }), TODAY, W))).toEqual([
      'NO_BACKUP_OWNER',
    ]);
  });

  it('owner is an integration account (tagged, or not a person)', () => {
    expect(codes(dueFindings(healthy, facts({ tagged: new Set(['a', 'owner']) }), TODAY, W))).toEqual([
      'OWNER_IS_INTEGRATION_ACCOUNT',
    ]);
    expect(codes(dueFindings(healthy, facts({ owner: found('owner', true, 'app') }), TODAY, W))).toEqual([
      'OWNER_IS_INTEGRATION_ACCOUNT',
    ]);
  });

  it('PERSONAL_ACCOUNT for a person-type account; kept while Jira cannot be asked', () => {
    expect(dueFindings(healthy, facts({ account: found('a') }), TODAY, W)).toEqual([
      { code: 'PERSONAL_ACCOUNT', period: 'personal' },
    ]);
    expect(dueFindings(healthy, facts({ account: found('a', true, 'app') }), TODAY, W)).toEqual([]); // an app bot
    const open = [{ code: 'PERSONAL_ACCOUNT' as const, period: 'personal', openedAt: '', notified: [] }];
    expect(codes(dueFindings(healthy, facts({ account: { kind: 'unknown' } }), TODAY, W, open))).toEqual([
      'PERSONAL_ACCOUNT',
    ]);
  });

  it('DORMANT when the account made no changes in the window; unchanged when not asked this run', () => {
    const asked = (changes: number) => facts({ activity: { changes, days: 90 } });
    expect(dueFindings(healthy, asked(0), TODAY, W)).toEqual([{ code: 'DORMANT', period: '90d' }]);
    expect(dueFindings(healthy, asked(3), TODAY, W)).toEqual([]);
    const open = [{ code: 'DORMANT' as const, period: '90d', openedAt: '', notified: [] }];
    expect(dueFindings(healthy, facts(), TODAY, W, open)).toEqual([{ code: 'DORMANT', period: '90d' }]);
    expect(dueFindings(healthy, facts(), TODAY, W)).toEqual([]);
    // A deactivated account is ACCOUNT_INACTIVE, not dormant.
    expect(
      codes(
        dueFindings(
          healthy,
          facts({ account: service('a', false), activity: { changes: 0, days: 90 } }),
          TODAY,
          W,
        ),
      ),
    ).toEqual(['ACCOUNT_INACTIVE']);
  });

  it('review overdue the day after it is due', () => {
    const r = account('a', { backupOwnerId: 'b', lastReviewedOn: '2025-11-02', reviewCadenceDays: 90 }); // due 2026-01-31
    expect(codes(dueFindings(r, facts(), '2026-01-31', W))).toEqual([]);
    expect(dueFindings(r, facts(), TODAY, W)).toEqual([{ code: 'REVIEW_OVERDUE', period: '2026-01-31' }]);
  });

  it('credential windows from settings: each narrower window is a new period; expired apart', () => {
    const r = (expires: string) =>
      account('a', {
        backupOwnerId: 'b',
        lastReviewedOn: '2026-01-15',
        integrations: [
          { system: 's', environment: 'prod', credentialKind: 'api-token', credentialExpiresOn: expires },
        ],
      });
    expect(dueFindings(r('2026-03-15'), facts(), TODAY, W)).toEqual([]);
    expect(dueFindings(r('2026-02-20'), facts(), TODAY, W)).toEqual([
      { code: 'CREDENTIAL_EXPIRING', period: '2026-02-20/30d' },
    ]);
    expect(dueFindings(r('2026-02-05'), facts(), TODAY, W)).toEqual([
      { code: 'CREDENTIAL_EXPIRING', period: '2026-02-05/7d' },
    ]);
    expect(dueFindings(r('2026-02-02'), facts(), TODAY, W)).toEqual([
      { code: 'CREDENTIAL_EXPIRING', period: '2026-02-02/1d' },
    ]);
    expect(dueFindings(r('2026-01-31'), facts(), TODAY, W)).toEqual([
      { code: 'CREDENTIAL_EXPIRED', period: '2026-01-31' },
    ]);
  });

  it('an unknown state (Jira could not be asked) keeps what was open and opens nothing', () => {
    const prev = [{ code: 'OWNER_INACTIVE' as const, period: '2026-01-20', openedAt: 'x', notified: [] }];
    const due = dueFindings(
      healthy,
      facts({ owner: { kind: 'unknown' }, account: { kind: 'unknown' } }),
      TODAY,
      W,
      prev,
    );
    expect(due).toEqual([{ code: 'OWNER_INACTIVE', period: '2026-01-20' }]);
  });
});

describe('diffFindings', () => {
  const rec = () => ['owner'];
  it('opens new, keeps same-period, re-opens a new period, resolves gone', () => {
    const prev = [
      { code: 'NO_BACKUP_OWNER' as const, period: 'none', openedAt: 't0', notified: ['owner'] },
      { code: 'CREDENTIAL_EXPIRING' as const, period: 'x/30d', openedAt: 't0', notified: ['owner'] },
      { code: 'REVIEW_OVERDUE' as const, period: 'd', openedAt: 't0', notified: ['owner'] },
    ];
    const d = diffFindings(
      prev,
      [
        { code: 'NO_BACKUP_OWNER', period: 'none' },
        { code: 'CREDENTIAL_EXPIRING', period: 'x/7d' },
        { code: 'OWNER_INACTIVE', period: TODAY },
      ],
      't1',
      rec,
    );
    expect(codes(d.opened)).toEqual(['CREDENTIAL_EXPIRING', 'OWNER_INACTIVE']);
    expect(codes(d.resolved)).toEqual(['CREDENTIAL_EXPIRING', 'REVIEW_OVERDUE']);
    expect(d.next.find((f) => f.code === 'NO_BACKUP_OWNER')?.openedAt).toBe('t0');
    expect(d.next[0]?.code).toBe('OWNER_INACTIVE'); // most severe first
    expect(diffFindings(d.next, d.next, 't2', rec).changed).toBe(false);
  });

  it('recipients: owner and backup when active; admins for broken accounts or when nobody else can act', () => {
    const r = account('a', { backupOwnerId: 'b' });
    expect(recipientsOf('REVIEW_OVERDUE', r, facts())).toEqual(['owner', 'b']);
    expect(recipientsOf('OWNER_INACTIVE', r, facts({ owner: found('owner', false) }))).toEqual(['b', ADMINS]);
    expect(recipientsOf('REVIEW_OVERDUE', account('a'), facts({ owner: { kind: 'missing' } }))).toEqual([
      ADMINS,
    ]);
  });
});
