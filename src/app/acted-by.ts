import type { Invocation } from './context';
import type { Clock } from './ports';

/** An audit entry's "when, who and where from" for one invocation. */
export function actedBy(inv: Invocation, clock: Clock) {
  return {
    at: clock.now().toISOString(),
    actor: { accountId: inv.actorId, kind: inv.actorKind },
    source: inv.source,
  };
}
