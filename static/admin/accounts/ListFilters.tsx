/**
 * The accounts list's controls: the search box and filter pickers above the table, and the sort
 * picker beside its title. Each writes the list's view; none loads anything itself.
 */
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import type { ListSort, RiskLevel } from '@contract/accounts';
import { UserPicker } from '../ui/UserPicker';
import { type Attention, type ListView, RETIRED_SORTS } from './list-query';

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
export const SORT_LABEL = Object.fromEntries(SORT_OPTIONS.map((o) => [o.value, o.label])) as Record<
  ListSort,
  string
>;

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

/** The search box and the filters above the table, with "Clear filters" while any is set. */
export function ListFilters({
  view,
  setView,
  searchText,
  setSearchText,
  filtered,
  clear,
}: {
  view: ListView;
  setView: (next: ListView) => void;
  searchText: string;
  setSearchText: (s: string) => void;
  filtered: boolean;
  clear: () => void;
}) {
  const set = <K extends keyof ListView>(k: K, v: ListView[K]) => setView({ ...view, [k]: v });
  const retired = view.status === 'retired';
  return (
    <>
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
          <Select<Opt<ListView['status']>>
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
              <Select<Opt<Attention>>
                inputId="accounts-attention"
                aria-label="Needs attention"
                options={ATTENTION_OPTIONS}
                value={pick(ATTENTION_OPTIONS, view.attention)}
                onChange={(o) => o && set('attention', o.value)}
              />
            </FilterField>
            <FilterField id="accounts-risk" label="Risk" width={130}>
              <Select<Opt<RiskLevel | 'any'>>
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
    </>
  );
}

/** The "Sort by" picker; a retired list offers only the sorts that mean something for it. */
export function SortPicker({ view, setView }: { view: ListView; setView: (next: ListView) => void }) {
  return (
    <Inline space="space.100" alignBlock="center">
      <Label htmlFor="accounts-sort">Sort by</Label>
      <div style={{ width: 180 }}>
        <Select<Opt<ListSort>>
          inputId="accounts-sort"
          aria-label="Sort by"
          spacing="compact"
          options={
            view.status === 'retired'
              ? SORT_OPTIONS.filter((o) => RETIRED_SORTS.includes(o.value))
              : SORT_OPTIONS
          }
          value={pick(SORT_OPTIONS, view.sort)}
          onChange={(o) => o && setView({ ...view, sort: o.value })}
        />
      </div>
    </Inline>
  );
}
