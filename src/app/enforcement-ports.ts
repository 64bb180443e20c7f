/** Ports of the enforcement use cases: the workflow validator and the org audit-log webhook. */
import type { OrgAuditLastDelivery, RotatedOrgAuditSecret } from '../contract/org-audit';
import type { Verdict } from '../contract/offboarding';
import type { OversightDeps } from './oversight-ports';

/** An acknowledgement recorded on one offboarding ticket: it lets that ticket's transition pass. */
export interface TicketAck {
  issueKey: string;
  personId: string;
  verdict: Verdict;
  /** Why the transition may go ahead despite the verdict; required for the ack to count. */
  reason: string;
  by: string | null;
  at: string;
  auditSeq: number;
}

export interface TicketAckStore {
  get(issueKey: string): Promise<TicketAck | undefined>;
  put(ack: TicketAck): Promise<void>;
}

/** What the validator reads of Jira, as the app (validators have no user: asUser() is not available). */
export interface WorkflowReader {
  /** The work item's project key and the departing person in `userFieldId`; undefined when Jira does not know it. */
  issue(
    issueKey: string,
    userFieldId: string,
  ): Promise<{ projectKey: string; personId?: string } | undefined>;
  /** The name of a status id (e.g. "10002" → "Done"). */
  statusName(statusId: string): Promise<string | undefined>;
}

export interface OrgAuditSecretStore {
  /** `ORG_AUDIT_WEBHOOK_SECRET` when set, else the stored secret; undefined when there is none. */
  current(): Promise<string | undefined>;
  status(): Promise<{ source: 'environment' | 'stored' | 'none'; createdAt?: string }>;
  rotate(now: Date): Promise<RotatedOrgAuditSecret>;
}

export interface OrgAuditDeliveryLog {
  last(): Promise<OrgAuditLastDelivery | undefined>;
  record(delivery: OrgAuditLastDelivery): Promise<void>;
}

export interface EnforcementDeps extends OversightDeps {
  ticketAcks: TicketAckStore;
  workflow: WorkflowReader;
  orgAuditSecret: OrgAuditSecretStore;
  orgAuditLog: OrgAuditDeliveryLog;
  /** The org audit webtrigger's URL, when the platform gives it. */
  orgAuditUrl(): Promise<string | undefined>;
}
