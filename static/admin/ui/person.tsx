import Avatar from '@atlaskit/avatar';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { ReactNode } from 'react';

/** A person or account with its avatar; integration accounts get the square avatar Atlassian uses for non-humans. */
export function PersonLabel({
  name,
  avatarUrl,
  secondary,
  square,
  size = 'small',
  after,
  strong,
}: {
  name: string;
  avatarUrl?: string | undefined;
  secondary?: ReactNode;
  square?: boolean;
  size?: 'small' | 'medium' | 'large';
  after?: ReactNode;
  strong?: boolean;
}) {
  return (
    <Inline space="space.100" alignBlock="center">
      <Avatar size={size} src={avatarUrl} name="" appearance={square ? 'square' : 'circle'} />
      <Stack space="space.025">
        <Inline space="space.100" alignBlock="center">
          <Text weight={strong ? 'medium' : 'regular'}>{name}</Text>
          {after}
        </Inline>
        {secondary ? (
          <Text size="small" color="color.text.subtlest">
            {secondary}
          </Text>
        ) : null}
      </Stack>
    </Inline>
  );
}
