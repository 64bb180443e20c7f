import { DATE_SLOT, type DatedText } from '../contract/dated-text';
import type { FindingCode } from '../contract/offboarding';
import {
  type AccountRecord,
  credentialState,
  earliestCredentialExpiry,
  isReviewOverdue,
  reviewDueOn,
} from './account';
import { accountKind } from './account-kinds';
import { epochDay } from './dates';
import { isHuman, type UserFacts } from './people';

/** How severe a finding is: 3 critical, 2 high, 1 medium (findings are listed most severe first). */
export const FINDING_SEVERITY: Record<FindingCode, number> = {
  ACCOUNT_INACTIVE: 3,
  ACCOUNT_MISSING: 3,
  OWNER_INACTIVE: 3,
  OWNER_MISSING: 3,
  NO_BACKUP_OWNER: 2,
  OWNER_IS_INTEGRATION_ACCOUNT: 2,
  REVIEW_OVERDUE: 1,
  CREDENTIAL_EXPIRING: 2,
  CREDENTIAL_EXPIRED: 3,
  PERSONAL_ACCOUNT: 1,
  DORMANT: 1,
};

/** Recipient id of notices every Jira admin sees. */
export const ADMINS = '#admins';

/** A finding open on an account, as the record carries it (`AccountRecord.findings`). */
export interface OpenFinding {
  code: FindingCode;
  /**
   * What one notice covers: the day the cause appeared, a review's due date, a credential's expiry and
   * warning window. A new period of the same code notifies again; the same period never twice.
   */
  period: string;
  openedAt: string;
  /** Who was told (person ids, or `#admins`), so that resolving the finding withdraws their notices. */
  notified: string[];
}

/** A user's Jira state as the sweep sees it: `unknown` when Jira could not be asked this run. */
export type LookupState = { kind: 'found'; user: UserFacts } | { kind: 'missing' } | { kind: 'unknown' };

export interface FindingFacts {
  account: LookupState;
  owner: LookupState;
  backupOwner?: LookupState;
  /** Active tagged integration accounts (the owner must not be one). */
  tagged: ReadonlySet<string>;
  /**
   * Issues the account created or changed in the last `days` days (JQL `updatedBy`), when the dormancy
   * check asked Jira this run; absent: not asked, so an open DORMANT finding stays as it was; `off`:
   * the check is turned off in settings (DORMANT resolves).
   */
  activity?: { changes: number; days: number } | 'off';
}

export interface DueFinding {
  code: FindingCode;
  period: string;
}

/**
 * The findings an account has now (DESIGN.md §2), a pure function of the record, the people's Jira
 * states, today and the warning windows. A person whose state is `unknown` keeps the findings about
 * them that were open (`previous`), so a failed lookup never resolves nor opens anything.
 */
export function dueFindings(
  record: AccountRecord,
  facts: FindingFacts,
  today: string,
  warningDays: readonly number[],
  previous: readonly OpenFinding[] = [],
): DueFinding[] {
  if (record.status !== 'active') return [];
  const out: DueFinding[] = [];
  const keep = (...codes: FindingCode[]) => {
    for (const p of previous) if (codes.includes(p.code)) out.push({ code: p.code, period: p.period });
  };

  const person = (state: LookupState, inactive: FindingCode, missing: FindingCode): void => {
    if (state.kind === 'unknown') keep(inactive, missing);
    else if (state.kind === 'missing') out.push({ code: missing, period: today });
    else if (!state.user.active) out.push({ code: inactive, period: today });
  };
  person(facts.account, 'ACCOUNT_INACTIVE', 'ACCOUNT_MISSING');
  person(facts.owner, 'OWNER_INACTIVE', 'OWNER_MISSING');

  if (!record.backupOwnerId) out.push({ code: 'NO_BACKUP_OWNER', period: 'none' });
  else if (!facts.backupOwner || facts.backupOwner.kind === 'unknown') keep('NO_BACKUP_OWNER');
  else if (facts.backupOwner.kind === 'missing' || !facts.backupOwner.user.active)
    out.push({ code: 'NO_BACKUP_OWNER', period: `inactive:${record.backupOwnerId}` });

  if (facts.tagged.has(record.ownerId)) out.push({ code: 'OWNER_IS_INTEGRATION_ACCOUNT', period: 'tagged' });
  else if (facts.owner.kind === 'found' && !isHuman(facts.owner.user))
    out.push({ code: 'OWNER_IS_INTEGRATION_ACCOUNT', period: facts.owner.user.accountType });
  else if (facts.owner.kind === 'unknown') keep('OWNER_IS_INTEGRATION_ACCOUNT');

  if (facts.account.kind === 'found' && accountKind(facts.account.user) === 'personal')
    out.push({ code: 'PERSONAL_ACCOUNT', period: 'personal' });
  else if (facts.account.kind === 'unknown') keep('PERSONAL_ACCOUNT');

  const activeAccount = facts.account.kind === 'found' && facts.account.user.active;
  if (!facts.activity) {
    if (facts.account.kind !== 'missing') keep('DORMANT');
  } else if (facts.activity !== 'off' && activeAccount && facts.activity.changes === 0)
    out.push({ code: 'DORMANT', period: `${facts.activity.days}d` });

  if (isReviewOverdue(record, today)) out.push({ code: 'REVIEW_OVERDUE', period: reviewDueOn(record) });

  const expired = record.integrations
    .map((i) => i.credentialExpiresOn)
    .filter((d): d is string => !!d && d < today)
    .sort();
  if (expired.length) out.push({ code: 'CREDENTIAL_EXPIRED', period: expired[0] ?? today });
  const upcoming = earliestCredentialExpiry(
    record.integrations.filter((i) => !i.credentialExpiresOn || i.credentialExpiresOn >= today),
  );
  const windows = [...warningDays].sort((a, b) => a - b);
  const widest = windows[windows.length - 1] ?? 0;
  if (upcoming && credentialState(upcoming, today, widest) === 'expiring') {
    const left = epochDay(upcoming) - epochDay(today);
    const window = windows.find((w) => left <= w) ?? widest;
    out.push({ code: 'CREDENTIAL_EXPIRING', period: `${upcoming}/${window}d` });
  }
  return out;
}

/** Who is told of a finding: the owner and backup (when active), and every admin for broken accounts. */
export function recipientsOf(code: FindingCode, record: AccountRecord, facts: FindingFacts): string[] {
  const out: string[] = [];
  const usable = (s: LookupState | undefined) => s?.kind === 'found' && s.user.active;
  if (usable(facts.owner) && !facts.tagged.has(record.ownerId)) out.push(record.ownerId);
  if (record.backupOwnerId && usable(facts.backupOwner)) out.push(record.backupOwnerId);
  if (
    code === 'ACCOUNT_INACTIVE' ||
    code === 'ACCOUNT_MISSING' ||
    code === 'OWNER_INACTIVE' ||
    code === 'OWNER_MISSING' ||
    out.length === 0
  )
    out.push(ADMINS);
  return out;
}

export interface FindingsDiff {
  /** The findings the record carries from now on. */
  next: OpenFinding[];
  /** Newly open, or open for a new period (notify). */
  opened: OpenFinding[];
  /** No longer due (resolve, withdraw notices). */
  resolved: OpenFinding[];
  changed: boolean;
}

/** Compares what is due with what the record carries. */
export function diffFindings(
  previous: readonly OpenFinding[],
  due: readonly DueFinding[],
  nowIso: string,
  recipients: (code: FindingCode) => string[],
): FindingsDiff {
  const prevBy = new Map(previous.map((f) => [f.code, f]));
  const dueBy = new Map(due.map((d) => [d.code, d]));
  const next: OpenFinding[] = [];
  const opened: OpenFinding[] = [];
  const resolved: OpenFinding[] = [];
  for (const d of dueBy.values()) {
    const prev = prevBy.get(d.code);
    if (prev && prev.period === d.period) next.push(prev);
    else {
      const f: OpenFinding = {
        code: d.code,
        period: d.period,
        openedAt: nowIso,
        notified: recipients(d.code),
      };
      next.push(f);
      opened.push(f);
      if (prev) resolved.push(prev);
    }
  }
  for (const p of previous) if (!dueBy.has(p.code)) resolved.push(p);
  next.sort((a, b) => FINDING_SEVERITY[b.code] - FINDING_SEVERITY[a.code] || a.code.localeCompare(b.code));
  return { next, opened, resolved, changed: opened.length > 0 || resolved.length > 0 };
}

/**
 * Findings the OWNER can act on (a Jira work item may be assigned to them): every one but those saying
 * the owner is gone, which go to the backup owner and the admins.
 */
export function needsOwner(code: FindingCode): boolean {
  return code !== 'OWNER_INACTIVE' && code !== 'OWNER_MISSING';
}

/**
 * A sentence for people about a finding on an account (`period` details DORMANT's window). A date it
 * speaks of is data (`{date}` in the text, src/contract/dated-text.ts): each surface writes it in its
 * reader's format.
 */
export function findingSentence(code: FindingCode, record: AccountRecord, period?: string): DatedText {
  const a = record.displayName;
  const owner = record.ownerName || 'its owner';
  switch (code) {
    case 'ACCOUNT_INACTIVE':
      return { text: `${a} is deactivated in Jira: integrations using it are broken.` };
    case 'ACCOUNT_MISSING':
      return { text: `Jira no longer knows ${a}: integrations using it are broken.` };
    case 'OWNER_INACTIVE':
      return { text: `${owner}, the owner of ${a}, is deactivated: pick a new owner.` };
    case 'OWNER_MISSING':
      return { text: `The owner of ${a} no longer exists in Jira: pick a new owner.` };
    case 'NO_BACKUP_OWNER':
      return {
        text: record.backupOwnerId
          ? `The backup owner of ${a} is deactivated: name an active backup owner.`
          : `${a} has no backup owner: name one.`,
      };
    case 'OWNER_IS_INTEGRATION_ACCOUNT':
      return { text: `The owner of ${a} is itself an integration account: a person must own it.` };
    case 'REVIEW_OVERDUE':
      return { text: `The review of ${a} was due on ${DATE_SLOT}.`, date: reviewDueOn(record) };
    case 'CREDENTIAL_EXPIRING': {
      const expiry = earliestCredentialExpiry(record.integrations);
      return expiry
        ? { text: `A credential of ${a} expires on ${DATE_SLOT}: rotate it.`, date: expiry }
        : { text: `A credential of ${a} expires soon: rotate it.` };
    }
    case 'CREDENTIAL_EXPIRED':
      return { text: `A credential of ${a} has expired: rotate it.` };
    case 'PERSONAL_ACCOUNT':
      return {
        text: `${a} is a personal account: it holds a seat and breaks when its user is offboarded. Its integrations should move to an Atlassian service account (a Jira admin moves them from the account's page).`,
      };
    case 'DORMANT': {
      const days = /^(\d+)d$/.exec(period ?? '')?.[1] ?? 'many';
      return {
        text: `${a} made no changes in Jira for ${days} days (read-only use is invisible to Jira): confirm it is still needed, or that it can be retired.`,
      };
    }
  }
}

/** Storage keys of a finding and its notices. */
export const findingKey = (accountId: string, code: string) => `${accountId}:${code}`;
export const noticeKey = (personId: string, accountId: string, code: string, period: string) =>
  `${personId}:${accountId}:${code}:${period}`.replace(/[^a-zA-Z0-9:._\s#-]/g, '.');
