import { useMemo } from 'react';
import Avatar from '@atlaskit/avatar';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { AsyncSelect } from '@atlaskit/select';
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
  tagged: boolean;
}

const toOption = (u: PickedUser & { isIntegrationAccount?: boolean }): Option => ({
  value: u.accountId,
  label: u.displayName,
  user: u,
  tagged: Boolean(u.isIntegrationAccount),
});

/**
 * Searches the site's active users as you type (`users/search`) and shows their avatars. Owner
 * pickers (`kind: 'human'`) list people only and grey out tagged integration accounts.
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
}: {
  id: string;
  label: string;
  value: PickedUser | null;
  onChange: (user: PickedUser | null) => void;
  kind?: 'human' | 'any';
  placeholder?: string;
  isInvalid?: boolean;
  isClearable?: boolean;
  describedBy?: string;
  isDisabled?: boolean;
}) {
  const loadOptions = useMemo(
    () =>
      debouncedSearch(
        (query) => adminApi.searchUsers({ query, kind, maxResults: 20 }).then((r) => r.users.map(toOption)),
        250,
      ),
    [kind],
  );
  return (
    <AsyncSelect<Option, false>
      inputId={id}
      aria-label={label}
      aria-describedby={describedBy}
      loadOptions={loadOptions}
      defaultOptions={false}
      cacheOptions
      value={value ? toOption(value) : null}
      onChange={(option) => onChange(option ? option.user : null)}
      isOptionDisabled={(o) => kind === 'human' && o.tagged}
      isClearable={isClearable}
      isDisabled={isDisabled}
      isInvalid={isInvalid}
      placeholder={placeholder}
      noOptionsMessage={({ inputValue }) =>
        inputValue.trim()
          ? `No active ${kind === 'human' ? 'people' : 'users'} match “${inputValue}”`
          : 'Type to search the site'
      }
      loadingMessage={() => 'Searching…'}
      formatOptionLabel={(o, meta) =>
        meta.context === 'value' ? (
          <Inline space="space.100" alignBlock="center">
            <Avatar size="xsmall" src={o.user.avatarUrl} name="" />
            <Text>{o.label}</Text>
          </Inline>
        ) : (
          <Inline space="space.100" alignBlock="center">
            <Avatar size="small" src={o.user.avatarUrl} name="" />
            <Stack>
              <Text>{o.label}</Text>
              {o.user.emailAddress ? (
                <Text size="small" color="color.text.subtle">
                  {o.user.emailAddress}
                </Text>
              ) : null}
            </Stack>
            {o.tagged ? <Lozenge>Integration account</Lozenge> : null}
          </Inline>
        )
      }
      menuPosition="fixed"
    />
  );
}
