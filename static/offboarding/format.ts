import type { OffboardingRole, SuggestedAction, Verdict } from '@contract/offboarding';

/** Times: one format for every surface, in the viewer's locale and zone (static/shared/dates.ts). */
export { formatTime } from '../shared/dates';

export const VERDICT_LABELS: Record<Verdict, string> = { block: 'Block', warn: 'Warn', safe: 'Safe' };

/** The section message and lozenge of each verdict. */
export const VERDICT_APPEARANCE: Record<
  Verdict,
  { message: 'error' | 'warning' | 'success'; lozenge: 'removed' | 'moved' | 'success' }
> = {
  block: { message: 'error', lozenge: 'removed' },
  warn: { message: 'warning', lozenge: 'moved' },
  safe: { message: 'success', lozenge: 'success' },
};

export function verdictTitle(verdict: Verdict, name: string): string {
  switch (verdict) {
    case 'block':
      return `Don’t deactivate ${name} yet`;
    case 'warn':
      return `Check before you deactivate ${name}`;
    case 'safe':
      return `Safe to deactivate ${name}`;
  }
}

export function verdictSummary(verdict: Verdict, accounts: number): string {
  switch (verdict) {
    case 'block':
      return `Deactivating them now would break or orphan ${accounts === 1 ? 'an integration account' : 'integration accounts'}. Hand the accounts below over first.`;
    case 'warn':
      return 'Nothing breaks, but the accounts below lose a person who answers for them. Hand them over, or acknowledge the warning.';
    case 'safe':
      return accounts > 0
        ? 'Nothing breaks and nothing is left without an owner.'
        : 'They are not an integration account and own or back up none.';
  }
}

export const ROLE_LABELS: Record<OffboardingRole, string> = {
  is: 'Is this account',
  owner: 'Owner',
  backup: 'Backup owner',
};

export const SUGGESTED_ACTION_LABELS: Record<SuggestedAction, string> = {
  'transfer-to-backup': 'Transfer to the backup owner',
  'pick-new-owner': 'Pick a new owner',
  retire: 'Retire the account',
};
