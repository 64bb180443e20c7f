/** @jsxRuntime automatic */
/**
 * The issue view's status and transition buttons, as Jira shows them, and the banner with the outcome
 * of the last move (`../issue-transitions.ts` performs it).
 */
import type { SeedIssue } from '../../jira/seed.js';
import { statusOf, transitionsFrom } from '../../jira/workflows.js';
import type { TransitionOutcome } from '../issue-transitions.js';

export function TransitionBanner({
  issue,
  outcome,
}: {
  issue: SeedIssue;
  outcome: TransitionOutcome | undefined;
}) {
  if (!outcome) return null;
  if (outcome.kind === 'done')
    return (
      <div className="issue-banner issue-banner-success" role="status" data-testid="transition-outcome">
        Moved to <strong>{outcome.to}</strong>.
      </div>
    );
  return (
    <div className="issue-banner issue-banner-error" role="alert" data-testid="transition-refusal">
      <p className="issue-banner-title">{`${issue.key} can't move to ${outcome.to}`}</p>
      <p>{outcome.message ?? ''}</p>
    </div>
  );
}

/** The status and the transition buttons, at the top of the details column. */
export function Transitions({ issue }: { issue: SeedIssue }) {
  const current = statusOf(issue);
  const labelId = `transition-label-${issue.key}`;
  return (
    <form
      className="issue-transitions"
      method="post"
      action={`/browse/${issue.key}/transitions`}
      aria-label="Workflow"
    >
      <span className={`issue-status issue-status-${current.category.key}`} data-testid="issue-status">
        {current.name}
      </span>
      <span className="transition-label" id={labelId}>
        Move to
      </span>
      <span className="transition-buttons" role="group" aria-labelledby={labelId}>
        {transitionsFrom(issue).map((t) => (
          <button key={t.id} type="submit" className="transition-button" name="transition" value={t.id}>
            {t.name}
          </button>
        ))}
      </span>
    </form>
  );
}
