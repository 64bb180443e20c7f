/**
 * Owners' Jira work items (optional; settings: the `jira-work-item` channel, a project and a work type):
 * one work item per (account, open finding the owner can act on), assigned to the owner, the backup
 * owner watching; a comment when the finding changes (a new period), and a transition to done when it
 * resolves. Jira's own notifications then reach the owner by email. A small step of the sweep with its
 * own per-run cap.
 *
 * Never duplicated across sweeps: each (account, finding) has a stored mapping to its work item, claimed
 * with a conditional write BEFORE the work item is created, so two sweeps cannot both create it. A
 * claim whose creation failed (`creating`, no key) is retried by the next sweep. The one gap left: a
 * crash after Jira created the work item but before its key was stored makes the retry create a second.
 */
import type { FindingCode } from '../contract/offboarding';
import type { AccountRecord } from '../domain/account';
import type { DatedText } from '../contract/dated-text';
import { type OpenFinding, findingSentence, needsOwner } from '../domain/findings';
import type { Settings } from '../domain/settings';

/** The sentence with its text reworded, its date kept as data. */
const withText = (s: DatedText, reword: (text: string) => string): DatedText => ({
  ...s,
  text: reword(s.text),
});

/** Jira writes of this step per sweep run (create, watch, comment, transition). */
export const WORK_ITEM_WRITES_PER_RUN = 60;

export interface WorkItemRef {
  accountId: string;
  code: FindingCode;
  /** The finding's period the work item last spoke of. */
  period: string;
  ownerId: string;
  /** creating: claimed, not yet created in Jira; open: created; done: moved to done. */
  status: 'creating' | 'open' | 'done';
  issueKey?: string;
  createdAt: string;
  updatedAt: string;
  /** Starts at 1; every stored change adds 1 (conditional writes). */
  version: number;
}

export interface WorkItemStore {
  get(accountId: string, code: string): Promise<WorkItemRef | undefined>;
  /** Every mapping still `creating` or `open`. */
  listActive(): Promise<WorkItemRef[]>;
  /** Writes `next` if what is stored still has `expectedVersion` (absent: nothing stored); false otherwise. */
  put(next: WorkItemRef, expectedVersion: number | undefined): Promise<boolean>;
}

export interface NewWorkItem {
  projectKey: string;
  typeName: string;
  summary: string;
  /** Its date, if any, stays data (`{date}`): Jira shows it in the reader's locale (an ADF date node). */
  description: DatedText;
  assigneeId: string;
}

export interface WorkItemTracker {
  create(item: NewWorkItem): Promise<{ key: string }>;
  addWatcher(issueKey: string, accountId: string): Promise<void>;
  comment(issueKey: string, body: string | DatedText): Promise<void>;
  /** Moves the work item to a status of the done category; false when its workflow has none. */
  resolve(issueKey: string): Promise<boolean>;
}

export interface WorkItemTotals {
  created: number;
  commented: number;
  resolved: number;
  failed: number;
}

const TITLES: Record<FindingCode, string> = {
  ACCOUNT_INACTIVE: 'is deactivated',
  ACCOUNT_MISSING: 'no longer exists in Jira',
  OWNER_INACTIVE: 'needs a new owner',
  OWNER_MISSING: 'needs a new owner',
  NO_BACKUP_OWNER: 'needs a backup owner',
  OWNER_IS_INTEGRATION_ACCOUNT: 'needs a person as its owner',
  REVIEW_OVERDUE: 'review is overdue',
  CREDENTIAL_EXPIRING: 'credential expires soon',
  CREDENTIAL_EXPIRED: 'credential has expired',
  PERSONAL_ACCOUNT: 'move to an Atlassian service account',
  DORMANT: 'made no changes in Jira lately',
};

/** The work item's summary, e.g. "Integration account Jenkins CI: needs a backup owner". */
export const workItemSummary = (r: AccountRecord, code: FindingCode) =>
  `Integration account ${r.displayName}: ${TITLES[code]}`.slice(0, 255);

export const workItemsEnabled = (s: Settings) =>
  s.noticeChannels.includes('jira-work-item') && s.workItemProjectKey !== '';

/**
 * Brings owners' work items in line with the findings now open (`findings`: accountId → open findings,
 * `records`: the active accounts). Spends at most `cap` Jira writes; the rest waits for the next run.
 */
export async function syncWorkItems(
  records: readonly AccountRecord[],
  findings: ReadonlyMap<string, readonly OpenFinding[]>,
  settings: Settings,
  deps: { workItems: WorkItemStore; tracker: WorkItemTracker; clock: { now(): Date } },
  cap: number = WORK_ITEM_WRITES_PER_RUN,
): Promise<WorkItemTotals> {
  const totals: WorkItemTotals = { created: 0, commented: 0, resolved: 0, failed: 0 };
  if (!workItemsEnabled(settings)) return totals;
  const nowIso = deps.clock.now().toISOString();
  let writes = 0;
  const room = () => writes < cap;

  const wanted = new Map<string, { r: AccountRecord; f: OpenFinding }>();
  for (const r of records) {
    if (r.status !== 'active' || !r.ownerActive) continue;
    for (const f of findings.get(r.accountId) ?? [])
      if (needsOwner(f.code) && f.notified.includes(r.ownerId))
        wanted.set(`${r.accountId}:${f.code}`, { r, f });
  }
  const active = new Map((await deps.workItems.listActive()).map((w) => [`${w.accountId}:${w.code}`, w]));

  const create = async (r: AccountRecord, f: OpenFinding, seen: WorkItemRef | undefined) => {
    const claim: WorkItemRef = {
      accountId: r.accountId,
      code: f.code,
      period: f.period,
      ownerId: r.ownerId,
      status: 'creating',
      createdAt: nowIso,
      updatedAt: nowIso,
      version: (seen?.version ?? 0) + 1,
    };
    // The claim first: a sweep that loses it leaves the work item to the one that won.
    if (!(await deps.workItems.put(claim, seen?.version))) return;
    try {
      writes++;
      const { key } = await deps.tracker.create({
        projectKey: settings.workItemProjectKey,
        typeName: settings.workItemTypeName,
        summary: workItemSummary(r, f.code),
        description: withText(
          findingSentence(f.code, r, f.period),
          (t) =>
            `${t}\n\nOpen "My integration accounts" in Jira (the apps menu) to act on it. This work item moves to done by itself when the finding resolves.`,
        ),
        assigneeId: r.ownerId,
      });
      if (r.backupOwnerId && r.backupOwnerActive !== false && f.notified.includes(r.backupOwnerId)) {
        writes++;
        await deps.tracker.addWatcher(key, r.backupOwnerId).catch(() => undefined);
      }
      await deps.workItems.put(
        { ...claim, status: 'open', issueKey: key, version: claim.version + 1 },
        claim.version,
      );
      totals.created++;
    } catch {
      totals.failed++;
    }
  };

  for (const [key, { r, f }] of wanted) {
    if (!room()) break;
    const current = active.get(key);
    if (!current) await create(r, f, await deps.workItems.get(r.accountId, f.code));
    else if (current.status === 'creating' && !current.issueKey) await create(r, f, current);
    else if (current.period !== f.period && current.issueKey) {
      try {
        writes++;
        await deps.tracker.comment(
          current.issueKey,
          withText(findingSentence(f.code, r, f.period), (t) => `The finding changed: ${t}`),
        );
        const next = { ...current, period: f.period, updatedAt: nowIso, version: current.version + 1 };
        if (await deps.workItems.put(next, current.version)) totals.commented++;
      } catch {
        totals.failed++;
      }
    }
  }

  for (const [key, current] of active) {
    if (wanted.has(key) || !room()) continue;
    try {
      if (current.issueKey) {
        writes += 2;
        await deps.tracker.comment(current.issueKey, 'The finding is resolved; nothing more to do here.');
        await deps.tracker.resolve(current.issueKey);
      }
      const next: WorkItemRef = {
        ...current,
        status: 'done',
        updatedAt: nowIso,
        version: current.version + 1,
      };
      if ((await deps.workItems.put(next, current.version)) && current.issueKey) totals.resolved++;
    } catch {
      totals.failed++;
    }
  }
  return totals;
}
