import type { Invocation } from './context';
import type { Clock } from './ports';

/** An audit entry's "when, who and where from" for one invocation; `when` is a clock, a time or an ISO time. */
export function actedBy(inv: Invocation, when: Clock | Date | string) {
  return {
    at: typeof when === 'string' ? when : (when instanceof Date ? when : when.now()).toISOString(),
    actor: { accountId: inv.actorId, kind: inv.actorKind },
    source: inv.source,
  };
}
