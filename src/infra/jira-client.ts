import type { APIResponse } from '@forge/api';
import type { z } from 'zod';

/** A Jira answer the app did not expect; `retryAfterSeconds` is set on 429/503. */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'JiraError';
  }
}

function retryAfter(response: APIResponse): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Checks a Jira answer and parses its body with `schema`, so nothing unchecked reaches the domain.
 * Call sites pass `requestJira(route`…`)` inline so `forge lint` can verify the scopes of each path.
 */
export async function readJira<T>(request: Promise<APIResponse>, what: string, schema: z.ZodType<T>): Promise<T> {
  const response = await request;
  if (!response.ok) {
    throw new JiraError(response.status, `Jira answered ${response.status} to ${what}`, retryAfter(response));
  }
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new JiraError(response.status, `Unexpected response shape from ${what}: ${parsed.error.message}`);
  }
  return parsed.data;
}
