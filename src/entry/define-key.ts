import Resolver from '@forge/resolver';
import type { z } from 'zod';
import type { AuditAction } from '../contract/audit';
import type { Envelope, ResolverError } from '../contract/envelope';
import { type OutputOf, type ParsedInputOf, type ProcedureKey, procedures } from '../contract/procedures';
import { ADMIN_MODULE_KEY } from '../contract/resolver-keys';
import type { Caller, Grant, Policy } from '../app/authorize';
import type { Invocation } from '../app/context';
import type { AppDeps } from '../app/deps';
import { recordRefusal } from '../app/record-refusal';
import { openTokens, sealTokens } from './client-tokens';
import { appDeps } from './compose';
import { envelope, toResolverError } from './envelope';

/** The platform's context of a resolver call; the issue panel adds its work item. */
export interface ResolverContext {
  accountId?: string;
  moduleKey?: string;
  extension?: { issue?: { key?: unknown; id?: unknown } };
}

export interface ResolverRequest {
  payload: unknown;
  context: ResolverContext;
}

/** What a key's `run` is told besides its input: who called, from where, and what the check granted. */
export interface KeyCall {
  caller: Caller;
  grant: Grant;
}

/** What a key's definition says besides its name; its input schema and answer are the procedure map's. */
export interface KeySpec<K extends ProcedureKey> {
  /** One of the checks of src/app/authorize.ts, run before the input is parsed. */
  authorize: Policy;
  /** What a refused attempt is recorded as; reads are `access`. */
  action: AuditAction;
  /** Changes audit every refusal (invalid, conflicting, forbidden); reads audit only FORBIDDEN. */
  changes: boolean;
  /** The one use case. Answering anything but the procedure map's type for `K` is a compile error. */
  run(input: ParsedInputOf<K>, inv: Invocation, deps: AppDeps, call: KeyCall): Promise<OutputOf<K>>;
}

/** One resolver key: its name in the procedure map (src/contract/procedures.ts) and its spec. */
export interface KeyDefinition<K extends ProcedureKey> extends KeySpec<K> {
  key: K;
}

/** Defines the resolver key `key`: input parsed with the procedure map's schema, `run` checked against its answer. */
export function defineKey<K extends ProcedureKey>(key: K, spec: KeySpec<K>): KeyDefinition<K> {
  return { key, ...spec };
}

/** A key of any name, as a resolver holds it. */
export interface AnyKey {
  key: ProcedureKey;
  authorize: Policy;
  action: AuditAction;
  changes: boolean;
  run(input: unknown, inv: Invocation, deps: AppDeps, call: KeyCall): Promise<unknown>;
}

function targetOf(payload: unknown): string | undefined {
  const p = payload as { accountId?: unknown; personId?: unknown } | null;
  const id = p?.accountId ?? p?.personId;
  return typeof id === 'string' && /^[A-Za-z0-9:_-]{1,128}$/.test(id) ? id : undefined;
}

/** What a refusal record keeps of the error: the fields at fault, or the version that won a conflict. */
function refusalDetails(error: ResolverError): unknown {
  if (error.code === 'BAD_REQUEST') return error.details;
  if (error.code === 'CONFLICT')
    return {
      currentVersion:
        (error.details as { current?: { version?: number } } | undefined)?.current?.version ?? null,
    };
  return undefined;
}

/** The caller as the platform names it (`context`, never the payload). */
function callerOf(context: ResolverContext): Caller {
  const issueKey = context.extension?.issue?.key;
  const onTicket = context.moduleKey !== ADMIN_MODULE_KEY && typeof issueKey === 'string';
  return {
    accountId: context.accountId ?? null,
    adminPage: context.moduleKey === ADMIN_MODULE_KEY,
    ...(onTicket ? { ticketKey: issueKey } : {}),
  };
}

/**
 * The whole life of a resolver call: authorize from `context` (never the payload) → parse (strict) →
 * one use case → envelope. Refusals of changes, and every FORBIDDEN, are recorded in the audit trail;
 * if recording fails, the refusal still stands.
 */
function resolverFunction(module: string, def: AnyKey, deps: AppDeps) {
  const { key } = def;
  const schema: z.ZodType = procedures[key].input;
  return async ({ payload, context }: ResolverRequest): Promise<Envelope<unknown>> => {
    const caller = callerOf(context);
    const inv: Invocation = {
      actorId: caller.accountId,
      actorKind: def.authorize.actorKind,
      source: { kind: 'resolver', module: context.moduleKey ?? module, key },
    };
    const result = await envelope(async () => {
      const grant = await def.authorize.grant(caller, deps);
      const input: unknown = schema.parse(await openTokens(key, payload, deps.clientTokenKey));
      return sealTokens(key, await def.run(input, inv, deps, { caller, grant }), deps.clientTokenKey);
    });
    if (
      !result.ok &&
      result.error.code !== 'INTERNAL' &&
      result.error.code !== 'RATE_LIMITED' &&
      (def.changes || result.error.code === 'FORBIDDEN')
    ) {
      const target = targetOf(payload);
      const details = refusalDetails(result.error);
      try {
        await recordRefusal(
          inv,
          {
            action: def.action,
            ...(target ? { targetId: target } : {}),
            code: result.error.code,
            message: result.error.message,
            ...(details === undefined ? {} : { details }),
          },
          deps,
        );
      } catch (e) {
        console.error('Could not record a refused attempt in the audit trail', toResolverError(e));
      }
    }
    return result;
  };
}

/**
 * A new `Resolver`. `@forge/resolver` is CommonJS with `exports.default`: bundlers (and Vitest) hand
 * the class to a default import, plain Node ESM (tsx) hands over the exports object.
 */
function newResolver(): Resolver {
  const ctor = (Resolver as unknown as { default?: typeof Resolver }).default ?? Resolver;
  return new ctor();
}

/**
 * A resolver function's handler (one per `function` of manifest.yml) serving `keys`. An unknown key
 * (including `Object.prototype` names, which @forge/resolver would otherwise resolve) answers a
 * NOT_FOUND envelope instead of throwing. The attempt is a refused request like any other, so it is
 * recorded in the audit trail (who, from which module, which key) — a caller probing for keys leaves
 * a trace.
 */
export function resolverHandler(module: string, keys: readonly AnyKey[], deps: AppDeps = appDeps) {
  const resolver = newResolver();
  const known = new Set<string>();
  for (const def of keys) {
    if (known.has(def.key)) throw new Error(`The resolver key ${def.key} is defined twice.`);
    known.add(def.key);
    resolver.define(def.key, resolverFunction(module, def, deps));
  }
  const handler = resolver.getDefinitions() as (event: unknown, backend: unknown) => Promise<unknown>;
  return async (
    event: { call?: { functionKey?: unknown }; context?: { moduleKey?: unknown } } | undefined,
    backend: unknown,
  ): Promise<unknown> => {
    const key = event?.call?.functionKey;
    if (typeof key === 'string' && known.has(key)) return handler(event, backend);
    const shownKey = typeof key === 'string' ? key.slice(0, 100) : null;
    const unknown: Envelope<never> = {
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'This app has no such function.',
        details: { functionKey: shownKey },
      },
    };
    // The principal comes from the platform (the second argument), never from the payload.
    const actorId = (backend as { principal?: { accountId?: unknown } } | undefined)?.principal?.accountId;
    const moduleKey = event?.context?.moduleKey;
    try {
      await recordRefusal(
        {
          actorId: typeof actorId === 'string' ? actorId : null,
          actorKind: 'user',
          source: {
            kind: 'resolver',
            module: typeof moduleKey === 'string' ? moduleKey.slice(0, 100) : 'unknown',
            key: shownKey ?? '(not a string)',
          },
        },
        { action: 'access', code: unknown.error.code, message: unknown.error.message, unknownKey: true },
        deps,
      );
    } catch (e) {
      console.error('Could not record a refused attempt in the audit trail', toResolverError(e));
    }
    return unknown;
  };
}
