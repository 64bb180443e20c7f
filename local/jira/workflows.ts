/**
 * Workflows of the local site: every project uses Jira's simple workflow To Do → In Progress → Done,
 * with global transitions (any status to any other). A Jira admin has added the installed app's
 * `jira:workflowValidator` modules to the transitions of the projects in `validatedProjects` (the
 * offboarding project), so a transition there runs them through the Forge runtime, per the contract
 * of @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/
 */
import { hasPermission } from './permissions';
import { API } from './representations';
import { type JiraSite, jiraTimestamp } from './jira-site';
import type { SeedIssue, SeedUser } from './seed';
import { OFFBOARDING_PROJECT } from './seed';
import { STATUSES as ALL_STATUSES } from './statuses';

interface LocalStatus {
  id: string;
  name: string;
  category: { id: number; key: string; colorName: string; name: string };
}

/** The statuses of every project's simple workflow (one list: ./statuses.ts). */
export const STATUSES: readonly LocalStatus[] = ALL_STATUSES;

/** Global transitions, one per status: id, name (the button), target status id. */
export const TRANSITIONS = [
  { id: '11', name: 'To Do', to: '10000' },
  { id: '21', name: 'In Progress', to: '3' },
  { id: '31', name: 'Done', to: '10001' },
] as const;

export const statusById = (id: string) => STATUSES.find((s) => s.id === id);
export const statusByName = (name: string) =>
  STATUSES.find((s) => s.name.toLowerCase() === name.trim().toLowerCase());

/** `StatusDetails` of the OpenAPI document. */
export function statusDetails(base: string, status: LocalStatus): Record<string, unknown> {
  return {
    self: `${base}${API}/status/${status.id}`,
    description: '',
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${base}${API}/statuscategory/${String(status.category.id)}`,
      id: status.category.id,
      key: status.category.key,
      colorName: status.category.colorName,
      name: status.category.name,
    },
  };
}

/** The issue's status (the seed keeps a name; unknown names read as To Do). */
export const statusOf = (issue: SeedIssue): LocalStatus =>
  statusByName(issue.statusName) ?? (STATUSES[0] as LocalStatus);

/** The transitions available from the issue's status (a global transition never loops to its own status). */
export const transitionsFrom = (issue: SeedIssue) => TRANSITIONS.filter((t) => t.to !== statusOf(issue).id);

/** What runs a validator module: the local runtime, wired in by the host. */
export type ValidatorRunner = (
  moduleKey: string,
  args: Record<string, unknown>,
) => Promise<{ result: boolean; errorMessage?: string }>;

interface SiteWorkflowRules {
  validators: string[];
  run: ValidatorRunner;
}

const rules = new WeakMap<JiraSite, SiteWorkflowRules>();
/** Projects whose workflow carries the app's validators. */
export const validatedProjects = new Set<string>([OFFBOARDING_PROJECT.id]);

/** The host installs the app's validator modules on the site's workflows. */
export function installWorkflowValidators(site: JiraSite, validators: string[], run: ValidatorRunner): void {
  rules.set(site, { validators, run });
}

/** Jira's generic message when a validator fails without one. */
export const DEFAULT_VALIDATOR_MESSAGE = 'The transition was not performed: a workflow validator failed.';

export type TransitionOutcome =
  | { kind: 'done'; from: LocalStatus; to: LocalStatus }
  | { kind: 'not-found' }
  | { kind: 'no-permission' }
  | { kind: 'unknown-transition'; id: string }
  | { kind: 'refused'; message: string; to: LocalStatus };

/**
 * Performs a transition as `caller`: checks it exists from the current status, runs the workflow's
 * validators in order (the first failure stops it, post functions do not run), then moves the issue.
 */
export async function performTransition(
  site: JiraSite,
  caller: SeedUser,
  issueKey: string,
  transitionId: string,
): Promise<TransitionOutcome> {
  const issue = site.issue(issueKey);
  if (!issue || !hasPermission(site, caller.accountId, 'BROWSE_PROJECTS')) return { kind: 'not-found' };
  if (!hasPermission(site, caller.accountId, 'EDIT_ISSUES')) return { kind: 'no-permission' };
  const transition = transitionsFrom(issue).find((t) => t.id === transitionId);
  if (!transition) return { kind: 'unknown-transition', id: transitionId };
  const from = statusOf(issue);
  const to = statusById(transition.to) as LocalStatus;
  const siteRules = rules.get(site);
  if (siteRules && validatedProjects.has(issue.projectId)) {
    for (const moduleKey of siteRules.validators) {
      const outcome = await siteRules.run(moduleKey, {
        issue: { key: issue.key },
        configuration: {},
        transition: { from: { id: from.id }, to: { id: to.id }, modifiedFields: {} },
      });
      if (!outcome.result)
        return { kind: 'refused', message: outcome.errorMessage ?? DEFAULT_VALIDATOR_MESSAGE, to };
    }
  }
  issue.statusName = to.name;
  const at = jiraTimestamp(new Date());
  // A change by the caller, as JQL `updatedBy` sees it (the dormancy check).
  issue.changes = [
    ...(issue.changes ?? []),
    { authorAccountId: caller.accountId, created: at, field: 'status' },
  ];
  issue.updated = at;
  return { kind: 'done', from, to };
}
