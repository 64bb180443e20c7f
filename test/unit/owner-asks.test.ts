/**
 * The owner page and the flag ask only for what the asked person can do there: every pending action
 * maps to a control the owner page offers that role, and finding texts sent to owners ask nothing that
 * only a Jira admin can do, except as a request to them.
 */
import { describe, expect, it } from 'vitest';
import type { PendingActionKind } from '../../src/contract/owner';
import { FINDING_CODES } from '../../src/contract/offboarding';
import { pendingActions } from '../../src/app/my-accounts';
import { findingText } from '../../src/domain/findings';
import { account } from './oversight-factories';

/** The controls static/global/AccountPanel.tsx shows each role (its buttons' visible labels). */
const CONTROLS: Record<'owner' | 'backup', Record<PendingActionKind, string | undefined>> = {
  owner: {
    attest: 'Confirm still needed',
    'rotate-credential': 'Record rotation',
    'add-backup-owner': 'Name backup owner',
    'replace-owner': 'Propose new owner',
    // Said as a request to a Jira admin; the owner's part is "Confirm still needed" (or not needed).
    'account-inactive': 'Confirm still needed',
  },
  backup: {
    attest: 'Confirm still needed',
    'rotate-credential': 'Record rotation',
    'add-backup-owner': undefined,
    'replace-owner': 'Propose new owner',
    'account-inactive': 'Confirm still needed',
  },
};

// Everything wrong at once: deactivated account, owner gone, no backup, review overdue, credential expired.
const broken = account('jenkins', {
  displayName: 'Jenkins CI',
  accountActive: false,
  ownerActive: false,
  lastReviewedOn: '2025-01-01',
  integrations: [
    {
      system: 'Jenkins',
      environment: 'prod',
      credentialKind: 'api-token',
      credentialExpiresOn: '2026-01-01',
    },
  ],
});

describe('owner asks', () => {
  it.each(['owner', 'backup'] as const)('every pending action of the %s has a control', (role) => {
    const asks = pendingActions(broken, '2026-06-01', 30, role);
    expect(asks.length).toBeGreaterThan(3);
    for (const a of asks) expect(CONTROLS[role][a.kind], `${role}: ${a.kind}`).toBeDefined();
  });

  it('only the owner is asked to name a backup owner', () => {
    expect(pendingActions(broken, '2026-06-01', 30, 'owner').map((a) => a.kind)).toContain(
      'add-backup-owner',
    );
    expect(pendingActions(broken, '2026-06-01', 30, 'backup').map((a) => a.kind)).not.toContain(
      'add-backup-owner',
    );
  });

  it('what only an admin can do is asked of the admins, not the owner', () => {
    const inactive = pendingActions(broken, '2026-06-01', 30).find((a) => a.kind === 'account-inactive');
    expect(inactive?.text).toContain('ask a Jira admin');
    for (const code of FINDING_CODES) {
      const text = findingText(code, broken, '90d');
      expect(text, code).not.toMatch(/\bretire it\.|(^|[:.] )Move\b/);
    }
    expect(findingText('PERSONAL_ACCOUNT', broken)).toContain('a Jira admin moves them');
  });
});
