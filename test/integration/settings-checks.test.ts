/**
 * settings/save checks on the server what the settings page offers from Jira: the departing-person field
 * is a single user picker on the site and each new offboarding group exists. Only changed values are
 * asked, so saving anything else costs no Jira call (points).
 */
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../src/contract/settings';
import { ADMIN_KEYS as K } from '../../src/contract/resolver-keys';
import type { LocalSite } from '../../local/host/site.js';
import { type Call, data } from './harness';
import { useLocalSite } from '../support/local-site';

let site: LocalSite;
let admin: Call;

useLocalSite([], (s) => ({ site, admin } = s));

const FIELD = 'GET /rest/api/3/field';
const GROUPS = 'GET /rest/api/3/group/bulk';

/** Saves `change` over the current settings; the answer and the Jira endpoints the save asked. */
async function save(change: Record<string, unknown>) {
  const view = data(await admin<SettingsView>(K.settingsGet, {}));
  const before = { ...site.jira.stats.byEndpoint };
  const res = await admin<SettingsView>(K.settingsUpdate, {
    ...view.settings,
    ...change,
    version: view.version,
  });
  const asked = (endpoint: string) => (site.jira.stats.byEndpoint[endpoint] ?? 0) - (before[endpoint] ?? 0);
  return { res, field: asked(FIELD), groups: asked(GROUPS) };
}

describe('settings/save checks the departing-person field and the groups on the site', () => {
  it('refuses a field the site does not have, or one that is not a single user picker, on that field', async () => {
    for (const [fieldId, words] of [
      ['customfield_99999', /Jira has no field customfield_99999/],
      ['customfield_10051', /“Team members” is not a single-user picker/],
      ['customfield_10052', /“Approving group” is not a single-user picker/],
    ] as const) {
      const { res, field } = await save({ offboardingUserField: fieldId });
      expect(field, fieldId).toBe(1);
      if (res.ok) throw new Error(`${fieldId} was saved`);
      expect(res.error.code).toBe('BAD_REQUEST');
      const fields = (res.error.details as { fields: Record<string, string> }).fields;
      expect(Object.keys(fields)).toEqual(['offboardingUserField']);
      expect(fields.offboardingUserField).toMatch(words);
    }
    expect(data(await admin<SettingsView>(K.settingsGet, {})).version).toBe(0);
  });

  it('saves a single user picker; asks Jira only when the field or the groups changed', async () => {
    // The seed's field is saved already: choosing it again, or changing anything else, asks nothing.
    const other = await save({ defaultReviewCadenceDays: 60 });
    expect(other.res.ok).toBe(true);
    expect([other.field, other.groups]).toEqual([0, 0]);
    const off = await save({ offboardingUserField: '' });
    expect(off.res.ok).toBe(true);
    expect(off.field).toBe(0);
    const back = await save({ offboardingUserField: 'customfield_10050' });
    expect(back.res.ok).toBe(true);
    expect(back.field).toBe(1);
    expect(data(await admin<SettingsView>(K.settingsGet, {})).settings.offboardingUserField).toBe(
      'customfield_10050',
    );
  });

  it('refuses a new group Jira does not have; keeps a saved one without asking again', async () => {
    const bad = await save({ offboardingGroups: ['offboarding-team', 'no-such-group', 'nor-this'] });
    expect(bad.groups).toBe(1);
    if (bad.res.ok) throw new Error('saved');
    expect((bad.res.error.details as { fields: Record<string, string> }).fields).toEqual({
      offboardingGroups: 'Jira has no groups “no-such-group”, “nor-this”.',
    });
    const good = await save({ offboardingGroups: ['offboarding-team', 'jira-software-users'] });
    expect(good.res.ok).toBe(true);
    expect(good.groups).toBe(1);
    const removed = await save({ offboardingGroups: ['jira-software-users'] });
    expect(removed.res.ok).toBe(true);
    expect(removed.groups).toBe(0);
  });
});
