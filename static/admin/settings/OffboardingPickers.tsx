/**
 * Settings → the offboarding groups (a group picker) and the departing-person field (the site's user-
 * picker fields), both read from Jira as the admin. A stored group or field that no longer exists stays
 * in the settings, marked, until the admin removes or replaces it: nothing is dropped silently.
 */
import { useMemo } from 'react';
import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import Select, { AsyncSelect } from '@atlaskit/select';
import { settingsSchema } from '@contract/settings';
import { debouncedSearch } from '../../shared/debounced-search';
import type { FieldAria } from '../../shared/field';
import { useLoad } from '../../shared/hooks';
import { maxLengthOf } from '../../shared/limits';
import { multiSelectTargetStyles } from '../../shared/select-targets';
import { existingGroups, findGroups, userPickerFields } from './jira-lookups';

/** The contract allows at most this many offboarding groups (src/contract/settings.ts). */
export const MAX_OFFBOARDING_GROUPS = maxLengthOf(settingsSchema.shape.offboardingGroups);

const reasonOf = (e: unknown) => (e instanceof Error && e.message ? e.message : String(e));

interface GroupOption {
  value: string;
  label: string;
  missing?: boolean;
}

const searchGroups = debouncedSearch(
  (query: string) =>
    findGroups(query).then((gs) => gs.map((g): GroupOption => ({ value: g.name, label: g.name }))),
  250,
);
/** Opening the menu lists the first groups; typing narrows them down. */
const loadGroups = (query: string): Promise<GroupOption[]> =>
  query.trim()
    ? searchGroups(query)
    : findGroups('').then((gs) => gs.map((g) => ({ value: g.name, label: g.name })));

export function GroupsPicker({
  aria,
  value,
  stored,
  onChange,
}: {
  aria: FieldAria;
  value: string[];
  /** The groups as saved: the ones checked against Jira. */
  stored: readonly string[];
  onChange: (groups: string[]) => void;
}) {
  const { state, reload } = useLoad(() => existingGroups(stored), JSON.stringify(stored));
  const missing = useMemo(
    () => (state.status === 'ready' ? stored.filter((g) => !state.data.has(g)) : []),
    [state, stored],
  );
  const shownMissing = missing.filter((g) => value.includes(g));
  const options: GroupOption[] = value.map((g) => ({
    value: g,
    label: missing.includes(g) ? `${g} (missing)` : g,
    missing: missing.includes(g),
  }));
  return (
    <>
      <AsyncSelect<GroupOption, true>
        inputId={aria.id}
        aria-label="Offboarding groups"
        aria-describedby={aria.describedBy}
        isMulti
        styles={multiSelectTargetStyles}
        loadOptions={loadGroups}
        defaultOptions
        value={options}
        onChange={(picked) => onChange(picked.map((o) => o.value))}
        isOptionDisabled={(o) => value.length >= MAX_OFFBOARDING_GROUPS && !value.includes(o.value)}
        isInvalid={aria.invalid}
        placeholder="Type a group name"
        noOptionsMessage={({ inputValue }) =>
          inputValue.trim() ? `No group’s name contains “${inputValue}”` : 'No groups found'
        }
        loadingMessage={() => 'Searching Jira’s groups…'}
        menuPosition="fixed"
      />
      {shownMissing.length > 0 ? (
        <SectionMessage appearance="warning" title="A saved group no longer exists in Jira">
          <Text as="p">
            {`${shownMissing.map((g) => `“${g}”`).join(', ')}: Jira has no group by that name now (renamed or deleted), so nobody gets offboarding access through it. It stays in the settings until you remove it; if the group was renamed, pick it under its new name.`}
          </Text>
        </SectionMessage>
      ) : null}
      {state.status === 'error' ? (
        <Inline space="space.100" alignBlock="center">
          <Text color="color.text.subtle">{`We couldn’t check that the saved groups still exist: ${reasonOf(state.error)}`}</Text>
          <Button appearance="subtle" spacing="compact" onClick={reload}>
            Check again
          </Button>
        </Inline>
      ) : null}
    </>
  );
}

interface FieldOption {
  value: string;
  label: string;
  missing?: boolean;
}

export function DepartingFieldPicker({
  aria,
  value,
  onChange,
}: {
  aria: FieldAria;
  /** A custom field id, or '' for none. */
  value: string;
  onChange: (fieldId: string) => void;
}) {
  const { state, reload } = useLoad(userPickerFields, 'user-picker-fields');
  const fields = state.status === 'ready' ? state.data : undefined;
  const options: FieldOption[] = (fields ?? []).map((f) => ({ value: f.id, label: `${f.name} (${f.id})` }));
  const current = options.find((o) => o.value === value);
  const missing = Boolean(value && fields && !current);
  const selected: FieldOption | null = !value
    ? null
    : (current ?? { value, label: missing ? `${value} (no longer a user-picker field)` : value, missing });
  return (
    <>
      <Select<FieldOption>
        inputId={aria.id}
        aria-label="Departing person field"
        aria-describedby={aria.describedBy}
        options={missing && selected ? [selected, ...options] : options}
        value={selected}
        onChange={(o) => onChange(o?.value ?? '')}
        isClearable
        isLoading={state.status === 'loading'}
        isInvalid={aria.invalid || missing}
        placeholder={state.status === 'loading' ? 'Loading the site’s user-picker fields…' : 'None'}
        noOptionsMessage={() => 'This site has no single-user-picker custom fields'}
        menuPosition="fixed"
      />
      {missing ? (
        <SectionMessage appearance="warning" title="The saved field is not on this site any more">
          <Text as="p">
            {`${value} is not one of the site’s user-picker fields now (deleted, changed, or hidden from you). The panel on offboarding tickets can’t find the departing person until you pick another field. The saved value stays until you do.`}
          </Text>
        </SectionMessage>
      ) : null}
      {state.status === 'error' ? (
        <Inline space="space.100" alignBlock="center">
          <Text color="color.text.danger">{`We couldn’t load the site’s fields: ${reasonOf(state.error)}`}</Text>
          <Button appearance="subtle" spacing="compact" onClick={reload}>
            Try again
          </Button>
        </Inline>
      ) : null}
    </>
  );
}
