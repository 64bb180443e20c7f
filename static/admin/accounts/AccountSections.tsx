/** The account page's integrations table and its paged history. */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { AccountDetail, AccountDto } from '@contract/accounts';
import type { AuditRecordDto } from '@contract/audit';
import { adminApi } from '../../shared/api';
import { flags } from '../../shared/flags';
import { AuditTable } from '../ui/AuditTable';
import { CREDENTIAL_KIND_LABELS, formatDate } from '../ui/format';
import { usePeople } from '../ui/people-directory';

export function History({ detail }: { detail: AccountDetail }) {
  const people = usePeople();
  const [more, setMore] = useState<{ records: AuditRecordDto[]; nextCursor?: string | undefined }>({
    records: [],
    nextCursor: detail.history.nextCursor,
  });
  const [loading, setLoading] = useState(false);
  const loadMore = async () => {
    if (!more.nextCursor) return;
    setLoading(true);
    try {
      const next = await adminApi.getAccount({
        accountId: detail.account.accountId,
        historyCursor: more.nextCursor,
      });
      setMore((m) => ({
        records: m.records.concat(next.history.records),
        nextCursor: next.history.nextCursor,
      }));
    } catch (e) {
      flags.error('We couldn’t load more history', e);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Stack space="space.150">
      <AuditTable
        records={detail.history.records.concat(more.records)}
        people={people}
        withTarget={false}
        label="History of this account"
      />
      {more.nextCursor ? (
        <Inline alignInline="center">
          <Button onClick={() => void loadMore()} isLoading={loading}>
            Load older history
          </Button>
        </Inline>
      ) : null}
    </Stack>
  );
}

export function Integrations({ account }: { account: AccountDto }) {
  if (account.integrations.length === 0)
    return (
      <Text color="color.text.subtle">
        {account.status === 'retired'
          ? 'No integrations were recorded.'
          : 'No integrations recorded. Edit the account to say what uses it.'}
      </Text>
    );
  return (
    <DynamicTable
      head={{
        cells: [
          { key: 'system', content: 'System', width: 22 },
          { key: 'env', content: 'Environment', width: 12 },
          { key: 'kind', content: 'Credential', width: 14 },
          { key: 'label', content: 'Label', width: 20 },
          { key: 'expires', content: 'Expires', width: 16 },
          { key: 'rotated', content: 'Last rotated', width: 16 },
        ],
      }}
      rows={account.integrations.map((i, n) => ({
        key: `${n}`,
        cells: [
          { key: 'system', content: <Text weight="medium">{i.system}</Text> },
          {
            key: 'env',
            content: (
              <Lozenge appearance={i.environment === 'prod' ? 'inprogress' : 'default'}>
                {i.environment}
              </Lozenge>
            ),
          },
          { key: 'kind', content: CREDENTIAL_KIND_LABELS[i.credentialKind] },
          { key: 'label', content: i.credentialLabel ?? '—' },
          {
            key: 'expires',
            content: i.credentialExpiresOn ? formatDate(i.credentialExpiresOn) : 'No expiry recorded',
          },
          { key: 'rotated', content: formatDate(i.lastRotatedOn) },
        ],
      }))}
    />
  );
}
