import { createHash } from 'node:crypto';
import type { AuditAction } from '../contract/audit';
import { canonical } from '../domain/audit-chain';
import type { Invocation, RegistryDeps } from './context';
import { StaleWriteError } from './ports';
import { actedBy } from './acted-by';

/**
 * Largest refusal details kept in a record (canonical JSON). A refused payload can be as large as the
 * request (500 KB), the record must fit a KVS value (240 KiB) with the rest of the entry.
 */
export const MAX_REFUSAL_DETAIL_CHARS = 16_000;
const MAX_MESSAGE_CHARS = 1_000;

/** Details that fit: as they are, or their first characters and their full size, marked truncated. */
export function fitted(details: unknown): unknown {
  const text = canonical(details);
  if (text.length <= MAX_REFUSAL_DETAIL_CHARS) return details;
  return { truncated: true, originalChars: text.length, preview: text.slice(0, MAX_REFUSAL_DETAIL_CHARS) };
}

/** The minute a refusal falls in, `YYYY-MM-DDTHH:MM` (UTC). */
export const refusalWindowOf = (at: string): string => at.slice(0, 16);

/**
 * What makes refusals "the same kind": who (actor), where (module and key), the outcome and the code.
 * Unknown keys are one kind whatever the key, so probing many names cannot open many kinds.
 */
export function refusalKindKey(inv: Invocation, outcome: string, code: string, unknownKey: boolean): string {
  const kind = [
    inv.actorId ?? '(anonymous)',
    inv.source.kind,
    inv.source.module,
    unknownKey ? '(unknown key)' : inv.source.key,
    outcome,
    code,
  ].join('\u0000');
  return `refusal:${createHash('sha256').update(kind).digest('hex').slice(0, 48)}`;
}

/** Attempts at most to open a window when others open the same one at once. */
const MAX_ROUNDS = 5;

/**
 * Records a refused attempt (forbidden, invalid, conflicting): who tried what, and why it was refused.
 *
 * Refusals are coalesced per kind (actor, key, outcome, code) and minute: the first of a minute is a
 * chained audit record (details truncated to fit, never dropped); the rest of that minute only count.
 * The count enters the chain with the next refusal of the kind (its record `closes` the previous
 * window with the count), so one person writes at most one record per kind and minute.
 */
export async function recordRefusal(
  inv: Invocation,
  attempt: {
    action: AuditAction;
    targetId?: string;
    code: string;
    message: string;
    details?: unknown;
    unknownKey?: boolean;
  },
  deps: Pick<RegistryDeps, 'audit' | 'clock'>,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const outcome = attempt.code === 'FORBIDDEN' ? 'denied' : 'refused';
  const key = refusalKindKey(inv, outcome, attempt.code, attempt.unknownKey ?? false);
  const window = refusalWindowOf(at);
  for (let round = 1; ; round++) {
    const counted = await deps.audit.countRefusal(key, window);
    if (counted.counted) return;
    const closes = counted.current;
    try {
      await deps.audit.commit({
        entry: {
          ...actedBy(inv, at),
          action: attempt.action,
          target: attempt.targetId ? { type: 'account', id: attempt.targetId } : { type: 'request' },
          ...(attempt.details === undefined ? {} : { after: fitted(attempt.details) }),
          outcome,
          reason: `${attempt.code}: ${attempt.message.slice(0, MAX_MESSAGE_CHARS)}`,
          repeat: {
            window,
            ...(closes
              ? {
                  closes: {
                    window: closes.window,
                    count: closes.count,
                    ...(closes.firstSeq ? { firstSeq: closes.firstSeq } : {}),
                  },
                }
              : {}),
          },
        },
        refusalWindow: { key, ...(closes ? { expected: closes } : {}), next: { window, count: 1 } },
      });
      return;
    } catch (e) {
      // Someone else opened this minute of the kind first: count this refusal in it.
      if (!(e instanceof StaleWriteError) || round >= MAX_ROUNDS) throw e;
    }
  }
}
