import api, { route } from '@forge/api';
import { z } from 'zod';
import type { UserStateSource, UserStatesAnswer } from '../app/oversight-ports';
import { JIRA_POINTS, parseQuotaHeaders, requestPoints, type QuotaReading } from '../domain/jira-points';
import { toDirectoryUser } from './jira-directory';
import { jiraUser, pageBeanUser } from './jira-schemas';

/** Room for the site's origin in front of the path (`https://<site>.atlassian.net`). */
const ORIGIN_ALLOWANCE = 100;

function bulkParams(ids: readonly string[], startAt: number): URLSearchParams {
  const params = new URLSearchParams(ids.map((id): [string, string] => ['accountId', id]));
  params.set('maxResults', String(ids.length));
  params.set('startAt', String(startAt));
  return params;
}

function retryAfter(value: string | null): number | undefined {
  const n = Number(value);
  return value !== null && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * The sweep's Jira requests, as the app, WITHOUT hidden retries: every 429/503 comes back to the sweep,
 * which waits per its backoff and its time budget. Counts every request.
 */
export function jiraUserStates(): UserStateSource {
  let calls = 0;
  let points = 0;
  let quota: QuotaReading | undefined;
  const send = async (
    request: () => Promise<Awaited<ReturnType<ReturnType<typeof api.asApp>['requestJira']>>>,
  ) => {
    calls++;
    const response = await request();
    // The app's estimate: the base point for any answer but a 429; users are added when counted.
    if (response.status !== 429) points += JIRA_POINTS.base;
    quota =
      parseQuotaHeaders(
        response.headers.get('beta-ratelimit-policy'),
        response.headers.get('beta-ratelimit'),
      ) ?? quota;
    return response;
  };
  const counted = (users: number) => {
    points += requestPoints(users) - JIRA_POINTS.base;
  };
  const classify = (status: number, headers: { get(name: string): string | null }): UserStatesAnswer => {
    if (status === 429 || status === 503) {
      const after = retryAfter(headers.get('retry-after'));
      const quotaSpent = status === 429 && /^jira-quota/.test(headers.get('ratelimit-reason') ?? '');
      return {
        kind: 'busy',
        status,
        ...(after === undefined ? {} : { retryAfterSeconds: after }),
        ...(quotaSpent ? { quotaSpent } : {}),
      };
    }
    if (status === 414) return { kind: 'too-long' };
    return { kind: 'error', status };
  };
  return {
    get calls() {
      return calls;
    },
    get points() {
      return points;
    },
    get quota() {
      return quota;
    },
    urlLength(ids) {
      return ORIGIN_ALLOWANCE + `/rest/api/3/user/bulk?${bulkParams(ids, 0).toString()}`.length;
    },
    async bulk(ids) {
      const users: UserStatesAnswer & { kind: 'ok' } = { kind: 'ok', users: [] };
      for (let startAt = 0; ;) {
        const params = bulkParams(ids, startAt);
        // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-bulk-get
        const response = await send(() =>
          api
            .asApp()
            .requestJira(route`/rest/api/3/user/bulk?${params}`, { headers: { Accept: 'application/json' } }),
        );
        if (response.status === 400 && ids.length > 1) return { kind: 'too-long' };
        if (!response.ok) return classify(response.status, response.headers);
        const page = pageBeanUser.safeParse(await response.json());
        if (!page.success) return { kind: 'error', status: response.status };
        counted(page.data.values.length);
        users.users.push(...page.data.values.map(toDirectoryUser));
        startAt += page.data.values.length;
        if (page.data.isLast !== false || page.data.values.length === 0 || startAt >= ids.length) break;
      }
      return users;
    },
    async page(startAt, maxResults) {
      // Every user, active, inactive or deleted. @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-users-search-get
      const response = await send(() =>
        api.asApp().requestJira(route`/rest/api/3/users/search?startAt=${startAt}&maxResults=${maxResults}`, {
          headers: { Accept: 'application/json' },
        }),
      );
      if (!response.ok) return classify(response.status, response.headers);
      const parsed = z.array(jiraUser).safeParse(await response.json());
      if (!parsed.success) return { kind: 'error', status: response.status };
      counted(parsed.data.length);
      return { kind: 'ok', users: parsed.data.map(toDirectoryUser) };
    },
  };
}
