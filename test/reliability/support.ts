/**
 * Shared set-up of the reliability suites: one local site per file, resolver calls as a seeded user
 * from any module, the resolver keys of every function (contract constants × manifest), and direct
 * reads of what is stored (so the suites check the records themselves, not only the answers).
 */
import { accountRecordSchema } from './stored-schemas';
import type { Envelope, ErrorCode } from '../../src/contract/envelope';
import { ERROR_CODES } from '../../src/contract/envelope';
import * as resolverKeys from '../../src/contract/resolver-keys';
import type { AuditPage, AuditRecordDto, AuditVerifyReport } from '../../src/contract/audit';
import { ADMIN_KEYS, ADMIN_MODULE_KEY } from '../../src/contract/resolver-keys';
import type { LocalSite, LocalSiteOptions } from '../../local/host/site.js';
import { startLocalSite } from '../../local/host/site.js';

export const RUNS = Math.max(1, Number(process.env.RELIABILITY_RUNS ?? 1000) || 1000);

/** The callers every authorization check runs as. `null` email: no account id (anonymous context). */
export const CALLERS = {
  admin: 'admin@example.com',
  staff: 'oscar@example.com',
  owner: 'olivia@example.com',
  backup: 'ben@example.com',
  other: 'nora@example.com',
  anonymous: null,
} as const;
export type CallerName = keyof typeof CALLERS;
export const CALLER_NAMES = Object.keys(CALLERS) as CallerName[];

export async function startSite(opts: Partial<LocalSiteOptions> = {}): Promise<LocalSite> {
  return startLocalSite({
    port: 0,
    dataDir: ':memory:',
    quiet: true,
    pageRouter: null,
    realJira: null,
    ...opts,
    jira: { burst: null, ...opts.jira },
  });
}

export function idOf(site: LocalSite, email: string): string {
  const user = site.site.userByEmail(email);
  if (!user) throw new Error(`no seeded user ${email}`);
  return user.accountId;
}

export function callerId(site: LocalSite, caller: CallerName): string | undefined {
  const email = CALLERS[caller];
  return email === null ? undefined : idOf(site, email);
}

/** A resolver call as the bridge makes it: `functionKey` from `moduleKey`, as `accountId` (or nobody). */
export async function invoke<T = unknown>(
  site: LocalSite,
  call: { moduleKey?: string; functionKey: string; payload?: unknown; accountId?: string | undefined },
): Promise<Envelope<T>> {
  return (await site.runtime.invokeResolver({
    moduleKey: call.moduleKey ?? ADMIN_MODULE_KEY,
    functionKey: call.functionKey,
    payload: call.payload,
    ...(call.accountId ? { accountId: call.accountId } : {}),
  })) as Envelope<T>;
}

/** An admin-page call as the Site Admin. */
export function asAdmin<T = unknown>(site: LocalSite, functionKey: string, payload: unknown = {}) {
  return invoke<T>(site, { functionKey, payload, accountId: idOf(site, CALLERS.admin) });
}

export function must<T>(result: Envelope<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
}

/** True when `value` is a well-formed envelope with a closed error code. */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'data' in v;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  return (
    ERROR_CODES.includes(v.error.code as ErrorCode) &&
    typeof v.error.message === 'string' &&
    v.error.message.length > 0
  );
}

// ------------------------------------------------------------------------------------------ keys

/** Every `*_KEYS` constant of the contract: group name → its keys. New groups show up here by themselves. */
export function contractKeyGroups(): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(resolverKeys)) {
    if (!name.endsWith('_KEYS') || typeof value !== 'object' || value === null) continue;
    groups[name] = Object.values(value as Record<string, unknown>).filter(
      (v): v is string => typeof v === 'string',
    );
  }
  return groups;
}

/** Resolver function → the UI modules whose `resolver.function` it is (FORGE-FACTS §8.1). */
export function resolverModules(site: LocalSite): Map<string, string[]> {
  const byFunction = new Map<string, string[]>();
  for (const m of site.manifest.modules) {
    if (!m.resolverFunction) continue;
    byFunction.set(m.resolverFunction, [...(byFunction.get(m.resolverFunction) ?? []), m.key]);
  }
  return byFunction;
}

export const UNKNOWN_KEY_MESSAGE = 'This app has no such function.';

export const isUnknownKeyAnswer = (r: Envelope<unknown>): boolean =>
  !r.ok && r.error.code === 'NOT_FOUND' && r.error.message === UNKNOWN_KEY_MESSAGE;

/**
 * The keys a function defines, found by asking it (as the admin, with an empty payload) for every key
 * of the contract: a key it does not define answers the unknown-key NOT_FOUND. This finds keys wired to
 * a function later without this file changing.
 */
export async function definedKeys(site: LocalSite, moduleKey: string): Promise<string[]> {
  const all = [...new Set(Object.values(contractKeyGroups()).flat())];
  const admin = idOf(site, CALLERS.admin);
  const defined: string[] = [];
  for (const key of all) {
    // Reads and refusals only: an empty payload never passes a schema of a change.
    const r = await invoke(site, {
      moduleKey,
      functionKey: key,
      payload: { __probe: true },
      accountId: admin,
    });
    if (!isUnknownKeyAnswer(r)) defined.push(key);
  }
  return defined;
}

// ---------------------------------------------------------------------------------------- storage

/** Runs `fn` inside a synthetic invocation, so `@forge/kvs` works (reading what the app stored). */
export function inApp<T>(site: LocalSite, fn: () => Promise<T>): Promise<T> {
  return site.runtime.runInInvocation({}, fn);
}

interface Row {
  key: string;
  value: unknown;
}

/** Every item of a custom entity, straight from the emulator (paged by key). */
export function entityItems(site: LocalSite, entityName: string): Row[] {
  const rows: Row[] = [];
  let cursor: string | undefined;
  for (;;) {
    const reply = site.kvs.handle('/api/v1/entity/query', {
      entityName,
      indexName: 'by-key',
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    if (reply.status !== 200) throw new Error(`entity query ${entityName}: ${JSON.stringify(reply.body)}`);
    const body = reply.body as { data: Row[]; cursor?: string };
    rows.push(...body.data);
    if (!body.cursor) return rows;
    cursor = body.cursor;
  }
}

export function kvsGet(site: LocalSite, key: string, entityName?: string): unknown {
  const reply = site.kvs.handle(entityName ? '/api/v1/entity/get' : '/api/v1/get', {
    key,
    ...(entityName ? { entityName } : {}),
  });
  return reply.status === 200 ? (reply.body as { value: unknown }).value : undefined;
}

export function kvsSet(site: LocalSite, key: string, value: unknown, entityName?: string): void {
  const reply = site.kvs.handle(entityName ? '/api/v1/entity/set' : '/api/v1/set', {
    key,
    value,
    ...(entityName ? { entityName } : {}),
  });
  if (reply.status >= 300) throw new Error(`set ${key}: ${JSON.stringify(reply.body)}`);
}

export function kvsDelete(site: LocalSite, key: string, entityName?: string): void {
  site.kvs.handle(entityName ? '/api/v1/entity/delete' : '/api/v1/delete', {
    key,
    ...(entityName ? { entityName } : {}),
  });
}

/** The whole audit chain verified through `audit/verify` (following `resume` tokens). */
export async function verifyAudit(site: LocalSite): Promise<AuditVerifyReport> {
  let report = must(await asAdmin<AuditVerifyReport>(site, ADMIN_KEYS.auditVerify, {}));
  const problems = [...report.problems];
  while (report.resume) {
    report = must(await asAdmin<AuditVerifyReport>(site, ADMIN_KEYS.auditVerify, { resume: report.resume }));
    problems.push(...report.problems);
  }
  return { ...report, problems, ok: problems.length === 0 && report.ok };
}

/** The newest audit records (through `audit/list` as the admin, which records nothing itself). */
export async function latestAudit(site: LocalSite, pageSize = 10): Promise<AuditRecordDto[]> {
  return must(await asAdmin<AuditPage>(site, ADMIN_KEYS.auditList, { pageSize })).records;
}

export const auditHeadSeq = (site: LocalSite): number =>
  (kvsGet(site, 'head', 'audit-head') as { seq?: number } | undefined)?.seq ?? 0;

/**
 * Every stored account record re-validated: the record's own schema (domain rules of a registration)
 * and the entity's indexed attributes agreeing with it; and the counters equal to a direct count.
 * Returns the problems found (empty = consistent).
 */
export function storedAccountProblems(site: LocalSite): string[] {
  const problems: string[] = [];
  const rows = entityItems(site, 'integration-account');
  let active = 0;
  let retired = 0;
  let noBackup = 0;
  for (const { key, value } of rows) {
    const entity = value as {
      accountId?: unknown;
      status?: unknown;
      version?: unknown;
      ownerId?: unknown;
      record?: unknown;
    };
    const parsed = accountRecordSchema.safeParse(entity.record);
    if (!parsed.success) {
      problems.push(
        `${key}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      continue;
    }
    const r = parsed.data;
    if (r.accountId !== key || entity.accountId !== key) problems.push(`${key}: key/accountId mismatch`);
    if (entity.status !== r.status)
      problems.push(`${key}: status attribute ${String(entity.status)} ≠ ${r.status}`);
    if (entity.version !== r.version) problems.push(`${key}: version attribute ≠ record version`);
    if (entity.ownerId !== r.ownerId) problems.push(`${key}: ownerId attribute ≠ record ownerId`);
    if (r.ownerId === r.accountId) problems.push(`${key}: owns itself`);
    if (r.backupOwnerId && r.backupOwnerId === r.ownerId) problems.push(`${key}: backup = owner`);
    if (r.status === 'active') {
      active++;
      if (!r.backupOwnerId) noBackup++;
    } else retired++;
  }
  const counters = kvsGet(site, 'registry-counters') as
    { active?: number; retired?: number; noBackupOwner?: number } | undefined;
  if (rows.length > 0 || counters) {
    if ((counters?.active ?? 0) !== active) problems.push(`counters.active ${counters?.active} ≠ ${active}`);
    if ((counters?.retired ?? 0) !== retired)
      problems.push(`counters.retired ${counters?.retired} ≠ ${retired}`);
    if ((counters?.noBackupOwner ?? 0) !== noBackup)
      problems.push(`counters.noBackupOwner ${counters?.noBackupOwner} ≠ ${noBackup}`);
  }
  return problems;
}

/** Every audit record matching `filter`, paging `audit/list` (a filtered page may come back short). */
export async function auditAll(site: LocalSite, filter: Record<string, unknown>): Promise<AuditRecordDto[]> {
  const out: AuditRecordDto[] = [];
  let cursor: string | undefined;
  do {
    const page: AuditPage = must(
      await asAdmin<AuditPage>(site, ADMIN_KEYS.auditList, {
        ...filter,
        pageSize: 100,
        ...(cursor ? { cursor } : {}),
      }),
    );
    out.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
