import { useMemo, useRef } from 'react';
import { AsyncSelect } from '@atlaskit/select';
import { personOptionLabel } from '../../shared/person-option';
import { adminApi } from '../../shared/api';
import { debouncedSearch } from '../../shared/debounced-search';

/** A person picked in a form: enough to show them again without a lookup. */
export interface PickedUser {
  accountId: string;
  displayName: string;
  avatarUrl?: string | undefined;
  emailAddress?: string | undefined;
  accountType?: string | undefined;
}

interface Option {
  value: string;
  label: string;
  user: PickedUser;
}

const toOption = (u: PickedUser): Option => ({ value: u.accountId, label: u.displayName, user: u });

/**
 * Searches the site's active users as you type (`users/search`) and shows their avatars, offering
 * only who can be chosen: owner pickers (`kind: 'human'`) list people only (no app bots, no tagged
 * integration accounts); the tag picker (`kind: 'any'`) leaves out accounts already tagged; `exclude`
 * leaves out the others the form has picked (the account itself, the other owner). When a match is
 * left out, the empty menu says why.
 */
export function UserPicker({
  id,
  label,
  value,
  onChange,
  kind = 'human',
  placeholder = 'Type a name or email',
  isInvalid,
  isClearable = true,
  describedBy,
  isDisabled,
  exclude = [],
}: {
  id: string;
  label: string;
  value: PickedUser | null;
  onChange: (user: PickedUser | null) => void;
  kind?: 'human' | 'any';
  placeholder?: string;
  isInvalid?: boolean;
  isClearable?: boolean;
  describedBy?: string | undefined;
  isDisabled?: boolean;
  /** Account ids not to offer (undefined entries are ignored). */
  exclude?: readonly (string | undefined)[];
}) {
  const excludeKey = exclude.filter(Boolean).join(',');
  /** What the last search found but did not offer, and why. */
  const leftOut = useRef<string | undefined>(undefined);
  const loadOptions = useMemo(() => {
    const excluded = new Set(excludeKey ? excludeKey.split(',') : []);
    return debouncedSearch(
      (query) =>
        adminApi.searchUsers({ query, kind, maxResults: 20 }).then((r) => {
          const tagged = r.users.find((u) => u.isIntegrationAccount && !excluded.has(u.accountId));
          const picked = r.users.find((u) => excluded.has(u.accountId));
          leftOut.current = tagged
            ? kind === 'any'
              ? `${tagged.displayName} is already tagged: find it in the registry.`
              : `${tagged.displayName} is an integration account: a person must own it.`
            : picked
              ? `${picked.displayName} is already picked in this form.`
              : undefined;
          return r.users.filter((u) => !u.isIntegrationAccount && !excluded.has(u.accountId)).map(toOption);
        }),
      250,
    );
  }, [kind, excludeKey]);
  return (
    <AsyncSelect<Option>
      inputId={id}
      aria-label={label}
      aria-describedby={describedBy}
      loadOptions={loadOptions}
      defaultOptions={false}
      cacheOptions
      value={value ? toOption(value) : null}
      onChange={(option) => onChange(option ? option.user : null)}
      isClearable={isClearable}
      isDisabled={isDisabled}
      isInvalid={isInvalid}
      placeholder={placeholder}
      noOptionsMessage={({ inputValue }) =>
        !inputValue.trim()
          ? 'Type to search the site'
          : (leftOut.current ?? `No active ${kind === 'human' ? 'people' : 'users'} match “${inputValue}”`)
      }
      loadingMessage={() => 'Searching…'}
      formatOptionLabel={(o, meta) => personOptionLabel(o.label, o.user, meta.context)}
      menuPosition="fixed"
    />
  );
}
