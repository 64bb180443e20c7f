import { describe, expect, it } from 'vitest';
import { sameSecret, targetsOf } from '../../src/app/org-audit-webhook';
import { refusalMessage } from '../../src/app/transition-guard';
import type { OffboardingCheckResult } from '../../src/contract/offboarding';
import { orgAuditDelivery, orgAuditEvent } from '../../src/contract/org-audit';

const event = (action: string, context: unknown[] = [{ id: 'acc-1', type: 'user' }]) => ({
  id: 'evt-1',
  type: 'events',
  attributes: { time: '2026-11-30T04:00:00Z', action, actor: { id: 'admin', type: 'user' }, context },
});

describe('org audit deliveries (the assumed shapes, docs/audit-log-webhooks.md)', () => {
  it('accepts one event, {data: events} and a list; refuses anything else', () => {
    const one = event('user_deactivated');
    expect(orgAuditDelivery.parse(one)).toHaveLength(1);
    expect(orgAuditDelivery.parse({ data: [one, event('user_reactivated')] })).toHaveLength(2);
    expect(orgAuditDelivery.parse({ data: one })).toHaveLength(1);
    expect(orgAuditDelivery.parse([one, one, one])).toHaveLength(3);
    for (const bad of [{}, { id: 'x' }, { data: 'nope' }, [{ attributes: {} }], 'text', null, 42])
      expect(orgAuditDelivery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(orgAuditDelivery.safeParse(new Array(501).fill(one)).success).toBe(false);
  });

  it('the affected accounts are the user-typed context items, once each', () => {
    const e = orgAuditEvent.parse(
      event('user_deactivated', [
        { id: 'acc-1', type: 'user' },
        { id: 'site-1', type: 'site' },
        { id: 'acc-1', type: 'users' },
        { id: 'acc-2', type: 'users' },
        { type: 'user' },
      ]),
    );
    expect(targetsOf(e)).toEqual(['acc-1', 'acc-2']);
  });

  it('compares secrets in constant time whatever their lengths', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
    expect(sameSecret('abc'.repeat(100), 'abc')).toBe(false);
  });
});

describe('the validator’s refusal message', () => {
  const check: OffboardingCheckResult = {
    person: { accountId: 'p', displayName: 'Olivia Owner', active: true, missing: false },
    verdict: 'block',
    reasons: [
      {
        code: 'OWNS_WITH_ACTIVE_BACKUP',
        text: 'Olivia Owner owns GitHub Sync; Ben can take over.',
        accountId: 'gh',
      },
      {
        code: 'OWNS_WITHOUT_ACTIVE_BACKUP',
        text: 'Olivia Owner owns Jenkins CI, which has no backup.',
        accountId: 'j',
      },
    ],
    accounts: [],
    checkedAt: '2026-11-30T04:00:00Z',
  };
  it('names the person, the blocking accounts and what to do; leaves out what only warns', () => {
    const m = refusalMessage(check);
    expect(m).toMatch(/^Offboarding Olivia Owner would break integration accounts/);
    expect(m).toContain('Jenkins CI, which has no backup');
    expect(m).not.toContain('GitHub Sync');
    expect(m).toMatch(
      /hand the accounts over or retire them .* or acknowledge the warning there with a reason/,
    );
  });
  it('stays within 1,000 characters', () => {
    const many = {
      ...check,
      reasons: Array.from({ length: 40 }, (_, i) => ({
        code: 'OWNS_WITHOUT_ACTIVE_BACKUP' as const,
        text: `Olivia Owner owns account number ${String(i)}, which has no active backup owner at all.`,
        accountId: `a${String(i)}`,
      })),
    };
    expect(refusalMessage(many).length).toBeLessThanOrEqual(1000);
  });
});
