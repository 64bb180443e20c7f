import { tagAccountInput, type TagAccount } from '../contract/accounts';
import {
  INTEGRATION_CSV_COLUMNS,
  MAX_IMPORT_ACCOUNTS,
  REGISTRY_CSV_COLUMNS,
  type RegistryCsvColumn,
} from '../contract/import-export';
import { type AccountRecord, reviewDueOn } from './account';
import { CsvError, parseCsv, toCsv, unneutralize } from './csv';
import type { FieldErrors } from './registration';
import { FIELD_LABELS, issuesByField } from '../contract/words';

const ACCOUNT_COLUMNS = [
  'purpose',
  'ownerId',
  'backupOwnerId',
  'reviewCadenceDays',
  'notes',
  'status',
] as const;
/** One row per integration (one row for an account without any), account fields repeated. */
export function registryCsvRows(records: readonly AccountRecord[]): string[][] {
  const rows: string[][] = [];
  for (const r of records) {
    const base: Record<RegistryCsvColumn, string> = {
      accountId: r.accountId,
      displayName: r.displayName,
      status: r.status,
      purpose: r.purpose,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      backupOwnerId: r.backupOwnerId ?? '',
      backupOwnerName: r.backupOwnerName ?? '',
      reviewCadenceDays: String(r.reviewCadenceDays),
      lastReviewedOn: r.lastReviewedOn,
      reviewDueOn: reviewDueOn(r),
      notes: r.notes ?? '',
      system: '',
      environment: '',
      credentialKind: '',
      credentialLabel: '',
      credentialExpiresOn: '',
      lastRotatedOn: '',
    };
    const integrations = r.integrations.length ? r.integrations : [undefined];
    for (const i of integrations) {
      const row = { ...base };
      if (i) {
        row.system = i.system;
        row.environment = i.environment;
        row.credentialKind = i.credentialKind;
        row.credentialLabel = i.credentialLabel ?? '';
        row.credentialExpiresOn = i.credentialExpiresOn ?? '';
        row.lastRotatedOn = i.lastRotatedOn ?? '';
      }
      rows.push(REGISTRY_CSV_COLUMNS.map((c) => row[c]));
    }
  }
  return rows;
}

export function registryCsv(records: readonly AccountRecord[], withHeader: boolean): string {
  const rows = registryCsvRows(records);
  return toCsv(withHeader ? [[...REGISTRY_CSV_COLUMNS], ...rows] : rows);
}

/** One account of an import file: its rows grouped, parsed into a tag input, or field errors. */
export interface ImportedAccount {
  lines: number[];
  accountId: string;
  status: 'active' | 'retired';
  input?: TagAccount;
  /** Whether the file gave a review cadence (else the settings' default applies). */
  cadenceGiven: boolean;
  errors?: FieldErrors;
}

export interface ParsedImport {
  fileErrors: string[];
  accounts: ImportedAccount[];
}

/** A column as people read it in an error: the form's label, and the header to look for in the file. */
const column = (c: string) => `${FIELD_LABELS[c] ?? c} (column ${c})`;

/**
 * Reads an import file in the export's format. Unknown columns refuse the whole file (the issue's
 * "unknown fields are refused"); informative columns (names, due dates) are read and ignored.
 */
export function parseRegistryCsv(text: string): ParsedImport {
  let rows;
  try {
    rows = parseCsv(text);
  } catch (e) {
    return { fileErrors: [e instanceof CsvError ? e.message : 'The file is not valid CSV.'], accounts: [] };
  }
  const [header, ...body] = rows;
  if (!header) return { fileErrors: ['The file is empty.'], accounts: [] };
  const columns = header.cells.map((c) => c.trim());
  const known = new Set<string>(REGISTRY_CSV_COLUMNS);
  const fileErrors: string[] = [];
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length) fileErrors.push(`Unknown column(s): ${unknown.join(', ')}.`);
  const dupes = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (dupes.length) fileErrors.push(`Repeated column(s): ${[...new Set(dupes)].join(', ')}.`);
  for (const required of ['accountId', 'purpose', 'ownerId']) {
    if (!columns.includes(required)) fileErrors.push(`Missing column: ${column(required)}.`);
  }
  if (fileErrors.length) return { fileErrors, accounts: [] };

  const groups = new Map<string, { lines: number[]; rows: Record<string, string>[] }>();
  for (const row of body) {
    if (row.cells.length !== columns.length) {
      fileErrors.push(`Line ${row.line}: ${row.cells.length} values for ${columns.length} columns.`);
      continue;
    }
    const cells: Record<string, string> = {};
    columns.forEach((c, i) => (cells[c] = unneutralize(row.cells[i] ?? '').trim()));
    const id = cells.accountId ?? '';
    const group = groups.get(id) ?? { lines: [], rows: [] };
    group.lines.push(row.line);
    group.rows.push(cells);
    groups.set(id, group);
  }
  if (fileErrors.length) return { fileErrors, accounts: [] };
  if (groups.size > MAX_IMPORT_ACCOUNTS)
    return { fileErrors: [`At most ${MAX_IMPORT_ACCOUNTS} accounts per file; split it.`], accounts: [] };

  const accounts: ImportedAccount[] = [];
  for (const [accountId, group] of groups) {
    const first = group.rows[0] as Record<string, string>;
    const errors: FieldErrors = {};
    for (const c of ACCOUNT_COLUMNS) {
      if (group.rows.some((r) => (r[c] ?? '') !== (first[c] ?? '')))
        errors[c] = `Rows of the same account disagree on ${column(c)}.`;
    }
    const status = (first.status ?? '') === 'retired' ? 'retired' : 'active';
    if (first.status && first.status !== 'active' && first.status !== 'retired')
      errors.status = 'Status is “active” or “retired”.';
    const integrations = group.rows
      .filter((r) => INTEGRATION_CSV_COLUMNS.some((c) => (r[c] ?? '') !== ''))
      .map((r) => {
        const out: Record<string, string> = {};
        for (const c of INTEGRATION_CSV_COLUMNS) if (r[c]) out[c] = r[c];
        return out;
      });
    const cadence = first.reviewCadenceDays ?? '';
    const raw = {
      accountId,
      purpose: first.purpose ?? '',
      ownerId: first.ownerId ?? '',
      ...(first.backupOwnerId ? { backupOwnerId: first.backupOwnerId } : {}),
      integrations,
      ...(cadence !== '' ? { reviewCadenceDays: /^\d+$/.test(cadence) ? Number(cadence) : cadence } : {}),
      ...(first.notes ? { notes: first.notes } : {}),
    };
    const parsed = tagAccountInput.safeParse(raw);
    if (!parsed.success) Object.assign(errors, issuesByField(parsed.error.issues));
    const ok = parsed.success && Object.keys(errors).length === 0;
    accounts.push({
      lines: group.lines,
      accountId,
      status,
      cadenceGiven: cadence !== '',
      ...(ok ? { input: parsed.data } : { errors }),
    });
  }
  return { fileErrors: [], accounts };
}
