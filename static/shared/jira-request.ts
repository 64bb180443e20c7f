/**
 * Reads from Jira's REST API as the signed-in user (`requestJira` of `@forge/bridge`), with the app's
 * wording for failures: a rate limit in Jira's own words (`RateLimit-Reason`, `Retry-After` when Forge
 * passes them), anything else as "Jira answered …". The caller parses the JSON it gets.
 */
import { requestJira } from '@forge/bridge';
import { rateLimitKind, rateLimitMessage } from '@contract/rate-limit';
import { ApiError } from './api';

/** GETs `path` (a `/rest/api/3/…` path with its query) and answers the parsed JSON body. */
export async function getJira(path: string, what: string): Promise<unknown> {
  let response: Awaited<ReturnType<typeof requestJira>>;
  try {
    response = await requestJira(path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    const reason = e instanceof Error && e.message ? e.message : String(e);
    throw new ApiError('UNAVAILABLE', `Jira could not be reached: ${reason}`);
  }
  if (response.status === 429) {
    const after = Number(response.headers.get('retry-after') ?? Number.NaN);
    throw new ApiError(
      'RATE_LIMITED',
      rateLimitMessage(
        rateLimitKind(response.headers.get('ratelimit-reason')),
        Number.isFinite(after) ? after : undefined,
        new Date(),
      ),
    );
  }
  if (response.status === 401 || response.status === 403)
    throw new ApiError('FORBIDDEN', `Jira did not let you read ${what}.`);
  if (!response.ok)
    throw new ApiError('INTERNAL', `Jira answered ${String(response.status)} when asked for ${what}.`);
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new ApiError('INTERNAL', `Jira answered ${what} with something that is not JSON.`);
  }
}
