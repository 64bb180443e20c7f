import {
  MAX_BODY_BYTES,
  type PreDeactivationOutputKey,
  type PreDeactivationRequest,
  preDeactivationRequest,
  verdictOutput,
} from '../contract/webtrigger';
import { PRE_DEACTIVATION_WEBTRIGGER_KEY } from '../contract/resolver-keys';
import { SIGNATURE_TOLERANCE_SECONDS, verifyWebhook } from '../domain/webhook-signature';
import { offboardingCheck } from './offboarding';
import type { OversightDeps } from './oversight-ports';

export interface SignedRequest {
  method: string;
  /** Lower-case names; the first value of each is used. */
  header: (name: string) => string | undefined;
  body: string;
}

/** Which declared output to answer, and (for the logs) why a request was refused. */
export interface WebtriggerAnswer {
  output: PreDeactivationOutputKey;
  problem?: string;
}

/** The replay record outlives the tolerance window on both sides. */
const REPLAY_TTL_SECONDS = 2 * SIGNATURE_TOLERANCE_SECONDS + 60;

/** How many `/user/search` matches to read for an email: one person, plus room to see ambiguity. */
const EMAIL_SEARCH_RESULTS = 10;

const refuse = (output: PreDeactivationOutputKey, problem: string): WebtriggerAnswer => ({ output, problem });

/**
 * The person a request names: the account id as given, or the one active Jira user whose visible
 * email address is exactly the one given (`/user/search` matches prefixes of names and emails, so the
 * answer is filtered to an exact, case-insensitive match). Undefined when no single user matches.
 */
async function personOf(
  request: PreDeactivationRequest,
  deps: OversightDeps,
): Promise<{ personId?: string; problem?: string }> {
  if ('accountId' in request) return { personId: request.accountId };
  const found = await deps.directory.search(request.email, EMAIL_SEARCH_RESULTS);
  const exact = found.filter((u) => u.emailAddress?.toLowerCase() === request.email);
  if (exact.length === 1) return { personId: (exact[0] as (typeof exact)[number]).accountId };
  return { problem: exact.length === 0 ? 'email-not-found' : 'email-ambiguous' };
}

/**
 * The pre-deactivation check (DESIGN.md §5): for ONE person, one of the fixed outputs. Order
 * matters: method, size, signature over the RAW body and timestamp — all before any write or Jira
 * call — then the one write a refusal may cost (the `webhook-id` replay record), then parsing. Only
 * an accepted request reaches Jira and the audit trail, which keeps what the answer does not carry:
 * the person, the reasons and the accounts concerned.
 */
export async function preDeactivationCheck(
  req: SignedRequest,
  deps: OversightDeps,
): Promise<WebtriggerAnswer> {
  if (req.method.toUpperCase() !== 'POST') return refuse('method-not-allowed', 'method');
  if (Buffer.byteLength(req.body, 'utf8') > MAX_BODY_BYTES) return refuse('payload-too-large', 'size');
  const id = req.header('webhook-id');
  const timestamp = req.header('webhook-timestamp');
  const signature = req.header('webhook-signature');
  if (!id || !timestamp || !signature || id.length > 200) return refuse('unauthorized', 'missing-headers');
  const secret = await deps.signingSecret.current();
  const check = verifyWebhook({
    id,
    timestamp,
    signature,
    body: req.body,
    secret,
    nowSeconds: Math.floor(deps.clock.now().getTime() / 1000),
  });
  if (!check.ok) return refuse('unauthorized', check.problem);
  if (!/^[A-Za-z0-9_.:-]+$/.test(id) || !(await deps.replay.claim(id, REPLAY_TTL_SECONDS)))
    return refuse('unauthorized', 'replayed');

  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    return refuse('bad-request', 'malformed-json');
  }
  const parsed = preDeactivationRequest.safeParse(json);
  if (!parsed.success) return refuse('bad-request', 'invalid-body');
  const request = parsed.data;
  const by = 'accountId' in request ? 'accountId' : 'email';

  const source = { kind: 'webtrigger' as const, module: PRE_DEACTIVATION_WEBTRIGGER_KEY, key: id };
  const actor = { accountId: null, kind: 'webtrigger' as const };
  /** Every check is audited, answered or not: the person asked about, what was answered, and why. */
  const record = (target: { type: 'person'; id?: string }, after: Record<string, unknown>, reason?: string) =>
    deps.audit.commit({
      entry: {
        at: deps.clock.now().toISOString(),
        actor,
        source,
        action: 'offboarding.check',
        target,
        after,
        outcome: 'allowed',
        ...(reason ? { reason } : {}),
      },
    });
  const { personId, problem } = await personOf(request, deps);
  const result = personId ? await offboardingCheck(personId, deps) : undefined;
  // Unknown: no such Jira user, and nothing in the registry about them either (a person Jira no longer
  // knows who still owns accounts gets a verdict: those accounts are what the caller must hear about).
  if (!result || (result.person.missing && result.reasons.length === 0 && result.accounts.length === 0)) {
    await record(
      { type: 'person', ...(personId ? { id: personId } : {}) },
      { output: 'unknown-person', by, ...('email' in request ? { email: request.email } : {}) },
      problem ?? 'not-in-jira',
    );
    return { output: 'unknown-person', problem: problem ?? 'not-in-jira' };
  }
  await record(
    { type: 'person', id: result.person.accountId },
    {
      output: verdictOutput(result.verdict),
      by,
      verdict: result.verdict,
      reasons: result.reasons.map((r) => r.code),
      accounts: result.accounts.map((a) => ({ accountId: a.accountId, role: a.role })),
    },
  );
  return { output: verdictOutput(result.verdict) };
}
