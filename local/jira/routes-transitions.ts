/**
 * Transitions and statuses:
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-statuses/#api-rest-api-3-status-idorname-get
 */
import { hasPermission } from './permissions';
import { fail, isRecord } from './route';
import type { Reply, Route, RouteContext } from './route';
import { STATUSES, performTransition, statusByName, statusDetails, transitionsFrom } from './workflows';

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** GET /issue/{key}/transitions → `Transitions` (401, 404 declared). `transitionId` narrows to one. */
function listTransitions(ctx: RouteContext): Reply {
  const { site, base, params, url } = ctx;
  const issue = site.issue(params[0] ?? '');
  if (!issue || !hasPermission(site, ctx.caller.accountId, 'BROWSE_PROJECTS'))
    return fail(404, ISSUE_NOT_FOUND);
  const only = url.searchParams.get('transitionId');
  const transitions = transitionsFrom(issue)
    .filter((t) => only === null || t.id === only)
    .map((t) => {
      const to = STATUSES.find((s) => s.id === t.to);
      return {
        id: t.id,
        name: t.name,
        ...(to ? { to: statusDetails(base, to) } : {}),
        hasScreen: false,
        isGlobal: true,
        isInitial: false,
        isAvailable: true,
        isConditional: false,
        looped: false,
      };
    });
  return { status: 200, body: { expand: 'transitions', transitions } };
}

/**
 * POST /issue/{key}/transitions `{transition: {id}}` → 204. A validator's refusal is a 400 whose
 * `errorMessages` carry its message (what the issue view shows); an unknown transition is a 400 too.
 */
async function doTransition(ctx: RouteContext): Promise<Reply> {
  const { site, caller, body, params } = ctx;
  if (!isRecord(body) || !isRecord(body.transition))
    return fail(400, "The request body must name a 'transition'.");
  const id = body.transition.id;
  if (typeof id !== 'string' && typeof id !== 'number') return fail(400, "The transition needs an 'id'.");
  if (isRecord(body.fields) && Object.keys(body.fields).length > 0)
    return fail(400, 'The local workflows have no transition screens: fields cannot be set.');
  const outcome = await performTransition(site, caller, params[0] ?? '', String(id));
  switch (outcome.kind) {
    case 'done':
      return { status: 204 };
    case 'not-found':
      return fail(404, ISSUE_NOT_FOUND);
    case 'no-permission':
      return fail(400, 'You do not have permission to transition this issue.');
    case 'unknown-transition':
      return fail(400, `Transition id '${outcome.id}' is not valid for this issue.`);
    case 'refused':
      return fail(400, outcome.message);
  }
}

/** GET /status/{idOrName} → `StatusDetails` (401, 404 declared). */
function getStatus(ctx: RouteContext): Reply {
  const ref = ctx.params[0] ?? '';
  const status = STATUSES.find((s) => s.id === ref) ?? statusByName(ref);
  if (!status) return fail(404, `The status with ID ${ref} does not exist.`);
  return { status: 200, body: statusDetails(ctx.base, status) };
}

export const transitionRoutes: Route[] = [
  { method: 'GET', template: '/issue/{issueIdOrKey}/transitions', handler: listTransitions },
  { method: 'POST', template: '/issue/{issueIdOrKey}/transitions', handler: doTransition },
  { method: 'GET', template: '/status/{idOrName}', handler: getStatus },
];
