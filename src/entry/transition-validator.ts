import { guardTransition } from '../app/transition-guard';
import { type WorkflowValidatorResult, workflowValidatorArgs } from '../contract/transition-guard';
import { appDeps } from './compose';

const COULD_NOT_CHECK =
  'The integration accounts check could not run just now, so this transition is held. Try again in a minute; if it keeps failing, ask a Jira admin.';

/**
 * The `jira:workflowValidator` function (docs/workflow-validator.md). Forge passes
 * `{issue: {key}, transition: {from: {id}, to: {id}}, configuration}` and shows `errorMessage` to the
 * person moving the work item when `result` is false. It fails closed: a transition the app cannot
 * check is held, with a message saying so.
 */
export async function handler(args: unknown): Promise<WorkflowValidatorResult> {
  const parsed = workflowValidatorArgs.safeParse(args);
  if (!parsed.success) {
    console.warn('workflow validator: unexpected arguments');
    return { result: false, errorMessage: COULD_NOT_CHECK };
  }
  try {
    return await guardTransition(
      { issueKey: parsed.data.issue.key, toStatusId: parsed.data.transition.to.id },
      appDeps,
    );
  } catch (e) {
    console.error('workflow validator failed', e instanceof Error ? e.message : e);
    return { result: false, errorMessage: COULD_NOT_CHECK };
  }
}
