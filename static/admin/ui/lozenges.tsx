import Lozenge from '@atlaskit/lozenge';
import type { AccountStatus, CredentialState, RiskLevel } from '@contract/accounts';
import type { AccountKind } from '@contract/account-kinds';
import { CREDENTIAL_STATE_LABELS, KIND_LABELS, RISK_LABELS } from './format';

export function RiskLozenge({ level, score }: { level: RiskLevel; score?: number }) {
  const appearance = level === 'high' ? 'removed' : level === 'medium' ? 'moved' : 'success';
  return (
    <Lozenge appearance={appearance} isBold={level === 'high'}>
      {`${RISK_LABELS[level]} risk${score === undefined ? '' : ` · ${score}`}`}
    </Lozenge>
  );
}

/** The account's (or a person's) state in Jira. */
export function JiraStateLozenge({ active, missing }: { active: boolean | undefined; missing?: boolean }) {
  if (missing) return <Lozenge appearance="removed">Not in Jira</Lozenge>;
  if (active === undefined) return <Lozenge>Unknown</Lozenge>;
  return active ? (
    <Lozenge appearance="success">Active</Lozenge>
  ) : (
    <Lozenge appearance="removed">Inactive</Lozenge>
  );
}

export function StatusLozenge({ status }: { status: AccountStatus }) {
  return status === 'active' ? (
    <Lozenge appearance="inprogress">Tagged</Lozenge>
  ) : (
    <Lozenge appearance="default">Retired</Lozenge>
  );
}

export function CredentialLozenge({ state }: { state: CredentialState }) {
  if (state === 'none') return null;
  const appearance = state === 'expired' ? 'removed' : state === 'expiring' ? 'moved' : 'success';
  return <Lozenge appearance={appearance}>{CREDENTIAL_STATE_LABELS[state]}</Lozenge>;
}

/** The kind of an integration account: service account, app bot or personal account. */
export function KindLozenge({ kind }: { kind: AccountKind }) {
  const appearance = kind === 'service-account' ? 'new' : kind === 'personal' ? 'moved' : 'default';
  return <Lozenge appearance={appearance}>{KIND_LABELS[kind]}</Lozenge>;
}
