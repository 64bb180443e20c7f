/**
 * `POST /__local/issues/<key>/transition {"to": "<status name>", "as": "<email>"}`: moves a work item
 * the way the issue view's buttons do, through the same workflow code as
 * `POST /rest/api/3/issue/{key}/transitions` (validators included), and answers the outcome.
 */
import type { JiraSite } from '../jira/jira-site.js';
import { performTransition, statusByName, statusOf, transitionsFrom } from '../jira/workflows.js';

export interface TransitionAnswer {
  status: number;
  body: {
    outcome: 'transitioned' | 'refused' | 'invalid';
    issueKey: string;
    status?: string;
    message?: string;
  };
}

export async function transitionByName(
  site: JiraSite,
  issueKey: string,
  to: unknown,
  email: string,
): Promise<TransitionAnswer> {
  const invalid = (status: number, message: string): TransitionAnswer => ({
    status,
    body: { outcome: 'invalid', issueKey, message },
  });
  const user = site.userByEmail(email);
  if (!user) return invalid(400, `no seeded user with email '${email}'`);
  if (!user.active) return invalid(403, `'${email}' is deactivated and cannot sign in`);
  const issue = site.issue(issueKey);
  if (!issue) return invalid(404, `no work item '${issueKey}'`);
  if (typeof to !== 'string' || !statusByName(to))
    return invalid(400, 'to must name a status: To Do, In Progress or Done');
  const transition = transitionsFrom(issue).find((t) => t.to === statusByName(to)?.id);
  if (!transition) return invalid(409, `${issue.key} is already ${statusOf(issue).name}`);
  const outcome = await performTransition(site, user, issue.key, transition.id);
  switch (outcome.kind) {
    case 'done':
      return { status: 200, body: { outcome: 'transitioned', issueKey: issue.key, status: outcome.to.name } };
    case 'refused':
      return {
        status: 200,
        body: {
          outcome: 'refused',
          issueKey: issue.key,
          status: statusOf(issue).name,
          message: outcome.message,
        },
      };
    case 'not-found':
      return invalid(404, `${user.displayName} cannot see ${issue.key}`);
    case 'no-permission':
      return invalid(403, `${user.displayName} may not transition ${issue.key}`);
    case 'unknown-transition':
      return invalid(409, `no transition to ${to} from ${statusOf(issue).name}`);
  }
}
