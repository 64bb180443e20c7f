/**
 * Forge KVS + Custom Entity Store emulator on SQLite: answers the `/api/v1/*` protocol that `@forge/kvs` 1.6.5
 * sends through `__forge_fetch__({type:'kvs', provider:'app', remote:'kvs'}, path, init)` (FORGE-FACTS §3, §4).
 *
 * Storage: `items` holds every KVS value, secret and entity item (`space` = '' | '#secret' | entity name);
 * `idx` holds one row per (entity, index, partition, range value, key) for every item that has all the index's
 * attributes, so an entity query is an index range scan (no full scan) and items missing an attribute are not
 * in that index. Deviations from Forge, all deliberate:
 * - TTL: expired items are never returned (Forge deletes them lazily within 48 h, FORGE-FACTS §4.3).
 * - Queries are strictly consistent (Forge: eventually consistent).
 * - Cursors are bound to their query (entity, index, partition, sort); reuse with other parameters → 400.
 */
import Database from 'better-sqlite3';
import {
  type Clause,
  type Filters,
  RANGE_CONDITIONS,
  checkClause,
  checkFilters,
  rangeSql,
  sqlValue,
  testFilters,
} from './conditions.js';
import {
  BY_KEY,
  type Entity,
  type EntityDefinition,
  type IndexDef,
  checkEntityValue,
  compileEntity,
  hasType,
  lookupEntity,
} from './entities.js';
import { KvsError, badRequest, conditionFailed, keyConflict, keyNotFound } from './errors.js';
import {
  DEFAULT_PAGE,
  MAX_BATCH_ITEMS,
  MAX_PAGE,
  MAX_TRANSACTION_OPS,
  checkKey,
  checkValue,
  ttlMs,
} from './limits.js';

export type { EntityDefinition } from './entities.js';
export { KvsError } from './errors.js';

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
export interface KvsReply {
  status: number;
  body?: unknown;
}

const KVS = '';
const SECRETS = '#secret'; // cannot clash with an entity name (FORGE-FACTS §4.3: entity names are [a-z0-9:-_.])
const READS = new Set([
  '/api/v1/get',
  '/api/v1/query',
  '/api/v1/secret/get',
  '/api/v1/entity/get',
  '/api/v1/entity/query',
  '/api/v1/batch/get',
]);
const META = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];

interface Target {
  space: string;
  entity?: Entity;
}
interface Row {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}
type Body = Record<string, unknown>;
type SqlParam = string | number | null;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS items (
  space TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER,
  PRIMARY KEY (space, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idx (
  space TEXT NOT NULL, idx TEXT NOT NULL, part TEXT NOT NULL, rng NOT NULL, key TEXT NOT NULL,
  PRIMARY KEY (space, idx, part, rng, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_item ON idx (space, key);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);`;

const ok = (body: unknown): KvsReply => ({ status: 200, body });
const NO_CONTENT: KvsReply = { status: 204 };

function obj(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('BAD_REQUEST', 'Provided request body is invalid');
  return body as Body;
}

function metadataFields(options: unknown): string[] {
  const fields = (options as { metadataFields?: unknown } | undefined)?.metadataFields;
  if (fields === undefined) return [];
  if (!Array.isArray(fields) || !fields.every((f) => META.includes(f as string)))
    throw badRequest('BAD_REQUEST', `metadataFields must be a subset of ${META.join(', ')}`);
  return fields as string[];
}

/** Metadata as @forge/kvs tests pin it: createdAt/updatedAt epoch seconds, expireTime ISO-8601 (FORGE-FACTS §4.1). */
function meta(r: Row, fields: string[]): { createdAt?: number; updatedAt?: number; expireTime?: string } {
  return {
    ...(fields.includes('CREATED_AT') && { createdAt: Math.floor(r.created_at / 1000) }),
    ...(fields.includes('UPDATED_AT') && { updatedAt: Math.floor(r.updated_at / 1000) }),
    ...(fields.includes('EXPIRE_TIME') &&
      r.expire_at !== null && { expireTime: new Date(r.expire_at).toISOString() }),
  };
}

const encodeCursor = (c: unknown): string => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: unknown, query: string): { r: SqlParam; k: string } {
  try {
    const c = JSON.parse(Buffer.from(String(raw), 'base64url').toString()) as {
      q?: unknown;
      r?: SqlParam;
      k?: unknown;
    };
    if (typeof raw === 'string' && c.q === query && typeof c.k === 'string')
      return { r: c.r ?? null, k: c.k };
  } catch {
    /* fall through */
  }
  throw badRequest('BAD_REQUEST', 'Invalid cursor (cursors are only valid for the query that returned them)');
}

export class KvsEmulator {
  readonly stats: KvsStats = { requests: 0, reads: 0, writes: 0, byPath: {} };
  private readonly db: Database.Database;
  private readonly entities: Map<string, Entity>;
  private readonly now: () => number;
  private faults: (KvsFault & { left: number })[] = [];
  private readonly stmts = new Map<string, Database.Statement>();
  private readonly routes: Record<string, (body: unknown) => KvsReply> = {
    '/api/v1/get': (b) => this.get({ space: KVS }, obj(b)),
    '/api/v1/set': (b) => this.set({ space: KVS }, obj(b)),
    '/api/v1/delete': (b) => this.delete({ space: KVS }, obj(b)),
    '/api/v1/query': (b) => this.query(obj(b)),
    '/api/v1/secret/get': (b) => this.get({ space: SECRETS }, obj(b)),
    '/api/v1/secret/set': (b) => this.set({ space: SECRETS }, obj(b)),
    '/api/v1/secret/delete': (b) => this.delete({ space: SECRETS }, obj(b)),
    '/api/v1/entity/get': (b) => this.get(this.entityTarget(obj(b)), obj(b)),
    '/api/v1/entity/set': (b) => this.set(this.entityTarget(obj(b)), obj(b)),
    '/api/v1/entity/delete': (b) => this.delete(this.entityTarget(obj(b)), obj(b)),
    '/api/v1/entity/query': (b) => this.entityQuery(obj(b)),
    '/api/v1/batch/set': (b) => this.batch(b, (t, item) => this.setItem(t, item)),
    '/api/v1/batch/get': (b) => this.batch(b, (t, item) => this.getItem(t, item)),
    '/api/v1/batch/delete': (b) =>
      this.batch(b, (t, item) => (this.remove(t, checkKey(item.key, !!t.entity)), {})),
    '/api/v1/transaction': (b) => this.transaction(obj(b)),
  };

  constructor(opts: { file?: string; entities: EntityDefinition[]; now?: () => number }) {
    this.entities = new Map(opts.entities.map((d) => [d.name, compileEntity(d)]));
    this.now = opts.now ?? Date.now;
    const file = opts.file ?? ':memory:';
    this.db = new Database(file);
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL'); // with WAL: durable across app crashes, fast enough for 10k-item seeds
    this.db.exec(SCHEMA);
    this.syncIndexes(JSON.stringify(opts.entities));
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
    this.db.exec('DELETE FROM items; DELETE FROM idx;');
  }

  close(): void {
    this.db.close();
  }

  // ---- single-key operations -------------------------------------------------------------------------------

  private entityTarget(b: Body): Target {
    const entity = lookupEntity(this.entities, b.entityName);
    return { space: entity.name, entity };
  }

  private get(t: Target, b: Body): KvsReply {
    return ok(this.getItem(t, b));
  }

  private getItem(t: Target, b: Body): Body {
    const key = checkKey(b.key, !!t.entity);
    const fields = metadataFields(b.options);
    const row = this.read(t.space, key);
    if (!row) throw keyNotFound();
    return { key, value: JSON.parse(row.value) as unknown, ...meta(row, fields) };
  }

  private set(t: Target, b: Body): KvsReply {
    const opts = (b.options ?? {}) as { keyPolicy?: unknown; returnValue?: unknown };
    const policy = opts.keyPolicy ?? 'OVERRIDE';
    if (policy !== 'OVERRIDE' && policy !== 'FAIL_IF_EXISTS')
      throw badRequest('BAD_REQUEST', 'keyPolicy must be OVERRIDE or FAIL_IF_EXISTS');
    const ret = opts.returnValue;
    if (ret !== undefined && (policy !== 'OVERRIDE' || (ret !== 'PREVIOUS' && ret !== 'LATEST')))
      throw badRequest('BAD_REQUEST', 'returnValue must be PREVIOUS or LATEST and needs keyPolicy OVERRIDE');
    const { prev, row } = this.setItem(t, b, policy === 'FAIL_IF_EXISTS');
    const out = ret === 'PREVIOUS' ? prev : ret === 'LATEST' ? row : undefined;
    return out
      ? ok({ key: out.key, value: JSON.parse(out.value) as unknown, ...meta(out, META) })
      : NO_CONTENT;
  }

  /** Validates and writes one item; the read-check-write runs in one SQLite transaction (atomic FAIL_IF_EXISTS). */
  private setItem(t: Target, b: Body, failIfExists = false): { prev?: Row; row: Row } {
    const key = checkKey(b.key, !!t.entity);
    const json = checkValue(b.value);
    const value = t.entity ? checkEntityValue(t.entity, b.value) : undefined;
    const ttl = ttlMs((b.options as { ttl?: unknown } | undefined)?.ttl);
    return this.db.transaction(() => {
      const prev = this.read(t.space, key);
      if (prev && failIfExists) throw keyConflict(key);
      return { prev, row: this.write(t, key, json, value, ttl, prev) };
    })();
  }

  private delete(t: Target, b: Body): KvsReply {
    // A missing key answers 404 KEY_NOT_FOUND, which the SDK swallows (storage-api.js handleKeyNotFound).
    if (!this.remove(t, checkKey(b.key, !!t.entity))) throw keyNotFound();
    return NO_CONTENT;
  }

  // ---- storage primitives -------------------------------------------------------------------------------------

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** The live (not expired) row, if any. */
  private read(space: string, key: string): Row | undefined {
    return this.stmt(
      'SELECT key, value, created_at, updated_at, expire_at FROM items WHERE space = ? AND key = ? AND (expire_at IS NULL OR expire_at > ?)',
    ).get(space, key, this.now()) as Row | undefined;
  }

  private write(
    t: Target,
    key: string,
    json: string,
    value: Body | undefined,
    ttl: number | undefined,
    prev: Row | undefined,
  ): Row {
    const now = this.now();
    const row: Row = {
      key,
      value: json,
      created_at: prev?.created_at ?? now,
      updated_at: now,
      expire_at: ttl ? now + ttl : null,
    };
    this.stmt(
      `INSERT INTO items (space, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (space, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at,
       updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
    ).run(t.space, key, json, row.created_at, row.updated_at, row.expire_at);
    if (t.entity && value) this.reindex(t.entity, key, value);
    return row;
  }

  /** Deletes the item (live or expired); true if a live item was there. */
  private remove(t: Target, key: string): boolean {
    const live = this.read(t.space, key) !== undefined;
    this.stmt('DELETE FROM items WHERE space = ? AND key = ?').run(t.space, key);
    this.stmt('DELETE FROM idx WHERE space = ? AND key = ?').run(t.space, key);
    return live;
  }

  /** An item is in an index only if it has every partition attribute and the range attribute. */
  private reindex(entity: Entity, key: string, value: Body): void {
    this.stmt('DELETE FROM idx WHERE space = ? AND key = ?').run(entity.name, key);
    for (const ix of entity.indexes.values()) {
      const attrs = [...ix.partition, ix.range];
      if (attrs.some((a) => value[a] === undefined)) continue;
      this.stmt('INSERT INTO idx (space, idx, part, rng, key) VALUES (?, ?, ?, ?, ?)').run(
        entity.name,
        ix.name,
        JSON.stringify(ix.partition.map((a) => value[a])),
        sqlValue(value[ix.range]),
        key,
      );
    }
  }

  /** Rebuilds `idx` when the entity definitions differ from those a file-backed store was last opened with. */
  private syncIndexes(signature: string): void {
    const stored = this.db.prepare("SELECT v FROM meta WHERE k = 'entities'").get() as
      { v: string } | undefined;
    if (stored?.v === signature) return;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM idx');
      for (const entity of this.entities.values()) {
        const rows = this.db
          .prepare('SELECT key, value FROM items WHERE space = ?')
          .all(entity.name) as Row[];
        for (const r of rows) this.reindex(entity, r.key, JSON.parse(r.value) as Body);
      }
      this.db.prepare("INSERT OR REPLACE INTO meta (k, v) VALUES ('entities', ?)").run(signature);
    })();
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

  // ---- queries ------------------------------------------------------------------------------------------------

  /** KVS `query`: key-ordered, optional `BEGINS_WITH` on `key`, `after` cursor, limit default 10, max 100. */
  private query(b: Body): KvsReply {
    const limit = b.limit ?? DEFAULT_PAGE;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
      throw badRequest('BAD_REQUEST', 'limit must be a positive integer');
    if (limit > MAX_PAGE)
      throw badRequest('LIST_QUERY_LIMIT_EXCEEDED', `The limit should be below ${MAX_PAGE}`);
    const fields = metadataFields(b.options);
    const where = b.where ?? [];
    if (!Array.isArray(where) || where.length > 1)
      throw badRequest('QUERY_WHERE_INVALID', 'where takes one condition');
    let sql =
      'SELECT key, value, created_at, updated_at, expire_at FROM items WHERE space = ? AND (expire_at IS NULL OR expire_at > ?)';
    const params: SqlParam[] = [KVS, this.now()];
    for (const w of where as { property?: unknown; condition?: unknown; values?: unknown }[]) {
      if (w?.property !== 'key')
        throw badRequest('QUERY_WHERE_FIELD_INVALID', 'Only the "key" property can be queried');
      const values = Array.isArray(w.values) ? (w.values as unknown[]) : [];
      const prefix = values[0];
      if (w.condition !== 'BEGINS_WITH' || typeof prefix !== 'string' || values.length !== 1)
        throw badRequest('QUERY_WHERE_INVALID', 'Only BEGINS_WITH with one string value is supported');
      const r = rangeSql('key', { condition: 'BEGINS_WITH', values: [prefix] });
      sql += ` AND ${r.sql}`;
      params.push(...r.params);
    }
    if (b.after !== undefined) {
      sql += ' AND key > ?';
      params.push(decodeCursor(b.after, 'kvs').k);
    }
    const rows = this.stmt(`${sql} ORDER BY key LIMIT ?`).all(...params, limit + 1) as Row[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return ok({
      data: page.map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown, ...meta(r, fields) })),
      ...(rows.length > limit && last && { cursor: encodeCursor({ q: 'kvs', k: last.key }) }),
    });
  }

  /**
   * Entity `query`: one index, all partition values, optional range condition, filters applied in memory after
   * the page is read (so a page may be empty yet carry a cursor, as on Forge), sort, limit 1–100, cursor.
   */
  private entityQuery(b: Body): KvsReply {
    const entity = this.entityTarget(b).entity as Entity;
    const ix: IndexDef | undefined =
      b.indexName === BY_KEY
        ? { name: BY_KEY, partition: [], range: 'key' }
        : entity.indexes.get(String(b.indexName));
    if (!ix)
      throw badRequest(
        'INVALID_ENTITY_INDEX',
        `Index ${String(b.indexName)} is not defined on entity ${entity.name}`,
      );
    const typeOf = (a: string) => (a === 'key' ? 'string' : (entity.attributes.get(a) ?? 'any'));
    const partition = b.partition ?? [];
    if (
      !Array.isArray(partition) ||
      partition.length !== ix.partition.length ||
      !ix.partition.every((a, i) => hasType(partition[i], typeOf(a)))
    )
      throw badRequest(
        'BAD_REQUEST',
        `Index ${ix.name} needs partition values [${ix.partition.join(', ')}] of the attribute types`,
      );
    const range: Clause | undefined =
      b.range === undefined
        ? undefined
        : checkClause(b.range, typeOf(ix.range), RANGE_CONDITIONS, 'QUERY_WHERE_INVALID');
    const filters: Filters | undefined =
      b.filters === undefined ? undefined : checkFilters(entity, b.filters);
    const sort = b.sort ?? 'ASC';
    if (sort !== 'ASC' && sort !== 'DESC') throw badRequest('BAD_REQUEST', 'sort must be ASC or DESC');
    const limit = b.limit ?? DEFAULT_PAGE;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
      throw badRequest(
        'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
        `The limit must be between 1 and ${MAX_PAGE}`,
      );
    const fields = metadataFields(b.options);
    const query = JSON.stringify([entity.name, ix.name, partition, sort]);
    const after = b.cursor === undefined ? undefined : decodeCursor(b.cursor, query);

    const byKey = ix.name === BY_KEY;
    const rng = byKey ? 'i.key' : 'x.rng';
    const dir = sort === 'ASC' ? '>' : '<';
    let sql = `SELECT i.key, i.value, i.created_at, i.updated_at, i.expire_at, ${rng} AS rng FROM `;
    const params: SqlParam[] = [];
    if (byKey) {
      sql += 'items i WHERE i.space = ?';
      params.push(entity.name);
    } else {
      sql +=
        'idx x JOIN items i ON i.space = x.space AND i.key = x.key WHERE x.space = ? AND x.idx = ? AND x.part = ?';
      params.push(entity.name, ix.name, JSON.stringify(partition));
    }
    sql += ' AND (i.expire_at IS NULL OR i.expire_at > ?)';
    params.push(this.now());
    if (range) {
      const r = rangeSql(rng, range);
      sql += ` AND ${r.sql}`;
      params.push(...r.params);
    }
    if (after) {
      // Row-value comparison: SQLite uses it as an index range bound (keyset pagination).
      sql += byKey ? ` AND i.key ${dir} ?` : ` AND (x.rng, x.key) ${dir} (?, ?)`;
      params.push(...(byKey ? [after.k] : [after.r, after.k]));
    }
    sql += byKey ? ` ORDER BY i.key ${sort} LIMIT ?` : ` ORDER BY x.rng ${sort}, x.key ${sort} LIMIT ?`;
    const rows = this.stmt(sql).all(...params, limit + 1) as (Row & { rng: SqlParam })[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const data = page
      .map((r) => ({ r, value: JSON.parse(r.value) as Body }))
      .filter(({ value }) => !filters || testFilters(filters, value))
      .map(({ r, value }) => ({ key: r.key, value, ...meta(r, fields) }));
    return ok({
      data,
      ...(rows.length > limit && last && { cursor: encodeCursor({ q: query, r: last.rng, k: last.key }) }),
    });
  }

  // ---- batch and transactions ---------------------------------------------------------------------------------

  /** Bare-array batch: ≤ 25 items, empty or duplicate (key + entityName) → whole batch 400; else per-item results. */
  private batch(body: unknown, op: (t: Target, item: Body) => object): KvsReply {
    if (!Array.isArray(body) || body.length === 0)
      throw badRequest('BAD_REQUEST', 'A batch needs a non-empty array of items');
    if (body.length > MAX_BATCH_ITEMS)
      throw badRequest('BAD_REQUEST', `A batch takes at most ${MAX_BATCH_ITEMS} items`);
    const items = body.map(obj);
    const ids = new Set(items.map((i) => JSON.stringify([i.entityName ?? null, i.key])));
    if (ids.size !== items.length)
      throw badRequest('BAD_REQUEST', 'Duplicate key (key + entityName) in batch');
    const successfulKeys: object[] = [];
    const failedKeys: object[] = [];
    for (const item of items) {
      const id = { key: item.key, ...(item.entityName !== undefined && { entityName: item.entityName }) };
      try {
        const t = item.entityName === undefined ? { space: KVS } : this.entityTarget(item);
        const result = op(t, item);
        // batch/get answers the item (value + metadata); set/delete only the key.
        successfulKeys.push('value' in result ? { ...id, ...result } : id);
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        failedKeys.push({ ...id, error: e.body });
      }
    }
    return ok({ successfulKeys, failedKeys });
  }

  /**
   * All-or-nothing transaction of ≤ 25 set/delete/check ops, each key once (FORGE-FACTS §4.3). Conditions apply
   * to entity items only and are evaluated on the current item (a missing item has no attributes, so
   * `NOT_EXISTS` holds); any failure cancels everything → 409 CONDITION_CHECK_FAILED (see errors.ts).
   */
  private transaction(b: Body): KvsReply {
    type Op = { kind: 'set' | 'delete' | 'check'; t: Target; key: string; item: Body; conditions?: Filters };
    const ops: Op[] = [];
    for (const kind of ['set', 'delete', 'check'] as const) {
      const list = b[kind] ?? [];
      if (!Array.isArray(list)) throw badRequest('BAD_REQUEST', `${kind} must be an array`);
      for (const raw of list) {
        const item = obj(raw);
        if (kind === 'check' && (item.entityName === undefined || item.conditions === undefined))
          throw badRequest('BAD_REQUEST', 'A check needs entityName and conditions');
        const t: Target = item.entityName === undefined ? { space: KVS } : this.entityTarget(item);
        if (!t.entity && item.conditions !== undefined)
          throw badRequest('BAD_REQUEST', 'Conditions apply to entity items only');
        const conditions =
          t.entity && item.conditions !== undefined ? checkFilters(t.entity, item.conditions) : undefined;
        if (kind === 'set') {
          checkValue(item.value);
          if (t.entity) checkEntityValue(t.entity, item.value);
          ttlMs((item.options as { ttl?: unknown } | undefined)?.ttl);
        }
        ops.push({ kind, t, key: checkKey(item.key, !!t.entity), item, conditions });
      }
    }
    if (ops.length === 0) throw badRequest('BAD_REQUEST', 'A transaction needs at least one operation');
    if (ops.length > MAX_TRANSACTION_OPS)
      throw badRequest('BAD_REQUEST', `A transaction takes at most ${MAX_TRANSACTION_OPS} operations`);
    if (new Set(ops.map((o) => JSON.stringify([o.t.space, o.key]))).size !== ops.length)
      throw badRequest('BAD_REQUEST', 'Each key may appear only once in a transaction');
    this.db.transaction(() => {
      const failed = ops.filter((o) => {
        if (!o.conditions) return false;
        const row = this.read(o.t.space, o.key);
        return !testFilters(o.conditions, row ? (JSON.parse(row.value) as Body) : {});
      });
      if (failed.length > 0) throw conditionFailed(failed.map((o) => o.key));
      for (const o of ops) {
        if (o.kind === 'set') this.setItem(o.t, o.item);
        else if (o.kind === 'delete') this.remove(o.t, o.key);
      }
    })();
    return NO_CONTENT;
  }
}
