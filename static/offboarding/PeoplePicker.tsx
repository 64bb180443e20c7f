import { useMemo, useState } from 'react';
import { AsyncSelect } from '@atlaskit/select';
import { personOptionLabel } from '../shared/person-option';
import { searchJiraPeople, type JiraPerson } from '../shared/api';
import { debouncedSearch } from '../shared/debounced-search';

const MENU_HEIGHT = 220;

interface Option {
  value: string;
  label: string;
  person: JiraPerson;
}

const toOption = (person: JiraPerson): Option => ({
  value: person.accountId,
  label: person.displayName,
  person,
});

/**
 * Searches the site's active people as you type (Jira's user search, as the signed-in user) and shows
 * their avatars. Works on every surface: it needs no admin-only resolver key.
 */
export function PeoplePicker({
  id,
  label,
  value,
  onChange,
  exclude = [],
  placeholder = 'Type a name or email',
  isInvalid,
  describedBy,
  isDisabled,
  autoFocus,
  choosable,
}: {
  id: string;
  /** The accessible name (pair it with a visible `<Label htmlFor={id}>`). */
  label: string;
  value: JiraPerson | null;
  onChange: (person: JiraPerson | null) => void;
  /** Account ids not to offer (the departing person, the current owner...). */
  exclude?: readonly string[];
  placeholder?: string;
  isInvalid?: boolean;
  describedBy?: string | undefined;
  isDisabled?: boolean;
  autoFocus?: boolean;
  /** Narrows what the search found to who can be chosen here (e.g. not integration accounts). */
  choosable?: (people: JiraPerson[]) => Promise<JiraPerson[]>;
}) {
  const excludeKey = exclude.join(',');
  const loadOptions = useMemo(() => {
    const excluded = new Set(excludeKey ? excludeKey.split(',') : []);
    return debouncedSearch(
      (query) =>
        searchJiraPeople(query)
          .then((found) => found.filter((p) => !excluded.has(p.accountId)))
          .then((people) => (choosable ? choosable(people) : people))
          .then((people) => people.map(toOption)),
      250,
    );
  }, [excludeKey, choosable]);
  const [menuOpen, setMenuOpen] = useState(false);
  // Custom UI frames are as tall as their content: while the menu is open, make room for it below
  // the control, or the frame would clip it (an absolutely placed menu adds no height).
  return (
    <div style={{ paddingBlockEnd: menuOpen ? MENU_HEIGHT + 8 : 0 }}>
      <AsyncSelect<Option>
        inputId={id}
        aria-label={label}
        aria-describedby={describedBy}
        loadOptions={loadOptions}
        defaultOptions={false}
        value={value ? toOption(value) : null}
        onChange={(option) => onChange(option ? option.person : null)}
        isClearable
        isDisabled={isDisabled}
        isInvalid={isInvalid}
        autoFocus={autoFocus}
        placeholder={placeholder}
        noOptionsMessage={({ inputValue }) =>
          inputValue.trim() ? `No active people match “${inputValue}”` : 'Type to search the site'
        }
        loadingMessage={() => 'Searching…'}
        formatOptionLabel={(o, meta) => personOptionLabel(o.label, o.person, meta.context)}
        maxMenuHeight={MENU_HEIGHT}
        onMenuOpen={() => setMenuOpen(true)}
        onMenuClose={() => setMenuOpen(false)}
      />
    </div>
  );
}
