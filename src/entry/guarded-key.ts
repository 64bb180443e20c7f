import type { z } from 'zod';
import type { AuditAction } from '../contract/audit';
import type { Envelope } from '../contract/envelope';
import type { Invocation } from '../app/context';
import { recordRefusal } from '../app/record-refusal';
import type { WatchDeps } from '../app/watch-ports';
import type { ResolverContext } from './authorize';
import type { ResolverRequest } from './define';
import { openTokens, sealTokens } from './client-tokens';
import { envelope, toResolverError } from './envelope';

/** The platform context of a resolver call, with what the issue panel adds. */
export interface PanelContext extends ResolverContext {
  extension?: { issue?: { key?: unknown; id?: unknown } };
}

export interface GuardedDefinition<S extends z.ZodType, R> {
  input: S;
  action: AuditAction;
  changes: boolean;
  actorKind: Invocation['actorKind'];
  /** Decides from `context` (never the payload); throws FORBIDDEN. */
  authorize: (context: PanelContext, deps: WatchDeps) => Promise<void>;
  run: (input: z.output<S>, inv: Invocation, deps: WatchDeps, context: PanelContext) => Promise<R>;
}

function targetOf(payload: unknown): string | undefined {
  const p = payload as { accountId?: unknown; personId?: unknown } | null;
  const id = p?.accountId ?? p?.personId;
  return typeof id === 'string' && /^[A-Za-z0-9:_-]{1,128}$/.test(id) ? id : undefined;
}

/**
 * A resolver key of the watch surfaces: authorize → parse → one use case → envelope; refusals of
 * changes, and every FORBIDDEN, are recorded in the audit trail (as the admin keys do).
 */
export function guardedKey<S extends z.ZodType, R>(
  module: string,
  key: string,
  deps: () => WatchDeps,
  def: GuardedDefinition<S, R>,
) {
  return async ({ payload, context }: ResolverRequest): Promise<Envelope<R>> => {
    const ctx = context as PanelContext;
    const inv: Invocation = {
      actorId: ctx.accountId ?? null,
      actorKind: def.actorKind,
      source: { kind: 'resolver', module: ctx.moduleKey ?? module, key },
    };
    const result = await envelope(async () => {
      await def.authorize(ctx, deps());
      const input = def.input.parse(await openTokens(key, payload));
      return sealTokens(key, await def.run(input, inv, deps(), ctx));
    });
    if (
      !result.ok &&
      result.error.code !== 'INTERNAL' &&
      result.error.code !== 'RATE_LIMITED' &&
      (def.changes || result.error.code === 'FORBIDDEN')
    ) {
      try {
        const target = targetOf(payload);
        await recordRefusal(
          inv,
          {
            action: def.action,
            ...(target ? { targetId: target } : {}),
            code: result.error.code,
            message: result.error.message,
          },
          deps(),
        );
      } catch (e) {
        console.error('Could not record a refused attempt in the audit trail', toResolverError(e));
      }
    }
    return result;
  };
}
