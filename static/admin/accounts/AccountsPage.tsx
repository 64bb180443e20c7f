import { useMemo, useState } from 'react';
import Avatar from '@atlaskit/avatar';
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
import type {
  AccountRow,
  AccountStatus,
  AccountsPage as Page,
  ListAccountsInput,
  ListSort,
  RegistryCounts,
  RiskLevel,
} from '@contract/accounts';
import { adminApi } from '../../shared/api';
import { useDebounced, usePaged } from '../../shared/hooks';
import { useRouter } from '../../shared/router';
import { EmptyView, ErrorState, LoadingState } from '../../shared/states';
import { paths } from '../routes';
import { AppLink } from '../ui/app-link';
import { FindingsBadge } from './FindingsBadge';
import { findingLabel, formatDate, plural } from '../ui/format';
import { JiraStateLozenge, KindLozenge, RiskLozenge } from '../ui/lozenges';
import { PersonLabel } from '../ui/person';
import { UserPicker, type PickedUser } from '../ui/UserPicker';

export const PAGE_SIZE = 25;

interface Opt<T extends string> {
  value: T;
  label: string;
}

const STATUS_OPTIONS: Opt<AccountStatus>[] = [
  { value: 'active', label: 'Tagged' },
  { value: 'retired', label: 'Retired' },
];
type Attention = 'any' | 'review' | 'expiring' | 'expired';
const ATTENTION_OPTIONS: Opt<Attention>[] = [
  { value: 'any', label: 'Anything' },
  { value: 'review', label: 'Review overdue' },
  { value: 'expiring', label: 'Credential expiring' },
  { value: 'expired', label: 'Credential expired' },
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

interface Filters {
  search: string;
  status: AccountStatus;
  owner: PickedUser | null;
  attention: Attention;
  risk: RiskLevel | 'any';
  sort: ListSort;
}

const INITIAL: Filters = {
  search: '',
  status: 'active',
  owner: null,
  attention: 'any',
  risk: 'any',
  sort: 'name',
};

function listInput(f: Filters, search: string): ListAccountsInput {
  return {
    status: f.status,
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(f.owner ? { ownerId: f.owner.accountId } : {}),
    ...(f.attention === 'review' ? { reviewOverdue: true as const } : {}),
    ...(f.attention === 'expiring' || f.attention === 'expired' ? { credential: f.attention } : {}),
    ...(f.risk !== 'any' ? { risk: f.risk } : {}),
    sort: f.sort,
    pageSize: PAGE_SIZE,
  };
}

const head: HeadType = {
  cells: [
    { key: 'account', content: 'Account', width: 22 },
    { key: 'purpose', content: 'Purpose', width: 24 },
    { key: 'owner', content: 'Owner', width: 14 },
    { key: 'backup', content: 'Backup owner', width: 14 },
    { key: 'review', content: 'Review due', width: 10 },
    { key: 'risk', content: 'Risk', width: 10 },
    { key: 'findings', content: 'Findings', width: 6 },
  ],
};

function Person({ name, active }: { name: string; active?: boolean | undefined }) {
  return (
    <Inline space="space.075" alignBlock="center" shouldWrap>
      <PersonLabel name={name} />
      {active === false ? <Lozenge appearance="removed">Inactive</Lozenge> : null}
    </Inline>
  );
}

/** The open findings the sweep recorded on the account: the same ones its page and its owner's page show. */
export function rowFindings(a: AccountRow): string[] {
  return a.findings.map((f) => f.code);
}

function row(a: AccountRow): RowType {
  return {
    key: a.accountId,
    testId: `account-row-${a.accountId}`,
    cells: [
      {
        key: 'account',
        content: (
          <Inline space="space.100" alignBlock="center">
            <Avatar size="medium" appearance="square" name="" />
            <Stack space="space.050">
              <AppLink to={paths.account(a.accountId)}>{a.displayName}</AppLink>
              <Inline space="space.050">
                <JiraStateLozenge active={a.accountActive} />
                <KindLozenge kind={a.kind} />
                {a.status === 'retired' ? <Lozenge>Retired</Lozenge> : null}
              </Inline>
            </Stack>
          </Inline>
        ),
      },
      {
        key: 'purpose',
        content: (
          <Text maxLines={2} color="color.text">
            {a.purpose}
          </Text>
        ),
      },
      { key: 'owner', content: <Person name={a.owner.displayName} active={a.owner.active} /> },
      {
        key: 'backup',
        content: a.backupOwner ? (
          <Person name={a.backupOwner.displayName} active={a.backupOwner.active} />
        ) : (
          <Text color="color.text.subtlest">None</Text>
        ),
      },
      {
        key: 'review',
        content: (
          <Stack space="space.050">
            <Text>{formatDate(a.reviewDueOn)}</Text>
            {a.reviewOverdue ? <Lozenge appearance="removed">Overdue</Lozenge> : null}
          </Stack>
        ),
      },
      { key: 'risk', content: <RiskLozenge level={a.risk.level} /> },
      {
        key: 'findings',
        content: (() => {
          const found = rowFindings(a);
          return found.length > 0 ? (
            <FindingsBadge
              labels={found.map(findingLabel)}
              severe={a.findings.some((f) => f.severity >= 3)}
            />
          ) : (
            <Text color="color.text.subtlest">None</Text>
          );
        })(),
      },
    ],
  };
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: 'danger' | 'warning' }) {
  const color =
    tone === 'danger' && value > 0
      ? token('color.text.danger')
      : tone === 'warning' && value > 0
        ? token('color.text.warning')
        : token('color.text');
  return (
    <div
      style={{
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.medium'),
        padding: `${token('space.100')} ${token('space.200')}`,
        background: token('elevation.surface'),
      }}
    >
      <div style={{ font: token('font.heading.medium'), color }}>{value.toLocaleString('en-GB')}</div>
      <Text size="small" color="color.text.subtle">
        {label}
      </Text>
    </div>
  );
}

function Counts({ counts }: { counts: RegistryCounts }) {
  return (
    <div
      role="group"
      aria-label="Registry summary"
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(118px, 1fr))',
        gap: token('space.150'),
      }}
    >
      <Stat label="Tagged accounts" value={counts.active} />
      <Stat label="Retired" value={counts.retired} />
      <Stat label="Reviews overdue" value={counts.reviewOverdue} tone="danger" />
      <Stat label="Credentials expiring" value={counts.credentialExpiring} tone="warning" />
      <Stat label="Credentials expired" value={counts.credentialExpired} tone="danger" />
      <Stat label="No backup owner" value={counts.noBackupOwner} tone="warning" />
      <Stat label="High risk" value={counts.risk.high} tone="danger" />
    </div>
  );
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

export function AccountsPage() {
  const { navigate } = useRouter();
  const [filters, setFilters] = useState<Filters>(INITIAL);
  const search = useDebounced(filters.search, 300);
  const input = useMemo(() => listInput(filters, search), [filters, search]);
  const key = JSON.stringify(input);
  const { state, loadingMore, moreError, loadMore, reload } = usePaged<AccountRow, Page>(
    (cursor) => adminApi.listAccounts({ ...input, ...(cursor ? { cursor } : {}) }),
    (p) => p.rows,
    key,
  );
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  const filtered =
    Boolean(search.trim()) || filters.owner !== null || filters.attention !== 'any' || filters.risk !== 'any';
  const data = state.data;

  return (
    <Stack space="space.300">
      {data ? <Counts counts={data.first.counts} /> : null}
      <div
        role="search"
        aria-label="Filter accounts"
        style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200'), alignItems: 'flex-end' }}
      >
        <FilterField id="accounts-search" label="Search" width={220}>
          <Textfield
            id="accounts-search"
            aria-label="Search accounts"
            placeholder="Account name starts with…"
            value={filters.search}
            onChange={(e) => set('search', e.currentTarget.value)}
            isCompact={false}
          />
        </FilterField>
        <FilterField id="accounts-status" label="Status" width={130}>
          <Select<Opt<AccountStatus>, false>
            inputId="accounts-status"
            aria-label="Status"
            options={STATUS_OPTIONS}
            value={pick(STATUS_OPTIONS, filters.status)}
            onChange={(o) => o && set('status', o.value)}
          />
        </FilterField>
        <FilterField id="accounts-owner" label="Owner" width={210}>
          <UserPicker
            id="accounts-owner"
            label="Owner filter"
            value={filters.owner}
            onChange={(u) => set('owner', u)}
            placeholder="Anyone"
          />
        </FilterField>
        <FilterField id="accounts-attention" label="Needs attention" width={190}>
          <Select<Opt<Attention>, false>
            inputId="accounts-attention"
            aria-label="Needs attention"
            options={ATTENTION_OPTIONS}
            value={pick(ATTENTION_OPTIONS, filters.attention)}
            onChange={(o) => o && set('attention', o.value)}
          />
        </FilterField>
        <FilterField id="accounts-risk" label="Risk" width={130}>
          <Select<Opt<RiskLevel | 'any'>, false>
            inputId="accounts-risk"
            aria-label="Risk"
            options={RISK_OPTIONS}
            value={pick(RISK_OPTIONS, filters.risk)}
            onChange={(o) => o && set('risk', o.value)}
          />
        </FilterField>
        {filtered ? (
          <Button
            appearance="subtle"
            onClick={() => setFilters({ ...INITIAL, status: filters.status, sort: filters.sort })}
          >
            Clear filters
          </Button>
        ) : null}
      </div>

      {state.status === 'error' ? (
        <ErrorState title="We couldn’t load the registry" error={state.error} onRetry={reload} />
      ) : null}
      {state.status === 'loading' && !data ? <LoadingState label="Loading accounts" /> : null}
      {data && state.status !== 'error' ? (
        data.items.length === 0 && state.status === 'ready' ? (
          filtered ? (
            <EmptyView
              header="No accounts match these filters"
              description="Try another name, or clear the filters."
              action={{
                label: 'Clear filters',
                onClick: () => setFilters({ ...INITIAL, status: filters.status }),
              }}
            />
          ) : filters.status === 'retired' ? (
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
          <Stack space="space.200">
            <Inline spread="space-between" alignBlock="end" shouldWrap space="space.200">
              <Stack space="space.050">
                <Heading size="small" as="h2" id="accounts-table-title">
                  {`${filters.status === 'active' ? 'Tagged accounts' : 'Retired accounts'} (${data.items.length}${data.nextCursor ? '+' : ''})`}
                </Heading>
                {data.first.sortedBy.sort !== filters.sort ? (
                  <Text size="small" color="color.text.subtle">
                    {`Sorted by ${SORT_LABEL[data.first.sortedBy.sort].toLowerCase()}, the order of the filter you picked.`}
                  </Text>
                ) : null}
              </Stack>
              <Inline space="space.100" alignBlock="center">
                <Label htmlFor="accounts-sort">Sort by</Label>
                <div style={{ width: 180 }}>
                  <Select<Opt<ListSort>, false>
                    inputId="accounts-sort"
                    aria-label="Sort by"
                    spacing="compact"
                    options={SORT_OPTIONS}
                    value={pick(SORT_OPTIONS, filters.sort)}
                    onChange={(o) => o && set('sort', o.value)}
                  />
                </div>
              </Inline>
            </Inline>
            <DynamicTable
              label={filters.status === 'active' ? 'Tagged accounts' : 'Retired accounts'}
              head={head}
              rows={data.items.map(row)}
              isLoading={state.status === 'loading'}
              testId="accounts-table"
            />
            {moreError ? (
              <ErrorState title="We couldn’t load more accounts" error={moreError} onRetry={loadMore} />
            ) : null}
            <Box>
              {data.nextCursor ? (
                <Inline alignInline="center">
                  <Button onClick={loadMore} isLoading={loadingMore} aria-label="Load more accounts">
                    Load more
                  </Button>
                </Inline>
              ) : (
                <Text as="p" align="center" color="color.text.subtlest">
                  {plural(data.items.length, 'account')} shown.
                </Text>
              )}
            </Box>
          </Stack>
        )
      ) : null}
    </Stack>
  );
}
