/**
 * The organization's audit-log webhooks, as Atlassian Administration sends them (docs/audit-log-webhooks.md):
 * up to 3 registered targets, each a URL and an optional Authorization header value; every audit
 * activity is POSTed to each, asynchronously, as JSON. The event shape is the org events API's
 * (`{id, type, attributes: {time, action, actor, context, container, location}}`) — the app's
 * documented ASSUMPTION, taken from the same constants (src/contract/org-audit.ts).
 */
import { randomUUID } from 'node:crypto';
import { DEACTIVATION_ACTIONS, REACTIVATION_ACTIONS, REMOVAL_ACTIONS } from '../../src/contract/org-audit.js';
import type { JiraSite } from '../jira/jira-site.js';

/** "You can add up to 3 webhooks for an organization." */
export const MAX_AUDIT_WEBHOOKS = 3;
const MAX_DELIVERY_LOG = 50;
const LOCAL_ORG_ID = '0a0c0de0-0000-4000-8000-00000000070c';

export interface AuditWebhookTarget {
  id: string;
  url: string;
  authorization?: string;
  createdAt: string;
}

export interface AuditDelivery {
  webhookId: string;
  eventId: string;
  action: string;
  accountId: string;
  at: string;
  /** HTTP status of the target's answer; 0 when it could not be reached. */
  status: number;
  durationMs: number;
}

export type AuditAccountAction = 'deactivate' | 'activate' | 'remove';

const ACTION_OF: Record<AuditAccountAction, string> = {
  deactivate: DEACTIVATION_ACTIONS[0],
  activate: REACTIVATION_ACTIONS[0],
  remove: REMOVAL_ACTIONS[0],
};

/** fetch to `localhost` would try ::1 first; the local site listens on 127.0.0.1. */
function reachable(url: string): string {
  const u = new URL(url);
  if (u.hostname === 'localhost') u.hostname = '127.0.0.1';
  return u.toString();
}

export class OrgAuditWebhooks {
  private targets: AuditWebhookTarget[] = [];
  readonly deliveries: AuditDelivery[] = [];
  private pending = new Set<Promise<void>>();

  constructor(private readonly site: JiraSite) {}

  list(): AuditWebhookTarget[] {
    return this.targets.map((t) => ({ ...t, ...(t.authorization ? { authorization: '(set)' } : {}) }));
  }

  /** Registers a target; a problem in people's words when the input is not acceptable. */
  register(input: { url?: unknown; authorization?: unknown }): AuditWebhookTarget | { problem: string } {
    if (typeof input.url !== 'string') return { problem: 'url must be a string' };
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      return { problem: 'url must be an absolute http(s) URL' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'url must be http(s)' };
    const auth = input.authorization;
    if (
      auth !== undefined &&
      (typeof auth !== 'string' || !/^\S+ \S+$/.test(auth.trim()) || auth.length > 2048)
    )
      return {
        problem: 'authorization must be "<auth-scheme> <authorization-parameters>", e.g. "Bearer <secret>"',
      };
    if (this.targets.length >= MAX_AUDIT_WEBHOOKS)
      return { problem: `an organization can have at most ${String(MAX_AUDIT_WEBHOOKS)} audit-log webhooks` };
    const target: AuditWebhookTarget = {
      id: randomUUID(),
      url: url.toString(),
      ...(typeof auth === 'string' ? { authorization: auth.trim() } : {}),
      createdAt: new Date().toISOString(),
    };
    this.targets.push(target);
    return target;
  }

  clear(): void {
    this.targets = [];
    this.deliveries.length = 0;
  }

  /** The org audit event for an account action (ASSUMED shape; see docs/audit-log-webhooks.md). */
  event(action: AuditAccountAction, accountId: string, actorId: string | undefined): Record<string, unknown> {
    const user = this.site.user(accountId);
    const actor = actorId ? this.site.user(actorId) : undefined;
    const id = randomUUID();
    return {
      id,
      type: 'events',
      attributes: {
        time: new Date().toISOString(),
        action: ACTION_OF[action],
        actor: actor
          ? { id: actor.accountId, name: actor.displayName, type: 'user' }
          : { id: 'system', name: 'Atlassian', type: 'system' },
        context: [
          {
            id: accountId,
            type: 'user',
            attributes: { name: user?.displayName ?? '', email: user?.emailAddress ?? '' },
          },
        ],
        container: [{ id: LOCAL_ORG_ID, type: 'organization' }],
        location: { ip: '127.0.0.1' },
      },
      links: { self: `https://api.atlassian.com/admin/v1/orgs/${LOCAL_ORG_ID}/events/${id}` },
    };
  }

  /** Sends the event to every target, in the background; answers how many deliveries were started. */
  deliver(action: AuditAccountAction, accountId: string, actorId?: string): number {
    const event = this.event(action, accountId, actorId);
    for (const target of this.targets) {
      const started = Date.now();
      const work = fetch(reachable(target.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(target.authorization ? { authorization: target.authorization } : {}),
        },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(30_000),
      })
        .then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        })
        .catch(() => 0)
        .then((status) => {
          this.deliveries.unshift({
            webhookId: target.id,
            eventId: String(event.id),
            action: ACTION_OF[action],
            accountId,
            at: new Date(started).toISOString(),
            status,
            durationMs: Date.now() - started,
          });
          this.deliveries.length = Math.min(this.deliveries.length, MAX_DELIVERY_LOG);
        });
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work));
    }
    return this.targets.length;
  }

  /** Resolves when every delivery started so far has been answered (tests, the bench). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
