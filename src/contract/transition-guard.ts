/**
 * The `jira:workflowValidator` function's contract (docs/workflow-validator.md):
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/
 */
import { z } from 'zod';

/** `{issue: {key}, configuration?, transition: {from: {id}, to: {id}, modifiedFields?}}`. */
export const workflowValidatorArgs = z
  .object({
    issue: z.object({ key: z.string().min(1).max(255) }).passthrough(),
    transition: z
      .object({
        from: z
          .object({ id: z.union([z.string(), z.number()]).transform(String) })
          .passthrough()
          .optional(),
        to: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).passthrough(),
      })
      .passthrough(),
    configuration: z.unknown().optional(),
  })
  .passthrough();
export type WorkflowValidatorArgs = z.input<typeof workflowValidatorArgs>;

/** What the function returns: `errorMessage` is shown to the person moving the work item when `result` is false. */
export interface WorkflowValidatorResult {
  result: boolean;
  errorMessage?: string;
}

export const TRANSITION_VALIDATOR_MODULE_KEY = 'offboarding-transition-validator';
