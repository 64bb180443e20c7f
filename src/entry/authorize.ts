import { AppError, forbidden } from '../app/errors';
import type { CallerPermissions } from '../app/ports';

export interface ResolverContext {
  accountId?: string;
  moduleKey?: string;
}

/**
 * Decides on the server, from the platform's `context.accountId` (never from the payload), that the
 * caller is a Jira admin; returns their account id.
 */
export async function requireJiraAdmin(
  context: ResolverContext,
  permissions: CallerPermissions,
): Promise<string> {
  const accountId = context.accountId;
  if (!accountId) throw new AppError('FORBIDDEN', 'Sign in to Jira to use this app.');
  if (!(await permissions.isJiraAdmin())) throw forbidden();
  return accountId;
}
