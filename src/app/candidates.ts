import type {
  Candidate,
  CandidateRestored,
  CandidatesPage,
  DismissedCandidate,
  DismissedPage,
} from '../contract/candidates';
import { accountKind } from '../domain/account-kinds';
import { byCandidateStrength, candidateReasons, isCandidate } from '../domain/candidates';
import type { Invocation, RegistryDeps } from './context';
import { invalid, notFound } from './errors';
import { actedBy } from './acted-by';

/** Users read per directory page, and pages per call (bounded Jira calls per call). */
const USERS_PER_PAGE = 100;
const MAX_PAGES = 5;

/** Untagged, undismissed, active accounts that look like integrations, a site-user page at a time. */
export async function listCandidates(
  input: { pageSize: number; cursor?: string | undefined },
  deps: RegistryDeps,
): Promise<CandidatesPage> {
  const { candidatePatterns } = await deps.settings.get();
  let startAt = input.cursor ? Number(input.cursor) : 0;
  const candidates: Candidate[] = [];
  let done = false;
  for (let page = 0; page < MAX_PAGES && candidates.length < input.pageSize; page++) {
    const users = await deps.directory.listUsers(startAt, USERS_PER_PAGE);
    if (users.length === 0) {
      done = true;
      break;
    }
    startAt += users.length;
    const matches = users.filter((u) => isCandidate(u, candidatePatterns));
    if (matches.length === 0) continue;
    const ids = matches.map((u) => u.accountId);
    const [tagged, dismissed] = await Promise.all([
      deps.accounts.getMany(ids),
      deps.accounts.dismissedAmong(ids),
    ]);
    for (const u of matches) {
      if (tagged.has(u.accountId) || dismissed.has(u.accountId)) continue;
      candidates.push({
        accountId: u.accountId,
        displayName: u.displayName,
        ...(u.emailAddress ? { emailAddress: u.emailAddress } : {}),
        accountType: u.accountType,
        kind: accountKind(u),
        reasons: candidateReasons(u, candidatePatterns),
      });
    }
  }
  // Within what this call scanned, the strongest first (service accounts lead the first page).
  return {
    candidates: byCandidateStrength(candidates),
    scanned: startAt,
    ...(done ? {} : { nextCursor: String(startAt) }),
  };
}

/** Hides a candidate from the list, recorded with who and why (the reason is required). */
export async function dismissCandidate(
  input: { accountId: string; reason: string },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<{ accountId: string; dismissed: true }> {
  const [users, records] = await Promise.all([
    deps.directory.lookup([input.accountId]),
    deps.accounts.getMany([input.accountId]),
  ]);
  const user = users.get(input.accountId);
  if (!user) throw invalid({ accountId: `Jira has no account ${input.accountId}.` });
  if (records.has(input.accountId))
    throw invalid({ accountId: 'This account is in the registry; it is not a candidate.' });
  const at = deps.clock.now().toISOString();
  await deps.audit.commit({
    entry: {
      ...actedBy(inv, at),
      action: 'candidate.dismiss',
      target: { type: 'account', id: input.accountId },
      after: { dismissed: true, displayName: user.displayName, reason: input.reason },
      outcome: 'allowed',
      reason: input.reason,
    },
    dismiss: { accountId: input.accountId, at, by: inv.actorId ?? 'app', reason: input.reason },
  });
  return { accountId: input.accountId, dismissed: true };
}

/** The dismissed candidates, a page at a time, named as Jira knows them now (one bulk look-up per page). */
export async function listDismissed(
  input: { pageSize: number; cursor?: string | undefined },
  deps: RegistryDeps,
): Promise<DismissedPage> {
  const page = await deps.accounts.listDismissed(input.cursor, input.pageSize);
  const users = page.items.length
    ? await deps.directory.lookup(page.items.map((d) => d.accountId))
    : new Map<string, never>();
  const dismissed = page.items.map((d): DismissedCandidate => {
    const u = users.get(d.accountId);
    return {
      accountId: d.accountId,
      ...(u ? { displayName: u.displayName, active: u.active } : {}),
      ...(u?.emailAddress ? { emailAddress: u.emailAddress } : {}),
      dismissedAt: d.at,
      dismissedBy: d.by,
      ...(d.reason ? { reason: d.reason } : {}),
    };
  });
  return { dismissed, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** Puts a dismissed candidate back in the candidates list (recorded, with who; the dismissal is deleted). */
export async function restoreCandidate(
  input: { accountId: string },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<CandidateRestored> {
  const dismissed = await deps.accounts.dismissedAmong([input.accountId]);
  if (!dismissed.has(input.accountId))
    throw notFound('This account is not a dismissed candidate (it may have been restored already).');
  await deps.audit.commit({
    entry: {
      ...actedBy(inv, deps.clock),
      action: 'candidate.restore',
      target: { type: 'account', id: input.accountId },
      before: { dismissed: true },
      after: { dismissed: false },
      outcome: 'allowed',
    },
    restore: { accountId: input.accountId },
  });
  return { accountId: input.accountId, restored: true };
}
