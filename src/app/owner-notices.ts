import type { NoticeDto, OwnerNotices } from '../contract/owner';
import { ADMINS } from '../domain/findings';
import type { Invocation } from './context';
import { AppError } from './errors';
import type { OversightDeps } from './oversight-ports';

/**
 * What needs the caller: their notices (and the admins' when they are one). `showFlag` at most once
 * a UTC day; asking for the flag records the day.
 */
export async function ownerNotices(
  input: { peek?: boolean | undefined },
  inv: Invocation,
  isAdmin: () => Promise<boolean>,
  deps: OversightDeps,
): Promise<OwnerNotices> {
  const me = inv.actorId;
  if (!me) throw new AppError('FORBIDDEN', 'Sign in to Jira to use this app.');
  const [admin, shownOn] = await Promise.all([
    isAdmin(),
    input.peek ? Promise.resolve(undefined) : deps.notices.flagShownOn(me),
  ]);
  // An admin who also owns the account is told once, as its owner; the newest-first order stays.
  const byId = new Map<string, NoticeDto>();
  const now = deps.clock.now().toISOString();
  for (const n of await deps.notices.listFor(admin ? [me, ADMINS] : [me])) {
    // News that asks nothing is told for a while (NEWS_DAYS), then no longer.
    if (n.expiresAt !== undefined && n.expiresAt <= now) continue;
    if (byId.get(n.id)?.as !== 'admin' && byId.has(n.id)) continue;
    byId.set(n.id, n);
  }
  const notices = [...byId.values()];
  const today = now.slice(0, 10);
  const showFlag = !input.peek && notices.length > 0 && shownOn !== today;
  if (showFlag) await deps.notices.markFlagShown(me, today);
  return { showFlag, count: notices.length, notices };
}
