/**
 * Candidates → Dismissed: what admins dismissed, when, by whom and why; Restore puts one back in the
 * suggestions (the server checks the admin and records it in the audit log).
 */
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { DismissedCandidate, DismissedPage } from '@contract/candidates';
import { adminApi } from '../../shared/api';
import { flags } from '../../shared/flags';
import { useRowRemoval } from './row-action';
import { usePaged } from '../../shared/hooks';
import { EmptyView, ErrorState, LoadingState } from '../../shared/states';
import { ClampedText } from '../accounts/ClampedText';
import { formatTime } from '../ui/format';
import { nameOf, usePeople } from '../ui/people-directory';

const head: HeadType = {
  cells: [
    { key: 'account', content: 'Account', width: 30 },
    { key: 'when', content: 'Dismissed', width: 30 },
    { key: 'why', content: 'Reason', width: 26 },
    { key: 'actions', content: 'Actions', width: 14 },
  ],
};

export function DismissedCandidates() {
  const people = usePeople();
  const { gone: restored, busy, run } = useRowRemoval();
  const { state, loadMore, loadingMore, moreError, reload } = usePaged<DismissedCandidate, DismissedPage>(
    (cursor) => adminApi.listDismissed({ pageSize: 50, ...(cursor ? { cursor } : {}) }),
    (p) => p.dismissed,
    'dismissed-candidates',
  );

  const restore = (d: DismissedCandidate) => {
    const name = d.displayName ?? d.accountId;
    return run(
      d.accountId,
      () => adminApi.restoreCandidate({ accountId: d.accountId }),
      () =>
        flags.success('Candidate restored', `${name} is suggested again while it looks like an integration.`),
      `${name} was not restored`,
    );
  };

  if (state.status === 'error')
    return (
      <ErrorState title="We couldn’t load the dismissed candidates" error={state.error} onRetry={reload} />
    );
  if (!state.data) return <LoadingState label="Loading the dismissed candidates" />;
  const items = state.data.items.filter((d) => !restored.has(d.accountId));
  if (items.length === 0 && !state.data.nextCursor)
    return (
      <EmptyView
        header="No dismissed candidates"
        headingLevel={2}
        description="Accounts you dismiss from the suggestions are listed here, and can be restored."
      />
    );

  const rows: RowType[] = items.map((d) => {
    const name = d.displayName ?? `Unknown account ${d.accountId}`;
    return {
      key: d.accountId,
      testId: `dismissed-row-${d.accountId}`,
      cells: [
        {
          key: 'account',
          content: (
            <Stack space="space.025">
              <Inline space="space.100" alignBlock="center">
                <Text weight="medium">{name}</Text>
                {d.active === false ? <Lozenge>Deactivated</Lozenge> : null}
                {d.displayName === undefined ? <Lozenge appearance="moved">Not in Jira</Lozenge> : null}
              </Inline>
              {d.emailAddress ? (
                <Text size="small" color="color.text.subtlest">
                  {d.emailAddress}
                </Text>
              ) : null}
            </Stack>
          ),
        },
        {
          key: 'when',
          content: <Text>{`${formatTime(d.dismissedAt)} by ${nameOf(people, d.dismissedBy)}`}</Text>,
        },
        {
          key: 'why',
          content: d.reason ? (
            <ClampedText text={d.reason} lines={3} label={`Reason ${name} was dismissed`} />
          ) : (
            <Text color="color.text.subtlest">No reason recorded</Text>
          ),
        },
        {
          key: 'actions',
          content: (
            <Button
              spacing="compact"
              aria-label={`Restore ${name}`}
              isLoading={busy === d.accountId}
              onClick={() => void restore(d)}
            >
              Restore
            </Button>
          ),
        },
      ],
    };
  });

  return (
    <Stack space="space.200">
      <DynamicTable
        caption={`Dismissed candidates (${items.length}${state.data.nextCursor ? '+' : ''})`}
        head={head}
        rows={rows}
        testId="dismissed-table"
      />
      {moreError ? <ErrorState title="We couldn’t load more" error={moreError} onRetry={loadMore} /> : null}
      {state.data.nextCursor ? (
        <Inline alignInline="center">
          <Button onClick={loadMore} isLoading={loadingMore}>
            Load more
          </Button>
        </Inline>
      ) : null}
    </Stack>
  );
}
