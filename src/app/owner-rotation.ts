import type { FindingCode } from '../contract/offboarding';
import type { MyAccount, RecordRotationInput } from '../contract/owner';
import { type AccountRecord, credentialState, earliestCredentialExpiry } from '../domain/account';
import { utcDate } from '../domain/dates';
import { maxWarningDays } from '../domain/settings';
import type { Invocation } from './context';
import { invalid } from './errors';
import { myAccount } from './my-accounts';
import { resolveNow } from './open-findings';
import { roleOf } from './authorize';
import { commitOwnerChange, loadOwned, requireVersion } from './owner-access';
import type { OversightDeps } from './oversight-ports';

/** Records a rotation (dates only, never a credential); credential findings that no longer hold resolve. */
export async function recordRotation(
  input: RecordRotationInput,
  inv: Invocation,
  deps: OversightDeps,
): Promise<MyAccount> {
  const r = await loadOwned(input.accountId, inv, deps);
  requireVersion(r, input.version);
  const now = deps.clock.now();
  const today = utcDate(now);
  const integration = r.integrations[input.integrationIndex];
  if (!integration) throw invalid({ integrationIndex: 'No such integration on this account.' });
  if (input.rotatedOn > today) throw invalid({ rotatedOn: 'The rotation cannot be in the future.' });
  if (input.newExpiresOn && input.newExpiresOn < input.rotatedOn)
    throw invalid({ newExpiresOn: 'The new credential cannot expire before it was rotated.' });
  const integrations = r.integrations.map((i, n) => {
    if (n !== input.integrationIndex) return i;
    const { credentialExpiresOn: _old, ...rest } = i;
    return {
      ...rest,
      lastRotatedOn: input.rotatedOn,
      ...(input.newExpiresOn ? { credentialExpiresOn: input.newExpiresOn } : {}),
    };
  });
  const settings = await deps.settings.get();
  const w = maxWarningDays(settings);
  const state = credentialState(
    earliestCredentialExpiry(
      integrations.filter((i) => !i.credentialExpiresOn || i.credentialExpiresOn >= today),
    ),
    today,
    w,
  );
  const stillExpired = integrations.some((i) => i.credentialExpiresOn && i.credentialExpiresOn < today);
  const codes: FindingCode[] = [
    ...(state !== 'expiring' ? (['CREDENTIAL_EXPIRING'] as const) : []),
    ...(!stillExpired ? (['CREDENTIAL_EXPIRED'] as const) : []),
  ];
  const nowIso = now.toISOString();
  const resolved = resolveNow(r, codes, nowIso);
  const after: AccountRecord = {
    ...r,
    integrations,
    findings: resolved.findings,
    updatedAt: nowIso,
    updatedBy: inv.actorId ?? 'app',
    version: r.version + 1,
  };
  await commitOwnerChange(
    'owner.rotation',
    r,
    after,
    resolved.also,
    inv,
    deps,
    `${integration.system} (${integration.environment})`,
  );
  return myAccount(after, roleOf(r, inv.actorId) ?? 'owner', today, w);
}
