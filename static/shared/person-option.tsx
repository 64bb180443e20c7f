import type { ReactElement } from 'react';
import Avatar from '@atlaskit/avatar';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';

/** Who a people picker's option is: enough to show them. */
interface Shown {
  avatarUrl?: string | undefined;
  emailAddress?: string | undefined;
}

/**
 * A people picker's option as Jira shows it (react-select's `formatOptionLabel`): the chosen value
 * small with its name, a menu entry with the avatar, the name and the email.
 */
export function personOptionLabel(label: string, person: Shown, context: 'menu' | 'value'): ReactElement {
  return context === 'value' ? (
    <Inline space="space.100" alignBlock="center">
      <Avatar size="xsmall" src={person.avatarUrl} name="" />
      <Text>{label}</Text>
    </Inline>
  ) : (
    <Inline space="space.100" alignBlock="center">
      <Avatar size="small" src={person.avatarUrl} name="" />
      <Stack>
        <Text>{label}</Text>
        {person.emailAddress ? (
          <Text size="small" color="color.text.subtle">
            {person.emailAddress}
          </Text>
        ) : null}
      </Stack>
    </Inline>
  );
}
