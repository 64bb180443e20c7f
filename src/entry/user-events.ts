import { z } from 'zod';
import { reevaluatePerson } from '../app/reevaluate-person';
import { appDeps } from './compose';

/** `avi:jira:updated:user` `{user: UserDetails}` and `avi:jira:deleted:user` `{user: User}` (FORGE-FACTS §1.3). */
const userEvent = z.object({ user: z.object({ accountId: z.string().min(1).max(128) }) });

/**
 * The sweep's fast path: a user changed or was deleted → re-evaluate the accounts they are, own or
 * back up. Delivery is at least once; a redelivery finds nothing left to change.
 */
export async function handler(
  event: unknown,
): Promise<{ accounts: number; written: number } | { ignored: true }> {
  const parsed = userEvent.safeParse(event);
  if (!parsed.success) return { ignored: true };
  const result = await reevaluatePerson(parsed.data.user.accountId, appDeps);
  return { accounts: result.accounts, written: result.written };
}
