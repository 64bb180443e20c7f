import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offboardingVerdict } from '../../src/domain/offboarding';
import type { UserFacts } from '../../src/domain/people';
import { account, person } from './oversight-factories';

const users = (...list: UserFacts[]) => new Map(list.map((u) => [u.accountId, u]));

describe('offboardingVerdict', () => {
  it('block: P is a tagged, active integration account', () => {
    const v = offboardingVerdict('ci', { is: account('ci'), owns: [], backs: [] }, users(person('ci')));
    expect(v.verdict).toBe('block');
    expect(v.reasons[0]?.code).toBe('IS_INTEGRATION_ACCOUNT');
    expect(v.accounts[0]).toMatchObject({ role: 'is', suggestedAction: 'retire' });
  });

  it('safe (with a note): P is tagged but already deactivated; retired records are ignored', () => {
    expect(
      offboardingVerdict('ci', { is: account('ci'), owns: [], backs: [] }, users(person('ci', false)))
        .verdict,
    ).toBe('safe');
    expect(
      offboardingVerdict(
        'ci',
        { is: account('ci', { status: 'retired' }), owns: [], backs: [] },
        users(person('ci')),
      ).verdict,
    ).toBe('safe');
  });

  it('block: P owns an active account with no backup, or an inactive/missing backup', () => {
    const noBackup = account('a', { ownerId: 'p' });
    expect(
      offboardingVerdict('p', { owns: [noBackup], backs: [] }, users(person('p'), person('a'))).accounts[0],
    ).toMatchObject({
      role: 'owner',
      suggestedAction: 'pick-new-owner',
    });
    const goneBackup = account('a', { ownerId: 'p', backupOwnerId: 'b' });
    expect(
      offboardingVerdict(
        'p',
        { owns: [goneBackup], backs: [] },
        users(person('p'), person('a'), person('b', false)),
      ).verdict,
    ).toBe('block');
    expect(
      offboardingVerdict('p', { owns: [goneBackup], backs: [] }, users(person('p'), person('a'))).verdict,
    ).toBe('block');
  });

  it('warn: P owns accounts whose backup is active, or P is a backup owner', () => {
    const withBackup = account('a', { ownerId: 'p', backupOwnerId: 'b' });
    const v = offboardingVerdict(
      'p',
      { owns: [withBackup], backs: [] },
      users(person('p'), person('a'), person('b')),
    );
    expect(v.verdict).toBe('warn');
    expect(v.accounts[0]?.suggestedAction).toBe('transfer-to-backup');
    const backed = account('a', { ownerId: 'o', backupOwnerId: 'p' });
    expect(
      offboardingVerdict('p', { owns: [], backs: [backed] }, users(person('p'), person('a'), person('o')))
        .verdict,
    ).toBe('warn');
  });

  it('warn, not block, when the owned account is itself already deactivated', () => {
    const dead = account('a', { ownerId: 'p' });
    const v = offboardingVerdict('p', { owns: [dead], backs: [] }, users(person('p'), person('a', false)));
    expect(v.verdict).toBe('warn');
    expect(v.accounts[0]?.suggestedAction).toBe('retire');
  });

  it('safe: nothing recorded', () => {
    expect(offboardingVerdict('p', { owns: [], backs: [] }, users(person('p')))).toEqual({
      verdict: 'safe',
      reasons: [],
      accounts: [],
    });
  });

  it('property: the verdict is the worst of the reasons, one reason per account concerned', () => {
    const rank = { safe: 0, warn: 1, block: 2 } as const;
    const reasonRank = (code: string) =>
      code === 'IS_INTEGRATION_ACCOUNT' ? 2 : code === 'IS_INACTIVE_INTEGRATION_ACCOUNT' ? 0 : 1;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            backup: fc.constantFrom('none', 'active', 'inactive'),
            accountActive: fc.boolean(),
            role: fc.constantFrom('owner', 'backup'),
          }),
          { maxLength: 6 },
        ),
        fc.option(fc.boolean(), { nil: undefined }),
        (specs, isActive) => {
          const list = [person('p'), person('b1'), person('b0', false), person('o')];
          const owns = [];
          const backs = [];
          for (const [n, s] of specs.entries()) {
            const id = `acc${n}`;
            list.push(person(id, s.accountActive));
            if (s.role === 'owner')
              owns.push(
                account(id, {
                  ownerId: 'p',
                  ...(s.backup === 'none' ? {} : { backupOwnerId: s.backup === 'active' ? 'b1' : 'b0' }),
                }),
              );
            else backs.push(account(id, { ownerId: 'o', backupOwnerId: 'p' }));
          }
          if (isActive !== undefined) list[0] = person('p', isActive);
          const is = isActive === undefined ? undefined : account('p');
          const v = offboardingVerdict('p', { ...(is ? { is } : {}), owns, backs }, users(...list));
          expect(v.accounts).toHaveLength(specs.length + (is ? 1 : 0));
          expect(v.reasons).toHaveLength(v.accounts.length);
          const worst = Math.max(
            0,
            ...v.reasons.map((r) => {
              if (r.code === 'OWNS_WITHOUT_ACTIVE_BACKUP')
                return v.accounts.find((a) => a.accountId === r.accountId)?.accountActive ? 2 : 1;
              return reasonRank(r.code);
            }),
          );
          expect(rank[v.verdict]).toBe(worst);
        },
      ),
    );
  });
});
