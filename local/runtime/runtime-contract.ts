/**
 * The local Forge runtime's public shapes: function kinds and their time limits (FORGE-FACTS.md §5),
 * the installation's stable ids, webtrigger requests and responses, platform errors, and what
 * observers of invocations receive. `runtime.ts` re-exports all of it.
 */
import type { Manifest } from './manifest.js';
import type { Principal, ProductTransport } from './product.js';

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
export const MAX_TIMEOUT_SECONDS = 900;

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

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
