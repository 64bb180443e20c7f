/**
 * Forge KVS + Custom Entity Store emulator on SQLite: answers the `/api/v1/*` protocol that `@forge/kvs` 1.6.5
 * sends through `__forge_fetch__({type:'kvs', provider:'app', remote:'kvs'}, path, init)` (FORGE-FACTS §3, §4).
 *
 * This file routes requests, counts them and injects faults; storage is `store.ts` (SQLite), queries
 * `queries.ts`, batches and transactions `batch.ts`. Deviations from Forge, all deliberate:
 * - TTL: expired items are never returned (Forge deletes them lazily within 48 h, FORGE-FACTS §4.3).
 * - Queries are strictly consistent (Forge: eventually consistent).
 * - Cursors are bound to their query (entity, index, partition, sort); reuse with other parameters → 400.
 */
import { batch, transaction } from './batch.js';
import type { EntityDefinition } from './entities.js';
import { KvsError, badRequest, keyNotFound } from './errors.js';
import { checkKey } from './limits.js';
import { entityQuery, kvsQuery } from './queries.js';
import { type KvsReply, NO_CONTENT, ok } from './reply.js';
import { type Body, KVS, KvsStore, META, SECRETS, type Target, meta, obj } from './store.js';

export type { EntityDefinition } from './entities.js';
export { KvsError } from './errors.js';
export type { KvsReply } from './reply.js';

export interface KvsFault {
  path: string | RegExp;
  status: number;
  code: string;
  message?: string;
  times?: number;
}
export interface KvsStats {
  requests: number;
  reads: number;
  writes: number;
  byPath: Record<string, number>;
}

const READS = new Set([
  '/api/v1/get',
  '/api/v1/query',
  '/api/v1/secret/get',
  '/api/v1/entity/get',
  '/api/v1/entity/query',
  '/api/v1/batch/get',
]);

export class KvsEmulator {
  readonly stats: KvsStats = { requests: 0, reads: 0, writes: 0, byPath: {} };
  private readonly store: KvsStore;
  private faults: (KvsFault & { left: number })[] = [];
  private readonly routes: Record<string, (body: unknown) => KvsReply> = {
    '/api/v1/get': (b) => this.get({ space: KVS }, obj(b)),
    '/api/v1/set': (b) => this.set({ space: KVS }, obj(b)),
    '/api/v1/delete': (b) => this.delete({ space: KVS }, obj(b)),
    '/api/v1/query': (b) => kvsQuery(this.store, obj(b)),
    '/api/v1/secret/get': (b) => this.get({ space: SECRETS }, obj(b)),
    '/api/v1/secret/set': (b) => this.set({ space: SECRETS }, obj(b)),
    '/api/v1/secret/delete': (b) => this.delete({ space: SECRETS }, obj(b)),
    '/api/v1/entity/get': (b) => this.get(this.store.entityTarget(obj(b)), obj(b)),
    '/api/v1/entity/set': (b) => this.set(this.store.entityTarget(obj(b)), obj(b)),
    '/api/v1/entity/delete': (b) => this.delete(this.store.entityTarget(obj(b)), obj(b)),
    '/api/v1/entity/query': (b) => entityQuery(this.store, obj(b)),
    '/api/v1/batch/set': (b) => batch(this.store, b, (t, item) => this.store.setItem(t, item)),
    '/api/v1/batch/get': (b) => batch(this.store, b, (t, item) => this.store.getItem(t, item)),
    '/api/v1/batch/delete': (b) =>
      batch(this.store, b, (t, item) => (this.store.remove(t, checkKey(item.key, !!t.entity)), {})),
    '/api/v1/transaction': (b) => transaction(this.store, obj(b)),
  };

  constructor(opts: { file?: string; entities: EntityDefinition[]; now?: () => number }) {
    this.store = new KvsStore(opts);
  }

  /** One `/api/v1/*` request. Synchronous; never throws for request errors (they become Forge error replies). */
  handle(path: string, body: unknown): KvsReply {
    const route = Object.hasOwn(this.routes, path) ? this.routes[path] : undefined;
    this.stats.requests++;
    this.stats.byPath[path] = (this.stats.byPath[path] ?? 0) + 1;
    if (route) this.stats[READS.has(path) ? 'reads' : 'writes']++;
    const fault = this.takeFault(path);
    if (fault)
      return {
        status: fault.status,
        body: { code: fault.code, message: fault.message ?? `Injected fault ${fault.code}` },
      };
    if (!route) return { status: 404, body: { code: 'NOT_FOUND', message: `No such storage API: ${path}` } };
    try {
      return route(body);
    } catch (e) {
      if (e instanceof KvsError) return { status: e.status, body: e.body };
      return {
        status: 500,
        body: { code: 'INTERNAL_SERVER_ERROR', message: e instanceof Error ? e.message : String(e) },
      };
    }
  }

  /** WHATWG-fetch form of `handle`, for `__forge_fetch__` `{type:'kvs'}` targets. 204 replies have an empty body. */
  fetch(path: string, init?: RequestInit): Promise<Response> {
    const pathname = new URL(path, 'http://kvs.local').pathname;
    let reply: KvsReply;
    if ((init?.method ?? 'GET').toUpperCase() !== 'POST') {
      reply = {
        status: 405,
        body: { code: 'METHOD_NOT_ALLOWED', message: 'Forge storage APIs only accept POST' },
      };
    } else {
      const raw = init?.body;
      let body: unknown;
      try {
        const text =
          typeof raw === 'string'
            ? raw
            : raw instanceof Uint8Array
              ? new TextDecoder().decode(raw)
              : undefined;
        body = text === undefined ? undefined : JSON.parse(text);
      } catch {
        body = Symbol('invalid JSON'); // refused by every route's body check
      }
      reply = this.handle(pathname, body);
    }
    const response =
      reply.body === undefined
        ? new Response(null, { status: reply.status })
        : new Response(JSON.stringify(reply.body), {
            status: reply.status,
            headers: { 'content-type': 'application/json' },
          });
    return Promise.resolve(response);
  }

  resetStats(): void {
    Object.assign(this.stats, { requests: 0, reads: 0, writes: 0, byPath: {} });
  }

  /** The next `times` (default 1) requests whose path matches answer `status` with `{code, message}`. */
  injectFault(fault: KvsFault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Drops every injected fault not used up yet (`/__local/reset`). */
  clearFaults(): void {
    this.faults = [];
  }

  clear(): void {
    this.store.clear();
  }

  close(): void {
    this.store.close();
  }

  // ---- single-key operations -------------------------------------------------------------------------------

  private get(t: Target, b: Body): KvsReply {
    return ok(this.store.getItem(t, b));
  }

  private set(t: Target, b: Body): KvsReply {
    const opts = (b.options ?? {}) as { keyPolicy?: unknown; returnValue?: unknown };
    const policy = opts.keyPolicy ?? 'OVERRIDE';
    if (policy !== 'OVERRIDE' && policy !== 'FAIL_IF_EXISTS')
      throw badRequest('BAD_REQUEST', 'keyPolicy must be OVERRIDE or FAIL_IF_EXISTS');
    const ret = opts.returnValue;
    if (ret !== undefined && (policy !== 'OVERRIDE' || (ret !== 'PREVIOUS' && ret !== 'LATEST')))
      throw badRequest('BAD_REQUEST', 'returnValue must be PREVIOUS or LATEST and needs keyPolicy OVERRIDE');
    const { prev, row } = this.store.setItem(t, b, policy === 'FAIL_IF_EXISTS');
    const out = ret === 'PREVIOUS' ? prev : ret === 'LATEST' ? row : undefined;
    return out
      ? ok({ key: out.key, value: JSON.parse(out.value) as unknown, ...meta(out, META) })
      : NO_CONTENT;
  }

  private delete(t: Target, b: Body): KvsReply {
    // A missing key answers 404 KEY_NOT_FOUND, which the SDK swallows (storage-api.js handleKeyNotFound).
    if (!this.store.remove(t, checkKey(b.key, !!t.entity))) throw keyNotFound();
    return NO_CONTENT;
  }

  private takeFault(path: string): KvsFault | undefined {
    const i = this.faults.findIndex((f) =>
      typeof f.path === 'string' ? f.path === path : f.path.test(path),
    );
    const f = this.faults[i];
    if (!f) return undefined;
    if (--f.left <= 0) this.faults.splice(i, 1);
    return f;
  }
}
