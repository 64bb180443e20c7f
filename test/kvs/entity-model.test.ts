/** Property test: random data and random index queries, paged to the end, equal a plain-JS model of Forge's semantics. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KvsEmulator } from '../../local/kvs/kvs-emulator.js';

type Item = { team: string; level?: number; tag?: string };
const ENTITY = {
  name: 'item',
  attributes: {
    team: { type: 'string' as const },
    level: { type: 'integer' as const },
    tag: { type: 'string' as const },
  },
  indexes: [{ name: 'by-team-level', partition: ['team'], range: ['level'] }],
};

const itemArb = fc.record(
  {
    team: fc.constantFrom('a', 'b'),
    level: fc.integer({ min: 0, max: 6 }),
    tag: fc.constantFrom('x', 'xy', 'y'),
  },
  { requiredKeys: ['team'] },
);
const rangeArb = fc.oneof(
  fc.constant(undefined),
  fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }))
    .map(([a, b]) => ({ condition: 'BETWEEN', values: [Math.min(a, b), Math.max(a, b)] })),
  ...['EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'].map(
    (condition) => fc.integer({ min: 0, max: 6 }).map((v) => ({ condition, values: [v] })),
  ),
);
const filterArb = fc.oneof(
  fc.constant(undefined),
  fc
    .constantFrom('EXISTS', 'NOT_EXISTS')
    .map((condition) => ({ and: [{ property: 'tag', condition, values: [true] }] })),
  fc
    .constantFrom('CONTAINS', 'NOT_CONTAINS', 'EQUAL_TO', 'NOT_EQUAL_TO')
    .map((condition) => ({ or: [{ property: 'tag', condition, values: ['x'] }] })),
);

function inRange(r: { condition: string; values: number[] } | undefined, v: number): boolean {
  if (!r) return true;
  const [a = 0, b = 0] = r.values;
  return {
    BETWEEN: v >= a && v <= b,
    EQUAL_TO: v === a,
    GREATER_THAN: v > a,
    GREATER_THAN_EQUAL_TO: v >= a,
    LESS_THAN: v < a,
    LESS_THAN_EQUAL_TO: v <= a,
  }[r.condition] as boolean;
}
function passes(
  f: { and?: { condition: string }[]; or?: { condition: string }[] } | undefined,
  tag: string | undefined,
): boolean {
  const c = (f?.and ?? f?.or)?.[0]?.condition;
  if (!c) return true;
  return {
    EXISTS: tag !== undefined,
    NOT_EXISTS: tag === undefined,
    CONTAINS: !!tag?.includes('x'),
    NOT_CONTAINS: !tag?.includes('x'),
    EQUAL_TO: tag === 'x',
    NOT_EQUAL_TO: tag !== 'x',
  }[c] as boolean;
}

describe('entity query model', () => {
  it('pages through exactly the model result, in (range, key) order', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 40 }),
        rangeArb,
        filterArb,
        fc.constantFrom('ASC', 'DESC'),
        fc.integer({ min: 1, max: 7 }),
        (items: Item[], range, filters, sort, limit) => {
          const emu = new KvsEmulator({ entities: [ENTITY] });
          items.forEach((value, i) =>
            emu.handle('/api/v1/entity/set', {
              entityName: 'item',
              key: `k${String(i).padStart(2, '0')}`,
              value,
            }),
          );
          const keys: string[] = [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const r = emu.handle('/api/v1/entity/query', {
              entityName: 'item',
              indexName: 'by-team-level',
              partition: ['a'],
              range,
              filters,
              sort,
              limit,
              cursor,
            });
            expect(r.status).toBe(200);
            const body = r.body as { data: { key: string }[]; cursor?: string };
            expect(body.data.length).toBeLessThanOrEqual(limit);
            keys.push(...body.data.map((d) => d.key));
            cursor = body.cursor;
          } while (cursor && ++pages < 100);
          const model = items
            .map((v, i) => ({ v, key: `k${String(i).padStart(2, '0')}` }))
            .filter(
              ({ v }) =>
                v.team === 'a' && v.level !== undefined && inRange(range, v.level) && passes(filters, v.tag),
            )
            .sort((x, y) => (x.v.level as number) - (y.v.level as number) || (x.key < y.key ? -1 : 1))
            .map(({ key }) => key);
          expect(keys).toEqual(sort === 'ASC' ? model : model.reverse());
          emu.close();
        },
      ),
      { numRuns: 200 },
    );
  });
});
