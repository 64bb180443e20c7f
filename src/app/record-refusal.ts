import type { AuditAction } from '../contract/audit';
import type { Invocation, RegistryDeps } from './context';

/** Records a refused attempt (forbidden, invalid, conflicting): who tried what, and why it was refused. */
export async function recordRefusal(
  inv: Invocation,
  attempt: { action: AuditAction; targetId?: string; code: string; message: string; details?: unknown },
  deps: Pick<RegistryDeps, 'audit' | 'clock'>,
): Promise<void> {
  await deps.audit.commit({
    entry: {
      at: deps.clock.now().toISOString(),
      actor: { accountId: inv.actorId, kind: inv.actorKind },
      source: inv.source,
      action: attempt.action,
      target: attempt.targetId ? { type: 'account', id: attempt.targetId } : { type: 'request' },
      ...(attempt.details === undefined ? {} : { after: attempt.details }),
      outcome: attempt.code === 'FORBIDDEN' ? 'denied' : 'refused',
      reason: `${attempt.code}: ${attempt.message}`,
    },
  });
}
