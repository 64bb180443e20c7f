/** The settings form's unsaved-edit rule and the audit record route (pure UI logic, no browser). */
import { describe, expect, it } from 'vitest';
import { settingsSchema, type SettingsView } from '../../src/contract/settings';
import { hasUnsavedEdits, payload, valuesOf } from '../../static/admin/settings/settings-values';
import { parseRoute, paths, sectionOf } from '../../static/admin/routes';

const view: SettingsView = {
  settings: settingsSchema.parse({}),
  version: 3,
  webhookSecret: { source: 'none' },
};

describe('settings form values', () => {
  it('round-trips the stored settings and carries the loaded version', () => {
    const body = payload(valuesOf(view), view.version);
    expect(body).toEqual({ ...view.settings, version: 3 });
  });

  it('counts a change as unsaved, but not a retyped list with other spacing', () => {
    const values = valuesOf(view);
    expect(hasUnsavedEdits(values, view)).toBe(false);
    expect(hasUnsavedEdits({ ...values, credentialExpiryWarningDays: '30,7 ,  1' }, view)).toBe(false);
    expect(hasUnsavedEdits({ ...values, defaultReviewCadenceDays: '120' }, view)).toBe(true);
    expect(hasUnsavedEdits({ ...values, offboardingGroups: [] }, view)).toBe(true);
    expect(hasUnsavedEdits({ ...values, offboardingUserField: '' }, view)).toBe(true);
  });
});

describe('audit record route', () => {
  it('parses /audit/<seq> as the record view of the Audit log section', () => {
    const route = parseRoute(paths.auditRecord(42), '');
    expect(route).toEqual({ name: 'audit-record', seq: 42 });
    expect(sectionOf(route)).toBe('audit');
    expect(parseRoute('/audit', '')).toEqual({ name: 'audit' });
    for (const bad of ['/audit/0', '/audit/abc', '/audit/1/x', '/audit/-3'])
      expect(parseRoute(bad, '').name).toBe('not-found');
  });
});
