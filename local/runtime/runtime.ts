/**
 * The local Forge function runtime: calls the handlers named in manifest.yml with Forge's event and
 * context shapes, behind the `__forge_runtime__` / `__forge_fetch__` contract that the real
 * `@forge/api` and `@forge/kvs` packages speak (FORGE-FACTS.md §3), with Forge's time limits (§5).
 * The invocation and its globals: `invocation.ts`; where its requests go: `forge-fetch.ts`; the
 * shapes it shares with callers: `runtime-contract.ts`.
 */
import { randomUUID } from 'node:crypto';
import { checkStillRunning, principalFor, unsupported } from './forge-fetch.js';
import {
  forgeRuntimeFor,
  importHandler,
  installGlobals,
  installationOf,
  invocations as als,
  withTimeLimit,
  type AnyHandler,
  type ForgeFetchTarget,
  type Invocation,
} from './invocation.js';
import type { Manifest, ManifestFunction, ManifestModule } from './manifest.js';
import { findModule } from './manifest.js';
import { answerGateway, validatorOutcome } from './platform-extras.js';
import type { ProductTransport } from './product.js';
import {
  DEFAULT_TIME_LIMITS_MS,
  LOCAL_IDS,
  MAX_TIMEOUT_SECONDS,
  errorMessage,
  isTimeout,
  type ForgeRuntimeOptions,
  type FunctionKind,
  type InvocationCounters,
  type InvocationSummary,
  type KvsBackend,
  type ProductCallEvent,
  type WebtriggerRequest,
  type WebtriggerResponse,
} from './runtime-contract.js';
import { webtrigger500, webtriggerAnswer } from './webtrigger-response.js';

export * from './runtime-contract.js';

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
      installation: installationOf(this.cloudId, this.installContext),
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
    return webtriggerAnswer(moduleKey, mod.raw, result);
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
    checkStillRunning(inv);
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
    const principal = principalFor(target, inv);
    if (principal instanceof Response) return principal;
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

  /** Imported on first use, after the globals exist (the @forge/kvs import-order caveat). */
  private async loadHandler(fn: ManifestFunction): Promise<AnyHandler> {
    let handler = this.handlers.get(fn.key);
    if (handler) return handler;
    handler = await importHandler(this.appDir, fn);
    this.handlers.set(fn.key, handler);
    return handler;
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
    inv.forgeRuntime = forgeRuntimeFor(inv, spec.fn, {
      manifest: this.manifest,
      appDir: this.appDir,
      cloudId: this.cloudId,
      installContext: this.installContext,
      license: this.license,
    });
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
        return await withTimeLimit(inv, spec.limitMs, () => call(handler, inv));
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
