/**
 * Issue 12, "No INTERNAL, no trusted client state" — the text rules: fields refuse content that is
 * invisible only (zero-width, control characters, bidi overrides, filler characters); credential labels
 * that look like secrets are refused with a message saying why; duplicate integrations (same system,
 * environment and label) are refused in the form and in CSV import (with a row message).
 */
import { describe, expect, it } from 'vitest';
import type { LocalSite } from '../../local/host/site.js';
import type { Envelope } from '../../src/contract/envelope';
import type { ImportReport } from '../../src/contract/import-export';
import {
  ADMIN_KEYS as A,
  OFFBOARDING_KEYS as O,
  OWNER_KEYS as W,
  OWNER_PAGE_MODULE_KEY,
} from '../../src/contract/resolver-keys';
import { exportedCsv, releaseBotTag, versionOf, type People } from './payloads';
import { asAdmin, invoke, must } from './support';
import { useReliabilitySite } from '../support/reliability-site';

let site: LocalSite;
let p: People;
useReliabilitySite((s, people) => {
  site = s;
  p = people;
});

/** Each is only invisible: zero-width, control, bidi override, Hangul and braille fillers, soft hyphen. */
export const INVISIBLE = [
  '\u200b',
  '\u200b\u200c\u200d\u2060',
  '\ufeff',
  '\u0007\u0008',
  '\u202e',
  '\u2066\u2069',
  '\u3164',
  '\u115f\u1160',
  '\uffa0',
  '\u2800',
  '\u00ad',
  '\u034f',
  ' \u200b \u3164 ',
];

const integration = (extra: Record<string, unknown>) => ({
  system: 'Release pipeline',
  environment: 'prod',
  credentialKind: 'api-token',
  ...extra,
});

type Call = (value: string) => Promise<Envelope<unknown>>;

function textCalls(): Record<string, Call> {
  const tag = (extra: Record<string, unknown>) =>
    asAdmin(site, A.accountsTag, { ...releaseBotTag(p), ...extra });
  return {
    purpose: (v) => tag({ purpose: v }),
    notes: (v) => tag({ notes: v }),
    'integration system': (v) => tag({ integrations: [integration({ system: v })] }),
    'credential label': (v) => tag({ integrations: [integration({ credentialLabel: v })] }),
    'retire reason': (v) =>
      asAdmin(site, A.accountsRetire, { accountId: p.legacy, version: versionOf(site, p.legacy), reason: v }),
    'dismiss reason': (v) => asAdmin(site, A.candidatesDismiss, { accountId: p.releaseBot, reason: v }),
    'offboarding note': (v) =>
      asAdmin(site, O.acknowledge, { personId: p.olivia, verdict: 'warn', reason: 'Seen', note: v }),
    'offboarding reason': (v) =>
      asAdmin(site, O.acknowledge, { personId: p.olivia, verdict: 'block', reason: v }),
    'attest comment': (v) =>
      invoke(site, {
        moduleKey: OWNER_PAGE_MODULE_KEY,
        functionKey: W.attest,
        accountId: p.olivia,
        payload: {
          accountId: p.github,
          version: versionOf(site, p.github),
          stillNeeded: true,
          purposeCorrect: true,
          comment: v,
        },
      }),
    'proposal message': (v) =>
      invoke(site, {
        moduleKey: OWNER_PAGE_MODULE_KEY,
        functionKey: W.proposeOwner,
        accountId: p.olivia,
        payload: { accountId: p.github, proposedOwnerId: p.nora, message: v },
      }),
  };
}

describe('invisible-only text', () => {
  it('is refused in every free-text field, with a message for the field', async () => {
    const accepted: string[] = [];
    let tried = 0;
    for (const [field, call] of Object.entries(textCalls())) {
      for (const value of INVISIBLE) {
        tried++;
        const r = await call(value);
        if (r.ok) {
          accepted.push(`${field} ← ${JSON.stringify(value)}`);
          await site.reset();
        } else if (r.error.code !== 'BAD_REQUEST')
          accepted.push(`${field} ← ${JSON.stringify(value)}: ${r.error.code}`);
        else
          expect(Object.keys((r.error.details as { fields?: object }).fields ?? {}).length).toBeGreaterThan(
            0,
          );
      }
    }
    console.log(`invisible text: ${accepted.length} of ${tried} accepted`);
    expect(accepted).toEqual([]);
  }, 120_000);

  it('ordinary text with accents, emoji and line breaks is still accepted', async () => {
    must(
      await asAdmin(site, A.accountsTag, {
        ...releaseBotTag(p),
        purpose: 'Publie les notes de version — Zürich 🚀',
        notes: 'Line one\nLine two\twith a tab',
      }),
    );
  });
});

export const SECRET_LIKE: Record<string, string> = {
  'Atlassian API token': 'ATATT3xFfGF0T9qZlq3vX1ygRz0nJm8KzE5n2wq4Bv7cL1sX0pYtR6uW=A1B2C3D4',
  'GitHub token': 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  'GitHub fine-grained token':
    'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL',
  'Slack token': 'xoxb-2049-1234567890-AbCdEfGhIjKlMnOpQrStUvWx',
  JWT: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  'hex run': 'token 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b',
  'base64 run': 'c2VjcmV0LXZhbHVlLXRoYXQtaXMtbG9uZy1lbm91Z2gtdG8tbWF0dGVy',
};

describe('credential labels that look like secrets', () => {
  it('are refused, with a message saying why', async () => {
    const accepted: string[] = [];
    for (const [what, label] of Object.entries(SECRET_LIKE)) {
      const r = await asAdmin(site, A.accountsTag, {
        ...releaseBotTag(p),
        integrations: [integration({ credentialLabel: label })],
      });
      if (r.ok) {
        accepted.push(what);
        await site.reset();
        continue;
      }
      expect(r.error.code).toBe('BAD_REQUEST');
      expect(JSON.stringify(r.error.details)).toMatch(/secret|never stores/i);
    }
    console.log(`secret-like labels: ${accepted.length} of ${Object.keys(SECRET_LIKE).length} accepted`);
    expect(accepted).toEqual([]);
  });

  it('ordinary labels are accepted', async () => {
    must(
      await asAdmin(site, A.accountsTag, {
        ...releaseBotTag(p),
        integrations: [
          integration({ credentialLabel: 'integration-accounts-production-credential-label' }),
          integration({ environment: 'dev', credentialLabel: 'jenkins-jira-prod 2026' }),
        ],
      }),
    );
  });
});

describe('duplicate integrations (same system, environment and label)', () => {
  it('are refused in the form', async () => {
    const r = await asAdmin(site, A.accountsTag, {
      ...releaseBotTag(p),
      integrations: [
        integration({ credentialLabel: 'release-token' }),
        integration({ system: 'release pipeline ', credentialLabel: 'Release-Token' }),
      ],
    });
    expect(r.ok, 'two identical integrations were stored').toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error.details)).toMatch(/same system/i);
  });

  it('are refused in CSV import, with a row message', async () => {
    const csv = await exportedCsv(site);
    const lines = csv.split('\n');
    const jenkinsRow = lines.find((l) => l.startsWith(p.jenkins)) as string;
    const withDuplicate = [...lines.filter((l) => l.trim() !== ''), jenkinsRow].join('\n');
    const report = must(await asAdmin<ImportReport>(site, A.importPreview, { csv: withDuplicate }));
    const row = report.rows.find((r) => r.accountId === p.jenkins);
    expect(row?.action, JSON.stringify(row)).toBe('error');
    expect(JSON.stringify(row?.errors)).toMatch(/same system/i);
  });
});
