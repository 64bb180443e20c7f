import { describe, expect, it } from 'vitest';
import { tagAccountInput, updateAccountInput } from '../../src/contract/accounts';
import { auditListInput } from '../../src/contract/audit';
import { REGISTRY_CSV_COLUMNS } from '../../src/contract/import-export';
import { updateSettingsInput } from '../../src/contract/settings';
import type { AccountRecord } from '../../src/domain/account';
import { registryCsv, parseRegistryCsv } from '../../src/domain/registry-csv';

const base: AccountRecord = {
  accountId: 'acc-1',
  status: 'active',
  displayName: 'Jenkins, "CI"',
  accountType: 'atlassian',
  accountActive: true,
  jiraCheckedAt: '2026-03-01T00:00:00.000Z',
  purpose: 'Builds,\nreleases and "hotfixes"',
  ownerId: 'olivia',
  ownerName: 'Olivia',
  ownerActive: true,
  integrations: [
    {
      system: 'Jenkins',
      environment: 'prod',
      credentialKind: 'api-token',
      credentialLabel: '=cmd',
      credentialExpiresOn: '2026-09-01',
    },
    { system: 'Jenkins', environment: 'dev', credentialKind: 'other' },
  ],
  reviewCadenceDays: 120,
  lastReviewedOn: '2026-03-01',
  notes: '@owner: rotate yearly',
  taggedAt: '2026-03-01T00:00:00.000Z',
  taggedBy: 'admin',
  updatedAt: '2026-03-01T00:00:00.000Z',
  updatedBy: 'admin',
  version: 3,
};

describe('registry CSV', () => {
  it('export → import gives back every registration, through quotes, commas, newlines and formulas', () => {
    const second: AccountRecord = {
      ...base,
      accountId: 'acc-2',
      integrations: [],
      notes: undefined,
      backupOwnerId: 'ben',
      backupOwnerName: 'Ben',
    };
    const csv = registryCsv([base, second], true);
    expect(csv.split('\r\n')[0]).toBe(REGISTRY_CSV_COLUMNS.join(','));
    expect(csv).toContain("'=cmd");
    const parsed = parseRegistryCsv(csv);
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.accounts.map((a) => a.input)).toEqual([
      {
        accountId: 'acc-1',
        purpose: base.purpose,
        ownerId: 'olivia',
        integrations: base.integrations,
        reviewCadenceDays: 120,
        notes: '@owner: rotate yearly',
      },
      {
        accountId: 'acc-2',
        purpose: base.purpose,
        ownerId: 'olivia',
        backupOwnerId: 'ben',
        integrations: [],
        reviewCadenceDays: 120,
      },
    ]);
    expect(parsed.accounts[0]?.lines).toEqual([2, 4]);
  });

  it('reports rows of one account that disagree, bad values, and unknown or missing columns', () => {
    const rows = [
      'accountId,purpose,ownerId,reviewCadenceDays',
      'a,One,o,90',
      'a,Two,o,90',
      'b,Three,o,ninety',
    ];
    const parsed = parseRegistryCsv(rows.join('\n'));
    expect(parsed.accounts[0]?.errors).toHaveProperty('purpose');
    expect(parsed.accounts[1]?.errors).toHaveProperty('reviewCadenceDays');
    expect(parseRegistryCsv('accountId,purpose,ownerId,secret\n').fileErrors[0]).toMatch(
      /Unknown column.*secret/,
    );
    expect(parseRegistryCsv('accountId,purpose\n').fileErrors).toContain('Missing column: ownerId.');
    expect(parseRegistryCsv('accountId,purpose,ownerId\na,b\n').fileErrors[0]).toMatch(/Line 2/);
    expect(parseRegistryCsv('"x').fileErrors[0]).toMatch(/not closed/);
  });
});

describe('contract schemas', () => {
  const tag = { accountId: 'acc-1', purpose: 'x', ownerId: 'o' };
  it('refuse unknown fields everywhere (strict)', () => {
    expect(tagAccountInput.safeParse({ ...tag, token: 's3cret' }).success).toBe(false);
    expect(
      tagAccountInput.safeParse({
        ...tag,
        integrations: [{ system: 's', environment: 'dev', credentialKind: 'other', secret: 'x' }],
      }).success,
    ).toBe(false);
    expect(updateAccountInput.safeParse({ ...tag, version: 1, extra: 1 }).success).toBe(false);
    expect(auditListInput.safeParse({ hash: 'x' }).success).toBe(false);
    expect(updateSettingsInput.safeParse({ version: 0, webhookSecret: 'x' }).success).toBe(false);
  });
  it('enforce the field limits of the issue', () => {
    expect(tagAccountInput.safeParse({ ...tag, purpose: '' }).success).toBe(false);
    expect(tagAccountInput.safeParse({ ...tag, purpose: 'x'.repeat(501) }).success).toBe(false);
    expect(tagAccountInput.safeParse({ ...tag, reviewCadenceDays: 29 }).success).toBe(false);
    expect(tagAccountInput.safeParse({ ...tag, reviewCadenceDays: 366 }).success).toBe(false);
    const integration = { system: 's', environment: 'dev', credentialKind: 'api-token' };
    expect(tagAccountInput.safeParse({ ...tag, integrations: Array(20).fill(integration) }).success).toBe(
      true,
    );
    expect(tagAccountInput.safeParse({ ...tag, integrations: Array(21).fill(integration) }).success).toBe(
      false,
    );
    expect(
      tagAccountInput.safeParse({ ...tag, integrations: [{ ...integration, credentialKind: 'password' }] })
        .success,
    ).toBe(false);
    expect(
      tagAccountInput.safeParse({ ...tag, integrations: [{ ...integration, lastRotatedOn: '2026-02-29' }] })
        .success,
    ).toBe(false);
  });
});
