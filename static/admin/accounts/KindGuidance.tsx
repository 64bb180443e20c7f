import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { SERVICE_ACCOUNT_DOCS_URL } from '@contract/account-kinds';
import type { AccountDetail, AccountDto } from '@contract/accounts';
import { adminApi } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { useMutation } from '../../shared/mutation';
import { FormField } from '../../shared/field';
import { formatDate } from '../ui/format';

type Option = { value: string; label: string };

/** Atlassian service accounts on the site: untagged ones (candidates) and those in the registry. */
async function serviceAccounts(): Promise<Option[]> {
  const [candidates, registry] = await Promise.all([
    adminApi.listCandidates({ pageSize: 100 }),
    adminApi.listAccounts({ pageSize: 100 }),
  ]);
  const out = new Map<string, string>();
  for (const c of candidates.candidates)
    if (c.kind === 'service-account') out.set(c.accountId, c.displayName);
  for (const r of registry.rows)
    if (r.kind === 'service-account') out.set(r.accountId, `${r.displayName} (in the registry)`);
  return [...out].map(([value, label]) => ({ value, label }));
}

function Step({ done, n, children }: { done: boolean; n: number; children: React.ReactNode }) {
  return (
    <li data-step={n} data-done={done} style={{ listStyle: 'none' }}>
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center">
          <Text weight="bold">{`Step ${n}`}</Text>
          {done ? <Lozenge appearance="success">Done</Lozenge> : null}
        </Inline>
        {children}
      </Stack>
    </li>
  );
}

/**
 * PERSONAL_ACCOUNT: the checklist for moving the integration to an Atlassian service account, with the
 * migration's recorded steps (mark the replacement, move the integrations, retire this account).
 */
export function PersonalAccountGuidance({
  account,
  onChanged,
  onRetire,
  onConflict,
}: {
  account: AccountDto;
  onChanged: (a: AccountDto) => void;
  onRetire: () => void;
  onConflict: () => void;
}) {
  const m = account.migration;
  const [options, setOptions] = useState<Option[] | undefined>();
  const [picked, setPicked] = useState<Option | null>(null);
  const [pickError, setPickError] = useState<string | undefined>();
  useEffect(() => {
    if (m) return;
    serviceAccounts().then(setOptions, () => setOptions([]));
  }, [m]);

  const migrate = useMutation({
    run: (what: 'mark' | 'move') =>
      what === 'mark'
        ? adminApi.markMigration({
            accountId: account.accountId,
            version: account.version,
            replacementId: picked?.value ?? '',
          })
        : adminApi.moveMigration({ accountId: account.accountId, version: account.version }),
    success: (updated, what) => ({
      title: what === 'mark' ? 'Replacement recorded' : 'Integrations moved',
      description:
        what === 'mark'
          ? `${updated.migration?.replacementName ?? 'The service account'} takes over from ${account.displayName}.`
          : `${updated.migration?.replacementName ?? 'The service account'} now carries the integrations. Retire ${account.displayName} once its tokens are revoked.`,
    }),
    failure: 'The migration step was not recorded',
    onSuccess: onChanged,
    onConflict: () => onConflict(),
  });
  const [step, setStep] = useState<'mark' | 'move' | null>(null);
  const busy = migrate.pending ? step : null;
  const failed =
    Object.values(migrate.fieldErrors).join(' ') || (migrate.error ? errorMessage(migrate.error) : undefined);
  const error = pickError ?? failed;

  const act = (what: 'mark' | 'move') => {
    setPickError(undefined);
    if (what === 'mark' && !picked) {
      setPickError('Pick the service account that takes over.');
      return;
    }
    setStep(what);
    void migrate.mutate(what);
  };

  return (
    <SectionMessage
      appearance="warning"
      title="Move this integration to an Atlassian service account"
      actions={[
        <SectionMessageAction key="docs" href={SERVICE_ACCOUNT_DOCS_URL}>
          Atlassian: understand service accounts
        </SectionMessageAction>,
      ]}
    >
      <Stack space="space.150">
        <Text as="p">
          {account.displayName} is a personal account: it holds a paid seat, and every integration that signs
          in as it breaks when its user is offboarded. Atlassian service accounts have no seat, cannot log in
          to the UI, and use scoped API tokens or OAuth client credentials.
        </Text>
        <ol
          style={{ paddingInlineStart: 0, margin: 0, display: 'grid', gap: 12 }}
          aria-label="Migration checklist"
        >
          <Step n={1} done={!!m}>
            <Text>
              An organization admin creates a service account in admin.atlassian.com → Directory → Service
              accounts, and gives it access to Jira.
            </Text>
          </Step>
          <Step n={2} done={!!m}>
            {m ? (
              <Text>
                Replaced by <strong>{m.replacementName}</strong> (recorded {formatDate(m.markedAt)}).
              </Text>
            ) : (
              <Stack space="space.100">
                <FormField id="replacement" label="Service account that replaces it" error={error}>
                  {(aria) => (
                    <Select<Option>
                      inputId={aria.id}
                      aria-describedby={aria.describedBy}
                      aria-invalid={aria.invalid}
                      options={options ?? []}
                      isLoading={options === undefined}
                      value={picked}
                      onChange={(o) => setPicked(o)}
                      placeholder="Choose a service account"
                      noOptionsMessage={() => 'No Atlassian service account on this site yet'}
                    />
                  )}
                </FormField>
                <div>
                  <Button appearance="primary" isLoading={busy === 'mark'} onClick={() => act('mark')}>
                    Mark as replacement
                  </Button>
                </div>
              </Stack>
            )}
          </Step>
          <Step n={3} done={!!m?.movedAt}>
            {m?.movedAt ? (
              <Text>
                Integrations moved to {m.replacementName} on {formatDate(m.movedAt)}.
              </Text>
            ) : (
              <Stack space="space.100">
                <Text>
                  Move its {account.integrations.length} integration(s) over in the registry, then issue a
                  scoped token for the service account in each tool.
                </Text>
                {m ? (
                  <div>
                    <Button isLoading={busy === 'move'} onClick={() => act('move')}>
                      Move integrations to {m.replacementName}
                    </Button>
                  </div>
                ) : null}
                {m && error ? <Text color="color.text.danger">{error}</Text> : null}
              </Stack>
            )}
          </Step>
          <Step n={4} done={false}>
            <Stack space="space.100">
              <Text>
                Revoke the personal account’s API tokens, then retire it here (the record and its history
                stay).
              </Text>
              {m?.movedAt ? (
                <div>
                  <Button appearance="danger" onClick={onRetire}>
                    Retire {account.displayName}
                  </Button>
                </div>
              ) : null}
            </Stack>
          </Step>
        </ol>
      </Stack>
    </SectionMessage>
  );
}

/** DORMANT: what the finding means, plainly — Jira sees changes only, never reads. */
export function DormantNotice({ detail }: { detail: AccountDetail }) {
  const f = detail.findings.find((x) => x.code === 'DORMANT');
  if (!f) return null;
  const period = (f.details as { period?: string } | undefined)?.period ?? '';
  const days = /^(\d+)d$/.exec(period)?.[1] ?? 'many';
  return (
    <SectionMessage appearance="information" title={`No changes in Jira for ${days} days`}>
      <Text as="p">
        Jira has no record of {detail.account.displayName} creating, editing or commenting on any work item in
        the last {days} days. Read-only API use is invisible to Jira, so “dormant” means “made no changes”: an
        integration that only reads (reports, exports, dashboards) looks dormant too. Ask the owner whether it
        is still needed; retire it if not.
      </Text>
    </SectionMessage>
  );
}
