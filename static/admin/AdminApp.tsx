import PageHeader from '@atlaskit/page-header';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { ErrorState, LoadingState, RefusalState } from '../shared/states';
import { UsersTable } from './UsersTable';
import { useSiteUsers } from './useSiteUsers';

export const FORBIDDEN_TEXT = 'You need to be a Jira administrator to use Integration accounts.';

export function AdminApp() {
  const { state, reload, loadMore } = useSiteUsers();
  return (
    <Box as="main" paddingInline="space.400" paddingBlockEnd="space.600">
      <PageHeader>Integration accounts</PageHeader>
      {state.status === 'forbidden' ? (
        <RefusalState title="You don’t have access to Integration accounts">{FORBIDDEN_TEXT}</RefusalState>
      ) : (
        <Stack space="space.300">
          <Text as="p" color="color.text.subtle">
            Record which users your integrations sign in as, who owns them, and get warned before a
            deactivation breaks them.
          </Text>
          {state.status === 'loading' ? <LoadingState label="Loading site users" /> : null}
          {state.status === 'error' ? (
            <ErrorState title="We couldn’t load the site’s users" error={state.error} onRetry={reload} />
          ) : null}
          {state.status === 'ready' ? (
            <UsersTable
              users={state.users}
              hasMore={Boolean(state.nextCursor)}
              loadingMore={state.loadingMore}
              moreError={state.moreError}
              onLoadMore={loadMore}
            />
          ) : null}
        </Stack>
      )}
    </Box>
  );
}
