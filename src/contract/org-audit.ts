import { z } from 'zod';

/**
 * The organization audit-log webhook (docs/audit-log-webhooks.md). The delivery format is only partly
 * documented: every assumption about it is one constant here, so a real delivery that differs is a
 * one-line change.
 */

/** `attributes.action` of "Deactivated account" (audit-log activities database). ASSUMED name. */
export const DEACTIVATION_ACTIONS = ['user_deactivated'] as const;
/** "Reactivated account". ASSUMED name. */
export const REACTIVATION_ACTIONS = ['user_reactivated'] as const;
/**
 * Removal: "Scheduled deletion of account", "Deleted account permanently", and removal of a managed
 * user from the organization. ASSUMED names.
 */
export const REMOVAL_ACTIONS = ['user_deleted', 'user_removed_from_org'] as const;
/** The `attributes.context[]` item that names the affected account: its `type`. ASSUMED. */
export const TARGET_CONTEXT_TYPES = ['user', 'users'] as const;

/** A delivery bigger than this is refused (413): aggregated deliveries of a few hundred events fit. */
export const MAX_DELIVERY_BYTES = 256 * 1024;
/** Events per delivery the app looks at; a larger batch is refused (400). */
export const MAX_EVENTS_PER_DELIVERY = 500;
/** An event id is accepted once within this window (replay record TTL); older events are ignored. */
export const EVENT_REPLAY_WINDOW_SECONDS = 24 * 60 * 60;

/** One org audit event, the shape of `GET /admin/v1/orgs/{orgId}/events` items (ASSUMED for webhooks). */
export const orgAuditEvent = z
  .object({
    id: z.string().min(1).max(200),
    type: z.string().max(50).optional(),
    attributes: z
      .object({
        time: z.string().max(64).optional(),
        action: z.string().min(1).max(200),
        context: z
          .array(
            z
              .object({ id: z.string().max(200).optional(), type: z.string().max(50).optional() })
              .passthrough(),
          )
          .max(50)
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type OrgAuditEvent = z.infer<typeof orgAuditEvent>;

/** A delivery: one event, `{data: event | event[]}`, or a list of events (aggregated deliveries). */
export const orgAuditDelivery = z.union([
  orgAuditEvent.transform((e) => [e]),
  z.array(orgAuditEvent).max(MAX_EVENTS_PER_DELIVERY),
  z
    .object({
      data: z.union([
        orgAuditEvent.transform((e) => [e]),
        z.array(orgAuditEvent).max(MAX_EVENTS_PER_DELIVERY),
      ]),
    })
    .passthrough()
    .transform((d) => d.data),
]);

/** The static outputs of the webtrigger (manifest.yml `response.outputs`, ≤ 1,024 characters each). */
export const ORG_AUDIT_OUTPUTS = {
  accepted: { statusCode: 200, body: '{"status":"accepted"}' },
  badRequest: { statusCode: 400, body: '{"error":"The body is not an audit event delivery."}' },
  unauthorized: { statusCode: 401, body: '{"error":"Missing or wrong Authorization header."}' },
  methodNotAllowed: { statusCode: 405, body: '{"error":"Only POST is accepted."}' },
  tooLarge: { statusCode: 413, body: '{"error":"The delivery is too large."}' },
  unavailable: { statusCode: 503, body: '{"error":"Jira or storage is busy; deliver again later."}' },
  error: { statusCode: 500, body: '{"error":"The delivery could not be processed."}' },
} as const;
export type OrgAuditOutputKey = keyof typeof ORG_AUDIT_OUTPUTS;

/** What the settings show about the webhook: where the secret comes from and the last delivery. */
export interface OrgAuditWebhookStatus {
  /** environment: `ORG_AUDIT_WEBHOOK_SECRET` wins; stored: generated in settings; none: not set up. */
  source: 'environment' | 'stored' | 'none';
  createdAt?: string;
  /** The webtrigger's URL to paste in Atlassian Administration (undefined when it cannot be read). */
  url?: string;
  lastDelivery?: OrgAuditLastDelivery;
}

export interface OrgAuditLastDelivery {
  at: string;
  events: number;
  /** Deactivations, reactivations and removals among them. */
  relevant: number;
  /** People re-evaluated. */
  people: number;
  /** Findings opened by this delivery's re-evaluations. */
  opened: number;
}

/** Answer of the generate/rotate key: the only time the secret is shown. */
export interface RotatedOrgAuditSecret {
  secret: string;
  createdAt: string;
  /** The value to paste as the Authorization header. */
  authorization: string;
}

export const orgAuditStatusInput = z.object({}).strict();
export const orgAuditRotateInput = z.object({}).strict();

export { ORG_AUDIT_KEYS, ORG_AUDIT_WEBTRIGGER_KEY } from './org-audit-keys';
