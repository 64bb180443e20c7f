import { createHash, timingSafeEqual } from 'node:crypto';
import {
  DEACTIVATION_ACTIONS,
  EVENT_REPLAY_WINDOW_SECONDS,
  MAX_DELIVERY_BYTES,
  ORG_AUDIT_WEBTRIGGER_KEY,
  type OrgAuditEvent,
  type OrgAuditOutputKey,
  type OrgAuditWebhookStatus,
  REACTIVATION_ACTIONS,
  REMOVAL_ACTIONS,
  type RotatedOrgAuditSecret,
  TARGET_CONTEXT_TYPES,
  orgAuditDelivery,
} from '../contract/org-audit';
import type { Invocation } from './context';
import type { EnforcementDeps } from './enforcement-ports';
import { AppError } from './errors';
import { reevaluatePerson } from './reevaluate-person';
import { actedBy } from './acted-by';

export interface AuditDeliveryRequest {
  method: string;
  /** Lower-case names; the first value of each. */
  header: (name: string) => string | undefined;
  body: string;
}

export interface AuditDeliveryAnswer {
  output: OrgAuditOutputKey;
  /** For the log: why a delivery was refused, or what it did. */
  detail: string;
}

const RELEVANT = new Set<string>([...DEACTIVATION_ACTIONS, ...REACTIVATION_ACTIONS, ...REMOVAL_ACTIONS]);
const TARGET_TYPES = new Set<string>(TARGET_CONTEXT_TYPES);
/** "Last delivery" is rewritten at most this often for deliveries with nothing relevant in them. */
const QUIET_RECORD_INTERVAL_MS = 60_000;

/** Equal-length digests, so neither the secret's length nor its prefix leaks through timing. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The accounts an event is about: the `context` items of a user type (docs/audit-log-webhooks.md). */
export function targetsOf(event: OrgAuditEvent): string[] {
  const ids = (event.attributes.context ?? [])
    .filter(
      (c) => c.type !== undefined && TARGET_TYPES.has(c.type) && typeof c.id === 'string' && c.id !== '',
    )
    .map((c) => c.id as string);
  return [...new Set(ids)];
}

const webtriggerInvocation = (eventId: string): Invocation => ({
  actorId: null,
  actorKind: 'webtrigger',
  source: { kind: 'webtrigger', module: ORG_AUDIT_WEBTRIGGER_KEY, key: eventId },
});

/**
 * An org audit-log delivery (docs/audit-log-webhooks.md). Order matters, as for the pre-deactivation
 * check: method, size and the Authorization header (constant-time) before anything is read or written;
 * then the body. Each deactivation, reactivation or removal re-evaluates the person at once — the
 * accounts they are, own or back up — with the sweep's per-person evaluation (findings and notices as
 * the sweep would). An event id is claimed once (replay record), events older than the replay window
 * are ignored; a refused delivery writes nothing.
 */
export async function receiveOrgAuditDelivery(
  req: AuditDeliveryRequest,
  deps: EnforcementDeps,
): Promise<AuditDeliveryAnswer> {
  if (req.method.toUpperCase() !== 'POST') return { output: 'methodNotAllowed', detail: 'method' };
  if (Buffer.byteLength(req.body, 'utf8') > MAX_DELIVERY_BYTES) return { output: 'tooLarge', detail: 'size' };
  const secret = await deps.orgAuditSecret.current();
  const auth = req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (!secret || !match || !sameSecret(match[1] ?? '', secret))
    return { output: 'unauthorized', detail: secret ? 'authorization' : 'not-configured' };

  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    return { output: 'badRequest', detail: 'malformed-json' };
  }
  const parsed = orgAuditDelivery.safeParse(json);
  if (!parsed.success) return { output: 'badRequest', detail: 'not-an-event' };

  const now = deps.clock.now();
  const relevant = parsed.data.filter((e) => RELEVANT.has(e.attributes.action));
  const people = new Set<string>();
  let opened = 0;
  for (const event of relevant) {
    const time = event.attributes.time ? Date.parse(event.attributes.time) : NaN;
    if (Number.isFinite(time) && now.getTime() - time > EVENT_REPLAY_WINDOW_SECONDS * 1000) continue;
    if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(event.id)) continue;
    const inv = webtriggerInvocation(event.id);
    const results: { personId: string; accounts: number; opened: number }[] = [];
    // Jira errors propagate: the entry answers 503 (busy) or 500, and the delivery can come again.
    for (const personId of targetsOf(event)) {
      const r = await reevaluatePerson(personId, deps, inv);
      results.push({ personId, accounts: r.accounts, opened: r.opened });
      opened += r.opened;
      if (r.accounts > 0) people.add(personId);
    }
    // Claimed after the work, so a failed attempt can be delivered again; a replay re-reads Jira,
    // finds nothing to change (the evaluation is idempotent) and is not audited twice.
    if (!(await deps.replay.claim(`org-audit:${event.id}`, EVENT_REPLAY_WINDOW_SECONDS + 3600))) continue;
    for (const r of results)
      await deps.audit.commit({
        entry: {
          at: deps.clock.now().toISOString(),
          actor: { accountId: null, kind: 'webtrigger' },
          source: inv.source,
          action: 'org-audit.delivery',
          target: { type: 'person', id: r.personId },
          after: {
            action: event.attributes.action,
            eventId: event.id,
            accounts: r.accounts,
            opened: r.opened,
          },
          outcome: 'allowed',
        },
      });
  }

  const last = await deps.orgAuditLog.last();
  if (relevant.length > 0 || !last || now.getTime() - Date.parse(last.at) > QUIET_RECORD_INTERVAL_MS)
    await deps.orgAuditLog.record({
      at: now.toISOString(),
      events: parsed.data.length,
      relevant: relevant.length,
      people: people.size,
      opened,
    });
  return {
    output: 'accepted',
    detail: `${String(parsed.data.length)} events, ${String(relevant.length)} relevant, ${String(people.size)} people`,
  };
}

/** Settings: where the secret comes from, the URL to paste and the last delivery. */
export async function orgAuditWebhookStatus(deps: EnforcementDeps): Promise<OrgAuditWebhookStatus> {
  const [status, lastDelivery, url] = await Promise.all([
    deps.orgAuditSecret.status(),
    deps.orgAuditLog.last(),
    deps.orgAuditUrl().catch(() => undefined),
  ]);
  return { ...status, ...(url ? { url } : {}), ...(lastDelivery ? { lastDelivery } : {}) };
}

/** Generates (or replaces) the secret and returns it, this once; audited without the value. */
export async function rotateOrgAuditSecret(
  inv: Invocation,
  deps: EnforcementDeps,
): Promise<RotatedOrgAuditSecret> {
  const status = await deps.orgAuditSecret.status();
  if (status.source === 'environment')
    throw new AppError(
      'BAD_REQUEST',
      'The secret comes from ORG_AUDIT_WEBHOOK_SECRET, which wins over a generated one; change it there.',
    );
  const now = deps.clock.now();
  const rotated = await deps.orgAuditSecret.rotate(now);
  await deps.audit.commit({
    entry: {
      ...actedBy(inv, now),
      action: 'settings.audit-webhook-secret.rotate',
      target: { type: 'settings', id: 'org-audit-webhook-secret' },
      ...(status.createdAt ? { before: { createdAt: status.createdAt } } : {}),
      after: { createdAt: rotated.createdAt },
      outcome: 'allowed',
    },
  });
  return rotated;
}
