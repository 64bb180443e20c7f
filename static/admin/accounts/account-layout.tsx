/**
 * The account page's building blocks: titled sections, bordered cards, two-column fact lists, and a
 * Jira person with their account state.
 */
import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import type { JiraUserState } from '@contract/accounts';
import { JiraStateLozenge } from '../ui/lozenges';
import { PersonLabel } from '../ui/person';

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section aria-label={title}>
      <Stack space="space.150">
        <Inline spread="space-between" alignBlock="center">
          <Heading size="small" as="h3">
            {title}
          </Heading>
          {actions}
        </Inline>
        {children}
      </Stack>
    </section>
  );
}

/** A two-column description list: term on the left, value on the right. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl
      style={{
        display: 'grid',
        gridTemplateColumns: 'minmax(140px, max-content) 1fr',
        columnGap: token('space.300'),
        rowGap: token('space.150'),
        margin: 0,
        padding: 0,
        alignItems: 'start',
      }}
    >
      {items.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt style={{ margin: 0, paddingBlockStart: token('space.025') }}>
            <Text color="color.text.subtle">{term}</Text>
          </dt>
          <dd style={{ margin: 0 }}>{typeof value === 'string' ? <Text>{value}</Text> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function JiraPerson({
  state,
  fallbackName,
}: {
  state: JiraUserState | undefined;
  fallbackName: string;
}) {
  if (!state) return <Text color="color.text.subtlest">None</Text>;
  return (
    <Inline space="space.100" alignBlock="center">
      <PersonLabel
        name={state.missing ? fallbackName : state.displayName}
        avatarUrl={state.missing ? undefined : state.avatarUrl}
        secondary={state.missing ? undefined : state.emailAddress}
      />
      <JiraStateLozenge active={state.missing ? undefined : state.active} missing={state.missing} />
    </Inline>
  );
}

export function Card({ children }: { children: ReactNode }) {
  return (
    <div
      style={{
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.medium'),
        padding: token('space.250'),
        background: token('elevation.surface'),
      }}
    >
      {children}
    </div>
  );
}
