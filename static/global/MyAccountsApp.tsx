import { useCallback, useEffect, useState } from 'react';
import Heading from '@atlaskit/heading';
import PageHeader from '@atlaskit/page-header';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import { view } from '@forge/bridge';
import type { MyAccount, MyAccounts } from '@contract/owner';
import { isApiError, ownerApi } from '../shared/api';
import { useLoad } from '../shared/hooks';
import { EmptyView, ErrorState, LoadingState } from '../shared/states';
import { AccountPanel } from './AccountPanel';
import { ProposalCard } from './ProposalCard';
import { List } from '../offboarding/ui';
import { formatDate, formatDatedText, plural } from './format';

export const PAGE_TITLE = 'My integration accounts';

function Summary({ data }: { data: MyAccounts }) {
  const pending = data.accounts.reduce((n, a) => n + a.pendingActions.length, 0) + data.proposalsForMe.length;
  if (pending === 0) {
    return (
      <SectionMessage appearance="success" title="Nothing needs you right now">
        <Text as="p">{`You answer for ${plural(data.accounts.length, 'integration account')}. We’ll flag anything that comes up.`}</Text>
      </SectionMessage>
    );
  }
  const accounts = data.accounts.filter((a) => a.pendingActions.length > 0).length;
  return (
    <SectionMessage appearance="warning" title={`${plural(pending, 'thing needs', 'things need')} you`}>
      <Text as="p">
        {[
          accounts > 0 ? `${plural(accounts, 'account')} ${accounts === 1 ? 'needs' : 'need'} attention` : '',
          data.proposalsForMe.length > 0
            ? `${plural(data.proposalsForMe.length, 'hand-over')} to accept or decline`
            : '',
        ]
          .filter(Boolean)
          .join(', ') + '.'}
      </Text>
    </SectionMessage>
  );
}

/** Accounts that need something first, then by name. */
function ordered(accounts: MyAccount[]): MyAccount[] {
  return [...accounts].sort(
    (a, b) =>
      Number(b.pendingActions.length > 0) - Number(a.pendingActions.length > 0) ||
      a.displayName.localeCompare(b.displayName),
  );
}

/**
 * `jira:globalPage` "My integration accounts": the accounts the signed-in person owns or backs up, what
 * needs them, and the owner's actions (attest, record a rotation, name a backup owner, propose a new owner, accept or decline a hand-over).
 */
export function MyAccountsApp() {
  const { state, reload, setData } = useLoad(() => ownerApi.myAccounts(), 'my-accounts');
  const [viewerId, setViewerId] = useState<string | undefined>();

  useEffect(() => {
    view.getContext().then(
      (c) => setViewerId(typeof c.accountId === 'string' ? c.accountId : undefined),
      () => setViewerId(undefined),
    );
  }, []);

  const data = state.data;

  const saved = useCallback(
    (account: MyAccount) => {
      if (data)
        setData({
          ...data,
          accounts: data.accounts.map((a) => (a.accountId === account.accountId ? account : a)),
        });
      // What needs the person comes from findings and proposals too: read it all again.
      reload();
    },
    [data, setData, reload],
  );

  let body;
  if (state.status === 'error' && !data) {
    body =
      isApiError(state.error) && state.error.isForbidden ? (
        <ErrorState title="You can’t see these accounts" error={state.error} />
      ) : (
        <ErrorState title="We couldn’t load your integration accounts" error={state.error} onRetry={reload} />
      );
  } else if (!data) {
    body = <LoadingState label="Loading your integration accounts" />;
  } else if (data.accounts.length === 0 && data.proposalsForMe.length === 0) {
    body = (
      <EmptyView
        headingLevel={2}
        header="You don’t answer for any integration accounts"
        description="When an admin names you as the owner or backup owner of an integration account, it shows up here with anything that needs you: reviews, expiring credentials, hand-overs."
      />
    );
  } else {
    body = (
      <Stack space="space.300">
        <Summary data={data} />
        {data.news.length > 0 ? (
          <section aria-labelledby="owner-news-heading" data-testid="owner-news">
            <Stack space="space.100">
              <Heading size="small" as="h2" id="owner-news-heading">
                News
              </Heading>
              <List>
                {data.news.map((n) => (
                  <li key={n.id} data-news-code={n.code}>
                    <Text>{formatDatedText(n)}</Text>
                    <Text size="small" color="color.text.subtlest">{` · ${formatDate(n.createdAt)}`}</Text>
                  </li>
                ))}
              </List>
            </Stack>
          </section>
        ) : null}
        {data.proposalsForMe.length > 0 ? (
          <Stack space="space.150">
            <Heading size="small" as="h2">
              Hand-overs proposed to you
            </Heading>
            {data.proposalsForMe.map((p) => (
              <ProposalCard key={p.id} proposal={p} onAnswered={reload} />
            ))}
          </Stack>
        ) : null}
        {data.accounts.length > 0 ? (
          <Stack space="space.150">
            <Heading size="small" as="h2">
              {`Your accounts (${String(data.accounts.length)})`}
            </Heading>
            {ordered(data.accounts).map((a) => (
              <AccountPanel
                key={a.accountId}
                account={a}
                viewerId={viewerId}
                onSaved={saved}
                onChanged={reload}
                onStale={reload}
              />
            ))}
          </Stack>
        ) : null}
      </Stack>
    );
  }

  return (
    <Box as="main" paddingInline="space.400" paddingBlockEnd="space.600">
      <Box style={{ maxWidth: 960 }}>
        <PageHeader>{PAGE_TITLE}</PageHeader>
        <Stack space="space.300">
          <Text as="p" color="color.text.subtle">
            The integration accounts you own or back up. Integrations sign in as these accounts, so keep them
            reviewed, their credentials fresh, and hand them over before you leave.
          </Text>
          {body}
        </Stack>
      </Box>
    </Box>
  );
}
