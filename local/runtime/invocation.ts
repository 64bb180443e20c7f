/**
 * One invocation of an app function and what the Forge packages read from it: the two globals
 * `__forge_runtime__` / `__forge_fetch__` (FORGE-FACTS.md §3), installed once as accessors reading the
 * current invocation from an AsyncLocalStorage, so concurrent invocations (different users,
 * interleaved awaits) never mix; the `__forge_runtime__` object; and Forge's time limit (§5).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Manifest, ManifestFunction } from './manifest.js';
import { FunctionError, LOCAL_IDS, type FunctionKind } from './runtime-contract.js';

export type AnyHandler = (...args: unknown[]) => unknown;
export type ForgeFetchTarget = { type?: string; provider?: string; remote?: string; accountId?: string };

/** Who answers the invocation's `__forge_fetch__` calls (the `ForgeRuntime` that started it). */
export interface FetchDispatcher {
  dispatchFetch(
    inv: Invocation,
    target: ForgeFetchTarget,
    path: string,
    init: RequestInit,
  ): Promise<Response>;
}

export interface Invocation {
  owner: FetchDispatcher;
  id: string;
  kind: FunctionKind;
  moduleKey: string;
  functionKey: string;
  accountId?: string;
  deadline: number;
  dead: boolean;
  ended: boolean;
  productCalls: number;
  kvsCalls: number;
  forgeRuntime: Record<string, unknown>;
}

// One AsyncLocalStorage per process, even if this file is loaded twice (test runners can do that).
const ALS_KEY = Symbol.for('forge-local.runtime.als');
const g = globalThis as unknown as Record<string | symbol, unknown>;
export const invocations = (g[ALS_KEY] ??=
  new AsyncLocalStorage<Invocation>()) as AsyncLocalStorage<Invocation>;

export function installGlobals(): void {
  const INSTALLED = Symbol.for('forge-local.runtime.installed');
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    get: () => invocations.getStore()?.forgeRuntime,
  });
  Object.defineProperty(globalThis, '__forge_fetch__', {
    configurable: true,
    value: (target: ForgeFetchTarget, path: string, init?: RequestInit): Promise<Response> => {
      const inv = invocations.getStore();
      if (!inv) return Promise.reject(new Error('__forge_fetch__ called outside a Forge invocation'));
      return inv.owner.dispatchFetch(inv, target, path, init ?? {});
    },
  });
}

const noopMetrics = (() => {
  const counter = { incr() {}, incrBy() {}, decr() {}, decrBy() {} };
  const timing = { measure: () => ({ stop() {} }) };
  const gauge = { set() {} };
  return { counter: () => counter, timing: () => timing, gauge: () => gauge };
})();

/** `appContext.installation` (and the resolver's `context.installation`): ARIs that print as strings. */
export function installationOf(cloudId: string, installContext: string): Record<string, unknown> {
  const { installationId } = LOCAL_IDS;
  const ari = `ari:cloud:ecosystem::installation/${installationId}`;
  return {
    ari: { installationId, toString: () => ari, toJSON: () => ari },
    contexts: [{ cloudId, toString: () => installContext, toJSON: () => installContext }],
  };
}

/** The `__forge_runtime__` object of one invocation, as `@forge/api` and `@forge/kvs` read it. */
export function forgeRuntimeFor(
  inv: Invocation,
  fn: ManifestFunction,
  app: {
    manifest: Manifest;
    appDir: string;
    cloudId: string;
    installContext: string;
    license: Record<string, unknown> | undefined;
  },
): Record<string, unknown> {
  return {
    appContext: {
      appId: app.manifest.appId,
      appVersion: '1.0.0',
      environmentId: LOCAL_IDS.environmentId,
      environmentType: 'DEVELOPMENT',
      invocationId: inv.id,
      installationId: LOCAL_IDS.installationId,
      functionKey: fn.key,
      moduleType: inv.kind,
      moduleKey: inv.moduleKey,
      license: app.license,
      installation: installationOf(app.cloudId, app.installContext),
      permissions: { scopes: app.manifest.scopes, external: {} },
    },
    aaid: inv.accountId,
    contextAri: app.installContext,
    container: { runtime: app.manifest.runtimeName, handler: fn.handler, appCodeDir: app.appDir },
    lambdaContext: {
      awsRequestId: inv.id,
      getRemainingTimeInMillis: () => Math.max(0, inv.deadline - Date.now()),
    },
    proxy: { token: 'local-forge-proxy-token', url: 'http://forge-proxy.local' },
    tracing: {
      traceId: randomUUID().replace(/-/g, ''),
      spanId: randomUUID().slice(0, 16).replace(/-/g, ''),
    },
    realtime: {},
    metrics: noopMetrics,
    externalAuth: [],
    featureFlags: () => false,
  };
}

/**
 * `work` under Forge's time limit: past `limitMs` the invocation is dead (its later requests are
 * refused) and the caller gets FUNCTION_TIME_OUT, while the work's own late failure is swallowed.
 */
export async function withTimeLimit<T>(
  inv: Invocation,
  limitMs: number,
  work: () => T | Promise<T>,
): Promise<T> {
  inv.deadline = Date.now() + limitMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      inv.dead = true;
      reject(
        new FunctionError('FUNCTION_TIME_OUT', `'${inv.moduleKey}' ran past its time limit of ${limitMs} ms`),
      );
    }, limitMs);
  });
  const running = Promise.resolve().then(work);
  running.catch(() => undefined); // a late failure after a time-out must not become unhandled
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The function's handler from the app's `src/` (imported on first use, after the globals exist: the @forge/kvs import-order caveat). */
export async function importHandler(appDir: string, fn: ManifestFunction): Promise<AnyHandler> {
  const base = join(appDir, 'src', fn.file);
  const file = ['.ts', '.tsx', '.js'].map((ext) => base + ext).find((f) => existsSync(f));
  if (!file) throw new Error(`function '${fn.key}': no file src/${fn.file}.ts in ${appDir}`);
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const exported = mod[fn.exportName];
  if (typeof exported !== 'function') {
    throw new Error(`function '${fn.key}': src/${fn.file} has no exported function '${fn.exportName}'`);
  }
  return exported as AnyHandler;
}
