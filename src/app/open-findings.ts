import type { FindingDto } from '../contract/accounts';
import type { FindingCode } from '../contract/offboarding';
import type { AccountRecord } from '../domain/account';
import {
  FINDING_SEVERITY,
  type OpenFinding,
  findingKey,
  findingSentence,
  noticeKey,
} from '../domain/findings';
import type { ExtraWrite } from './ports';

/**
 * The one truth about an account's findings: those its record carries (`AccountRecord.findings`, written
 * by the sweep in the same transaction as the finding records and notices). The registry list, the
 * account page and the owner's page all show them through `openFindingsOf`.
 */
export function findingDto(f: OpenFinding, r: AccountRecord): FindingDto {
  return {
    code: f.code,
    status: 'open',
    severity: FINDING_SEVERITY[f.code],
    openedAt: f.openedAt,
    details: { period: f.period, ...findingSentence(f.code, r, f.period) },
  };
}

/** The open findings of an account, most severe first (none once it is retired). */
export function openFindingsOf(r: AccountRecord): FindingDto[] {
  return r.status === 'active' ? (r.findings ?? []).map((f) => findingDto(f, r)) : [];
}

/**
 * Resolves these findings (all when `codes` is absent) on the record now, not at the next sweep: the
 * finding records become resolved and their notices are withdrawn, in the transaction of the change.
 */
export function resolveNow(
  r: AccountRecord,
  codes: readonly FindingCode[] | undefined,
  nowIso: string,
): { findings: OpenFinding[]; also: ExtraWrite[] } {
  const also: ExtraWrite[] = [];
  const keep: OpenFinding[] = [];
  const notices: ExtraWrite[] = [];
  for (const f of r.findings ?? []) {
    if (codes && !codes.includes(f.code)) {
      keep.push(f);
      continue;
    }
    for (const p of f.notified)
      notices.push({ kind: 'notice', key: noticeKey(p, r.accountId, f.code, f.period), value: null });
    also.push({
      kind: 'finding',
      key: findingKey(r.accountId, f.code),
      value: {
        accountId: r.accountId,
        code: f.code,
        status: 'resolved',
        severity: FINDING_SEVERITY[f.code],
        openedAt: Date.parse(f.openedAt),
        record: {
          ...findingDto(f, r),
          status: 'resolved',
          resolvedAt: nowIso,
          details: { period: f.period, accountName: r.displayName, ...findingSentence(f.code, r, f.period) },
        },
      },
    });
  }
  // Finding records first: if a transaction cannot hold every write, notices are the ones to follow.
  return { findings: keep, also: [...also, ...notices] };
}
