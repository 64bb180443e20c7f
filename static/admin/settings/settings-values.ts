/** The settings form's values (text as typed), to and from the stored settings. */
import type { NoticeChannel, SettingsView, UpdateSettingsInput } from '@contract/settings';
import type { FieldErrors } from '../../shared/field';

export interface Values {
  defaultReviewCadenceDays: string;
  credentialExpiryWarningDays: string;
  /** Group names, as picked (stored names that no longer exist stay until removed). */
  offboardingGroups: string[];
  /** A custom field id, or '' for none. */
  offboardingUserField: string;
  noticeChannels: NoticeChannel[];
  candidatePatterns: string;
  enforcedProjects: string;
  enforcedStatuses: string;
  dormantAfterDays: string;
  workItemProjectKey: string;
  workItemTypeName: string;
  sweepQuotaSharePercent: string;
}

export function valuesOf(view: SettingsView): Values {
  const s = view.settings;
  return {
    defaultReviewCadenceDays: String(s.defaultReviewCadenceDays),
    credentialExpiryWarningDays: s.credentialExpiryWarningDays.join(', '),
    offboardingGroups: [...s.offboardingGroups],
    offboardingUserField: s.offboardingUserField,
    noticeChannels: [...s.noticeChannels],
    candidatePatterns: s.candidatePatterns.join(', '),
    enforcedProjects: s.enforcedProjects.join(', '),
    enforcedStatuses: s.enforcedStatuses.join(', '),
    dormantAfterDays: String(s.dormantAfterDays),
    workItemProjectKey: s.workItemProjectKey,
    workItemTypeName: s.workItemTypeName,
    sweepQuotaSharePercent: String(s.sweepQuotaSharePercent),
  };
}

/** A list typed as text, separated by commas: its items. */
export const listItems = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

export function payload(v: Values, version: number): UpdateSettingsInput {
  return {
    version,
    defaultReviewCadenceDays: num(v.defaultReviewCadenceDays),
    credentialExpiryWarningDays: listItems(v.credentialExpiryWarningDays).map(num),
    offboardingGroups: v.offboardingGroups,
    offboardingUserField: v.offboardingUserField.trim(),
    noticeChannels: v.noticeChannels,
    candidatePatterns: listItems(v.candidatePatterns),
    enforcedProjects: listItems(v.enforcedProjects),
    enforcedStatuses: listItems(v.enforcedStatuses),
    dormantAfterDays: num(v.dormantAfterDays),
    workItemProjectKey: v.workItemProjectKey.trim(),
    workItemTypeName: v.workItemTypeName.trim(),
    sweepQuotaSharePercent: num(v.sweepQuotaSharePercent),
  };
}

/** Unsaved edits: what would be saved differs from what was loaded (whitespace and order of typing aside). */
export function hasUnsavedEdits(values: Values, loaded: SettingsView): boolean {
  return JSON.stringify(payload(values, 0)) !== JSON.stringify(payload(valuesOf(loaded), 0));
}

/** Errors of `credentialExpiryWarningDays.1` belong to the list's one field. */
export function fieldOf(fields: FieldErrors, name: string): string | undefined {
  const hit = Object.entries(fields).find(([k]) => k === name || k.startsWith(`${name}.`));
  return hit?.[1];
}
