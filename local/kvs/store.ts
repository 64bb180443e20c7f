/**
 * The KVS emulator's SQLite storage. `items` holds every KVS value, secret and entity item (`space` =
 * '' | '#secret' | entity name); `idx` holds one row per (entity, index, partition, range value, key)
 * for every item that has all the index's attributes, so an entity query is an index range scan (no
 * full scan) and items missing an attribute are not in that index. Expired items are never returned.
 */
import Database from 'better-sqlite3';
import { sqlValue } from './conditions.js';
import {
  type Entity,
  type EntityDefinition,
  checkEntityValue,
  compileEntity,
  lookupEntity,
} from './entities.js';
import { badRequest, keyConflict, keyNotFound } from './errors.js';
import { checkKey, checkValue, ttlMs } from './limits.js';

export const KVS = '';
export const SECRETS = '#secret'; // cannot clash with an entity name (FORGE-FACTS §4.3: entity names are [a-z0-9:-_.])
export const META = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];

export interface Target {
  space: string;
  entity?: Entity;
}
export interface Row {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}
export type Body = Record<string, unknown>;
export type SqlParam = string | number | null;

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

/** A request body that must be an object. */
export function obj(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('BAD_REQUEST', 'Provided request body is invalid');
  return body as Body;
}

export function metadataFields(options: unknown): string[] {
  const fields = (options as { metadataFields?: unknown } | undefined)?.metadataFields;
  if (fields === undefined) return [];
  if (!Array.isArray(fields) || !fields.every((f) => META.includes(f as string)))
    throw badRequest('BAD_REQUEST', `metadataFields must be a subset of ${META.join(', ')}`);
  return fields as string[];
}

/** Metadata as @forge/kvs tests pin it: createdAt/updatedAt epoch seconds, expireTime ISO-8601 (FORGE-FACTS §4.1). */
export function meta(
  r: Row,
  fields: string[],
): { createdAt?: number; updatedAt?: number; expireTime?: string } {
  return {
    ...(fields.includes('CREATED_AT') && { createdAt: Math.floor(r.created_at / 1000) }),
    ...(fields.includes('UPDATED_AT') && { updatedAt: Math.floor(r.updated_at / 1000) }),
    ...(fields.includes('EXPIRE_TIME') &&
      r.expire_at !== null && { expireTime: new Date(r.expire_at).toISOString() }),
  };
}

export class KvsStore {
  readonly now: () => number;
  private readonly db: Database.Database;
  private readonly entities: Map<string, Entity>;
  private readonly stmts = new Map<string, Database.Statement>();

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

  /** `fn` in one SQLite transaction: all of it or nothing. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  clear(): void {
    this.db.exec('DELETE FROM items; DELETE FROM idx;');
  }

  close(): void {
    this.db.close();
  }

  stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  entityTarget(b: Body): Target & { entity: Entity } {
    const entity = lookupEntity(this.entities, b.entityName);
    return { space: entity.name, entity };
  }

  /** The live (not expired) row, if any. */
  read(space: string, key: string): Row | undefined {
    return this.stmt(
      'SELECT key, value, created_at, updated_at, expire_at FROM items WHERE space = ? AND key = ? AND (expire_at IS NULL OR expire_at > ?)',
    ).get(space, key, this.now()) as Row | undefined;
  }

  getItem(t: Target, b: Body): Body {
    const key = checkKey(b.key, !!t.entity);
    const fields = metadataFields(b.options);
    const row = this.read(t.space, key);
    if (!row) throw keyNotFound();
    return { key, value: JSON.parse(row.value) as unknown, ...meta(row, fields) };
  }

  /** Validates and writes one item; the read-check-write runs in one SQLite transaction (atomic FAIL_IF_EXISTS). */
  setItem(t: Target, b: Body, failIfExists = false): { prev?: Row; row: Row } {
    const key = checkKey(b.key, !!t.entity);
    const json = checkValue(b.value);
    const value = t.entity ? checkEntityValue(t.entity, b.value) : undefined;
    const ttl = ttlMs((b.options as { ttl?: unknown } | undefined)?.ttl);
    return this.atomically(() => {
      const prev = this.read(t.space, key);
      if (prev && failIfExists) throw keyConflict(key);
      return { prev, row: this.write(t, key, json, value, ttl, prev) };
    });
  }

  /** Deletes the item (live or expired); true if a live item was there. */
  remove(t: Target, key: string): boolean {
    const live = this.read(t.space, key) !== undefined;
    this.stmt('DELETE FROM items WHERE space = ? AND key = ?').run(t.space, key);
    this.stmt('DELETE FROM idx WHERE space = ? AND key = ?').run(t.space, key);
    return live;
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
    this.atomically(() => {
      this.db.exec('DELETE FROM idx');
      for (const entity of this.entities.values()) {
        const rows = this.db
          .prepare('SELECT key, value FROM items WHERE space = ?')
          .all(entity.name) as Row[];
        for (const r of rows) this.reindex(entity, r.key, JSON.parse(r.value) as Body);
      }
      this.db.prepare("INSERT OR REPLACE INTO meta (k, v) VALUES ('entities', ?)").run(signature);
    });
  }
}
