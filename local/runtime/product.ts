/**
 * Where the app's product requests (`requestJira`) go: the local Jira simulator over HTTP, or a real
 * Jira Cloud site. The runtime decides the principal (app or user); the transport only authenticates.
 */

export type Principal = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface ProductTransport {
  fetch(principal: Principal, path: string, init: RequestInit): Promise<Response>;
}

/** Joins a base URL and a `/rest/...` path without doubling or dropping slashes. */
function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

function withHeaders(init: RequestInit, extra: Record<string, string>): RequestInit {
  const headers = new Headers(init.headers);
  // The Forge proxy authenticates; whatever the app set is replaced.
  headers.delete('authorization');
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return { ...init, headers };
}

/**
 * The local Jira simulator. It trusts `Authorization: Bearer <platformToken>` (the shared secret of
 * this local "Forge proxy") and acts as the principal named in `X-Forge-Principal`.
 */
export function localJiraTransport(baseUrl: string, platformToken: string): ProductTransport {
  return {
    fetch(principal, path, init) {
      const who = principal.kind === 'app' ? 'app' : `user:${principal.accountId}`;
      return fetch(
        joinUrl(baseUrl, path),
        withHeaders(init, { authorization: `Bearer ${platformToken}`, 'x-forge-principal': who }),
      );
    },
  };
}

/**
 * A real Jira Cloud site (`JIRA_BASE_URL`, `JIRA_EMAIL`, `JIRA_API_TOKEN`).
 *
 * LIMIT: an API token authenticates exactly one Atlassian account. Every principal, `asApp()` and
 * `asUser(anyone)` alike, therefore reaches the site as the token's owner: the site answers with
 * that user's permissions and `/myself` is always that user. On Forge, `asApp()` would be the app's
 * own account and `asUser()` the invoking user. Use this mode to check the app against real Jira
 * responses, not to test per-user authorization.
 */
export function realJiraTransport(baseUrl: string, email: string, apiToken: string): ProductTransport {
  const basic = Buffer.from(`${email}:${apiToken}`).toString('base64');
  return {
    fetch(_principal, path, init) {
      return fetch(joinUrl(baseUrl, path), withHeaders(init, { authorization: `Basic ${basic}` }));
    },
  };
}
