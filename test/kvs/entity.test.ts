/** Custom Entity Store conformance through the real @forge/kvs client; expectations come from a plain-JS oracle. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KvsEmulator } from '../../local/kvs/kvs-emulator.js';
import { type ForgeKvs, apiError, clock, loadForgeKvs, newEmulator } from './harness.js';

interface Employee {
  name: string;
  team: string;
  level?: number;
  salary: number;
  active: boolean;
  nick?: string;
  extra?: unknown;
}

let forge: ForgeKvs;
let kvs: ForgeKvs['kvs'];
let emu: KvsEmulator;
const TEAMS = ['eng', 'ops', 'sales'];

/** 30 employees; every 7th has no level (so it is in no level index), every 4th has a nick. */
const people: [string, Employee][] = Array.from({ length: 30 }, (_, i) => {
  const e: Employee = {
    name: `${String.fromCharCode(97 + ((i * 7) % 26))}-${i}`,
    team: TEAMS[i % 3] as string,
    salary: 1000 + i * 10.5,
    active: i % 2 === 0,
    extra: { i, tags: ['x'] },
  };
  if (i % 7 !== 3) e.level = i % 5;
  if (i % 4 === 0) e.nick = `nick-${i}`;
  return [`e${String(i).padStart(2, '0')}`, e];
});

const employees = () => kvs.entity<Employee>('employee');
type WhereClause = Parameters<
  ReturnType<ReturnType<ReturnType<typeof employees>['query']>['index']>['where']
>[0];
type FilterClause = Parameters<InstanceType<ForgeKvs['Filter']>['and']>[1];
type Page = { results: { key: string; value: Employee }[]; nextCursor?: string };

/** Follows cursors to the end; returns every key in order and the page count. */
async function drain(run: (cursor?: string) => Promise<Page>): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await run(cursor);
    keys.push(...page.results.map((r) => r.key));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { keys, pages };
}

/** Oracle: keys of `people` matching `pred`, ordered by (range value, key). */
function expected(
  pred: (e: Employee) => boolean,
  range: (e: Employee) => string | number,
  desc = false,
): string[] {
  const rows = people
    .filter(([, e]) => pred(e))
    .sort(([ka, a], [kb, b]) => {
      const ra = range(a);
      const rb = range(b);
      return ra < rb ? -1 : ra > rb ? 1 : ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  const keys = rows.map(([k]) => k);
  return desc ? keys.reverse() : keys;
}

beforeAll(async () => {
  forge = await loadForgeKvs();
  kvs = forge.kvs;
});
beforeEach(async () => {
  clock.now = Date.UTC(2026, 0, 1, 12);
  emu = newEmulator();
  for (const [k, e] of people) await employees().set(k, e);
});

describe('entity get / set / delete', () => {
  it('round-trips, returns metadata and honours set options', async () => {
    expect(await employees().get('e05')).toEqual(people[5]?.[1]);
    expect(await employees().get('nobody')).toBeUndefined();
    const t0 = clock.now;
    clock.now += 2000;
    const prev = await employees().set(
      'e05',
      { name: 'renamed', team: 'eng', salary: 1, active: true },
      {
        keyPolicy: 'OVERRIDE',
        returnValue: 'PREVIOUS',
      },
    );
    expect(prev?.value).toEqual(people[5]?.[1]);
    expect(
      await employees().get('e05', {
        metadataFields: [forge.MetadataField.CREATED_AT, forge.MetadataField.UPDATED_AT],
      }),
    ).toEqual({
      key: 'e05',
      value: { name: 'renamed', team: 'eng', salary: 1, active: true },
      createdAt: t0 / 1000,
      updatedAt: t0 / 1000 + 2,
    });
    expect(
      await apiError(employees().set('e05', { name: 'x' } as Employee, { keyPolicy: 'FAIL_IF_EXISTS' })),
    ).toMatchObject({
      code: 'KEY_CONFLICT',
      status: 409,
    });
    await employees().delete('e05');
    expect(await employees().get('e05')).toBeUndefined();
    // the same key in another namespace is independent
    await kvs.set('e06', 'plain');
    expect((await employees().get('e06'))?.name).toBe(people[6]?.[1].name);
  });

  it('validates values against the attribute types', async () => {
    const e = kvs.entity<Record<string, unknown>>('employee');
    expect(await apiError(e.set('x', { unknownAttr: 1 }))).toMatchObject({
      code: 'INVALID_ENTITY_ATTRIBUTE',
      status: 400,
    });
    for (const bad of [
      { level: '3' },
      { level: 1.5 },
      { salary: 'high' },
      { active: 'yes' },
      { name: 5 },
      { name: null },
    ]) {
      expect(await apiError(e.set('x', bad))).toMatchObject({ code: 'INVALID_ENTITY_VALUE', status: 400 });
    }
    expect(await apiError(kvs.entity<unknown>('employee').set('x', ['array']))).toMatchObject({
      code: 'INVALID_ENTITY_VALUE',
    });
    expect(await apiError(kvs.entity<unknown>('employee').set('x', 'text'))).toMatchObject({
      code: 'INVALID_ENTITY_VALUE',
    });
    await e.set('ok', { level: 3, salary: 2, extra: [1, { deep: 'anything' }] }); // float accepts integers, any accepts JSON
    expect(await e.get('ok')).toEqual({ level: 3, salary: 2, extra: [1, { deep: 'anything' }] });
    expect(await apiError(kvs.entity('nope-entity').get('x'))).toMatchObject({
      code: 'INVALID_ENTITY_TYPE',
      status: 400,
    });
    expect(await apiError(kvs.entity('ab').get('x'))).toMatchObject({ code: 'ENTITY_TYPE_TOO_SHORT' });
    expect(await apiError(e.set('', { level: 1 }))).toMatchObject({ code: 'EMPTY_KEY' });
    expect(await apiError(e.get('bad/key'))).toMatchObject({ code: 'INVALID_KEY' });
  });
});

describe('entity query', () => {
  const W = () => forge.WhereConditions;
  const byTeamLevel = (team: string) =>
    employees()
      .query()
      .index('by-team-level', { partition: [team] });

  it('partition + every range condition, matching the oracle', async () => {
    const lvl = (e: Employee) => e.level as number;
    const inEng = (e: Employee) => e.team === 'eng' && e.level !== undefined;
    const cases: [WhereClause, (n: number) => boolean][] = [
      [W().between(1, 3), (n) => n >= 1 && n <= 3],
      [W().equalTo(2), (n) => n === 2],
      [W().greaterThan(2), (n) => n > 2],
      [W().greaterThanEqualTo(2), (n) => n >= 2],
      [W().lessThan(2), (n) => n < 2],
      [W().lessThanEqualTo(2), (n) => n <= 2],
    ];
    for (const [cond, test] of cases) {
      const { keys } = await drain((c) =>
        (c ? byTeamLevel('eng').where(cond).cursor(c) : byTeamLevel('eng').where(cond)).limit(100).getMany(),
      );
      expect(keys, cond.condition).toEqual(expected((e) => inEng(e) && test(lvl(e)), lvl));
      expect(keys.length, cond.condition).toBeGreaterThan(0);
    }
    const byName = await employees().query().index('by-name').where(W().beginsWith('c')).limit(100).getMany();
    expect(byName.results.map((r) => r.key)).toEqual(
      expected(
        (e) => e.name.startsWith('c'),
        (e) => e.name,
      ),
    );
    expect(byName.results.length).toBeGreaterThan(0);
  });

  it('multi-attribute partitions (incl. boolean) and float range index given as a string', async () => {
    const r = await employees()
      .query()
      .index('by-team-active-name', { partition: ['ops', false] })
      .limit(100)
      .getMany();
    expect(r.results.map((x) => x.key)).toEqual(
      expected(
        (e) => e.team === 'ops' && !e.active,
        (e) => e.name,
      ),
    );
    const s = await employees().query().index('salary').where(W().between(1050, 1100.5)).limit(100).getMany();
    expect(s.results.map((x) => x.key)).toEqual(
      expected(
        (e) => e.salary >= 1050 && e.salary <= 1100.5,
        (e) => e.salary,
      ),
    );
    expect(await apiError(employees().query().index('by-team-level').getMany())).toMatchObject({
      status: 400,
    });
    expect(
      await apiError(
        employees()
          .query()
          .index('by-team-active-name', { partition: ['ops'] })
          .getMany(),
      ),
    ).toMatchObject({ status: 400 });
    expect(
      await apiError(
        employees()
          .query()
          .index('by-team-level', { partition: [7] })
          .getMany(),
      ),
    ).toMatchObject({ status: 400 });
    expect(await apiError(employees().query().index('no-such-index').getMany())).toMatchObject({
      code: 'INVALID_ENTITY_INDEX',
    });
  });

  it('items missing an index attribute are not in that index, but are in by-key', async () => {
    const noLevel = people.filter(([, e]) => e.level === undefined).map(([k]) => k);
    expect(noLevel.length).toBeGreaterThan(0);
    const inIndexes: string[] = [];
    for (const t of TEAMS)
      inIndexes.push(...(await drain((c) => (c ? byTeamLevel(t).cursor(c) : byTeamLevel(t)).getMany())).keys);
    expect(inIndexes.sort()).toEqual(people.filter(([, e]) => e.level !== undefined).map(([k]) => k));
    const byKey = await drain((c) =>
      (c ? employees().query().index('by-key').cursor(c) : employees().query().index('by-key')).getMany(),
    );
    expect(byKey.keys).toEqual(people.map(([k]) => k));
    expect(byKey.pages).toBe(3); // default page 10, last page has no cursor
    const prefixed = await employees().query().index('by-key').where(W().beginsWith('e1')).getMany();
    expect(prefixed.results.map((r) => r.key)).toEqual(
      people.map(([k]) => k).filter((k) => k.startsWith('e1')),
    );
  });

  it('overwrites move items between partitions; deletes leave the index', async () => {
    await employees().set('e00', { name: 'moved', team: 'sales', level: 1, salary: 1, active: true });
    await employees().delete('e03');
    const eng = await drain((c) => (c ? byTeamLevel('eng').cursor(c) : byTeamLevel('eng')).getMany());
    expect(eng.keys).not.toContain('e00');
    expect(eng.keys).not.toContain('e03');
    const sales = await byTeamLevel('sales').where(W().equalTo(1)).limit(100).getMany();
    expect(sales.results.map((r) => r.key)).toContain('e00');
  });

  it('sort DESC and cursors across many pages see every item exactly once, in order', async () => {
    const all = (e: Employee) => e.team === 'ops' && e.level !== undefined;
    for (const [sort, limit] of [
      [forge.Sort.ASC, 1],
      [forge.Sort.DESC, 1],
      [forge.Sort.DESC, 3],
    ] as const) {
      const { keys, pages } = await drain((c) => {
        const q = byTeamLevel('ops').sort(sort).limit(limit);
        return (c ? q.cursor(c) : q).getMany();
      });
      const want = expected(all, (e) => e.level as number, sort === forge.Sort.DESC);
      expect(keys).toEqual(want);
      expect(new Set(keys).size).toBe(keys.length);
      expect(pages).toBe(Math.ceil(want.length / limit)); // look-ahead: a full last page carries no cursor
    }
    // a cursor from one query cannot be reused on another
    const first = await byTeamLevel('ops').limit(2).getMany();
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(
      await apiError(
        byTeamLevel('eng')
          .limit(2)
          .cursor(first.nextCursor as string)
          .getMany(),
      ),
    ).toMatchObject({ status: 400 });
  });

  it('limit bounds 1–100, default 10', async () => {
    for (const limit of [0, 101, 2.5]) {
      expect(await apiError(byTeamLevel('eng').limit(limit).getMany())).toMatchObject({
        code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
        status: 400,
      });
    }
    expect((await employees().query().index('by-key').limit(100).getMany()).results).toHaveLength(30);
    expect((await employees().query().index('by-key').getMany()).results).toHaveLength(10);
    expect((await employees().query().index('by-key').getOne())?.key).toBe('e00');
  });

  it('every filter condition, with and/or, matches the oracle', async () => {
    const F = forge.FilterConditions;
    const cases: [string, FilterClause, (e: Employee) => boolean][] = [
      ['nick', F.exists(), (e) => e.nick !== undefined],
      ['nick', F.notExists(), (e) => e.nick === undefined],
      ['name', F.contains('-1'), (e) => e.name.includes('-1')],
      ['name', F.notContains('-1'), (e) => !e.name.includes('-1')],
      ['name', F.beginsWith('h'), (e) => e.name.startsWith('h')],
      ['team', F.equalTo('ops'), (e) => e.team === 'ops'],
      ['team', F.notEqualTo('ops'), (e) => e.team !== 'ops'],
      ['active', F.equalTo(true), (e) => e.active],
      ['level', F.notEqualTo(2), (e) => e.level !== 2],
      ['salary', F.between(1100, 1200), (e) => e.salary >= 1100 && e.salary <= 1200],
      ['salary', F.greaterThan(1200), (e) => e.salary > 1200],
      ['salary', F.greaterThanEqualTo(1210), (e) => e.salary >= 1210],
      ['level', F.lessThan(2), (e) => e.level !== undefined && e.level < 2],
      ['level', F.lessThanEqualTo(2), (e) => e.level !== undefined && e.level <= 2],
    ];
    for (const [prop, cond, test] of cases) {
      const filter = new forge.Filter<Employee>().and(prop as keyof Employee, cond);
      const r = await employees().query().index('by-key').filters(filter).limit(100).getMany();
      expect(
        r.results.map((x) => x.key),
        `${prop} ${cond.condition}`,
      ).toEqual(expected(test, () => 0));
      expect(r.results.length, `${prop} ${cond.condition}`).toBeGreaterThan(0);
    }
    const and = new forge.Filter<Employee>().and('team', F.equalTo('eng')).and('active', F.equalTo(true));
    const or = new forge.Filter<Employee>().or('team', F.equalTo('eng')).or('active', F.equalTo(true));
    const keysOf = async (f: typeof and | typeof or) =>
      (await employees().query().index('by-key').filters(f).limit(100).getMany()).results.map((r) => r.key);
    expect(await keysOf(and)).toEqual(
      expected(
        (e) => e.team === 'eng' && e.active,
        () => 0,
      ),
    );
    expect(await keysOf(or)).toEqual(
      expected(
        (e) => e.team === 'eng' || e.active,
        () => 0,
      ),
    );
  });

  it('filters run after the page is read: a page can be empty yet carry a cursor', async () => {
    const f = new forge.Filter<Employee>().and(
      'name',
      forge.FilterConditions.equalTo(people[29]?.[1].name as string),
    );
    const q = () => employees().query().index('by-key').filters(f).limit(5);
    const first = await q().getMany();
    expect(first.results).toEqual([]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const { keys, pages } = await drain((c) => (c ? q().cursor(c) : q()).getMany());
    expect(keys).toEqual(['e29']);
    expect(pages).toBe(6);
  });

  it('refuses bad filters and ranges with Forge codes', async () => {
    const F = forge.FilterConditions;
    const any = new forge.Filter<Employee>().and('extra', F.exists());
    expect(await apiError(employees().query().index('by-key').filters(any).getMany())).toMatchObject({
      status: 422,
    });
    const wrongType = new forge.Filter<Employee>().and('level', F.equalTo('two'));
    expect(await apiError(employees().query().index('by-key').filters(wrongType).getMany())).toMatchObject({
      code: 'INVALID_FILTER_VALUES',
    });
    const unknown = new forge.Filter<Record<string, unknown>>().and('nope', F.exists());
    expect(
      await apiError(
        kvs
          .entity('employee')
          .query()
          .index('by-key')
          .filters(unknown as never)
          .getMany(),
      ),
    ).toMatchObject({
      code: 'INVALID_ENTITY_ATTRIBUTE',
    });
    expect(
      await apiError(
        byTeamLevel('eng')
          .where(W().beginsWith('1') as never)
          .getMany(),
      ),
    ).toMatchObject({ code: 'INVALID_FILTER_VALUES' });
    expect(await apiError(byTeamLevel('eng').where(W().equalTo('1')).getMany())).toMatchObject({
      code: 'INVALID_FILTER_VALUES',
    });
    const q = { entityName: 'employee', indexName: 'by-key' };
    const f = { property: 'team', condition: 'EQUAL_TO', values: ['eng'] };
    expect(emu.handle('/api/v1/entity/query', { ...q, filters: { and: [f], or: [f] } }).body).toMatchObject({
      code: 'INVALID_FILTER_OPERATORS_COMBINATION',
    });
    expect(emu.handle('/api/v1/entity/query', { ...q, filters: { and: [] } }).body).toMatchObject({
      code: 'EMPTY_FILTER_OPERATOR',
    });
    expect(
      emu.handle('/api/v1/entity/query', { ...q, filters: { and: [{ ...f, values: [] }] } }).body,
    ).toMatchObject({
      code: 'INSUFFICIENT_FILTER_VALUES',
    });
    expect(
      emu.handle('/api/v1/entity/query', { ...q, filters: { and: [{ ...f, condition: 'LIKE' }] } }).body,
    ).toMatchObject({
      code: 'INVALID_FILTER_CONDITION',
    });
    expect(
      emu.handle('/api/v1/entity/query', { ...q, range: { condition: 'CONTAINS', values: ['a'] } }).body,
    ).toMatchObject({
      code: 'QUERY_WHERE_INVALID',
    });
    expect(emu.handle('/api/v1/entity/query', { ...q, sort: 'UP' }).status).toBe(400);
  });

  it('returns metadata fields and hides expired items', async () => {
    await employees().set('temp', { name: 'temp', team: 'eng', level: 0, salary: 1, active: true }, {
      ttl: { value: 1, unit: 'MINUTES' },
    } as never);
    const withMeta = await kvs
      .entity<Employee>('employee')
      .query({ metadataFields: [forge.MetadataField.EXPIRE_TIME, forge.MetadataField.CREATED_AT] })
      .index('by-team-level', { partition: ['eng'] })
      .where(W().equalTo(0))
      .limit(100)
      .getMany();
    const temp = withMeta.results.find((r) => r.key === 'temp') as Record<string, unknown> | undefined;
    expect(temp).toMatchObject({
      expireTime: new Date(clock.now + 60_000).toISOString(),
      createdAt: clock.now / 1000,
    });
    const other = withMeta.results.find((r) => r.key !== 'temp') as Record<string, unknown> | undefined;
    expect(other).toMatchObject({ createdAt: clock.now / 1000 });
    expect(other && 'expireTime' in other).toBe(false);
    clock.now += 60_000;
    const after = await byTeamLevel('eng').where(W().equalTo(0)).limit(100).getMany();
    expect(after.results.map((r) => r.key)).not.toContain('temp');
    expect(after.results.length).toBe(withMeta.results.length - 1);
  });
});
