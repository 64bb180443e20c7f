import type {
  OffboardingAcknowledged,
  OffboardingAcknowledgeInput,
  OffboardingCheckResult,
} from '../contract/offboarding';
import { TRANSITION_VALIDATOR_MODULE_KEY, type WorkflowValidatorResult } from '../contract/transition-guard';
import type { Invocation } from './context';
import type { EnforcementDeps, TicketAckStore } from './enforcement-ports';
import { acknowledgeWarning, offboardingCheck } from './offboarding';
import type { OversightDeps } from './oversight-ports';

/** Jira shows the message in a flag or dialog: keep it readable (and well under any field limit). */
const MAX_MESSAGE_CHARS = 1000;

/**
 * "Offboarding Olivia Owner would break integration accounts (Jenkins CI). Olivia Owner owns Jenkins CI,
 * which has no active backup owner… To move this work item: …"
 */
export function refusalMessage(check: OffboardingCheckResult): string {
  const who = check.person.displayName ?? check.person.accountId;
  const blocking = check.reasons.filter(
    (r) => r.code === 'IS_INTEGRATION_ACCOUNT' || r.code === 'OWNS_WITHOUT_ACTIVE_BACKUP',
  );
  const names = [...new Set(blocking.map((r) => r.accountId))].map(
    (id) => check.accounts.find((a) => a.accountId === id)?.displayName ?? id,
  );
  const text =
    `Offboarding ${who} would break integration accounts (${names.join(', ')}). ` +
    `${blocking.map((r) => r.text).join(' ')} ` +
    'To move this work item: hand the accounts over or retire them in the "Integration accounts check" ' +
    'panel on this work item, or acknowledge the warning there with a reason.';
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

const validatorInvocation = (issueKey: string): Invocation => ({
  actorId: null,
  actorKind: 'trigger',
  source: { kind: 'trigger', module: TRANSITION_VALIDATOR_MODULE_KEY, key: issueKey },
});

/**
 * The workflow validator (DESIGN.md, issue 11): on the projects and target statuses chosen in settings,
 * refuses the transition while the departing person named on the work item has a **block** verdict,
 * unless someone acknowledged the warning on this work item with a reason. Warn and safe pass. Every
 * decision on an enforced transition is audited. When the check cannot run, the transition is refused
 * (fail closed, ASVS 16.5.3) with a message saying to try again.
 */
export async function guardTransition(
  input: { issueKey: string; toStatusId: string },
  deps: EnforcementDeps,
): Promise<WorkflowValidatorResult> {
  const settings = await deps.settings.get();
  const issue = await deps.workflow.issue(input.issueKey, settings.offboardingUserField);
  if (!issue || !settings.enforcedProjects.includes(issue.projectKey.toUpperCase())) return { result: true };
  const toName = await deps.workflow.statusName(input.toStatusId);
  const enforced = settings.enforcedStatuses.map((s) => s.toLowerCase());
  if (!toName || !enforced.includes(toName.toLowerCase())) return { result: true };
  if (!issue.personId) return { result: true };

  const check = await offboardingCheck(issue.personId, deps);
  const inv = validatorInvocation(input.issueKey);
  const audit = (outcome: 'allowed' | 'denied', reason: string) =>
    deps.audit.commit({
      entry: {
        at: deps.clock.now().toISOString(),
        actor: { accountId: null, kind: inv.actorKind },
        source: inv.source,
        action: 'offboarding.transition',
        target: { type: 'person', id: check.person.accountId },
        after: { issueKey: input.issueKey, toStatus: toName, verdict: check.verdict },
        outcome,
        reason,
      },
    });
  if (check.verdict !== 'block') {
    await audit('allowed', `Verdict ${check.verdict}`);
    return { result: true };
  }
  const ack = await deps.ticketAcks.get(input.issueKey);
  if (ack && ack.personId === check.person.accountId && ack.reason.trim() !== '') {
    await audit('allowed', `Acknowledged on ${ack.at} (audit #${String(ack.auditSeq)}): ${ack.reason}`);
    return { result: true };
  }
  const message = refusalMessage(check);
  await audit('denied', message);
  return { result: false, errorMessage: message };
}

/**
 * The acknowledgement from the issue panel: audited like the admin page's, and — when it carries a
 * reason — kept for this work item, so its transition passes the validator.
 */
export async function acknowledgeOnTicket(
  input: OffboardingAcknowledgeInput & { issueKey: string },
  inv: Invocation,
  deps: OversightDeps & { ticketAcks: TicketAckStore },
): Promise<OffboardingAcknowledged> {
  const { issueKey, ...ack } = input;
  const done = await acknowledgeWarning(ack, inv, deps);
  // The acknowledgement's reason (`reason` where the contract requires one; else its `note`).
  const given = input as { reason?: unknown; note?: unknown };
  const reason = (
    typeof given.reason === 'string' ? given.reason : typeof given.note === 'string' ? given.note : ''
  ).trim();
  if (reason !== '')
    await deps.ticketAcks.put({
      issueKey,
      personId: done.personId,
      verdict: done.verdict,
      reason,
      by: inv.actorId,
      at: done.at,
      auditSeq: done.auditSeq,
    });
  return done;
}
