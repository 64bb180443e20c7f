import Resolver from '@forge/resolver';
import type { z } from 'zod';
import type { AuditAction } from '../contract/audit';
import type { Envelope } from '../contract/envelope';
import type { Invocation, RegistryDeps } from '../app/context';
import { recordRefusal } from '../app/record-refusal';
import type { CallerPermissions } from '../app/ports';
import { kvsAudit } from '../infra/kvs-audit';
import { requireJiraAdmin, type ResolverContext } from './authorize';
import { openTokens, sealTokens } from './client-tokens';
import { envelope, toResolverError } from './envelope';

export interface ResolverRequest {
  payload: unknown;
  context: ResolverContext;
}

/** One resolver key: its input schema, the audit action it is, and the one use case it calls. */
export interface KeyDefinition<S extends z.ZodType, R> {
  input: S;
  /** What a refused attempt is recorded as; reads are `access`. */
  action: AuditAction;
  /** Changes audit every refusal (invalid, conflicting, forbidden); reads audit only FORBIDDEN. */
  changes: boolean;
  run: (input: z.output<S>, inv: Invocation, deps: RegistryDeps) => Promise<R>;
}

export interface Surface {
  module: string;
  deps: () => RegistryDeps;
  permissions: () => CallerPermissions;
}

function targetOf(payload: unknown): string | undefined {
  const id = (payload as { accountId?: unknown } | null)?.accountId;
  return typeof id === 'string' && /^[A-Za-z0-9:_-]{1,128}$/.test(id) ? id : undefined;
}

/**
 * The whole life of an admin key: authorize from `context.accountId` (never the payload) → parse
 * (strict: unknown fields refused) → one use case → envelope. Refusals are recorded in the audit trail;
 * if recording fails, the refusal still stands.
 */
export function adminKey<S extends z.ZodType, R>(surface: Surface, key: string, def: KeyDefinition<S, R>) {
  return async ({ payload, context }: ResolverRequest): Promise<Envelope<R>> => {
    const inv: Invocation = {
      actorId: context.accountId ?? null,
      actorKind: 'admin',
      source: { kind: 'resolver', module: context.moduleKey ?? surface.module, key },
    };
    const result = await envelope(async () => {
      await requireJiraAdmin(context, surface.permissions());
      const input = def.input.parse(await openTokens(key, payload));
      return sealTokens(key, await def.run(input, inv, surface.deps()));
    });
    if (!result.ok && result.error.code !== 'INTERNAL' && result.error.code !== 'RATE_LIMITED') {
      if (def.changes || result.error.code === 'FORBIDDEN') {
        const details =
          result.error.code === 'BAD_REQUEST'
            ? result.error.details
            : result.error.code === 'CONFLICT'
              ? {
                  currentVersion:
                    (result.error.details as { current?: { version?: number } } | undefined)?.current
                      ?.version ?? null,
                }
              : undefined;
        try {
          await recordRefusal(
            inv,
            {
              action: def.action,
              ...(targetOf(payload) ? { targetId: targetOf(payload) } : {}),
              code: result.error.code,
              message: result.error.message,
              ...(details === undefined ? {} : { details }),
            },
            surface.deps(),
          );
        } catch (e) {
          console.error('Could not record a refused attempt in the audit trail', toResolverError(e));
        }
      }
    }
    return result;
  };
}

/**
 * The resolver's handler, wrapped so that an unknown key (including `Object.prototype` names, which
 * @forge/resolver would otherwise resolve) answers a NOT_FOUND envelope instead of throwing. The
 * attempt is a refused request like any other, so it is recorded in the audit trail (who, from which
 * module, which key) — a caller probing for keys leaves a trace.
 */
export function guardedHandler(resolver: Resolver, keys: readonly string[]) {
  const known = new Set(keys);
  const handler = resolver.getDefinitions() as (event: unknown, backend: unknown) => Promise<unknown>;
  return async (
    event: { call?: { functionKey?: unknown }; context?: { moduleKey?: unknown } } | undefined,
    backend: unknown,
  ): Promise<unknown> => {
    const key = event?.call?.functionKey;
    if (typeof key !== 'string' || !known.has(key)) {
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
          { audit: kvsAudit, clock: { now: () => new Date() } },
        );
      } catch (e) {
        console.error('Could not record a refused attempt in the audit trail', toResolverError(e));
      }
      return unknown;
    }
    return handler(event, backend);
  };
}

/**
 * A new `Resolver`. `@forge/resolver` is CommonJS with `exports.default`: bundlers (and Vitest) hand
 * the class to a default import, plain Node ESM (tsx) hands over the exports object.
 */
export function newResolver(): Resolver {
  const ctor = (Resolver as unknown as { default?: typeof Resolver }).default ?? Resolver;
  return new ctor();
}
