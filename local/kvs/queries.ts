/**
 * KVS and entity queries (FORGE-FACTS §4). Deviations from Forge, deliberate: queries are strictly
 * consistent (Forge: eventually consistent); cursors are bound to their query (entity, index,
 * partition, sort), and reuse with other parameters → 400.
 */
import {
  type Clause,
  type Filters,
  RANGE_CONDITIONS,
  checkClause,
  checkFilters,
  rangeSql,
  testFilters,
} from './conditions.js';
import { BY_KEY, type IndexDef, hasType } from './entities.js';
import { badRequest } from './errors.js';
import { DEFAULT_PAGE, MAX_PAGE } from './limits.js';
import { type Body, KVS, type KvsStore, type Row, type SqlParam, meta, metadataFields } from './store.js';
import { type KvsReply, ok } from './reply.js';

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

/** KVS `query`: key-ordered, optional `BEGINS_WITH` on `key`, `after` cursor, limit default 10, max 100. */
export function kvsQuery(store: KvsStore, b: Body): KvsReply {
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
  const params: SqlParam[] = [KVS, store.now()];
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
  const rows = store.stmt(`${sql} ORDER BY key LIMIT ?`).all(...params, limit + 1) as Row[];
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
export function entityQuery(store: KvsStore, b: Body): KvsReply {
  const entity = store.entityTarget(b).entity;
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
  const filters: Filters | undefined = b.filters === undefined ? undefined : checkFilters(entity, b.filters);
  const sort = b.sort ?? 'ASC';
  if (sort !== 'ASC' && sort !== 'DESC') throw badRequest('BAD_REQUEST', 'sort must be ASC or DESC');
  const limit = b.limit ?? DEFAULT_PAGE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw badRequest('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The limit must be between 1 and ${MAX_PAGE}`);
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
  params.push(store.now());
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
  const rows = store.stmt(sql).all(...params, limit + 1) as (Row & { rng: SqlParam })[];
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
