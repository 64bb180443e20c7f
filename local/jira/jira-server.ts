/**
 * An HTTP handler answering the Jira Cloud REST API v3 operations the app uses, on a `JiraSite`.
 * Responses follow Atlassian's OpenAPI document (FORGE-FACTS §6; checked by test/jira against the
 * subset in test/fixtures/jira-openapi). Around the operations it simulates what a real site does
 * to a client: latency, a request-URL length limit (414), per endpoint+method burst rate limiting
 * (429 with Jira's rate-limit headers, FORGE-FACTS §6.3), injected faults (429/500/503), and Jira's
 * points-based hourly quotas and per-issue write limit (rate-limits.ts, FORGE-FACTS §10.4).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JiraSite } from './jira-site';
import { fieldRoutes } from './routes-fields';
import { groupRoutes } from './routes-groups';
import { issueRoutes } from './routes-issues';
import { permissionRoutes } from './routes-permissions';
import { transitionRoutes } from './routes-transitions';
import { userRoutes } from './routes-users';
import { workItemRoutes } from './routes-work-items';
import { API, errorCollection } from './representations';
import { LOCAL_DEV_TOKEN } from './seed';
import type { SeedUser } from './seed';
import type { Reply, Route } from './route';
import { createPointsMeter, principalOf } from './rate-limits';
import type { PointsMeter, RatePrincipal } from './rate-limits';

export interface JiraSimOptions {
  /** Added to every response, errors included (default 0). */
  latencyMs: number;
  /** Longest accepted request target (path + query, as on the request line); longer → 414. Default 8192. */
  maxUrlLength: number;
  /** Per endpoint+method burst limit (fixed window) → 429; `null` turns it off. Default 100 per 1 s. */
  burst: { limit: number; windowMs: number } | null;
  /** Shared secret of the local Forge proxy (`Authorization: Bearer <platformToken>`). */
  platformToken: string;
  /** Origin used in `self`, `nextPage` and avatar URLs; default `http://<Host header>`. */
  baseUrl?: string;
  /** The clock of the hourly points windows (rate-limits.ts); default `Date.now`. */
  clock?: () => number;
}

export interface JiraFault {
  status: 429 | 503 | 500;
  count: number;
  /** `Retry-After` in seconds; default 1 for 429 and 503, none for 500. */
  retryAfterSeconds?: number;
  /** Only requests whose target (path + query) matches; default every request. */
  path?: RegExp;
  /** Extra delay before the fault answers. */
  delayMs?: number;
  /** `RateLimit-Reason` of an injected 429; default `jira-burst-based`. */
  reason?: string;
}

export interface JiraSimStats {
  /** Every request that reached the simulator, including 401, 414 and 429 answers. */
  calls: number;
  /** Keyed `METHOD /rest/api/3/template`, e.g. `GET /rest/api/3/user/bulk`. */
  byEndpoint: Record<string, number>;
}

export interface JiraSimulator {
  /** Handles /rest/api/3/* and answers true; anything else → false (not touched). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  configure(options: Partial<JiraSimOptions>): void;
  /** The next `count` requests (matching `path` if given) answer `status` with Retry-After. */
  injectFault(fault: JiraFault): void;
  /** Drops every injected fault not used up yet (`/__local/reset`). */
  clearFaults(): void;
  readonly stats: JiraSimStats;
  resetStats(): void;
  readonly options: Readonly<JiraSimOptions>;
  /** Points per request, hourly quotas and their headers (local/jira/rate-limits.ts). */
  readonly points: PointsMeter;
}

/** Requests bodies above this are refused (Jira's own limits are far below for these operations). */
const MAX_BODY_BYTES = 1024 * 1024;

export const DEFAULT_JIRA_SIM_OPTIONS: Omit<JiraSimOptions, 'platformToken'> = {
  latencyMs: 0,
  maxUrlLength: 8192,
  burst: { limit: 100, windowMs: 1000 },
};

const ROUTES: Route[] = [
  ...userRoutes,
  ...permissionRoutes,
  ...issueRoutes,
  ...transitionRoutes,
  ...workItemRoutes,
  ...fieldRoutes,
  ...groupRoutes,
].map((route) => ({
  ...route,
  pattern: new RegExp(`^${API}${route.template.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
}));

/** `X-RateLimit-Reset` format, ISO 8601 to the minute (`yyyy-MM-ddTHH:mmZ`), rounded up. */
export function rateLimitResetHeader(resetAtMs: number): string {
  const minute = Math.ceil(resetAtMs / 60_000) * 60_000;
  return new Date(minute).toISOString().slice(0, 16) + 'Z';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who is calling: HTTP Basic `<email>:local-dev-token` of an active seeded user (DESIGN.md §4), or the
 * local Forge proxy's `Bearer <platformToken>` with `X-Forge-Principal: app | user:<accountId>`.
 * Inactive accounts are refused like Jira does ("authoriseForLogin denied", FORGE-FACTS §7.5).
 */
function authenticate(site: JiraSite, req: IncomingMessage, platformToken: string): SeedUser | undefined {
  const header = req.headers.authorization ?? '';
  const [scheme = '', credentials = ''] = header.split(/\s+/, 2);
  let user: SeedUser | undefined;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0 || !sameSecret(decoded.slice(colon + 1), LOCAL_DEV_TOKEN)) return undefined;
    user = site.userByEmail(decoded.slice(0, colon));
  } else if (
    scheme.toLowerCase() === 'bearer' &&
    platformToken !== '' &&
    sameSecret(credentials, platformToken)
  ) {
    const principal = req.headers['x-forge-principal'];
    if (principal === 'app') user = site.user(site.appAccountId);
    else if (typeof principal === 'string' && principal.startsWith('user:'))
      user = site.user(principal.slice(5));
  }
  return user?.active ? user : undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function createJiraSimulator(
  site: JiraSite,
  options: Partial<JiraSimOptions> & { platformToken: string },
): JiraSimulator {
  const current: JiraSimOptions = { ...DEFAULT_JIRA_SIM_OPTIONS, ...options };
  const stats: JiraSimStats = { calls: 0, byEndpoint: {} };
  const faults: (JiraFault & { remaining: number })[] = [];
  const windows = new Map<string, { start: number; count: number }>();
  const points = createPointsMeter({
    now: () => (current.clock ?? Date.now)(),
    siteUsers: () => site.users().filter((u) => u.active && u.accountType === 'atlassian').length,
  });

  function takeFault(target: string): JiraFault | undefined {
    const index = faults.findIndex((f) => f.remaining > 0 && (!f.path || f.path.test(target)));
    const fault = faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.splice(index, 1);
    return fault;
  }

  /** Fixed-window counter per endpoint+method; a limited request does not count against the window. */
  function burst(
    endpoint: string,
    now: number,
  ): { limited: boolean; remaining: number; resetAt: number; limit: number } | undefined {
    const limit = current.burst;
    if (!limit) return undefined;
    let window = windows.get(endpoint);
    if (!window || now - window.start >= limit.windowMs) {
      window = { start: now, count: 0 };
      windows.set(endpoint, window);
    }
    const resetAt = window.start + limit.windowMs;
    if (window.count >= limit.limit) return { limited: true, remaining: 0, resetAt, limit: limit.limit };
    window.count += 1;
    return { limited: false, remaining: limit.limit - window.count, resetAt, limit: limit.limit };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const target = req.url ?? '/';
    const base = current.baseUrl ?? `http://${req.headers.host ?? 'localhost'}`;
    const url = new URL(target, base);
    if (url.pathname !== API && !url.pathname.startsWith(`${API}/`)) return false;

    const method = (req.method ?? 'GET').toUpperCase();
    const match = ROUTES.map((route) => ({ route, groups: route.pattern?.exec(url.pathname) })).find(
      (m) => m.groups && m.route.method === method,
    );
    const endpoint = `${method} ${match ? API + match.route.template : url.pathname}`;
    stats.calls += 1;
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;

    const started = Date.now();
    let extraDelay = 0;
    let caller: SeedUser | undefined;
    let metered: RatePrincipal | undefined;
    const headers: Record<string, string> = {};
    const reply = await (async (): Promise<Reply> => {
      // Gateway checks first, in the order a request meets them: URL length, faults, burst limit.
      if (target.length > current.maxUrlLength) {
        return {
          status: 414,
          body: errorCollection([
            `The request URL is too long (${target.length} > ${current.maxUrlLength} characters).`,
          ]),
        };
      }
      const fault = takeFault(target);
      if (fault) {
        extraDelay = fault.delayMs ?? 0;
        const retryAfter = fault.retryAfterSeconds ?? (fault.status === 500 ? undefined : 1);
        if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
        if (fault.status === 429) {
          headers['X-RateLimit-Limit'] = String(current.burst?.limit ?? 100);
          headers['X-RateLimit-Remaining'] = '0';
          headers['X-RateLimit-Reset'] = rateLimitResetHeader(Date.now() + (retryAfter ?? 1) * 1000);
          headers['RateLimit-Reason'] = fault.reason ?? 'jira-burst-based';
        }
        const text = {
          429: 'Rate limit exceeded.',
          500: 'Internal server error.',
          503: 'Service unavailable.',
        }[fault.status];
        return { status: fault.status, body: errorCollection([`${text} (injected fault)`]) };
      }
      const rate = burst(endpoint, Date.now());
      if (rate?.limited) {
        headers['Retry-After'] = String(Math.max(1, Math.ceil((rate.resetAt - Date.now()) / 1000)));
        headers['X-RateLimit-Limit'] = String(rate.limit);
        headers['X-RateLimit-Remaining'] = '0';
        headers['X-RateLimit-Reset'] = rateLimitResetHeader(rate.resetAt);
        headers['RateLimit-Reason'] = 'jira-burst-based';
        return {
          status: 429,
          body: errorCollection(['Rate limit exceeded. Please respect the Retry-After header.']),
        };
      }
      // Jira flags when less than 20 % of a limit is left (FORGE-FACTS §6.3).
      if (rate && rate.remaining < rate.limit * 0.2) headers['X-RateLimit-NearLimit'] = 'true';

      const body = method === 'POST' || method === 'PUT' ? await readBody(req) : Buffer.alloc(0);
      if (body === 'too-large')
        return { status: 413, body: errorCollection(['The request body is too large.']) };

      caller = authenticate(site, req, current.platformToken);
      if (!caller) {
        return {
          status: 401,
          body: errorCollection([
            'You are not authenticated. Authentication required to perform this operation.',
          ]),
        };
      }
      if (!match) {
        const known = ROUTES.some((route) => route.pattern?.test(url.pathname));
        return known
          ? { status: 405, body: errorCollection([`Method ${method} is not supported by this resource.`]) }
          : { status: 404, body: errorCollection([`No local Jira resource at ${url.pathname}.`]) };
      }
      let json: unknown;
      if (body.length > 0) {
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          return {
            status: 400,
            body: errorCollection(['Unexpected character in the request body: not valid JSON.']),
          };
        }
      }
      const params = (match.groups ?? []).slice(1).map((p) => decodeURIComponent(p ?? ''));
      const principal = principalOf(req);
      const issueKey = match.route.template.includes('{issueIdOrKey}') ? params[0] : undefined;
      const limited = points.admit(principal, endpoint, issueKey, headers);
      if (limited) return { status: 429, body: errorCollection([limited.message]) };
      metered = principal;
      return match.route.handler({ site, caller, url, base, params, body: json });
    })();
    if (metered) points.charge(metered, endpoint, reply.status, reply.body, headers);

    const wait = current.latencyMs + extraDelay - (Date.now() - started);
    if (wait > 0) await sleep(wait);
    if (caller) headers['X-AAccountId'] = caller.accountId;
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
    } else {
      const text = JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        ...headers,
        'Content-Type': 'application/json;charset=UTF-8',
        'Content-Length': String(Buffer.byteLength(text)),
      });
      res.end(text);
    }
    return true;
  }

  return {
    handle,
    configure(update) {
      Object.assign(current, update);
      if ('burst' in update) windows.clear();
    },
    injectFault(fault) {
      faults.push({ ...fault, remaining: fault.count });
    },
    clearFaults() {
      faults.length = 0;
    },
    get stats() {
      return stats;
    },
    resetStats() {
      stats.calls = 0;
      for (const key of Object.keys(stats.byEndpoint)) delete stats.byEndpoint[key];
      points.resetStats();
    },
    get options() {
      return current;
    },
    points,
  };
}
