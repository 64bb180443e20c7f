/**
 * The control API of the local site (`/__local/*`, DESIGN.md §4) and the webtrigger endpoint
 * (`/x/<moduleKey>`). Local use only: nothing here exists on a real Forge site.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JiraFault, JiraSimOptions, JiraSimulator } from '../jira/jira-server.js';
import type { JiraSite } from '../jira/jira-site.js';
import { AVATAR_PATH_PREFIX, avatarSvg } from '../jira/avatars.js';
import type { KvsEmulator, KvsFault } from '../kvs/kvs-emulator.js';
import type { Manifest } from '../runtime/manifest.js';
import { findModule } from '../runtime/manifest.js';
import type { ForgeRuntime, WebtriggerRequest } from '../runtime/runtime.js';
import { isTimeout } from '../runtime/runtime.js';
import { OrgAuditWebhooks } from './org-audit-webhooks.js';
import { transitionByName } from './transition-control.js';
import { applyQuotaUpdate, parseQuotaUpdate } from './control-points.js';

/** The cookie the shell keeps the "acting as" user in (an email address). */
export const AS_COOKIE = 'forge-local-as';
export const DEFAULT_AS_EMAIL = 'admin@example.com';
/** Forge's limit on a front-end `invoke` request (FORGE-FACTS.md §5). */
const MAX_INVOKE_BYTES = 500 * 1024;
/** Forge's invocation payload limit, applied to webtrigger bodies. */
const MAX_WEBTRIGGER_BYTES = 5 * 1024 * 1024;

export interface ControlDeps {
  manifest: Manifest;
  site: JiraSite;
  kvs: KvsEmulator;
  jira: JiraSimulator;
  runtime: ForgeRuntime;
  /** Jira back to the seed, KVS emptied, the app's seed run again. */
  reset(): Promise<void>;
  /** The organization's audit-log webhooks (deliveries on deactivate/activate). */
  orgAudit?: OrgAuditWebhooks;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body === undefined ? null : body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

const fail = (res: ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { error: { code, message } });

class TooLarge extends Error {}

/**
 * The body, up to `limit` bytes. Past the limit it stops reading (without destroying the request, so the
 * 413 can still be answered); the answer then closes the connection, whose unread rest is dropped.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      // Keep the socket flowing into nowhere until the 413 is written and the connection closed.
      req.resume();
      reject(new TooLarge(`request body exceeds ${limit} bytes`));
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

/** JSON object body; `undefined` when it is not one (the caller answers 400). */
async function readJson(
  req: IncomingMessage,
  limit = 1024 * 1024,
): Promise<Record<string, unknown> | undefined> {
  const text = (await readBody(req, limit)).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const POST = 'POST';

export function createControlApi(deps: ControlDeps): Handler {
  const { manifest, site, kvs, jira, runtime } = deps;
  const orgAudit = deps.orgAudit ?? new OrgAuditWebhooks(site);

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req, MAX_INVOKE_BYTES);
    if (!body) return fail(res, 400, 'BAD_REQUEST', 'body must be a JSON object');
    const { moduleKey, functionKey, payload, as, extension } = body;
    if (typeof moduleKey !== 'string' || typeof functionKey !== 'string') {
      return fail(res, 400, 'BAD_REQUEST', 'moduleKey and functionKey must be strings');
    }
    if (
      extension !== undefined &&
      (typeof extension !== 'object' || extension === null || Array.isArray(extension))
    ) {
      return fail(res, 400, 'BAD_REQUEST', 'extension must be an object');
    }
    const mod = findModule(manifest, moduleKey);
    if (!mod) return fail(res, 404, 'UNKNOWN_MODULE', `no module '${moduleKey}' in manifest.yml`);
    if (!mod.resolverFunction) return fail(res, 400, 'NO_RESOLVER', `module '${moduleKey}' has no resolver`);
    const email = typeof as === 'string' && as !== '' ? as : (readCookie(req, AS_COOKIE) ?? DEFAULT_AS_EMAIL);
    const user = site.userByEmail(email);
    if (!user) return fail(res, 400, 'UNKNOWN_USER', `no seeded user with email '${email}'`);
    // A deactivated account cannot sign in to Jira, so it cannot open a page that invokes anything.
    if (!user.active) return fail(res, 403, 'USER_INACTIVE', `'${email}' is deactivated and cannot sign in`);
    try {
      const result = await runtime.invokeResolver({
        moduleKey,
        functionKey,
        payload,
        accountId: user.accountId,
        extension: extension as Record<string, unknown> | undefined,
      });
      sendJson(res, 200, result);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      fail(res, 500, isTimeout(e) ? 'FUNCTION_TIME_OUT' : 'FUNCTION_ERROR', message);
    }
  }

  function state() {
    return {
      users: site.users().map((u) => ({
        accountId: u.accountId,
        email: u.emailAddress,
        displayName: u.displayName,
        accountType: u.accountType,
        active: u.active,
      })),
      kvs: kvs.stats,
      jira: {
        stats: jira.stats,
        options: { ...jira.options, platformToken: undefined, clock: undefined },
        points: jira.points.state(),
      },
      invocations: runtime.invocations,
    };
  }

  async function jiraConfig(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (!body) return fail(res, 400, 'BAD_REQUEST', 'body must be a JSON object');
    const patch: Partial<JiraSimOptions> = {};
    if (typeof body.latencyMs === 'number') patch.latencyMs = body.latencyMs;
    if (typeof body.maxUrlLength === 'number') patch.maxUrlLength = body.maxUrlLength;
    if (body.burst === null) patch.burst = null;
    else if (typeof body.burst === 'object' && body.burst !== null) {
      const b = body.burst as { limit?: unknown; windowMs?: unknown };
      if (typeof b.limit !== 'number' || typeof b.windowMs !== 'number') {
        return fail(res, 400, 'BAD_REQUEST', 'burst must be null or { limit, windowMs }');
      }
      patch.burst = { limit: b.limit, windowMs: b.windowMs };
    }
    jira.configure(patch);
    sendJson(res, 200, { ok: true, options: { ...jira.options, platformToken: undefined } });
  }

  async function jiraFaults(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const status = body?.status;
    if (!body || (status !== 429 && status !== 503 && status !== 500) || typeof body.count !== 'number') {
      return fail(
        res,
        400,
        'BAD_REQUEST',
        'expected { status: 429|503|500, count, retryAfterSeconds?, path? (regex), delayMs? }',
      );
    }
    const fault: JiraFault = { status, count: body.count };
    if (typeof body.retryAfterSeconds === 'number') fault.retryAfterSeconds = body.retryAfterSeconds;
    if (typeof body.delayMs === 'number') fault.delayMs = body.delayMs;
    if (typeof body.reason === 'string') fault.reason = body.reason;
    if (typeof body.path === 'string') fault.path = new RegExp(body.path);
    jira.injectFault(fault);
    sendJson(res, 200, { ok: true });
  }

  async function kvsFaults(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (
      !body ||
      typeof body.status !== 'number' ||
      typeof body.code !== 'string' ||
      typeof body.path !== 'string'
    ) {
      return fail(
        res,
        400,
        'BAD_REQUEST',
        'expected { path (exact, or regex with pathIsRegex), status, code, message?, times? }',
      );
    }
    const fault: KvsFault = {
      path: body.pathIsRegex === true ? new RegExp(body.path) : body.path,
      status: body.status,
      code: body.code,
    };
    if (typeof body.message === 'string') fault.message = body.message;
    if (typeof body.times === 'number') fault.times = body.times;
    kvs.injectFault(fault);
    sendJson(res, 200, { ok: true });
  }

  async function webtrigger(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    moduleKey: string,
  ): Promise<void> {
    const mod = findModule(manifest, moduleKey);
    if (!mod || mod.kind !== 'webtrigger') return fail(res, 404, 'NOT_FOUND', `no webtrigger '${moduleKey}'`);
    const body = await readBody(req, MAX_WEBTRIGGER_BYTES);
    const queryParameters: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) (queryParameters[k] ??= []).push(v);
    const headers: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(req.headersDistinct)) if (v) headers[k.toLowerCase()] = v;
    const request: WebtriggerRequest = {
      method: req.method ?? 'GET',
      headers,
      body: body.toString('utf8'),
      path: url.pathname,
      userPath: url.pathname.slice(`/x/${moduleKey}`.length),
      queryParameters,
    };
    const out = await runtime.runWebtrigger(moduleKey, request);
    for (const [name, values] of Object.entries(out.headers ?? {})) res.setHeader(name, values);
    res.statusCode = out.statusCode;
    if (out.statusText) res.statusMessage = out.statusText;
    res.end(out.body ?? '');
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const x = /^\/x\/([^/]+)/.exec(path);
    if (x) {
      await webtrigger(req, res, url, decodeURIComponent(x[1]!));
      return true;
    }
    if (!path.startsWith('/__local/')) return false;

    if (path.startsWith(AVATAR_PATH_PREFIX) && method === 'GET') {
      const id = decodeURIComponent(path.slice(AVATAR_PATH_PREFIX.length).replace(/\.svg$/, ''));
      const user = site.user(id);
      if (!user) return (fail(res, 404, 'NOT_FOUND', 'unknown account'), true);
      const size = Math.min(Math.max(Number(url.searchParams.get('s')) || 48, 16), 256);
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' });
      res.end(avatarSvg(user, size));
      return true;
    }
    if (path === '/__local/state' && method === 'GET') return (sendJson(res, 200, state()), true);
    if (path === '/__local/org/audit-log-webhooks' && method === 'GET')
      return (sendJson(res, 200, { webhooks: orgAudit.list(), deliveries: orgAudit.deliveries }), true);
    if (method !== POST) return false;

    if (path === '/__local/invoke') return (await invoke(req, res), true);
    const user = /^\/__local\/users\/([^/]+)\/(deactivate|activate)$/.exec(path);
    if (user) {
      const accountId = decodeURIComponent(user[1]!);
      const active = user[2] === 'activate';
      if (!site.setActive(accountId, active))
        return (fail(res, 404, 'NOT_FOUND', `no user '${accountId}'`), true);
      const actor = site.userByEmail(readCookie(req, AS_COOKIE) ?? DEFAULT_AS_EMAIL)?.accountId;
      const deliveries = orgAudit.deliver(active ? 'activate' : 'deactivate', accountId, actor);
      return (sendJson(res, 200, { ok: true, accountId, active, auditWebhookDeliveries: deliveries }), true);
    }
    if (path === '/__local/org/audit-log-webhooks') {
      const registered = orgAudit.register((await readJson(req)) ?? {});
      if ('problem' in registered) return (fail(res, 400, 'BAD_REQUEST', registered.problem), true);
      return (
        sendJson(res, 201, { ...registered, authorization: registered.authorization ? '(set)' : undefined }),
        true
      );
    }
    const move = /^\/__local\/issues\/([^/]+)\/transition$/.exec(path);
    if (move) {
      const body = await readJson(req);
      if (!body)
        return (fail(res, 400, 'BAD_REQUEST', 'body must be {"to": "<status>", "as": "<email>"}'), true);
      const email =
        typeof body.as === 'string' && body.as !== ''
          ? body.as
          : (readCookie(req, AS_COOKIE) ?? DEFAULT_AS_EMAIL);
      const answer = await transitionByName(site, decodeURIComponent(move[1]!), body.to, email);
      return (sendJson(res, answer.status, answer.body), true);
    }
    const scheduled = /^\/__local\/scheduled\/([^/]+)$/.exec(path);
    if (scheduled) {
      const key = decodeURIComponent(scheduled[1]!);
      if (findModule(manifest, key)?.kind !== 'scheduledTrigger') {
        return (fail(res, 404, 'NOT_FOUND', `no scheduledTrigger '${key}'`), true);
      }
      return (sendJson(res, 200, await runtime.runScheduledTrigger(key)), true);
    }
    const trigger = /^\/__local\/trigger\/([^/]+)$/.exec(path);
    if (trigger) {
      const key = decodeURIComponent(trigger[1]!);
      if (findModule(manifest, key)?.kind !== 'trigger')
        return (fail(res, 404, 'NOT_FOUND', `no trigger '${key}'`), true);
      const event = await readJson(req);
      if (!event) return (fail(res, 400, 'BAD_REQUEST', 'body must be the event as a JSON object'), true);
      return (sendJson(res, 200, await runtime.runProductTrigger(key, event)), true);
    }
    if (path === '/__local/reset') {
      try {
        await deps.reset();
      } catch (e) {
        // Loud: a half-seeded site must not pass for a fresh one.
        console.error('[forge-local] reset failed:', e);
        return (fail(res, 500, 'SEED_FAILED', e instanceof Error ? e.message : String(e)), true);
      }
      return (sendJson(res, 200, { ok: true }), true);
    }
    if (path === '/__local/stats/reset') {
      kvs.resetStats();
      jira.resetStats();
      return (sendJson(res, 200, { ok: true }), true);
    }
    if (path === '/__local/jira/config') return (await jiraConfig(req, res), true);
    if (path === '/__local/jira/faults') return (await jiraFaults(req, res), true);
    if (path === '/__local/jira/quota') {
      const body = await readJson(req);
      if (!body) return (fail(res, 400, 'BAD_REQUEST', 'body must be a JSON object'), true);
      const update = parseQuotaUpdate(body);
      if (!update.ok) return (fail(res, 400, 'BAD_REQUEST', update.message), true);
      return (sendJson(res, 200, { ok: true, points: applyQuotaUpdate(jira, update) }), true);
    }
    if (path === '/__local/kvs/faults') return (await kvsFaults(req, res), true);
    return false;
  }

  return async (req, res, url) => {
    try {
      return await route(req, res, url);
    } catch (e) {
      if (e instanceof TooLarge) {
        // The rest of the body is still on the wire: this connection cannot carry another request.
        res.setHeader('connection', 'close');
        return (fail(res, 413, 'PAYLOAD_TOO_LARGE', e.message), true);
      }
      throw e;
    }
  };
}
