import {
  MAX_BODY_BYTES,
  type PreDeactivationResponse,
  WEBTRIGGER_ERRORS,
  type WebtriggerErrorStatus,
  preDeactivationRequest,
} from '../contract/webtrigger';
import { PRE_DEACTIVATION_WEBTRIGGER_KEY } from '../contract/resolver-keys';
import { SIGNATURE_TOLERANCE_SECONDS, verifyWebhook } from '../domain/webhook-signature';
import { offboardingCheckMany } from './offboarding';
import type { WatchDeps } from './watch-ports';

export interface SignedRequest {
  method: string;
  /** Lower-case names; the first value of each is used. */
  header: (name: string) => string | undefined;
  body: string;
}

export type WebtriggerAnswer =
  | { status: 200; body: PreDeactivationResponse }
  | {
      status: WebtriggerErrorStatus;
      body: (typeof WEBTRIGGER_ERRORS)[WebtriggerErrorStatus];
      problem: string;
    };

/** The replay record outlives the tolerance window on both sides. */
const REPLAY_TTL_SECONDS = 2 * SIGNATURE_TOLERANCE_SECONDS + 60;

const refuse = (status: WebtriggerErrorStatus, problem: string): WebtriggerAnswer => ({
  status,
  body: WEBTRIGGER_ERRORS[status],
  problem,
});

/**
 * The pre-deactivation check (DESIGN.md §5). Order matters: method, size, signature over the RAW body
 * and timestamp — all before any write or Jira call — then the one write a refusal may cost (the
 * `webhook-id` replay record), then parsing. Only an accepted request reaches Jira and the audit trail.
 */
export async function preDeactivationCheck(req: SignedRequest, deps: WatchDeps): Promise<WebtriggerAnswer> {
  if (req.method.toUpperCase() !== 'POST') return refuse(405, 'method');
  if (Buffer.byteLength(req.body, 'utf8') > MAX_BODY_BYTES) return refuse(413, 'size');
  const id = req.header('webhook-id');
  const timestamp = req.header('webhook-timestamp');
  const signature = req.header('webhook-signature');
  if (!id || !timestamp || !signature || id.length > 200) return refuse(401, 'missing-headers');
  const secret = await deps.signingSecret.current();
  const check = verifyWebhook({
    id,
    timestamp,
    signature,
    body: req.body,
    secret,
    nowSeconds: Math.floor(deps.clock.now().getTime() / 1000),
  });
  if (!check.ok) return refuse(401, check.problem);
  if (!/^[A-Za-z0-9_.:-]+$/.test(id) || !(await deps.replay.claim(id, REPLAY_TTL_SECONDS)))
    return refuse(401, 'replayed');

  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    return refuse(400, 'malformed-json');
  }
  const parsed = preDeactivationRequest.safeParse(json);
  if (!parsed.success) return refuse(400, 'invalid-body');

  const checks = await offboardingCheckMany(parsed.data.accountIds, deps);
  const results = checks.map((c) => ({
    accountId: c.person.accountId,
    verdict: c.verdict,
    reasons: c.reasons,
    accounts: c.accounts,
  }));
  const tally = { block: 0, warn: 0, safe: 0 };
  for (const r of results) tally[r.verdict]++;
  await deps.audit.commit({
    entry: {
      at: deps.clock.now().toISOString(),
      actor: { accountId: null, kind: 'webtrigger' },
      source: { kind: 'webtrigger', module: PRE_DEACTIVATION_WEBTRIGGER_KEY, key: id },
      action: 'offboarding.check',
      target: { type: 'request', id },
      after: { verdicts: results.map((r) => ({ accountId: r.accountId, verdict: r.verdict })), tally },
      outcome: 'allowed',
    },
  });
  return { status: 200, body: { results } };
}
