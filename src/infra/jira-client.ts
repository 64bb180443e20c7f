import type { APIResponse } from '@forge/api';
import type { z } from 'zod';

/**
 * A Jira answer the app did not expect; `retryAfterSeconds` is set on 429/503, `rateLimitReason` from
 * Jira's `RateLimit-Reason` on a 429 (e.g. `jira-quota-tenant-based`: the hourly points quota is spent).
 */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly rateLimitReason?: string,
  ) {
    super(message);
    this.name = 'JiraError';
  }
}

function retryAfter(response: APIResponse): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Waits at most this long for a 429/503 `Retry-After` inside a user-facing call (resolvers have 25 s). */
const MAX_WAIT_SECONDS = 3;
const MAX_RETRIES = 2;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a Jira request, retrying a 429/503 when Jira asks for a short wait (`Retry-After` ≤ 3 s, with
 * jitter, at most twice; FORGE-FACTS §6.3), then checks the answer and parses its body with `schema`,
 * so nothing unchecked reaches the domain. Call sites pass `() => requestJira(route`…`)` inline so
 * `forge lint` can verify the scopes of each path.
 */
export async function readJira<T>(
  request: () => Promise<APIResponse>,
  what: string,
  schema: z.ZodType<T>,
): Promise<T> {
  let response = await request();
  for (let retry = 0; (response.status === 429 || response.status === 503) && retry < MAX_RETRIES; retry++) {
    const wait = retryAfter(response) ?? 1;
    if (wait > MAX_WAIT_SECONDS) break;
    await pause(wait * 1000 + Math.floor(Math.random() * 250));
    response = await request();
  }
  if (!response.ok) {
    throw new JiraError(
      response.status,
      `Jira answered ${response.status} to ${what}`,
      retryAfter(response),
      response.headers.get('ratelimit-reason') ?? undefined,
    );
  }
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new JiraError(response.status, `Unexpected response shape from ${what}: ${parsed.error.message}`);
  }
  return parsed.data;
}
