/**
 * The settings typed as text or numbers, as a table: each one's label, helper and width, with its
 * limits read from the contract's schema (src/contract/settings.ts), so the bounds the helper states,
 * the counter and the server's check are one number. `TextSetting` (SettingsForm.tsx) draws any of them.
 */
import { settingsSchema } from '@contract/settings';
import { maxLengthOf, rangeOf } from '../../shared/limits';
import type { Values } from './settings-values';

const S = settingsSchema.shape;
const DEFAULTS = settingsSchema.parse({});
const CADENCE = rangeOf(S.defaultReviewCadenceDays);
const SWEEP_SHARE = rangeOf(S.sweepQuotaSharePercent);
const WINDOW_DAYS = rangeOf(S.credentialExpiryWarningDays.unwrap().element);

/** The settings typed as text (the departing-person field is a picker). */
export type TextKey = Exclude<
  { [K in keyof Values]: Values[K] extends string ? K : never }[keyof Values],
  'offboardingUserField'
>;

interface Spec {
  id: string;
  label: string;
  helper: string;
  required?: boolean;
  width?: number;
  /** A number field with these bounds. */
  range?: [number, number];
  /** A text's most characters. */
  maxLength?: number;
  /** A list typed with commas: its most items, and what they are ("words"). */
  list?: { max: number; of: string };
}

export const TEXT_SETTINGS: Record<TextKey, Spec> = {
  defaultReviewCadenceDays: {
    id: 'settings-cadence',
    label: 'Default review cadence (days)',
    required: true,
    width: 160,
    range: CADENCE,
    helper: `For newly tagged accounts: ${String(CADENCE[0])} to ${String(CADENCE[1])} days.`,
  },
  credentialExpiryWarningDays: {
    id: 'settings-windows',
    label: 'Credential expiry warnings (days before)',
    required: true,
    list: { max: maxLengthOf(S.credentialExpiryWarningDays), of: 'numbers' },
    helper: `Different numbers from ${String(WINDOW_DAYS[0])} to ${String(WINDOW_DAYS[1])}, separated by commas, e.g. 30, 7, 1.`,
  },
  workItemProjectKey: {
    id: 'settings-work-project',
    label: 'Project for owners’ work items',
    required: true,
    width: 160,
    helper: 'Its key, e.g. OPS.',
  },
  workItemTypeName: {
    id: 'settings-work-type',
    label: 'Work type',
    required: true,
    width: 240,
    maxLength: maxLengthOf(S.workItemTypeName),
    helper: 'The name of a work type of that project, e.g. Task.',
  },
  dormantAfterDays: {
    id: 'settings-dormant',
    label: 'Dormant after (days without changes)',
    required: true,
    width: 160,
    // The contract's rule is "0, or 7 to 365" (a refinement, not bounds): the arrows stay within it.
    range: [0, 365],
    helper:
      '7 to 365 days (0 turns the check off). An account that created, edited or commented on nothing in Jira for this long is flagged DORMANT. Read-only use is invisible to Jira: dormant means “made no changes”.',
  },
  enforcedProjects: {
    id: 'settings-enforced-projects',
    label: 'Hold offboarding tickets in projects',
    list: { max: maxLengthOf(S.enforcedProjects), of: 'projects' },
    helper:
      "Project keys where the workflow validator holds the transitions below while the departing person's verdict is block, e.g. OFF. Empty: nowhere.",
  },
  enforcedStatuses: {
    id: 'settings-enforced-statuses',
    label: 'Hold transitions to',
    list: { max: maxLengthOf(S.enforcedStatuses), of: 'statuses' },
    helper:
      'Status names, e.g. Done. A Jira admin adds the “Integration accounts offboarding check” validator to those transitions of the workflow.',
  },
  candidatePatterns: {
    id: 'settings-patterns',
    label: 'Candidate words',
    list: { max: maxLengthOf(S.candidatePatterns), of: 'words' },
    helper: 'Words in a name or email that make an untagged account a candidate, separated by commas.',
  },
  sweepQuotaSharePercent: {
    id: 'settings-sweep-share',
    label: "Sweep's share of Jira's hourly API quota (%)",
    required: true,
    width: 160,
    range: SWEEP_SHARE,
    helper: `Jira limits each app's API use per hour. The hourly check of all accounts spends at most this share (${String(SWEEP_SHARE[0])}–${String(SWEEP_SHARE[1])} %, default ${String(DEFAULTS.sweepQuotaSharePercent)}); on a large registry it then spreads over several hours, still checking every account within a day.`,
  },
};
