import Avatar from '@atlaskit/avatar';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { AccountType, SiteUser } from '@contract/site-users';
import { ErrorState, EmptyView } from '../shared/states';

const ACCOUNT_TYPES: Record<AccountType, { label: string; appearance: ThemeAppearance }> = {
  atlassian: { label: 'Atlassian', appearance: 'default' },
  app: { label: 'App', appearance: 'new' },
  customer: { label: 'Customer', appearance: 'moved' },
  unknown: { label: 'Unknown', appearance: 'default' },
};

const head: HeadType = {
  cells: [
    { key: 'user', content: 'User', width: 34 },
    { key: 'email', content: 'Email', width: 34 },
    { key: 'type', content: 'Account type', width: 16 },
    { key: 'status', content: 'Status', width: 16 },
  ],
};

function userRow(user: SiteUser): RowType {
  const type = ACCOUNT_TYPES[user.accountType] ?? ACCOUNT_TYPES.unknown;
  return {
    key: user.accountId,
    testId: `user-row-${user.accountId}`,
    cells: [
      {
        key: 'user',
        content: (
          <Inline space="space.100" alignBlock="center">
            <Avatar size="small" src={user.avatarUrl} name="" />
            <Text weight="medium">{user.displayName}</Text>
          </Inline>
        ),
      },
      {
        key: 'email',
        content: user.emailAddress ? (
          <Text>{user.emailAddress}</Text>
        ) : (
          <Text color="color.text.subtlest">Hidden</Text>
        ),
      },
      { key: 'type', content: <Lozenge appearance={type.appearance}>{type.label}</Lozenge> },
      {
        key: 'status',
        content: user.active ? (
          <Lozenge appearance="success">Active</Lozenge>
        ) : (
          <Lozenge appearance="removed">Inactive</Lozenge>
        ),
      },
    ],
  };
}

export interface UsersTableProps {
  users: SiteUser[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError?: unknown;
  onLoadMore: () => void;
}

export function UsersTable({ users, hasMore, loadingMore, moreError, onLoadMore }: UsersTableProps) {
  if (users.length === 0) {
    return <EmptyView header="No users yet" description="This site has no users the app can see." />;
  }
  return (
    <Stack space="space.200">
      <DynamicTable
        caption={`Site users (${users.length}${hasMore ? '+' : ''})`}
        head={head}
        rows={users.map(userRow)}
        isFixedSize
        testId="site-users"
      />
      {moreError ? (
        <ErrorState title="We couldn’t load more users" error={moreError} onRetry={onLoadMore} />
      ) : null}
      <Box>
        {hasMore ? (
          <Inline alignInline="center">
            <Button onClick={onLoadMore} isLoading={loadingMore} aria-label="Load more users">
              Load more
            </Button>
          </Inline>
        ) : (
          <Text as="p" align="center" color="color.text.subtlest">
            All {users.length} users are shown.
          </Text>
        )}
      </Box>
    </Stack>
  );
}
