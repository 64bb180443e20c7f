/**
 * Range (`where`) and filter conditions of entity queries and transaction `conditions`
 * (FORGE-FACTS §4.1 "Conditions", @forge/kvs out/conditions.js). Filters and conditions share one shape:
 * `{and|or: [{property, condition, values}]}`.
 */
import { type AttributeType, type Entity } from './entities.js';
import { KvsError, badRequest } from './errors.js';

export interface Clause {
  condition: string;
  values: unknown[];
}
export interface FilterItem extends Clause {
  property: string;
}
export interface Filters {
  op: 'and' | 'or';
  items: FilterItem[];
}

export const RANGE_CONDITIONS = new Set([
  'BETWEEN',
  'BEGINS_WITH',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
]);
const FILTER_CONDITIONS = new Set([
  ...RANGE_CONDITIONS,
  'EXISTS',
  'NOT_EXISTS',
  'CONTAINS',
  'NOT_CONTAINS',
  'NOT_EQUAL_TO',
]);
const STRING_ONLY = new Set(['BEGINS_WITH', 'CONTAINS', 'NOT_CONTAINS']);
const EQUALITY = new Set(['EQUAL_TO', 'NOT_EQUAL_TO']);
/** "≤ 100 conditions per complex query" (FORGE-FACTS §4.3). */
const MAX_CONDITIONS = 100;

function valueFits(v: unknown, type: AttributeType): boolean {
  if (type === 'string') return typeof v === 'string';
  if (type === 'boolean') return typeof v === 'boolean';
  return typeof v === 'number' && Number.isFinite(v);
}

/** Validates one clause against the attribute type it applies to. */
export function checkClause(
  raw: unknown,
  type: AttributeType,
  allowed: Set<string>,
  invalidCode: string,
): Clause {
  const c = raw as Partial<Clause> | null;
  if (typeof c !== 'object' || c === null || typeof c.condition !== 'string' || !allowed.has(c.condition))
    throw badRequest(invalidCode, `Invalid condition ${JSON.stringify(c?.condition)}`);
  const { condition } = c;
  const values = Array.isArray(c.values) ? c.values : [];
  const arity = condition === 'BETWEEN' ? 2 : 1;
  if (values.length < arity)
    throw badRequest('INSUFFICIENT_FILTER_VALUES', `${condition} needs ${arity} value(s)`);
  if (values.length > arity)
    throw badRequest('INVALID_FILTER_VALUES', `${condition} takes ${arity} value(s)`);
  if (condition === 'EXISTS' || condition === 'NOT_EXISTS') {
    if (values[0] !== true) throw badRequest('INVALID_FILTER_VALUES', `${condition} takes [true]`);
    return { condition, values };
  }
  const fits = STRING_ONLY.has(condition)
    ? type === 'string' && typeof values[0] === 'string'
    : type !== 'boolean' || EQUALITY.has(condition)
      ? values.every((v) => valueFits(v, type))
      : false;
  if (!fits)
    throw badRequest('INVALID_FILTER_VALUES', `${condition} values do not fit an attribute of type ${type}`);
  return { condition, values };
}

/** Validates `{and|or: [...]}` against the entity's attributes. */
export function checkFilters(entity: Entity, raw: unknown): Filters {
  if (typeof raw !== 'object' || raw === null)
    throw badRequest('EMPTY_FILTER_OPERATOR', 'Filters need an and/or operator');
  const r = raw as { and?: unknown; or?: unknown };
  if (r.and !== undefined && r.or !== undefined)
    throw badRequest('INVALID_FILTER_OPERATORS_COMBINATION', 'Use either "and" or "or", not both');
  const op = r.and !== undefined ? 'and' : 'or';
  const list = r[op];
  if (!Array.isArray(list) || list.length === 0)
    throw badRequest('EMPTY_FILTER_OPERATOR', 'Filter operator has no conditions');
  if (list.length > MAX_CONDITIONS)
    throw badRequest('BAD_REQUEST', `At most ${MAX_CONDITIONS} conditions per query`);
  const items = list.map((item: unknown): FilterItem => {
    const property = (item as { property?: unknown } | null)?.property;
    const type = typeof property === 'string' ? entity.attributes.get(property) : undefined;
    if (typeof property !== 'string' || type === undefined)
      throw badRequest(
        'INVALID_ENTITY_ATTRIBUTE',
        `Attribute ${String(property)} is not defined on entity ${entity.name}`,
      );
    // FORGE-FACTS §4.2: filtering on an `any` attribute is refused with 422.
    if (type === 'any')
      throw new KvsError(
        422,
        'INVALID_FILTER_CONDITION',
        `Attribute ${property} of type any cannot be filtered`,
      );
    return { property, ...checkClause(item, type, FILTER_CONDITIONS, 'INVALID_FILTER_CONDITION') };
  });
  return { op, items };
}

function cmp(a: unknown, b: unknown): number {
  return (a as string | number) < (b as string | number)
    ? -1
    : (a as string | number) > (b as string | number)
      ? 1
      : 0;
}

/** One clause on a (possibly missing) attribute value; a missing attribute only satisfies the negative conditions. */
export function testClause(c: Clause, v: unknown): boolean {
  const [a, b] = c.values;
  switch (c.condition) {
    case 'EXISTS':
      return v !== undefined;
    case 'NOT_EXISTS':
      return v === undefined;
    case 'NOT_EQUAL_TO':
      return v !== a;
    case 'NOT_CONTAINS':
      return typeof v !== 'string' || !v.includes(a as string);
  }
  if (v === undefined) return false;
  switch (c.condition) {
    case 'EQUAL_TO':
      return v === a;
    case 'GREATER_THAN':
      return cmp(v, a) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return cmp(v, a) >= 0;
    case 'LESS_THAN':
      return cmp(v, a) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return cmp(v, a) <= 0;
    case 'BETWEEN':
      return cmp(v, a) >= 0 && cmp(v, b) <= 0;
    case 'BEGINS_WITH':
      return typeof v === 'string' && v.startsWith(a as string);
    case 'CONTAINS':
      return typeof v === 'string' && v.includes(a as string);
  }
  return false;
}

export function testFilters(f: Filters, value: Record<string, unknown>): boolean {
  const hit = (i: FilterItem): boolean => testClause(i, value[i.property]);
  return f.op === 'and' ? f.items.every(hit) : f.items.some(hit);
}

/** SQLite cannot bind booleans; index columns store them as 0/1. */
export const sqlValue = (v: unknown): string | number =>
  typeof v === 'boolean' ? (v ? 1 : 0) : (v as string | number);

/**
 * A range clause as SQL on column `col`. BEGINS_WITH becomes a half-open interval so the index is used:
 * U+10FFFF sorts after every character in SQLite's BINARY (UTF-8 byte) order.
 */
export function rangeSql(col: string, c: Clause): { sql: string; params: (string | number)[] } {
  const [a, b] = c.values.map(sqlValue) as [string | number, string | number];
  switch (c.condition) {
    case 'BETWEEN':
      return { sql: `${col} >= ? AND ${col} <= ?`, params: [a, b] };
    case 'BEGINS_WITH':
      return { sql: `${col} >= ? AND ${col} < ?`, params: [a, `${String(a)}\u{10FFFF}`] };
    case 'EQUAL_TO':
      return { sql: `${col} = ?`, params: [a] };
    case 'GREATER_THAN':
      return { sql: `${col} > ?`, params: [a] };
    case 'GREATER_THAN_EQUAL_TO':
      return { sql: `${col} >= ?`, params: [a] };
    case 'LESS_THAN':
      return { sql: `${col} < ?`, params: [a] };
    default:
      return { sql: `${col} <= ?`, params: [a] };
  }
}
