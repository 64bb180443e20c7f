/**
 * The local Forge function runtime: calls the handlers named in manifest.yml with Forge's event and
 * context shapes, behind the `__forge_runtime__` / `__forge_fetch__` contract that the real
 * `@forge/api` and `@forge/kvs` packages speak (FORGE-FACTS.md §3), with Forge's time limits (§5).
 *
 * The two globals are installed once, as accessors reading the current invocation from an
 * AsyncLocalStorage, so concurrent invocations (different users, interleaved awaits) never mix.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Manifest, ManifestFunction, ManifestModule } from './manifest.js';
import { findModule } from './manifest.js';
import { pickStaticOutput, responseConfigOf } from './webtrigger-response.js';
import type { Principal, ProductTransport } from './product.js';
import { answerGateway, validatorOutcome } from './platform-extras.js';

export type FunctionKind = 'resolver' | 'webtrigger' | 'trigger' | 'scheduled' | 'validator' | 'local';

/** Forge's limits (FORGE-FACTS.md §5). Scheduled triggers use the function's `timeoutSeconds`. */
export const DEFAULT_TIME_LIMITS_MS: Record<Exclude<FunctionKind, 'local'>, number> = {
  resolver: 25_000,
  webtrigger: 55_000,
  trigger: 55_000,
  scheduled: 55_000,
  // Not documented for jira:workflowValidator functions: ASSUMED the default invocation limit.
  validator: 25_000,
};
const MAX_TIMEOUT_SECONDS = 900;

/** Stable identities of the one local installation. */
export const LOCAL_IDS = {
  cloudId: 'c10dc10d-0000-4000-8000-00000000c10d',
  environmentId: 'e0e0e0e0-0000-4000-8000-0000000000e0',
  installationId: '1a571a57-0000-4000-8000-000000001a57',
} as const;

/** What `__forge_fetch__` needs of the KVS emulator (local/kvs KvsEmulator satisfies it). */
export interface KvsBackend {
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export interface WebtriggerRequest {
  method: string;
  /** Lower-cased names, every value a list (Forge's shape). */
  headers: Record<string, string[]>;
  body: string;
  path: string;
  userPath?: string;
  queryParameters: Record<string, string[]>;
}

export interface WebtriggerResponse {
  statusCode: number;
  headers?: Record<string, string[]>;
  body?: string;
  statusText?: string;
}

export type FunctionErrorCode = 'FUNCTION_TIME_OUT' | 'FUNCTION_ERROR';

/** A platform-side failure of an invocation. Errors thrown by handlers are passed through as they are. */
export class FunctionError extends Error {
  constructor(
    readonly code: FunctionErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = code;
  }
}

export const isTimeout = (e: unknown): boolean =>
  e instanceof Error && (e as { code?: unknown }).code === 'FUNCTION_TIME_OUT';

export interface ProductCallEvent {
  invocationId: string;
  kind: FunctionKind;
  moduleKey: string;
  principal: Principal;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

export interface InvocationSummary {
  invocationId: string;
  kind: FunctionKind;
  moduleKey: string;
  functionKey: string;
  accountId?: string;
  outcome: 'ok' | 'error' | 'timeout';
  durationMs: number;
  productCalls: number;
  kvsCalls: number;
}

export interface InvocationCounters {
  started: number;
  completed: number;
  failed: number;
  timedOut: number;
  active: number;
  byKind: Record<FunctionKind, number>;
}

export interface ForgeRuntimeOptions {
  appDir: string;
  manifest: Manifest;
  kvs: KvsBackend;
  product: ProductTransport;
  timeLimitsMs?: Partial<Record<Exclude<FunctionKind, 'local'>, number>>;
  cloudId?: string;
  /** What resolvers see as `context.siteUrl`. */
  siteUrl?: string;
  /** `appContext.license` and the resolver's `context.license`; Forge leaves it unset in development. */
  license?: Record<string, unknown>;
}

type ForgeFetchTarget = { type?: string; provider?: string; remote?: string; accountId?: string };
type AnyHandler = (...args: unknown[]) => unknown;

interface Invocation {
  owner: ForgeRuntime;
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
const als = (g[ALS_KEY] ??= new AsyncLocalStorage<Invocation>()) as AsyncLocalStorage<Invocation>;

function installGlobals(): void {
  const INSTALLED = Symbol.for('forge-local.runtime.installed');
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    get: () => als.getStore()?.forgeRuntime,
  });
  Object.defineProperty(globalThis, '__forge_fetch__', {
    configurable: true,
    value: (target: ForgeFetchTarget, path: string, init?: RequestInit): Promise<Response> => {
      const inv = als.getStore();
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

function unsupported(message: string): Response {
  return new Response(JSON.stringify({ message }), {
    status: 501,
    headers: { 'content-type': 'application/json', 'forge-proxy-error': 'LOCAL_UNSUPPORTED_TARGET' },
  });
}

function isStringListRecord(v: unknown): v is Record<string, string[]> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => Array.isArray(x) && x.every((s) => typeof s === 'string'))
  );
}

/** Forge's webtrigger response contract; anything else becomes a 500 (FORGE-FACTS.md §1.4). */
function checkWebtriggerResponse(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return 'the handler returned no object';
  const r = v as Record<string, unknown>;
  if (
    typeof r.statusCode !== 'number' ||
    !Number.isInteger(r.statusCode) ||
    r.statusCode < 100 ||
    r.statusCode > 599
  ) {
    return 'statusCode must be an integer HTTP status';
  }
  if (r.headers !== undefined && !isStringListRecord(r.headers)) return 'headers must be { name: string[] }';
  if (r.body !== undefined && typeof r.body !== 'string') return 'body must be a string';
  if (r.statusText !== undefined && typeof r.statusText !== 'string') return 'statusText must be a string';
  return null;
}

const webtrigger500 = (): WebtriggerResponse => ({
  statusCode: 500,
  headers: { 'content-type': ['text/plain'] },
  body: 'Internal Server Error',
});

export class ForgeRuntime {
  readonly appDir: string;
  readonly manifest: Manifest;
  readonly kvs: KvsBackend;
  readonly product: ProductTransport;
  readonly cloudId: string;
  readonly installContext: string;
  siteUrl: string;
  readonly invocations: InvocationCounters = {
    started: 0,
    completed: 0,
    failed: 0,
    timedOut: 0,
    active: 0,
    byKind: { resolver: 0, webtrigger: 0, trigger: 0, scheduled: 0, validator: 0, local: 0 },
  };
  private readonly limits: Record<Exclude<FunctionKind, 'local'>, number | undefined>;
  private readonly license: Record<string, unknown> | undefined;
  private readonly productListeners = new Set<(e: ProductCallEvent) => void>();
  private readonly endListeners = new Set<(e: InvocationSummary) => void>();
  private readonly handlers = new Map<string, AnyHandler>();

  constructor(opts: ForgeRuntimeOptions) {
    installGlobals();
    this.appDir = opts.appDir;
    this.manifest = opts.manifest;
    this.kvs = opts.kvs;
    this.product = opts.product;
    this.cloudId = opts.cloudId ?? LOCAL_IDS.cloudId;
    this.installContext = `ari:cloud:jira::site/${this.cloudId}`;
    this.siteUrl = opts.siteUrl ?? 'http://localhost:4000';
    this.license = opts.license;
    const t = opts.timeLimitsMs ?? {};
    this.limits = {
      resolver: t.resolver,
      webtrigger: t.webtrigger,
      trigger: t.trigger,
      scheduled: t.scheduled,
      validator: t.validator,
    };
  }

  /** Observes every product (Jira) request an invocation makes. Returns an unsubscribe function. */
  onProductCall(listener: (e: ProductCallEvent) => void): () => void {
    this.productListeners.add(listener);
    return () => this.productListeners.delete(listener);
  }

  /** Observes the end of every invocation (outcome, duration, Jira and KVS call counts). */
  onInvocationEnd(listener: (e: InvocationSummary) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  // ---------------------------------------------------------------- entry points

  /** A resolver call, as the bridge's `invoke(functionKey, payload)` from `moduleKey` would make it. */
  async invokeResolver(call: {
    moduleKey: string;
    functionKey: string;
    payload?: unknown;
    accountId?: string;
    extension?: Record<string, unknown>;
  }): Promise<unknown> {
    const mod = this.requireModule(call.moduleKey);
    if (!mod.resolverFunction) throw new Error(`module '${call.moduleKey}' has no resolver`);
    const fn = this.requireFunction(mod.resolverFunction);
    const context: Record<string, unknown> = {
      cloudId: this.cloudId,
      moduleKey: mod.key,
      localId: `ari:cloud:ecosystem::extension/${this.manifest.appId}/${LOCAL_IDS.environmentId}/static/${mod.key}`,
      extension: { type: mod.kind, ...call.extension },
      siteUrl: this.siteUrl,
      environmentId: LOCAL_IDS.environmentId,
      environmentType: 'DEVELOPMENT',
    };
    if (call.accountId) context.accountType = 'licensed';
    const event = {
      call: { functionKey: call.functionKey, payload: call.payload, jobId: undefined },
      context,
    };
    const backend = {
      principal: call.accountId ? { accountId: call.accountId } : undefined,
      installContext: this.installContext,
      license: this.license,
      installation: this.installation(),
    };
    return this.run(
      {
        kind: 'resolver',
        mod,
        fn,
        accountId: call.accountId,
        limitMs: this.limits.resolver ?? DEFAULT_TIME_LIMITS_MS.resolver,
      },
      (h) => h(event, backend),
    );
  }

  /** Runs a `scheduledTrigger` module now. Never rejects for handler failures: see `ok`/`error`. */
  async runScheduledTrigger(
    moduleKey: string,
  ): Promise<{ ok: boolean; result?: unknown; error?: string; durationMs: number }> {
    const mod = this.requireModule(moduleKey, 'scheduledTrigger');
    const fn = this.requireFunction(mod.function);
    const seconds = Math.min(
      fn.timeoutSeconds ?? DEFAULT_TIME_LIMITS_MS.scheduled / 1000,
      MAX_TIMEOUT_SECONDS,
    );
    const limitMs = this.limits.scheduled ?? seconds * 1000;
    const started = Date.now();
    try {
      const result = await this.run({ kind: 'scheduled', mod, fn, limitMs }, (h, inv) =>
        h(
          { context: { cloudId: this.cloudId, moduleKey }, contextToken: `local-context-token.${inv.id}` },
          { principal: undefined, installContext: this.installContext },
        ),
      );
      return { ok: true, result, durationMs: Date.now() - started };
    } catch (e) {
      return { ok: false, error: errorMessage(e), durationMs: Date.now() - started };
    }
  }

  /**
   * Delivers a product event to a `trigger` module. Forge's event carries `context` and
   * `contextToken` besides the product payload; they are added when the caller leaves them out.
   */
  async runProductTrigger(
    moduleKey: string,
    event: Record<string, unknown>,
  ): Promise<{ ok: boolean; result?: unknown; error?: string }> {
    const mod = this.requireModule(moduleKey, 'trigger');
    const fn = this.requireFunction(mod.function);
    try {
      const result = await this.run(
        { kind: 'trigger', mod, fn, limitMs: this.limits.trigger ?? DEFAULT_TIME_LIMITS_MS.trigger },
        (h, inv) =>
          h(
            {
              context: { cloudId: this.cloudId, moduleKey },
              contextToken: `local-context-token.${inv.id}`,
              ...event,
            },
            { principal: undefined, installContext: this.installContext },
          ),
      );
      return { ok: true, result };
    } catch (e) {
      return { ok: false, error: errorMessage(e) };
    }
  }

  /**
   * Calls a `webtrigger` module. Dynamic: the function's response as it returned it. Static: the
   * declared output its `{ outputKey }` names (webtrigger-response.ts). Thrown errors, time-outs and
   * results Forge could not use answer 500, as on Forge.
   */
  async runWebtrigger(moduleKey: string, request: WebtriggerRequest): Promise<WebtriggerResponse> {
    const mod = this.requireModule(moduleKey, 'webtrigger');
    const fn = this.requireFunction(mod.function);
    let result: unknown;
    try {
      result = await this.run(
        { kind: 'webtrigger', mod, fn, limitMs: this.limits.webtrigger ?? DEFAULT_TIME_LIMITS_MS.webtrigger },
        (h) => h(request, { installContext: this.installContext }),
      );
    } catch (e) {
      console.error(`[forge-local] webtrigger '${moduleKey}' failed: ${errorMessage(e)}`);
      return webtrigger500();
    }
    const response = responseConfigOf(mod.raw);
    if (response.type === 'static') {
      // Static: Forge answers the declared output the function names, and nothing of the result else.
      const picked = pickStaticOutput(response.outputs, result);
      if ('problem' in picked) {
        console.error(`[forge-local] static webtrigger '${moduleKey}': ${picked.problem}`);
        return webtrigger500();
      }
      const { statusCode, contentType, body } = picked.output;
      return { statusCode, headers: contentType ? { 'content-type': [contentType] } : {}, body: body ?? '' };
    }
    const problem = checkWebtriggerResponse(result);
    if (problem) {
      console.error(`[forge-local] webtrigger '${moduleKey}' returned an incompatible response: ${problem}`);
      return webtrigger500();
    }
    return result as WebtriggerResponse;
  }

  /**
   * Calls a `jira:workflowValidator` function with Forge's argument
   * `{issue: {key}, configuration, transition: {from: {id}, to: {id}, modifiedFields}}`. Throws,
   * time-outs and malformed answers refuse the transition (see `validatorOutcome`).
   */
  async runWorkflowValidator(
    moduleKey: string,
    args: Record<string, unknown>,
  ): Promise<{ result: boolean; errorMessage?: string }> {
    const mod = this.requireModule(moduleKey, 'jira:workflowValidator');
    const fn = this.requireFunction(mod.function);
    try {
      const result = await this.run(
        { kind: 'validator', mod, fn, limitMs: this.limits.validator ?? DEFAULT_TIME_LIMITS_MS.validator },
        (h) => h(args, { principal: undefined, installContext: this.installContext }),
      );
      return validatorOutcome(result);
    } catch (e) {
      console.error(`[forge-local] workflow validator '${moduleKey}' failed: ${errorMessage(e)}`);
      return { result: false };
    }
  }

  /**
   * Runs local code (seeding, test set-up) inside a synthetic invocation, so that `@forge/kvs` and
   * `@forge/api` work in it. No time limit. Not something Forge has.
   */
  runInInvocation<T>(opts: { accountId?: string; moduleKey?: string }, fn: () => Promise<T>): Promise<T> {
    const mod: ManifestModule = { kind: 'local', key: opts.moduleKey ?? 'local', raw: {} };
    const fnDef: ManifestFunction = {
      key: 'local',
      handler: 'local.local',
      file: 'local',
      exportName: 'local',
    };
    return this.run({ kind: 'local', mod, fn: fnDef, accountId: opts.accountId, limitMs: null }, () => fn());
  }

  // ---------------------------------------------------------------- __forge_fetch__

  /** @internal called by the global `__forge_fetch__` with the caller's invocation. */
  async dispatchFetch(
    inv: Invocation,
    target: ForgeFetchTarget,
    path: string,
    init: RequestInit,
  ): Promise<Response> {
    if (inv.dead) {
      throw new FunctionError(
        'FUNCTION_TIME_OUT',
        `invocation ${inv.id} of '${inv.moduleKey}' ran past its time limit; its requests are refused`,
      );
    }
    if (inv.ended) {
      throw new Error(
        `invocation ${inv.id} of '${inv.moduleKey}' has already returned; on Forge its work stops there`,
      );
    }
    if (target.type === 'kvs') {
      inv.kvsCalls++;
      return this.kvs.fetch(path, init);
    }
    if (target.remote === 'stargate') {
      const keys = this.manifest.modules.filter((m) => m.kind === 'webtrigger').map((m) => m.key);
      const answer = answerGateway(path, init, this.siteUrl, keys);
      if (answer) return answer;
    }
    if (target.type !== 'fpp' || target.remote !== 'jira') {
      return unsupported(
        `The local Forge platform serves KVS and Jira only (target ${JSON.stringify(target)}).`,
      );
    }
    let principal: Principal;
    switch (target.provider) {
      case 'app':
        principal = { kind: 'app' };
        break;
      case 'user': {
        const accountId = target.accountId ?? inv.accountId;
        if (!accountId) {
          throw new Error(
            `asUser() is not available in this ${inv.kind} invocation of '${inv.moduleKey}': there is no invoking user`,
          );
        }
        principal = { kind: 'user', accountId };
        break;
      }
      case 'none':
        principal = inv.accountId ? { kind: 'user', accountId: inv.accountId } : { kind: 'app' };
        break;
      default:
        return unsupported(`Unknown provider '${String(target.provider)}'.`);
    }
    inv.productCalls++;
    const started = Date.now();
    const response = await this.product.fetch(principal, path, init);
    const event: ProductCallEvent = {
      invocationId: inv.id,
      kind: inv.kind,
      moduleKey: inv.moduleKey,
      principal,
      method: (init.method ?? 'GET').toUpperCase(),
      path,
      status: response.status,
      durationMs: Date.now() - started,
    };
    for (const l of this.productListeners) l(event);
    return response;
  }

  // ---------------------------------------------------------------- internals

  private requireModule(moduleKey: string, kind?: string): ManifestModule {
    const mod = findModule(this.manifest, moduleKey);
    if (!mod) throw new Error(`no module '${moduleKey}' in manifest.yml`);
    if (kind && mod.kind !== kind) throw new Error(`module '${moduleKey}' is a ${mod.kind}, not a ${kind}`);
    return mod;
  }

  private requireFunction(key: string | undefined): ManifestFunction {
    const fn = key ? this.manifest.functions[key] : undefined;
    if (!fn) throw new Error(`no function '${String(key)}' in manifest.yml`);
    return fn;
  }

  private installation(): Record<string, unknown> {
    const { installationId } = LOCAL_IDS;
    const ari = `ari:cloud:ecosystem::installation/${installationId}`;
    const site = this.installContext;
    return {
      ari: { installationId, toString: () => ari, toJSON: () => ari },
      contexts: [{ cloudId: this.cloudId, toString: () => site, toJSON: () => site }],
    };
  }

  /** Imported on first use, after the globals exist (the @forge/kvs import-order caveat). */
  private async loadHandler(fn: ManifestFunction): Promise<AnyHandler> {
    let handler = this.handlers.get(fn.key);
    if (handler) return handler;
    const base = join(this.appDir, 'src', fn.file);
    const file = ['.ts', '.tsx', '.js'].map((ext) => base + ext).find((f) => existsSync(f));
    if (!file) throw new Error(`function '${fn.key}': no file src/${fn.file}.ts in ${this.appDir}`);
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const exported = mod[fn.exportName];
    if (typeof exported !== 'function') {
      throw new Error(`function '${fn.key}': src/${fn.file} has no exported function '${fn.exportName}'`);
    }
    handler = exported as AnyHandler;
    this.handlers.set(fn.key, handler);
    return handler;
  }

  private forgeRuntimeFor(inv: Invocation, fn: ManifestFunction): Record<string, unknown> {
    return {
      appContext: {
        appId: this.manifest.appId,
        appVersion: '1.0.0',
        environmentId: LOCAL_IDS.environmentId,
        environmentType: 'DEVELOPMENT',
        invocationId: inv.id,
        installationId: LOCAL_IDS.installationId,
        functionKey: fn.key,
        moduleType: inv.kind,
        moduleKey: inv.moduleKey,
        license: this.license,
        installation: this.installation(),
        permissions: { scopes: this.manifest.scopes, external: {} },
      },
      aaid: inv.accountId,
      contextAri: this.installContext,
      container: { runtime: this.manifest.runtimeName, handler: fn.handler, appCodeDir: this.appDir },
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

  private async run<T>(
    spec: {
      kind: FunctionKind;
      mod: ManifestModule;
      fn: ManifestFunction;
      accountId?: string;
      limitMs: number | null;
    },
    call: (handler: AnyHandler, inv: Invocation) => T | Promise<T>,
  ): Promise<T> {
    const inv: Invocation = {
      owner: this,
      id: randomUUID(),
      kind: spec.kind,
      moduleKey: spec.mod.key,
      functionKey: spec.fn.key,
      accountId: spec.accountId,
      deadline: Number.POSITIVE_INFINITY,
      dead: false,
      ended: false,
      productCalls: 0,
      kvsCalls: 0,
      forgeRuntime: {},
    };
    inv.forgeRuntime = this.forgeRuntimeFor(inv, spec.fn);
    const counters = this.invocations;
    counters.started++;
    counters.active++;
    counters.byKind[spec.kind]++;
    const started = Date.now();
    let outcome: InvocationSummary['outcome'] = 'ok';
    try {
      return await als.run(inv, async () => {
        const handler: AnyHandler = spec.kind === 'local' ? () => undefined : await this.loadHandler(spec.fn);
        if (spec.limitMs === null) return await call(handler, inv);
        const limitMs = spec.limitMs;
        inv.deadline = Date.now() + limitMs;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            inv.dead = true;
            reject(
              new FunctionError(
                'FUNCTION_TIME_OUT',
                `'${inv.moduleKey}' ran past its time limit of ${limitMs} ms`,
              ),
            );
          }, limitMs);
        });
        const work = Promise.resolve().then(() => call(handler, inv));
        work.catch(() => undefined); // a late failure after a time-out must not become unhandled
        try {
          return await Promise.race([work, timeout]);
        } finally {
          clearTimeout(timer);
        }
      });
    } catch (e) {
      outcome = isTimeout(e) ? 'timeout' : 'error';
      if (outcome === 'timeout') counters.timedOut++;
      else counters.failed++;
      throw e;
    } finally {
      inv.ended = true;
      counters.active--;
      if (outcome === 'ok') counters.completed++;
      const summary: InvocationSummary = {
        invocationId: inv.id,
        kind: inv.kind,
        moduleKey: inv.moduleKey,
        functionKey: inv.functionKey,
        outcome,
        durationMs: Date.now() - started,
        productCalls: inv.productCalls,
        kvsCalls: inv.kvsCalls,
      };
      if (inv.accountId) summary.accountId = inv.accountId;
      for (const l of this.endListeners) l(summary);
    }
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
