import type { FindingCode } from '../contract/offboarding';
import { SWEEP_MODULE_KEY } from '../contract/resolver-keys';
import type { AccountRecord } from '../domain/account';
import { utcDate } from '../domain/dates';
import {
  type FindingFacts,
  type LookupState,
  type OpenFinding,
  FINDING_SEVERITY,
  diffFindings,
  dueFindings,
  findingKey,
  findingSentence,
  noticeKey,
  recipientsOf,
} from '../domain/findings';
import type { Settings } from '../domain/settings';
import type { Invocation } from './context';
import { type ExtraWrite, StaleWriteError } from './ports';
import type { OversightDeps } from './oversight-ports';
import { actedBy } from './acted-by';

/** A Forge transaction holds ≤ 25 operations; an account change uses 4 (audit, head, account, counters). */
const MAX_EXTRA_WRITES = 21;

export interface ReconcileOutcome {
  written: boolean;
  stale: boolean;
  opened: number;
  resolved: number;
  notices: number;
  /** The findings the account carries after this (stored or unchanged). */
  findings: OpenFinding[];
}

export const sweepInvocation = (kind: 'scheduled' | 'trigger', key: string): Invocation => ({
  actorId: null,
  actorKind: kind === 'scheduled' ? 'sweep' : 'trigger',
  source: { kind, module: SWEEP_MODULE_KEY, key },
});

function withFacts(r: AccountRecord, facts: FindingFacts): AccountRecord {
  const next: AccountRecord = { ...r };
  const set = (s: LookupState | undefined, apply: (active: boolean, name?: string) => void) => {
    if (!s || s.kind === 'unknown') return;
    if (s.kind === 'missing') apply(false);
    else apply(s.user.active, s.user.displayName);
  };
  set(facts.account, (active, name) => {
    next.accountActive = active;
    if (name) next.displayName = name;
    if (facts.account.kind === 'found') {
      next.accountType = facts.account.user.accountType;
      if (facts.account.user.appType) next.appType = facts.account.user.appType;
    }
  });
  set(facts.owner, (active, name) => {
    next.ownerActive = active;
    if (name) next.ownerName = name;
  });
  if (r.backupOwnerId)
    set(facts.backupOwner, (active, name) => {
      next.backupOwnerActive = active;
      if (name) next.backupOwnerName = name;
    });
  return next;
}

const factFields = [
  'accountActive',
  'displayName',
  'accountType',
  'appType',
  'ownerActive',
  'ownerName',
  'backupOwnerActive',
  'backupOwnerName',
] as const;

/**
 * Brings one account up to date with its people's Jira states and the clock: opens and resolves its
 * findings, notifies, and refreshes the Jira facts on the record — all in ONE transaction with its audit
 * record, conditional on the version read (a concurrent edit makes it `stale`: retried next run).
 * Nothing is written when nothing changed.
 */
export async function reconcileAccount(
  record: AccountRecord,
  facts: FindingFacts,
  settings: Settings,
  inv: Invocation,
  deps: OversightDeps,
): Promise<ReconcileOutcome> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = utcDate(now);
  const previous = record.findings ?? [];
  const due = dueFindings(record, facts, today, settings.credentialExpiryWarningDays, previous);
  const diff = diffFindings(previous, due, nowIso, (code) => recipientsOf(code, record, facts));
  const refreshed = withFacts(record, facts);
  const factsChanged = factFields.some((f) => refreshed[f] !== record[f]);
  if (!diff.changed && !factsChanged)
    return { written: false, stale: false, opened: 0, resolved: 0, notices: 0, findings: previous };

  const after: AccountRecord = {
    ...refreshed,
    jiraCheckedAt: nowIso,
    findings: diff.next,
    version: record.version + 1,
  };
  const extras = new Map<string, ExtraWrite>();
  const put = (w: ExtraWrite) => extras.set(`${w.kind}\u0000${w.key}`, w);
  const reopened = new Set(diff.opened.map((f) => f.code));
  for (const f of diff.resolved) {
    for (const person of f.notified)
      put({ kind: 'notice', key: noticeKey(person, record.accountId, f.code, f.period), value: null });
    if (!reopened.has(f.code))
      put({
        kind: 'finding',
        key: findingKey(record.accountId, f.code),
        value: findingEntity(after, f, 'resolved', nowIso),
      });
  }
  let notices = 0;
  for (const f of diff.opened) {
    put({
      kind: 'finding',
      key: findingKey(record.accountId, f.code),
      value: findingEntity(after, f, 'open', nowIso),
    });
  }
  for (const f of diff.opened) {
    for (const person of f.notified) {
      if (extras.size >= MAX_EXTRA_WRITES) break;
      const key = noticeKey(person, record.accountId, f.code, f.period);
      put({ kind: 'notice', key, value: noticeEntity(person, after, f, now) });
      notices++;
    }
  }
  try {
    await deps.audit.commit({
      entry: {
        ...actedBy(inv, nowIso),
        action: 'sweep.update',
        target: { type: 'account', id: record.accountId },
        before: record,
        after,
        outcome: 'allowed',
        reason: [
          ...diff.opened.map((f) => `+${f.code}`),
          ...diff.resolved.filter((f) => !reopened.has(f.code)).map((f) => `-${f.code}`),
          ...(factsChanged ? ['jira-state'] : []),
        ].join(' '),
      },
      account: { before: record, after },
      also: [...extras.values()],
    });
  } catch (e) {
    if (e instanceof StaleWriteError)
      return { written: false, stale: true, opened: 0, resolved: 0, notices: 0, findings: previous };
    throw e;
  }
  return {
    written: true,
    stale: false,
    opened: diff.opened.length,
    resolved: diff.resolved.filter((f) => !reopened.has(f.code)).length,
    notices,
    findings: diff.next,
  };
}

function findingEntity(
  r: AccountRecord,
  f: OpenFinding,
  status: 'open' | 'resolved',
  nowIso: string,
): Record<string, unknown> {
  const code: FindingCode = f.code;
  return {
    accountId: r.accountId,
    code,
    status,
    severity: FINDING_SEVERITY[code],
    openedAt: Date.parse(f.openedAt),
    record: {
      code,
      status,
      severity: FINDING_SEVERITY[code],
      openedAt: f.openedAt,
      ...(status === 'resolved' ? { resolvedAt: nowIso } : {}),
      details: { period: f.period, accountName: r.displayName, ...findingSentence(code, r, f.period) },
    },
  };
}

function noticeEntity(person: string, r: AccountRecord, f: OpenFinding, now: Date): Record<string, unknown> {
  const as = person === r.ownerId ? 'owner' : person === r.backupOwnerId ? 'backup' : 'admin';
  return {
    personId: person,
    accountId: r.accountId,
    code: f.code,
    createdAt: now.getTime(),
    record: {
      id: `${r.accountId}:${f.code}:${f.period}`,
      accountId: r.accountId,
      accountName: r.displayName,
      code: f.code,
      ...findingSentence(f.code, r, f.period),
      createdAt: now.toISOString(),
      as,
    },
  };
}
