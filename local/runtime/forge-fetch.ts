/**
 * Where an invocation's `__forge_fetch__(target, path, init)` goes (FORGE-FACTS.md §3): `{type:'kvs'}`
 * to the KVS emulator, Atlassian's gateway for `webTrigger.getUrl`, and `{type:'fpp', remote:'jira'}`
 * to Jira as the app or the user the provider names. Anything else answers 501.
 */
import type { ForgeFetchTarget, Invocation } from './invocation.js';
import type { Principal } from './product.js';
import { FunctionError } from './runtime-contract.js';

export function unsupported(message: string): Response {
  return new Response(JSON.stringify({ message }), {
    status: 501,
    headers: { 'content-type': 'application/json', 'forge-proxy-error': 'LOCAL_UNSUPPORTED_TARGET' },
  });
}

/** Refuses requests of an invocation that ran past its time limit or has already returned. */
export function checkStillRunning(inv: Invocation): void {
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
}

/** The Jira principal of an `fpp` request: `app`, `user` (the invoking user unless named), `none`. */
export function principalFor(target: ForgeFetchTarget, inv: Invocation): Principal | Response {
  switch (target.provider) {
    case 'app':
      return { kind: 'app' };
    case 'user': {
      const accountId = target.accountId ?? inv.accountId;
      if (!accountId) {
        throw new Error(
          `asUser() is not available in this ${inv.kind} invocation of '${inv.moduleKey}': there is no invoking user`,
        );
      }
      return { kind: 'user', accountId };
    }
    case 'none':
      return inv.accountId ? { kind: 'user', accountId: inv.accountId } : { kind: 'app' };
    default:
      return unsupported(`Unknown provider '${String(target.provider)}'.`);
  }
}
