import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AccountDetail, AccountDto } from '../../src/contract/accounts';
import type { OffboardingCheckResult } from '../../src/contract/offboarding';
import { type InputOf, type OutputOf, procedures } from '../../src/contract/procedures';
import type { ADMIN_KEYS, OWNER_KEYS } from '../../src/contract/resolver-keys';
import { OFFBOARDING_KEYS } from '../../src/contract/resolver-keys';
import type { SettingsView } from '../../src/contract/settings';
import { jiraAdmin } from '../../src/app/authorize';
import type { KeySpec } from '../../src/entry/define-key';
import type { adminApi, offboardingApi } from '../../static/shared/api';
import { offboardingKeys } from '../../src/entry/offboarding-keys';
import { orgAuditKeys } from '../../src/entry/org-audit-keys';
import { oversightKeys } from '../../src/entry/oversight-keys';
import { ownerKeys } from '../../src/entry/owner-keys';
import { registryKeys } from '../../src/entry/registry-keys';

/**
 * The procedure map (src/contract/procedures.ts) is the one place a key's input and answer are
 * written. These checks run in `npm run typecheck` (tsconfig.check.json includes test/): every
 * `@ts-expect-error` below must stay an error, so a backend `run` or a UI call that disagrees with the
 * map fails the build.
 */
const settingsView = {} as SettingsView;

describe('the procedure map', () => {
  it('the backend: a run answering another type than the map says does not compile', () => {
    const right: KeySpec<typeof ADMIN_KEYS.settingsGet> = {
      authorize: jiraAdmin,
      action: 'access',
      changes: false,
      run: () => Promise.resolve(settingsView),
    };
    const wrong: KeySpec<typeof ADMIN_KEYS.accountsTag> = {
      authorize: jiraAdmin,
      action: 'account.tag',
      changes: true,
      // @ts-expect-error accounts/tag answers an AccountDto, not the settings
      run: () => Promise.resolve(settingsView),
    };
    const wrongInput: KeySpec<typeof ADMIN_KEYS.accountsGet> = {
      authorize: jiraAdmin,
      action: 'access',
      changes: false,
      // @ts-expect-error accounts/get's input has an accountId, not a personId
      run: (input: { personId: string }) =>
        Promise.resolve({ id: input.personId } as unknown as AccountDetail),
    };
    expect([right, wrong, wrongInput].map((s) => s.action)).toEqual(['access', 'account.tag', 'access']);
  });

  it('the UI client: each function takes the key input and answers the key output', () => {
    expectTypeOf<ReturnType<typeof adminApi.getSettings>>().toEqualTypeOf<Promise<SettingsView>>();
    expectTypeOf<ReturnType<typeof adminApi.tagAccount>>().toEqualTypeOf<Promise<AccountDto>>();
    expectTypeOf<Parameters<typeof adminApi.tagAccount>[0]>().toEqualTypeOf<
      InputOf<typeof ADMIN_KEYS.accountsTag>
    >();
    expectTypeOf<ReturnType<typeof offboardingApi.check>>().toEqualTypeOf<Promise<OffboardingCheckResult>>();
    expectTypeOf<OutputOf<typeof OWNER_KEYS.acceptProposal>>().toEqualTypeOf<{
      accountId: string;
      ownerId: string;
    }>();

    const misuse = async (api: typeof adminApi, offboarding: typeof offboardingApi) => {
      // @ts-expect-error accounts/list answers a page of accounts, not the settings
      const settings: SettingsView = await api.listAccounts();
      // @ts-expect-error accounts/get needs an accountId
      await api.getAccount({});
      // @ts-expect-error offboarding/transfer needs the account, its version and the departing person
      await offboarding.transfer();
      return settings;
    };
    expect(typeof misuse).toBe('function');
  });

  it('every key of the map is served, once, by the resolvers (admin page, issue panel, owner pages)', () => {
    const admin = [...registryKeys, ...offboardingKeys, ...oversightKeys, ...orgAuditKeys].map((k) => k.key);
    const owner = ownerKeys.map((k) => k.key);
    expect(new Set(admin).size).toBe(admin.length);
    expect([...admin, ...owner].sort()).toEqual(Object.keys(procedures).sort());
    expect(offboardingKeys.map((k) => k.key).sort()).toEqual(Object.values(OFFBOARDING_KEYS).sort());
  });
});
