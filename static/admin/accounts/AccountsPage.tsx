import { useMemo } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { AccountRow, AccountsPage as Page } from '@contract/accounts';
import type { PersonRef } from '@contract/common';
import { adminApi } from '../../shared/api';
import { usePaged } from '../../shared/hooks';
import { useRouter } from '../../shared/router';
import { EmptyView, ErrorState } from '../../shared/states';
import { paths } from '../routes';
import { AppLink } from '../ui/app-link';
import { FindingsBadge } from './FindingsBadge';
import { findingLabel, formatDate, plural } from '../ui/format';
import { JiraStateLozenge, KindLozenge, RiskLozenge } from '../ui/lozenges';
import { ClampedText } from './ClampedText';
import { ListFilters, SORT_LABEL, SortPicker } from './ListFilters';
import { DEFAULT_VIEW, isFiltered, listInput } from './list-query';
import { useExamined, useListView, useSearchText } from './list-view-state';
import { TableSkeleton, TilesSkeleton } from './skeletons';
import { SummaryTiles, TILES } from './SummaryTiles';
import { WHOLE_WORDS } from './whole-words';

export const PAGE_SIZE = 25;

const activeHead: HeadType = {
  cells: [
    { key: 'account', content: 'Account', width: 26 },
    { key: 'purpose', content: 'Purpose', width: 28 },
    { key: 'owners', content: 'Owner and backup', width: 20 },
    { key: 'review', content: 'Review due', width: 10 },
    { key: 'risk', content: 'Risk and findings', width: 16 },
  ],
};
const retiredHead: HeadType = {
  cells: [
    { key: 'account', content: 'Account', width: 28 },
    { key: 'purpose', content: 'Purpose', width: 36 },
    { key: 'owners', content: 'Last owner and backup', width: 22 },
    { key: 'retired', content: 'Retired', width: 14 },
  ],
};

function Name({ person }: { person: PersonRef }) {
  return (
    <span style={WHOLE_WORDS}>
      <Text>{person.displayName}</Text>
      {person.active === false ? (
        <>
          {' '}
          <Lozenge appearance="removed">Inactive</Lozenge>
        </>
      ) : null}
    </span>
  );
}

function Owners({ a }: { a: AccountRow }) {
  return (
    <Stack space="space.050">
      <Name person={a.owner} />
      {a.backupOwner ? (
        <span style={WHOLE_WORDS}>
          <Text size="small" color="color.text.subtle">
            Backup:{' '}
          </Text>
          <Name person={a.backupOwner} />
        </span>
      ) : (
        <Text size="small" color="color.text.subtlest">
          No backup owner
        </Text>
      )}
    </Stack>
  );
}

/** The open findings the sweep recorded on the account: the same ones its page and its owner's page show. */
export function rowFindings(a: AccountRow): string[] {
  return a.findings.map((f) => f.code);
}

function Findings({ a }: { a: AccountRow }) {
  const found = rowFindings(a);
  if (found.length === 0) return null;
  return <FindingsBadge labels={found.map(findingLabel)} severe={a.findings.some((f) => f.severity >= 3)} />;
}

function row(a: AccountRow): RowType {
  const retired = a.status === 'retired';
  const account = {
    key: 'account',
    content: (
      <Stack space="space.050">
        <span style={WHOLE_WORDS}>
          <AppLink to={paths.account(a.accountId)}>{a.displayName}</AppLink>
        </span>
        <Inline space="space.050" shouldWrap>
          {retired ? <Lozenge>Retired</Lozenge> : <JiraStateLozenge active={a.accountActive} />}
          <KindLozenge kind={a.kind} />
        </Inline>
      </Stack>
    ),
  };
  const purpose = {
    key: 'purpose',
    content: <ClampedText text={a.purpose} lines={2} label={`the purpose of ${a.displayName}`} />,
  };
  const owners = { key: 'owners', content: <Owners a={a} /> };
  if (retired)
    return {
      key: a.accountId,
      testId: `account-row-${a.accountId}`,
      cells: [account, purpose, owners, { key: 'retired', content: <Text>{formatDate(a.retiredAt)}</Text> }],
    };
  return {
    key: a.accountId,
    testId: `account-row-${a.accountId}`,
    cells: [
      account,
      purpose,
      owners,
      {
        key: 'review',
        content: (
          <Stack space="space.050">
            <Text>{formatDate(a.reviewDueOn)}</Text>
            {a.reviewOverdue ? <Lozenge appearance="removed">Overdue</Lozenge> : null}
          </Stack>
        ),
      },
      {
        key: 'risk',
        content: (
          <Inline space="space.050" shouldWrap>
            <RiskLozenge level={a.risk.level} />
            <Findings a={a} />
          </Inline>
        ),
      },
    ],
  };
}

export function AccountsPage() {
  const { navigate } = useRouter();
  const [view, setView] = useListView();
  const [searchText, setSearchText] = useSearchText(view, setView);
  const input = useMemo(() => listInput(view, PAGE_SIZE), [view]);
  const key = JSON.stringify(input);
  const [examined, recordExamined] = useExamined(key);
  const { state, loadingMore, moreError, loadMore, reload } = usePaged<AccountRow, Page>(
    async (cursor) => {
      const page = await adminApi.listAccounts({ ...input, ...(cursor ? { cursor } : {}) });
      recordExamined(page, cursor);
      return page;
    },
    (p) => p.rows,
    key,
  );
  const filtered = isFiltered(view);
  const clear = () => setView({ ...DEFAULT_VIEW, status: view.status, sort: view.sort });
  const data = state.status === 'error' ? undefined : state.data;
  const retired = view.status === 'retired';
  const searching = data?.first.examined !== undefined;
  const firstLoad = state.status === 'loading' && !state.data;
  const empty = data !== undefined && data.items.length === 0 && state.status === 'ready' && !data.nextCursor;

  return (
    <Stack space="space.300">
      {data ? (
        <SummaryTiles counts={data.first.counts} view={view} onChange={(v) => setView(v)} />
      ) : (
        <TilesSkeleton count={TILES.length} />
      )}
      <ListFilters
        view={view}
        setView={setView}
        searchText={searchText}
        setSearchText={setSearchText}
        filtered={filtered}
        clear={clear}
      />

      {state.status === 'error' ? (
        <ErrorState title="We couldn’t load the registry" error={state.error} onRetry={reload} />
      ) : null}
      {firstLoad ? <TableSkeleton label="Loading accounts" /> : null}
      {data ? (
        <Stack space="space.200">
          <Inline spread="space-between" alignBlock="end" shouldWrap space="space.200">
            <Stack space="space.050">
              <Heading size="small" as="h2" id="accounts-table-title">
                {`${retired ? 'Retired accounts' : 'Tagged accounts'} (${data.items.length}${data.nextCursor ? '+' : ''})`}
              </Heading>
              {data.first.sortedBy.sort !== view.sort ? (
                <Text size="small" color="color.text.subtle">
                  {`Sorted by ${SORT_LABEL[data.first.sortedBy.sort].toLowerCase()}, the order of the filter you picked.`}
                </Text>
              ) : null}
            </Stack>
            {empty ? null : <SortPicker view={view} setView={setView} />}
          </Inline>
          {empty ? (
            filtered ? (
              <EmptyView
                header="No accounts match these filters"
                description={
                  searching
                    ? 'Try another word, or clear the filters.'
                    : 'Clear the filters to see every account.'
                }
                action={{ label: 'Clear filters', onClick: clear }}
              />
            ) : retired ? (
              <EmptyView
                header="No retired accounts"
                description="Accounts you retire stay here with their history."
              />
            ) : (
              <EmptyView
                header="No integration accounts yet"
                description="Tag the users your integrations sign in as, and say who owns each one."
                action={{ label: 'Tag account', onClick: () => navigate(paths.tag()) }}
              />
            )
          ) : (
            <>
              <DynamicTable
                label={retired ? 'Retired accounts' : 'Tagged accounts'}
                head={retired ? retiredHead : activeHead}
                rows={data.items.map(row)}
                isLoading={state.status === 'loading'}
                emptyView={
                  <Text as="p" color="color.text.subtle">
                    {`No matches among the first ${plural(examined, 'account')} yet.`}
                  </Text>
                }
                testId="accounts-table"
              />
              {moreError ? (
                <ErrorState title="We couldn’t load more accounts" error={moreError} onRetry={loadMore} />
              ) : null}
              <Box>
                {data.nextCursor ? (
                  <Stack space="space.100" alignInline="center">
                    {searching ? (
                      <Text as="p" size="small" color="color.text.subtle">
                        {`Looked through ${plural(examined, 'account')} so far.`}
                      </Text>
                    ) : null}
                    <Button onClick={loadMore} isLoading={loadingMore}>
                      {searching ? 'Search more accounts' : 'Load more'}
                    </Button>
                  </Stack>
                ) : (
                  <Text as="p" align="center" color="color.text.subtlest">
                    {`${plural(data.items.length, 'account')} shown.`}
                  </Text>
                )}
              </Box>
            </>
          )}
        </Stack>
      ) : null}
    </Stack>
  );
}
