import type { CSSProperties, ReactNode } from 'react';
import Avatar from '@atlaskit/avatar';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { token } from '@atlaskit/tokens';

/** A bordered surface (an account, a form) drawn with design tokens only. */
export function Card({
  children,
  testId,
  tone = 'default',
  label,
}: {
  children: ReactNode;
  testId?: string;
  tone?: 'default' | 'sunken';
  /** When set, the card is a labelled region (`<section aria-label>`). */
  label?: string;
}) {
  const style: CSSProperties = {
    border: `${token('border.width')} solid ${token('color.border')}`,
    borderRadius: token('radius.medium'),
    padding: token('space.200'),
    background: tone === 'sunken' ? token('elevation.surface.sunken') : token('elevation.surface'),
  };
  return label ? (
    <section aria-label={label} data-testid={testId} style={style}>
      {children}
    </section>
  ) : (
    <div data-testid={testId} style={style}>
      {children}
    </div>
  );
}

/** An account's name as a card's heading, with its avatar and its lozenges (role, state) under it. */
export function AccountTitle({
  name,
  level,
  children,
}: {
  name: string;
  /** The heading level where the card sits: h3 on the owner page, h4 in the offboarding check. */
  level: 'h3' | 'h4';
  children: ReactNode;
}) {
  return (
    <Inline space="space.100" alignBlock="center">
      <Avatar appearance="square" size="medium" name="" />
      <Stack space="space.025">
        <Heading size={level === 'h3' ? 'small' : 'xsmall'} as={level}>
          {name}
        </Heading>
        <Inline space="space.050" shouldWrap>
          {children}
        </Inline>
      </Stack>
    </Inline>
  );
}

export { FormField as Field } from '../shared/field';

/** A form in a sunken, labelled card: no native validation, submit runs `onSubmit` (the page does not reload). */
export function FormCard({
  label,
  onSubmit,
  children,
}: {
  label: string;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  return (
    <Card tone="sunken" label={label}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <Stack space="space.150">{children}</Stack>
      </form>
    </Card>
  );
}

/** A plain list with token spacing (reasons, integrations). */
export function List({ children }: { children: ReactNode }) {
  return <ul style={{ margin: 0, paddingInlineStart: token('space.250') }}>{children}</ul>;
}
