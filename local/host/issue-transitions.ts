/**
 * The issue view's status button and transitions, as Jira shows them: the current status and one
 * button per available transition. A transition a workflow validator refuses shows the validator's
 * message in an error banner above the work item, and the work item stays where it was. Plain HTML
 * forms (POST → 303 → GET), so it works without script and with the keyboard.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { JiraSite } from '../jira/jira-site.js';
import type { SeedIssue, SeedUser } from '../jira/seed.js';
import { STATUSES, performTransition, statusOf, transitionsFrom } from '../jira/workflows.js';

export const TRANSITION_PATH = /^\/browse\/([A-Za-z][A-Za-z0-9_]*-\d+)\/transitions$/;

interface Shown {
  issueKey: string;
  accountId: string;
  kind: 'done' | 'refused' | 'error';
  to: string;
  message?: string;
  expires: number;
}

/** Outcomes waiting to be shown once, after the redirect (a few minutes at most). */
const outcomes = new Map<string, Shown>();
const OUTCOME_TTL_MS = 5 * 60_000;

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 4096) break;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Handles the buttons' POST as the acting user; answers where to redirect. */
export async function handleTransitionPost(
  site: JiraSite,
  user: SeedUser,
  issueKey: string,
  req: IncomingMessage,
): Promise<string> {
  const form = await formBody(req);
  const id = form.get('transition') ?? '';
  const issue = site.issue(issueKey);
  const back = `/browse/${encodeURIComponent(issue?.key ?? issueKey)}`;
  if (!issue) return back;
  const target = STATUSES.find((s) => s.id === transitionsFrom(issue).find((t) => t.id === id)?.to);
  const outcome = await performTransition(site, user, issue.key, id);
  const token = randomUUID();
  const now = Date.now();
  for (const [k, v] of outcomes) if (v.expires < now) outcomes.delete(k);
  outcomes.set(token, {
    issueKey: issue.key,
    accountId: user.accountId,
    kind: outcome.kind === 'done' ? 'done' : outcome.kind === 'refused' ? 'refused' : 'error',
    to: target?.name ?? id,
    ...(outcome.kind === 'refused'
      ? { message: outcome.message }
      : outcome.kind === 'done'
        ? {}
        : { message: `You can't move ${issue.key} now (${outcome.kind.replace('-', ' ')}).` }),
    expires: now + OUTCOME_TTL_MS,
  });
  return `${back}?transition=${token}`;
}

/** The banner for the outcome named in `?transition=` (shown to the person who moved it, once). */
export function transitionBanner(url: URL, issue: SeedIssue, user: SeedUser): string {
  const token = url.searchParams.get('transition');
  const shown = token ? outcomes.get(token) : undefined;
  if (!token || !shown || shown.issueKey !== issue.key || shown.accountId !== user.accountId) return '';
  outcomes.delete(token);
  if (shown.kind === 'done')
    return `<div class="issue-banner issue-banner-success" role="status" data-testid="transition-outcome">Moved to <strong>${esc(shown.to)}</strong>.</div>`;
  return `<div class="issue-banner issue-banner-error" role="alert" data-testid="transition-refusal">
  <p class="issue-banner-title">${esc(issue.key)} can't move to ${esc(shown.to)}</p>
  <p>${esc(shown.message ?? '')}</p>
</div>`;
}

/** The status and the transition buttons, at the top of the details column. */
export function transitionsBlock(issue: SeedIssue): string {
  const current = statusOf(issue);
  const buttons = transitionsFrom(issue)
    .map(
      (t) =>
        `<button type="submit" class="transition-button" name="transition" value="${esc(t.id)}">${esc(t.name)}</button>`,
    )
    .join('');
  return `<form class="issue-transitions" method="post" action="/browse/${esc(issue.key)}/transitions" aria-label="Workflow">
  <span class="issue-status issue-status-${esc(current.category.key)}" data-testid="issue-status">${esc(current.name)}</span>
  <span class="transition-label" id="transition-label-${esc(issue.key)}">Move to</span>
  <span class="transition-buttons" role="group" aria-labelledby="transition-label-${esc(issue.key)}">${buttons}</span>
</form>`;
}
