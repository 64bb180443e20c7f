import { useState } from 'react';
import Avatar from '@atlaskit/avatar';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import { Box } from '@atlaskit/primitives/compiled/box';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { Candidate, CandidatesPage as Page } from '@contract/candidates';
import { adminApi } from '../../shared/api';
import { usePaged } from '../../shared/hooks';
import { useRouter, useSearchParams } from '../../shared/router';
import { EmptyView, ErrorState, LoadingState } from '../../shared/states';
import { paths } from '../routes';
import { candidateReasonText, plural } from '../ui/format';
import { KindLozenge } from '../ui/lozenges';
import { DismissCandidate } from './DismissCandidate';
import { DismissedCandidates } from './DismissedCandidates';

const head: HeadType = {
  cells: [
    { key: 'account', content: 'Account', width: 30 },
    { key: 'type', content: 'Kind', width: 16 },
    { key: 'why', content: 'Why it looks like an integration', width: 34 },
    { key: 'actions', content: 'Actions', width: 22 },
  ],
};

/** Suggestions or the dismissed ones, kept in the URL (`?show=dismissed`) so the view can be linked. */
export default function CandidatesPage() {
  const { navigate } = useRouter();
  const dismissed = useSearchParams().get('show') === 'dismissed';
  return (
    <Tabs
      id="candidates-view"
      selected={dismissed ? 1 : 0}
      onChange={(index) =>
        navigate(index === 1 ? '/candidates?show=dismissed' : '/candidates', { replace: true })
      }
    >
      <TabList>
        <Tab>Suggested</Tab>
        <Tab>Dismissed</Tab>
      </TabList>
      <TabPanel>
        {dismissed ? null : (
          <Box paddingBlockStart="space.200" style={{ width: '100%' }}>
            <SuggestedCandidates />
          </Box>
        )}
      </TabPanel>
      <TabPanel>
        {dismissed ? (
          <Box paddingBlockStart="space.200" style={{ width: '100%' }}>
            <DismissedCandidates />
          </Box>
        ) : null}
      </TabPanel>
    </Tabs>
  );
}

function SuggestedCandidates() {
  const { navigate } = useRouter();
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const [asking, setAsking] = useState<Candidate | null>(null);
  const { state, loadMore, loadingMore, moreError, reload } = usePaged<Candidate, Page>(
    (cursor) => adminApi.listCandidates({ pageSize: 50, ...(cursor ? { cursor } : {}) }),
    (p) => p.candidates,
    'candidates',
  );

  if (state.status === 'error')
    return <ErrorState title="We couldn’t look for candidates" error={state.error} onRetry={reload} />;
  if (!state.data) return <LoadingState label="Looking for untagged integration accounts" />;
  const items = state.data.items.filter((c) => !dismissed.has(c.accountId));

  const rows: RowType[] = items.map((c) => ({
    key: c.accountId,
    testId: `candidate-row-${c.accountId}`,
    cells: [
      {
        key: 'account',
        content: (
          <Inline space="space.100" alignBlock="center">
            <Avatar size="small" appearance="square" name="" />
            <Stack space="space.025">
              <Text weight="medium">{c.displayName}</Text>
              {c.emailAddress ? (
                <Text size="small" color="color.text.subtlest">
                  {c.emailAddress}
                </Text>
              ) : null}
            </Stack>
          </Inline>
        ),
      },
      {
        key: 'type',
        content: <KindLozenge kind={c.kind} />,
      },
      { key: 'why', content: <Text>{c.reasons.map(candidateReasonText).join(' · ')}</Text> },
      {
        key: 'actions',
        content: (
          <Inline space="space.100">
            <Button
              spacing="compact"
              aria-label={`Tag ${c.displayName}`}
              onClick={() => navigate(paths.tag({ accountId: c.accountId, displayName: c.displayName }))}
            >
              Tag
            </Button>
            <Button
              appearance="subtle"
              spacing="compact"
              aria-label={`Dismiss ${c.displayName}`}
              onClick={() => setAsking(c)}
            >
              Dismiss
            </Button>
          </Inline>
        ),
      },
    ],
  }));

  return (
    <Stack space="space.200">
      <DismissCandidate
        candidate={asking}
        onClose={() => setAsking(null)}
        onDismissed={(accountId) => {
          setDismissed((s) => new Set(s).add(accountId));
          setAsking(null);
        }}
      />
      <Text as="p" color="color.text.subtle">
        Active users that are not in the registry but look like integrations. Atlassian service accounts come
        first: Atlassian records no owner for them, so the registry is where one is named. Then names or
        emails with the words set in Settings. Apps’ bot users are never listed: their app answers for them.
        Tag the real ones; dismiss the rest.
      </Text>
      {items.length === 0 && !state.data.nextCursor ? (
        <EmptyView
          header="No candidates"
          description="Every account that looks like an integration is tagged or dismissed."
        />
      ) : (
        <DynamicTable
          caption={`Candidates (${items.length}${state.data.nextCursor ? '+' : ''})`}
          head={head}
          rows={rows}
          testId="candidates-table"
        />
      )}
      {moreError ? (
        <ErrorState title="We couldn’t look further" error={moreError} onRetry={loadMore} />
      ) : null}
      <Box>
        {state.data.nextCursor ? (
          <Inline alignInline="center">
            <Button onClick={loadMore} isLoading={loadingMore}>
              Look further
            </Button>
          </Inline>
        ) : (
          <Text as="p" align="center" color="color.text.subtlest">
            {`Scanned all ${plural(state.data.last.scanned, 'site user')}.`}
          </Text>
        )}
      </Box>
    </Stack>
  );
}
