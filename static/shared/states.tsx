/**
 * The states every surface shows the same way: loading, failure, refusal and "nothing here".
 * Atlaskit components and design tokens only.
 */
import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { isApiError } from './api';

/** A centred spinner with an accessible name, announced politely. */
export function LoadingState({ label }: { label: string }) {
  return (
    <Box padding="space.600">
      <div
        role="status"
        aria-live="polite"
        style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 12 }}
      >
        <Spinner size="large" label={label} />
        <Text color="color.text.subtle">{label}…</Text>
      </div>
    </Box>
  );
}

/** What a user without the right to use a surface sees. Shows no data at all. */
export function RefusalState({
  title = 'You don’t have access to this page',
  children,
}: {
  title?: string;
  children: ReactNode;
}) {
  return (
    <Box paddingBlock="space.300" testId="refusal-state">
      <SectionMessage appearance="warning" title={title}>
        <Text as="p">{children}</Text>
      </SectionMessage>
    </Box>
  );
}

/** The readable text of any error thrown by the data layer or the bridge. */
export function errorText(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/** A failed load, with the reason and a retry. */
export function ErrorState({
  title = 'We couldn’t load this page',
  error,
  onRetry,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
}) {
  const code = isApiError(error) ? error.code : undefined;
  return (
    <Box paddingBlock="space.300" testId="error-state">
      <SectionMessage
        appearance="error"
        title={title}
        actions={
          onRetry
            ? [
                <SectionMessageAction key="retry" onClick={onRetry}>
                  Try again
                </SectionMessageAction>,
              ]
            : []
        }
      >
        <Stack space="space.100">
          <Text as="p">{errorText(error)}</Text>
          {code && code !== 'UNAVAILABLE' ? (
            <Text as="p" size="small" color="color.text.subtlest">
              Error code: {code}
            </Text>
          ) : null}
        </Stack>
      </SectionMessage>
    </Box>
  );
}

/** Nothing to show yet, with an optional action. */
export function EmptyView({
  header,
  description,
  action,
  headingLevel = 3,
}: {
  header: string;
  description?: ReactNode;
  action?: { label: string; onClick: () => void };
  /** The level that follows the page's headings (2 right under the page title). */
  headingLevel?: number;
}) {
  return (
    <EmptyState
      header={header}
      headingLevel={headingLevel}
      description={description}
      primaryAction={action ? <Button onClick={action.onClick}>{action.label}</Button> : undefined}
    />
  );
}
