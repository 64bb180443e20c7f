import type { EnforcementDeps } from '../app/enforcement-ports';
import {
  jiraWorkflowReader,
  kvsOrgAuditLog,
  kvsOrgAuditSecret,
  kvsTicketAcks,
  orgAuditUrl,
} from '../infra/kvs-enforcement';
import { watchDeps } from './watch-deps';

/** The production wiring of the validator and the org audit-log webhook. */
export const enforcementDeps: EnforcementDeps = {
  ...watchDeps,
  ticketAcks: kvsTicketAcks,
  workflow: jiraWorkflowReader,
  orgAuditSecret: kvsOrgAuditSecret,
  orgAuditLog: kvsOrgAuditLog,
  orgAuditUrl,
};
