/**
 * The issue view's transitions (the buttons are `shell/transitions.tsx`): a button's POST moves the
 * work item as the acting user, and the outcome waits, under a one-time token, to be shown after the
 * redirect. A transition a workflow validator refuses shows the validator's message in an error
 * banner above the work item, and the work item stays where it was. Plain HTML forms
 * (POST → 303 → GET), so it works without script and with the keyboard.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { JiraSite } from '../jira/jira-site.js';
import type { SeedIssue, SeedUser } from '../jira/seed.js';
import { STATUSES, performTransition, transitionsFrom } from '../jira/workflows.js';

export const TRANSITION_PATH = /^\/browse\/([A-Za-z][A-Za-z0-9_]*-\d+)\/transitions$/;

export interface TransitionOutcome {
  issueKey: string;
  accountId: string;
  kind: 'done' | 'refused' | 'error';
  to: string;
  message?: string;
  expires: number;
}

/** Outcomes waiting to be shown once, after the redirect (a few minutes at most). */
const outcomes = new Map<string, TransitionOutcome>();
const OUTCOME_TTL_MS = 5 * 60_000;

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

/** The outcome named in `?transition=`, for the person who moved the work item, once (`shell/transitions.tsx` shows it). */
export function takeTransitionOutcome(
  url: URL,
  issue: SeedIssue,
  user: SeedUser,
): TransitionOutcome | undefined {
  const token = url.searchParams.get('transition');
  const shown = token ? outcomes.get(token) : undefined;
  if (!token || !shown || shown.issueKey !== issue.key || shown.accountId !== user.accountId)
    return undefined;
  outcomes.delete(token);
  return shown;
}
