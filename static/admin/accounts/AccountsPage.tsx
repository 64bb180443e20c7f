import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import type { AccountRow, AccountsPage as Page, ListSort, RiskLevel } from '@contract/accounts';
import type { PersonRef } from '@contract/common';
import { adminApi } from '../../shared/api';
import { useDebounced, usePaged } from '../../shared/hooks';
import { useRouter } from '../../shared/router';
import { EmptyView, ErrorState } from '../../shared/states';
import { paths } from '../routes';
import { AppLink } from '../ui/app-link';
import { FindingsBadge } from './FindingsBadge';
import { findingLabel, formatDate, plural } from '../ui/format';
import { JiraStateLozenge, KindLozenge, RiskLozenge } from '../ui/lozenges';
import { UserPicker } from '../ui/UserPicker';
import { ClampedText } from './ClampedText';
import {
  type Attention,
  DEFAULT_VIEW,
  isFiltered,
  listInput,
  type ListView,
  parseView,
  RETIRED_SORTS,
  viewQuery,
} from './list-query';
import { TableSkeleton, TilesSkeleton } from './skeletons';
import { SummaryTiles, TILES } from './SummaryTiles';

export const PAGE_SIZE = 25;

interface Opt<T extends string> {
  value: T;
  label: string;
}

const STATUS_OPTIONS: Opt<ListView['status']>[] = [
  { value: 'active', label: 'Tagged' },
  { value: 'retired', label: 'Retired' },
];
const ATTENTION_OPTIONS: Opt<Attention>[] = [
  { value: 'any', label: 'Anything' },
  { value: 'review', label: 'Review overdue' },
  { value: 'expiring', label: 'Credential expiring' },
  { value: 'expired', label: 'Credential expired' },
  { value: 'nobackup', label: 'No backup owner' },
];
const RISK_OPTIONS: Opt<RiskLevel | 'any'>[] = [
  { value: 'any', label: 'Any risk' },
  { value: 'high', label: 'High' },
  { value: 'medium', label: 'Medium' },
  { value: 'low', label: 'Low' },
];
const SORT_OPTIONS: Opt<ListSort>[] = [
  { value: 'name', label: 'Name' },
  { value: 'reviewDue', label: 'Review due' },
  { value: 'risk', label: 'Risk' },
  { value: 'credentialExpiry', label: 'Credential expiry' },
  { value: 'updated', label: 'Last updated' },
];
const SORT_LABEL = Object.fromEntries(SORT_OPTIONS.map((o) => [o.value, o.label])) as Record<
  ListSort,
  string
>;

/** Names wrap between words, never inside one. */
const WHOLE_WORDS = { overflowWrap: 'normal', wordBreak: 'normal', hyphens: 'manual' } as const;

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

function FilterField({
  id,
  label,
  children,
  width,
}: {
  id: string;
  label: string;
  children: React.ReactNode;
  width: number;
}) {
  return (
    <div style={{ width, flex: '0 0 auto' }}>
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}

function pick<T extends string>(options: Opt<T>[], value: T): Opt<T> | undefined {
  return options.find((o) => o.value === value);
}

/** The list's view, read from and written to the app path's query string. */
function useListView(): [ListView, (next: ListView, opts?: { replace?: boolean }) => void] {
  const { location, navigate } = useRouter();
  const view = useMemo(() => parseView(location.search), [location.search]);
  const setView = useCallback(
    (next: ListView, opts?: { replace?: boolean }) => {
      const to = `${paths.accounts}${viewQuery(next)}`;
      if (to !== `${location.pathname}${location.search}`) navigate(to, opts);
    },
    [location.pathname, location.search, navigate],
  );
  return [view, setView];
}

/** The search box's text: typed freely, put in the URL once typing pauses, and reset by back/forward. */
function useSearchText(view: ListView, setView: (v: ListView) => void): [string, (s: string) => void] {
  const [text, setText] = useState(view.search);
  const typed = useRef(false);
  const debounced = useDebounced(text, 350);
  useEffect(() => {
    // The URL changed (back, forward, a tile, "Clear filters"): show its search.
    if (!typed.current) setText(view.search);
  }, [view.search]);
  useEffect(() => {
    if (!typed.current) return;
    typed.current = false;
    if (debounced.trim() !== view.search.trim()) setView({ ...view, search: debounced });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled search writes the URL
  }, [debounced]);
  return [
    text,
    (s: string) => {
      typed.current = true;
      setText(s);
    },
  ];
}

/** How many accounts the searches of the pages loaded so far looked through. */
function useExamined(key: string) {
  const [examined, setExamined] = useState<{ key: string; total: number }>({ key, total: 0 });
  const record = useCallback(
    (page: Page, cursor: string | undefined) =>
      setExamined((e) =>
        !cursor || e.key !== key
          ? { key, total: page.examined ?? 0 }
          : { key, total: e.total + (page.examined ?? 0) },
      ),
    [key],
  );
  return [examined.key === key ? examined.total : 0, record] as const;
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
  const set = <K extends keyof ListView>(k: K, v: ListView[K]) => setView({ ...view, [k]: v });
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
      <div
        role="search"
        aria-label="Filter accounts"
        style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200'), alignItems: 'flex-end' }}
      >
        <FilterField id="accounts-search" label="Search" width={240}>
          <Textfield
            id="accounts-search"
            aria-label="Search accounts"
            aria-describedby="accounts-search-hint"
            placeholder="Name, email or owner"
            value={searchText}
            onChange={(e) => setSearchText(e.currentTarget.value)}
            isCompact={false}
          />
        </FilterField>
        <FilterField id="accounts-status" label="Status" width={130}>
          <Select<Opt<ListView['status']>, false>
            inputId="accounts-status"
            aria-label="Status"
            options={STATUS_OPTIONS}
            value={pick(STATUS_OPTIONS, view.status)}
            onChange={(o) =>
              o &&
              setView(
                o.value === 'retired'
                  ? {
                      ...view,
                      status: 'retired',
                      attention: 'any',
                      risk: 'any',
                      sort: RETIRED_SORTS.includes(view.sort) ? view.sort : 'name',
                    }
                  : { ...view, status: o.value },
              )
            }
          />
        </FilterField>
        <FilterField id="accounts-owner" label="Owner" width={210}>
          <UserPicker
            id="accounts-owner"
            label="Owner filter"
            value={view.owner}
            onChange={(u) => set('owner', u ? { accountId: u.accountId, displayName: u.displayName } : null)}
            placeholder="Anyone"
          />
        </FilterField>
        {retired ? null : (
          <>
            <FilterField id="accounts-attention" label="Needs attention" width={190}>
              <Select<Opt<Attention>, false>
                inputId="accounts-attention"
                aria-label="Needs attention"
                options={ATTENTION_OPTIONS}
                value={pick(ATTENTION_OPTIONS, view.attention)}
                onChange={(o) => o && set('attention', o.value)}
              />
            </FilterField>
            <FilterField id="accounts-risk" label="Risk" width={130}>
              <Select<Opt<RiskLevel | 'any'>, false>
                inputId="accounts-risk"
                aria-label="Risk"
                options={RISK_OPTIONS}
                value={pick(RISK_OPTIONS, view.risk)}
                onChange={(o) => o && set('risk', o.value)}
              />
            </FilterField>
          </>
        )}
        {filtered ? (
          <Button appearance="subtle" onClick={clear}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <span id="accounts-search-hint" hidden>
        Matches words anywhere in an account&apos;s name or email, or its owner&apos;s or backup owner&apos;s
        name.
      </span>

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
            {empty ? null : (
              <Inline space="space.100" alignBlock="center">
                <Label htmlFor="accounts-sort">Sort by</Label>
                <div style={{ width: 180 }}>
                  <Select<Opt<ListSort>, false>
                    inputId="accounts-sort"
                    aria-label="Sort by"
                    spacing="compact"
                    options={
                      retired ? SORT_OPTIONS.filter((o) => RETIRED_SORTS.includes(o.value)) : SORT_OPTIONS
                    }
                    value={pick(SORT_OPTIONS, view.sort)}
                    onChange={(o) => o && set('sort', o.value)}
                  />
                </div>
              </Inline>
            )}
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
