/**
 * Drives the emulator through the REAL `@forge/kvs` client. The client builds its fetch function at import
 * and picks the direct path if `__forge_runtime__.kvs.{url,host}` is set (FORGE-FACTS §3 import-order caveat),
 * so the runtime (without `kvs`) and `__forge_fetch__` are installed before the first import.
 */
import type * as ForgeKvsModule from '@forge/kvs';
import { type EntityDefinition, KvsEmulator } from '../../local/kvs/kvs-emulator.js';

export type ForgeKvs = typeof ForgeKvsModule;

/** The injected clock of every emulator made by `newEmulator` (ms since epoch). */
export const clock = { now: Date.UTC(2026, 0, 1, 12) };
/** Every `__forge_fetch__` call: target and path, to check what the SDK sends. */
export const calls: { target: unknown; path: string }[] = [];

let current: KvsEmulator | undefined;

export const TEST_ENTITIES: EntityDefinition[] = [
  {
    name: 'employee',
    attributes: {
      name: { type: 'string' },
      team: { type: 'string' },
      level: { type: 'integer' },
      salary: { type: 'float' },
      active: { type: 'boolean' },
      nick: { type: 'string' },
      extra: { type: 'any' },
    },
    indexes: [
      { name: 'by-team-level', partition: ['team'], range: ['level'] },
      { name: 'by-name', range: ['name'] },
      { name: 'by-team-active-name', partition: ['team', 'active'], range: ['name'] },
      'salary',
    ],
  },
  { name: 'counter', attributes: { n: { type: 'integer' }, owner: { type: 'string' } } },
];

/** A fresh in-memory emulator on `clock`; later `__forge_fetch__` calls go to it. */
export function newEmulator(entities: EntityDefinition[] = TEST_ENTITIES): KvsEmulator {
  current?.close();
  current = new KvsEmulator({ entities, now: () => clock.now });
  return current;
}

let loaded: Promise<ForgeKvs> | undefined;

/** Installs the minimal Forge runtime + `__forge_fetch__` once, then imports `@forge/kvs`. */
export function loadForgeKvs(): Promise<ForgeKvs> {
  if (loaded) return loaded;
  const g = globalThis as Record<string, unknown>;
  g.__forge_runtime__ = {
    appContext: {
      appId: 'test-app',
      appVersion: '1.0.0',
      environmentId: 'env',
      environmentType: 'DEVELOPMENT',
      invocationId: 'inv',
      installationId: 'inst',
      moduleKey: 'test',
      permissions: { scopes: ['storage:app'], external: {} },
    },
    lambdaContext: { getRemainingTimeInMillis: () => 25_000 },
    proxy: { token: 'local-token', url: 'http://localhost:0' },
    tracing: { traceId: 'trace', spanId: 'span' },
    metrics: { counter: () => ({ incr() {} }), timing: () => ({ measure: () => ({ stop() {} }) }) },
    // no `kvs` key: every call goes through __forge_fetch__ with {type:'kvs', provider:'app', remote:'kvs'}
  };
  g.__forge_fetch__ = (target: unknown, path: string, init?: RequestInit): Promise<Response> => {
    calls.push({ target, path });
    if (!current) throw new Error('test harness: call newEmulator() first');
    return current.fetch(path, init);
  };
  loaded = import('@forge/kvs');
  return loaded;
}

/** The `ForgeKvsAPIError` code (and HTTP status) a rejected SDK call carries. */
export async function apiError(p: Promise<unknown>): Promise<{ code: string; status: number; name: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; name?: string; responseDetails?: { status?: number } };
    return { code: String(err.code), status: Number(err.responseDetails?.status), name: String(err.name) };
  }
  throw new Error('expected the call to fail');
}
