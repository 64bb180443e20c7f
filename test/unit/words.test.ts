import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ZodType } from 'zod';
import { describe, expect, it, vi } from 'vitest';
import { tagAccountInput } from '../../src/contract/accounts';
import { AUDIT_ACTIONS } from '../../src/contract/audit';
import { FINDING_CODES } from '../../src/contract/offboarding';
import {
  FIELD_LABELS,
  fieldLabel,
  findingLabel,
  issueMessage,
  issuesByField,
  riskFactorLabel,
  sweepReasonText,
  auditReasonText,
} from '../../src/contract/words';
import { ERROR_CODES } from '../../src/contract/envelope';
import { REGISTRY_CSV_COLUMNS } from '../../src/contract/import-export';
import { RISK_WEIGHTS } from '../../src/domain/account';
import { parseRegistryCsv } from '../../src/domain/registry-csv';
import { toResolverError } from '../../src/entry/envelope';
import { AUDIT_ACTION_LABELS, candidateReasonText } from '../../static/admin/ui/format';
import { errorMessage, readable } from '../../static/shared/errors';
import { ApiError } from '../../static/shared/api';

// The UI's data layer imports the bridge, which needs a host: none is needed for words.
vi.mock('@forge/bridge', () => ({ invoke: vi.fn(), requestJira: vi.fn(), showFlag: vi.fn(), view: {} }));

/** What must never reach a person: a validator's own wording, or a machine code. */
const LEAKS = [
  /expected \w+, received/i,
  /\b(Invalid input|Invalid option|Too small|Too big|Unrecognized key)/i,
  /received (NaN|undefined|null)/i,
  /\b[A-Z]{2,}(_[A-Z]+)+\b/, // NO_BACKUP_OWNER
  /(^|\s)[+-][A-Z_]{3,}/, // +NO_BACKUP_OWNER
  /\b[a-z]+[A-Z][a-zA-Z]*\b(?![”"])/, // reviewCadenceDays (outside quotes)
];
const leaks = (text: string) => LEAKS.filter((re) => re.test(text)).map(String);

/** Wrong-typed values for every field: NaN, objects, strings where numbers go, unknown keys. */
const GARBAGE: unknown[] = [
  {},
  { nope: 1 },
  null,
  'text',
  {
    accountId: 5,
    purpose: 7,
    ownerId: '',
    backupOwnerId: {},
    reviewCadenceDays: Number.NaN,
    integrations: [
      { system: '', environment: '!!', credentialKind: 'password', credentialExpiresOn: '2026-02-30' },
    ],
    notes: 'x'.repeat(3000),
    version: 'one',
    query: '',
    pageSize: 1000,
    status: 'sleeping',
    reason: '',
    cursor: '',
    format: 'xml',
  },
  { reviewCadenceDays: 'ninety', version: -1, integrations: 'Jenkins', pageSize: 0.5 },
];

async function contractSchemas(): Promise<[string, ZodType][]> {
  const dir = join(__dirname, '../../src/contract');
  const out: [string, ZodType][] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod))
      if (value instanceof ZodType) out.push([`${file}:${name}`, value]);
  }
  return out;
}

describe('validator issues in people’s words', () => {
  it('rewrites zod’s defaults and keeps our sentences', () => {
    const r = tagAccountInput.safeParse({
      accountId: 'acc-1',
      purpose: '',
      ownerId: 'olivia',
      reviewCadenceDays: Number.NaN,
      extra: true,
    });
    expect(r.success).toBe(false);
    const fields = issuesByField(r.error!.issues);
    expect(fields.reviewCadenceDays).toBe('Enter a number.');
    expect(fields.purpose).toBe('Say what the account is for.');
    expect(fields._).toBe('The app does not know the field “extra”; leave it out.');
    expect(
      issueMessage({
        code: 'too_big',
        origin: 'string',
        maximum: 100,
        message: 'Too big: expected string to have <=100 characters',
        path: [],
      }),
    ).toBe('At most 100 characters.');
    expect(
      issueMessage({
        code: 'invalid_type',
        expected: 'string',
        message: 'Invalid input: expected string, received undefined',
        path: [],
      }),
    ).toBe('Fill this in.');
  });

  it('leaves no validator wording and no code in any message of any contract schema', async () => {
    const schemas = await contractSchemas();
    expect(schemas.length).toBeGreaterThan(25);
    const seen: string[] = [];
    for (const [name, schema] of schemas) {
      for (const payload of GARBAGE) {
        const r = schema.safeParse(payload);
        if (r.success) continue;
        for (const [path, message] of Object.entries(issuesByField(r.error.issues))) {
          seen.push(message);
          expect(leaks(message), `${name} ${path}: ${message}`).toEqual([]);
          expect(leaks(fieldLabel(path)), `${name} ${path}`).toEqual([]);
        }
      }
    }
    expect(seen.length).toBeGreaterThan(100);
  });

  it('reaches the UI in the same words from the resolver envelope', () => {
    const r = tagAccountInput.safeParse({
      accountId: 'a',
      purpose: 'p',
      ownerId: 'o',
      reviewCadenceDays: Number.NaN,
    });
    const error = toResolverError(r.error);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('Some fields need attention.');
    expect(error.details).toEqual({ fields: { reviewCadenceDays: 'Enter a number.' } });
  });

  it('is caught once more in the UI if an older server still sends the validator’s text', () => {
    const e = new ApiError('BAD_REQUEST', 'Invalid input: expected number, received NaN');
    expect(errorMessage(e)).toBe('Something went wrong.');
    expect(readable('Too small: expected string to have >=1 characters')).toBe('This value is not valid.');
    expect(readable('The review was due on 2026-05-01.')).not.toMatch(/2026-05-01/);
  });
});

describe('fields, columns, findings and factors as the UI names them', () => {
  it('labels every CSV column and nested field as the form does', () => {
    for (const c of REGISTRY_CSV_COLUMNS) expect(FIELD_LABELS[c], c).toBeTruthy();
    expect(fieldLabel('integrations.1.credentialExpiresOn')).toBe('Integration 2, Credential expiry');
    expect(fieldLabel('reviewCadenceDays')).toBe('Review cadence (days)');
    expect(fieldLabel('_')).toBe('');
  });

  it('names every finding, risk factor and audit action in words', () => {
    for (const code of FINDING_CODES) expect(leaks(findingLabel(code)), code).toEqual([]);
    for (const factor of Object.keys(RISK_WEIGHTS)) {
      expect(riskFactorLabel(factor)).not.toBe(factor);
      expect(leaks(riskFactorLabel(factor)), factor).toEqual([]);
    }
    for (const action of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[action], action).toBeTruthy();
    expect(leaks(candidateReasonText('service-account'))).toEqual([]);
  });

  it('tells the sweep’s audit reason in words, and leaves a person’s reason as written', () => {
    expect(sweepReasonText('+NO_BACKUP_OWNER -REVIEW_OVERDUE jira-state')).toBe(
      'Found: no backup owner. Resolved: the review is overdue. Jira state changed.',
    );
    expect(leaks(sweepReasonText('+OWNER_INACTIVE +CREDENTIAL_EXPIRED'))).toEqual([]);
    expect(sweepReasonText('Replaced by the new release service.')).toBe(
      'Replaced by the new release service.',
    );
    expect(auditReasonText('FORBIDDEN: Only Jira admins can use this page.')).toBe(
      'Not allowed: Only Jira admins can use this page.',
    );
    expect(auditReasonText('+DORMANT')).toBe('Found: no changes in Jira lately.');
    for (const code of ERROR_CODES) expect(leaks(auditReasonText(`${code}: x`)), code).toEqual([]);
  });
});

describe('CSV import speaks the UI’s words', () => {
  const header = REGISTRY_CSV_COLUMNS.join(',');
  const row = (cells: Partial<Record<string, string>>) =>
    REGISTRY_CSV_COLUMNS.map((c) => cells[c] ?? '').join(',');

  it('names missing and disagreeing columns by the form’s label and the header', () => {
    expect(parseRegistryCsv('accountId,purpose\n').fileErrors).toEqual([
      'Missing column: Owner (column ownerId).',
    ]);
    const csv = [
      header,
      row({
        accountId: 'acc-1',
        purpose: 'Builds',
        ownerId: 'olivia',
        system: 'Jenkins',
        environment: 'prod',
        credentialKind: 'api-token',
      }),
      row({
        accountId: 'acc-1',
        purpose: 'Deploys',
        ownerId: 'olivia',
        system: 'Argo',
        environment: 'prod',
        credentialKind: 'api-token',
      }),
    ].join('\n');
    const [account] = parseRegistryCsv(csv).accounts;
    expect(account?.errors?.purpose).toBe('Rows of the same account disagree on Purpose (column purpose).');
  });

  it('gives each bad cell a sentence, never the validator’s', () => {
    const csv = [
      header,
      row({
        accountId: 'acc-2',
        purpose: 'Builds',
        ownerId: 'olivia',
        reviewCadenceDays: 'ninety',
        system: 'Jenkins',
        environment: 'prod',
        credentialKind: 'password',
        credentialExpiresOn: '31/12/2026',
      }),
    ].join('\n');
    const [account] = parseRegistryCsv(csv).accounts;
    const errors = account?.errors ?? {};
    expect(Object.keys(errors).sort()).toEqual([
      'integrations.0.credentialExpiresOn',
      'integrations.0.credentialKind',
      'reviewCadenceDays',
    ]);
    expect(errors.reviewCadenceDays).toBe('Enter a number.');
    for (const [path, message] of Object.entries(errors))
      expect(leaks(`${fieldLabel(path)}: ${message}`)).toEqual([]);
  });
});
