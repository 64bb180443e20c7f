/**
 * The owner page and the flag ask only for what the asked person can do there: every pending action
 * maps to a control the owner page offers that role, and finding texts sent to owners ask nothing that
 * only a Jira admin can do, except as a request to them.
 */
import { describe, expect, it } from 'vitest';
import type { PendingActionKind } from '../../src/contract/owner';
import { FINDING_CODES } from '../../src/contract/offboarding';
import { pendingActions } from '../../src/app/my-accounts';
import { DATE_SLOT, withDate } from '../../src/contract/dated-text';
import { findingSentence } from '../../src/domain/findings';
import { adf } from '../../src/infra/jira-work-items';
import { formatDatedText } from '../../static/shared/dates';
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
      const text = findingSentence(code, broken, '90d').text;
      expect(text, code).not.toMatch(/\bretire it\.|(^|[:.] )Move\b/);
    }
    expect(findingSentence('PERSONAL_ACCOUNT', broken).text).toContain('a Jira admin moves them');
  });
});

describe('dates in what owners read are data, not text', () => {
  const ISO = /\d{4}-\d{2}-\d{2}/;

  it('every pending action and finding sentence carries its date beside the text, never in it', () => {
    const expiring = account('github', {
      displayName: 'GitHub Sync',
      lastReviewedOn: '2026-03-01',
      integrations: [
        {
          system: 'GitHub',
          environment: 'prod',
          credentialKind: 'api-token',
          credentialExpiresOn: '2026-06-10',
        },
      ],
    });
    const asks = [...pendingActions(broken, '2026-06-01', 30), ...pendingActions(expiring, '2026-06-01', 30)];
    const dated = asks.filter((a) => a.date);
    expect(dated.map((a) => a.kind).sort()).toEqual([
      'attest',
      'attest',
      'rotate-credential',
      'rotate-credential',
    ]);
    for (const a of asks) expect(a.text, a.kind).not.toMatch(ISO);
    for (const a of dated) expect(a.text, a.kind).toContain(DATE_SLOT);
    expect(dated.find((a) => a.kind === 'rotate-credential' && a.text.startsWith('GitHub'))?.date).toBe(
      '2026-06-10',
    );

    for (const code of FINDING_CODES)
      for (const r of [broken, expiring]) {
        const s = findingSentence(code, r, '90d');
        expect(s.text, code).not.toMatch(ISO);
        expect(s.text.includes(DATE_SLOT), code).toBe(s.date !== undefined);
      }
    expect(findingSentence('CREDENTIAL_EXPIRING', expiring).date).toBe('2026-06-10');
  });

  it('the UI writes the date in the viewer’s locale; ISO where no locale is known', () => {
    const s = findingSentence('REVIEW_OVERDUE', broken);
    const sydney = { locale: 'en-AU', timeZone: 'Australia/Sydney' };
    const newYork = { locale: 'en-US', timeZone: 'America/New_York' };
    expect(formatDatedText(s, sydney)).toBe('The review of Jenkins CI was due on 1 Apr 2025.');
    expect(formatDatedText(s, newYork)).toBe('The review of Jenkins CI was due on Apr 1, 2025.');
    expect(withDate(s)).toBe('The review of Jenkins CI was due on 2025-04-01.');
    expect(withDate({ text: 'No date here.' })).toBe('No date here.');
    // A notice stored before dates were data still reads in the viewer's format.
    expect(formatDatedText({ text: 'The review of X was due on 2025-04-01.' }, sydney)).toBe(
      'The review of X was due on 1 Apr 2025.',
    );
  });

  it('a Jira work item carries the date as an ADF date node, which Jira shows in its reader’s locale', () => {
    const doc = adf({ text: 'Due on {date}.\n\nOpen the page.', date: '2025-04-01' });
    expect(doc.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Due on ' },
          { type: 'date', attrs: { timestamp: String(Date.UTC(2025, 3, 1)) } },
          { type: 'text', text: '.' },
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'Open the page.' }] },
    ]);
    expect(adf({ text: 'No date.' }).content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'No date.' }] },
    ]);
  });
});
