import type { ImportAction, ImportReport, ImportRowResult } from '../contract/import-export';
import { type AccountRecord, changedFields, registrationOf } from '../domain/account';
import { utcDate } from '../domain/dates';
import { parseRegistryCsv } from '../domain/registry-csv';
import type { Invocation, RegistryDeps } from './context';
import { AppError } from './errors';
import {
  type DirectoryFacts,
  newRecord,
  registrationErrors,
  registrationFrom,
  withRegistration,
} from './account-registration';
import { commitAccount, revised } from './account-change';
import { actedBy } from './acted-by';

interface Planned {
  result: ImportRowResult;
  record?: { before?: AccountRecord; after: AccountRecord };
}

/**
 * Validates every account of an import file against the directory (bulk lookups) and the registry,
 * and decides per account: create, update (listing the changed fields), unchanged, skip or error.
 * Running it twice on the same file after applying it answers "unchanged" for every account.
 */
async function plan(
  csv: string,
  inv: Invocation,
  deps: RegistryDeps,
): Promise<{ report: ImportReport; planned: Planned[] }> {
  const now = deps.clock.now();
  const today = utcDate(now);
  const parsed = parseRegistryCsv(csv);
  const summary: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, skip: 0, error: 0 };
  if (parsed.fileErrors.length)
    return { report: { rows: [], summary, fileErrors: parsed.fileErrors, applied: false }, planned: [] };

  const settings = await deps.settings.get();
  const people = new Set<string>();
  for (const a of parsed.accounts) {
    people.add(a.accountId);
    if (a.input) {
      people.add(a.input.ownerId);
      if (a.input.backupOwnerId) people.add(a.input.backupOwnerId);
    }
  }
  const ids = [...people].filter((id) => /^[A-Za-z0-9:_-]{1,128}$/.test(id));
  const [users, records] = await Promise.all([deps.directory.lookup(ids), deps.accounts.getMany(ids)]);
  const facts: DirectoryFacts = { users, records };
  // Accounts this file tags count as integration accounts for the owner rules too.
  const fileTagged = new Set(
    parsed.accounts.filter((a) => a.input && a.status === 'active').map((a) => a.accountId),
  );

  const planned: Planned[] = [];
  for (const a of parsed.accounts) {
    const base = { lines: a.lines, accountId: a.accountId };
    const existing = records.get(a.accountId);
    if (!a.input) {
      planned.push({ result: { ...base, action: 'error', errors: a.errors ?? {} } });
      continue;
    }
    if (a.status === 'retired') {
      planned.push({
        result:
          existing?.status === 'retired'
            ? { ...base, action: 'unchanged' }
            : {
                ...base,
                action: 'skip',
                note: 'Retired rows are not imported; retire accounts in the registry.',
              },
      });
      continue;
    }
    if (existing?.status === 'retired') {
      planned.push({
        result: {
          ...base,
          action: 'skip',
          note: 'This account is retired; re-tag it in the registry first.',
        },
      });
      continue;
    }
    const reg = registrationFrom(a.input, settings, existing);
    if (existing) {
      const changes = changedFields(registrationOf(existing), reg);
      if (changes.length === 0) {
        planned.push({ result: { ...base, action: 'unchanged' } });
        continue;
      }
      const errors = registrationErrors(a.accountId, reg, facts, today, {
        accountOwnsCount: 0,
        alsoTagged: fileTagged,
      });
      if (Object.keys(errors).length) {
        planned.push({ result: { ...base, action: 'error', errors } });
        continue;
      }
      const after = withRegistration(
        revised(existing, inv, now.toISOString()),
        reg,
        facts,
        now.toISOString(),
      );
      planned.push({ result: { ...base, action: 'update', changes }, record: { before: existing, after } });
      continue;
    }
    const owns = await deps.accounts.countOwnedBy(a.accountId, 100);
    const errors = registrationErrors(a.accountId, reg, facts, today, {
      accountOwnsCount: owns,
      alsoTagged: fileTagged,
    });
    if (Object.keys(errors).length) {
      planned.push({ result: { ...base, action: 'error', errors } });
      continue;
    }
    planned.push({
      result: { ...base, action: 'create' },
      record: { after: newRecord(a.accountId, reg, facts, inv, now) },
    });
  }
  for (const p of planned) summary[p.result.action]++;
  return { report: { rows: planned.map((p) => p.result), summary, fileErrors: [], applied: false }, planned };
}

export async function previewImport(
  input: { csv: string },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<ImportReport> {
  return (await plan(input.csv, inv, deps)).report;
}

/** Applies the creates and updates of a file, each with its own audit record; errors and skips stay as they are. */
export async function applyImport(
  input: { csv: string },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<ImportReport> {
  const { report, planned } = await plan(input.csv, inv, deps);
  if (report.fileErrors.length) return report;
  const now = deps.clock.now();
  let created = 0;
  let updated = 0;
  for (const p of planned) {
    if (!p.record) continue;
    try {
      await commitAccount(
        p.record.before ? 'account.update' : 'account.tag',
        p.record.before,
        p.record.after,
        inv,
        now,
        deps,
      );
      p.result.applied = p.record.before ? 'updated' : 'created';
      if (p.record.before) updated++;
      else created++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      p.result.applied = 'failed';
      p.result.errors = { _: e.message };
    }
  }
  await deps.audit.commit({
    entry: {
      ...actedBy(inv, now),
      action: 'import.apply',
      target: { type: 'registry' },
      after: { ...report.summary, created, updated },
      outcome: 'allowed',
    },
  });
  return { ...report, rows: planned.map((p) => p.result), applied: true };
}
