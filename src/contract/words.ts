/**
 * People's words for what the code calls by machine names: validator issues, field paths, CSV
 * columns, finding codes, risk factors. One place, shared by the server (resolver errors, CSV import)
 * and every surface, so nobody reads "expected number, received NaN" or `NO_BACKUP_OWNER`.
 */
import type { FindingCode } from './offboarding';

// ---------------------------------------------------------------------------------------------------
// Fields, as the forms label them

/** Each field of the registration (and its neighbours) as the tag / edit form labels it. */
export const FIELD_LABELS: Record<string, string> = {
  accountId: 'Account',
  displayName: 'Account name',
  status: 'Status',
  purpose: 'Purpose',
  ownerId: 'Owner',
  ownerName: 'Owner name',
  backupOwnerId: 'Backup owner',
  backupOwnerName: 'Backup owner name',
  reviewCadenceDays: 'Review cadence (days)',
  lastReviewedOn: 'Last reviewed',
  reviewDueOn: 'Review due',
  notes: 'Notes',
  integrations: 'Integrations',
  system: 'System',
  environment: 'Environment',
  credentialKind: 'Credential kind',
  credentialLabel: 'Credential label',
  credentialExpiresOn: 'Credential expiry',
  lastRotatedOn: 'Last rotation',
  reason: 'Reason',
  version: 'Version',
  replacementId: 'Replacement service account',
  newOwnerId: 'New owner',
  message: 'Message',
};

/** `integrations.1.system` → `Integration 2, System`; `_` (the whole request) → ''. */
export function fieldLabel(path: string): string {
  if (path === '_' || path === '') return '';
  const integration = /^integrations\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (integration) {
    const n = Number(integration[1]) + 1;
    const field = integration[2];
    return field ? `Integration ${n}, ${FIELD_LABELS[field] ?? sentenceCase(field)}` : `Integration ${n}`;
  }
  return FIELD_LABELS[path] ?? sentenceCase(path.split('.').pop() ?? path);
}

/** `reviewCadenceDays` / `NO_BACKUP_OWNER` / `read-only` → `Review cadence days` / `No backup owner` / `Read only`. */
export function sentenceCase(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_:.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// ---------------------------------------------------------------------------------------------------
// Validator issues

/** The parts of a zod issue the wording needs (zod 4's `$ZodIssue`, loosely). */
export interface ValidatorIssue {
  code?: string;
  message: string;
  path: readonly PropertyKey[];
  expected?: unknown;
  received?: unknown;
  input?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  values?: readonly unknown[];
  keys?: readonly string[];
}

/** zod's own wording (its defaults), as opposed to the sentences our schemas give. */
const VALIDATOR_WORDING =
  /^(invalid (input|option|type|string|key|element|union|value|enum value|date)|too (small|big)|unrecognized keys?|expected |required$|string must|number must|array must)|expected [\w ]+, received|received (nan|undefined|null)/i;

export function isValidatorWording(message: string): boolean {
  return VALIDATOR_WORDING.test(message);
}

const count = (n: unknown, one: string, many = `${one}s`) =>
  `${Number(n).toLocaleString('en-US')} ${Number(n) === 1 ? one : many}`;

/**
 * One validator issue in people's words: our schemas' own sentences stay; zod's defaults are
 * rewritten ("Invalid input: expected number, received NaN" → "Enter a number.").
 */
export function issueMessage(issue: ValidatorIssue): string {
  if (issue.message && !isValidatorWording(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const missing =
        /received (undefined|null)/i.test(issue.message) ||
        ('input' in issue && (issue.input === undefined || issue.input === null || issue.input === ''));
      if (missing) return 'Fill this in.';
      if (issue.expected === 'number' || issue.expected === 'int') return 'Enter a number.';
      if (issue.expected === 'string') return 'Enter text.';
      if (issue.expected === 'array') return 'Give a list.';
      if (issue.expected === 'boolean') return 'Choose yes or no.';
      return 'This value is not valid.';
    }
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'Fill this in.'
          : `At least ${count(issue.minimum, 'character')}.`;
      if (issue.origin === 'array') return `Give at least ${count(issue.minimum, 'item')}.`;
      return `At least ${String(issue.minimum)}.`;
    case 'too_big':
      if (issue.origin === 'string') return `At most ${count(issue.maximum, 'character')}.`;
      if (issue.origin === 'array') return `At most ${count(issue.maximum, 'item')}.`;
      return `At most ${String(issue.maximum)}.`;
    case 'invalid_value':
    case 'invalid_enum_value':
      return issue.values?.length
        ? `Pick one of: ${issue.values.map((v) => String(v)).join(', ')}.`
        : 'Pick one of the choices offered.';
    case 'not_multiple_of':
      return 'Whole numbers only.';
    case 'unrecognized_keys': {
      // Only a hand-made request sends these: name them as sent.
      const keys = (issue.keys ?? []).map((k) => `“${k}”`).join(', ');
      return `The app does not know the field${(issue.keys ?? []).length === 1 ? '' : 's'} ${keys}; leave ${(issue.keys ?? []).length === 1 ? 'it' : 'them'} out.`;
    }
    case 'invalid_format':
      return 'This is not in the expected format.';
    default:
      return 'This value is not valid.';
  }
}

/** Field path → message (the first per path), as BAD_REQUEST details and the forms carry them. */
export function issuesByField(issues: readonly ValidatorIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issueMessage(issue);
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------------
// Findings and risk factors, as the account page shows them

export const FINDING_LABELS: Record<FindingCode, string> = {
  ACCOUNT_INACTIVE: 'The account is deactivated in Jira',
  ACCOUNT_MISSING: 'Jira no longer knows the account',
  OWNER_INACTIVE: 'The owner is deactivated',
  OWNER_MISSING: 'Jira no longer knows the owner',
  NO_BACKUP_OWNER: 'No backup owner',
  OWNER_IS_INTEGRATION_ACCOUNT: 'The owner is an integration account',
  REVIEW_OVERDUE: 'The review is overdue',
  CREDENTIAL_EXPIRING: 'A credential expires soon',
  CREDENTIAL_EXPIRED: 'A credential has expired',
  PERSONAL_ACCOUNT: 'A personal account used as an integration',
  DORMANT: 'No changes in Jira lately',
};

export function findingLabel(code: string): string {
  return (FINDING_LABELS as Record<string, string | undefined>)[code] ?? sentenceCase(code);
}

/** The structural risk factors (src/domain/account.ts `RISK_WEIGHTS`). */
export const RISK_FACTOR_LABELS: Record<string, string> = {
  OWNER_INACTIVE: 'The owner is deactivated',
  ACCOUNT_INACTIVE: 'The account is deactivated in Jira',
  NO_BACKUP_OWNER: 'No backup owner',
  BACKUP_OWNER_INACTIVE: 'The backup owner is deactivated',
  PRODUCTION_USE: 'Used in production',
  CREDENTIAL_WITHOUT_EXPIRY: 'A credential has no expiry date',
  NO_INTEGRATIONS_RECORDED: 'No integrations recorded',
  LONG_REVIEW_CADENCE: 'Reviewed less than quarterly',
};

export function riskFactorLabel(code: string): string {
  return RISK_FACTOR_LABELS[code] ?? sentenceCase(code);
}

/**
 * The sweep's audit reason (`+NO_BACKUP_OWNER -REVIEW_OVERDUE jira-state`) in words:
 * `Found: no backup owner. Resolved: the review is overdue. Jira state changed.`
 * Any other reason is a person's own sentence and stays as written.
 */
export function sweepReasonText(reason: string): string {
  const tokens = reason.trim().split(/\s+/).filter(Boolean);
  if (!tokens.length || !tokens.every((t) => /^[+-][A-Z_]+$/.test(t) || t === 'jira-state')) return reason;
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const opened = tokens.filter((t) => t.startsWith('+')).map((t) => lower(findingLabel(t.slice(1))));
  const resolved = tokens.filter((t) => t.startsWith('-')).map((t) => lower(findingLabel(t.slice(1))));
  const parts: string[] = [];
  if (opened.length) parts.push(`Found: ${opened.join('; ')}.`);
  if (resolved.length) parts.push(`Resolved: ${resolved.join('; ')}.`);
  if (tokens.includes('jira-state')) parts.push('Jira state changed.');
  return parts.join(' ');
}

/** The resolver's error codes (src/contract/envelope.ts) as people read them in the audit log. */
export const ERROR_CODE_WORDS: Record<string, string> = {
  BAD_REQUEST: 'Input refused',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Changed by someone else first',
  RATE_LIMITED: 'Jira asked the app to slow down',
  INTERNAL: 'Fault in the app',
};

/**
 * Any audit record's reason in words: the sweep's finding tokens (`sweepReasonText`) and a refusal's
 * leading error code (`FORBIDDEN: You need…` → `Not allowed: You need…`); a person's reason stays.
 */
export function auditReasonText(reason: string): string {
  const refusal = /^([A-Z][A-Z_]+): (.*)$/s.exec(reason);
  if (refusal)
    return `${ERROR_CODE_WORDS[refusal[1] ?? ''] ?? sentenceCase(refusal[1] ?? '')}: ${refusal[2] ?? ''}`;
  return sweepReasonText(reason);
}
