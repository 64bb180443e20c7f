import { lazy, Suspense, useContext, useMemo, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import PageHeader from '@atlaskit/page-header';
import { Box } from '@atlaskit/primitives/compiled/box';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { SettingsView } from '@contract/settings';
import { adminApi, isApiError } from '../shared/api';
import { useLoad } from '../shared/hooks';
import { RouterProvider, useRouter } from '../shared/router';
import { EmptyView, ErrorState, RefusalState } from '../shared/states';
import { AdminContext } from './admin-context';
import { AccountsPage } from './accounts/AccountsPage';
import { AccountSkeleton, TableSkeleton } from './accounts/skeletons';
import { parseRoute, paths, SECTIONS, sectionOf, type Route } from './routes';

export const FORBIDDEN_TEXT = 'You need to be a Jira administrator to use Integration accounts.';

const AccountPage = lazy(() => import('./accounts/AccountPage'));
const AccountFormPage = lazy(() => import('./accounts/AccountFormPage'));
const CandidatesPage = lazy(() => import('./candidates/CandidatesPage'));
const ImportExportPage = lazy(() => import('./transfer/ImportExportPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));
const AuditRecordPage = lazy(() => import('./audit/AuditRecordPage'));
const SettingsPage = lazy(() => import('./settings/SettingsPage'));
const OffboardingCheckPage = lazy(() => import('../offboarding/OffboardingCheckPage'));

function page(route: Route): ReactNode {
  switch (route.name) {
    case 'accounts':
      return <AccountsPage />;
    case 'account':
      return <AccountPage key={route.accountId} accountId={route.accountId} />;
    case 'edit':
      return <AccountFormPage key={`edit:${route.accountId}`} mode="edit" accountId={route.accountId} />;
    case 'retag':
      return <AccountFormPage key={`retag:${route.accountId}`} mode="retag" accountId={route.accountId} />;
    case 'tag':
      return (
        <AccountFormPage
          key={`tag:${route.accountId ?? ''}`}
          mode="tag"
          accountId={route.accountId}
          displayName={route.displayName}
        />
      );
    case 'candidates':
      return <CandidatesPage />;
    case 'import':
      return <ImportExportPage />;
    case 'audit':
      return <AuditPage />;
    case 'audit-record':
      return <AuditRecordPage key={route.seq} seq={route.seq} />;
    case 'settings':
      return <SettingsPage />;
    case 'offboarding':
      return <OffboardingCheckPage />;
    case 'not-found':
      return <NotFound />;
  }
}

function NotFound() {
  const { navigate } = useRouter();
  return (
    <EmptyView
      header="This page doesn’t exist"
      headingLevel={2}
      description="The link may be out of date."
      action={{ label: 'Go to accounts', onClick: () => navigate(paths.accounts) }}
    />
  );
}

function Sections({ children }: { children: ReactNode }) {
  const { location, navigate } = useRouter();
  const route = parseRoute(location.pathname, location.search);
  const section = sectionOf(route);
  const selected = Math.max(
    0,
    SECTIONS.findIndex((s) => s.key === section),
  );
  return (
    <Tabs
      id="admin-sections"
      selected={selected}
      shouldUnmountTabPanelOnChange
      onChange={(index) => {
        const target = SECTIONS[index];
        if (target && (target.key !== section || route.name !== target.key)) navigate(target.path);
      }}
    >
      <TabList>
        {SECTIONS.map((s) => (
          <Tab key={s.key}>{s.label}</Tab>
        ))}
      </TabList>
      {SECTIONS.map((s, i) => (
        <TabPanel key={s.key}>
          {i === selected ? (
            <Box paddingBlockStart="space.300" style={{ width: '100%' }}>
              {children}
            </Box>
          ) : null}
        </TabPanel>
      ))}
    </Tabs>
  );
}

/** The accounts list and an account page need no settings: they load at once, beside the boot call. */
const NEEDS_NO_SETTINGS: ReadonlySet<Route['name']> = new Set(['accounts', 'account']);

/** What shows while a page (or its code) loads: the page's shape, not a spinner. */
function PageSkeleton({ route }: { route: Route }) {
  return route.name === 'account' ? <AccountSkeleton /> : <TableSkeleton label="Loading" />;
}

function Routed() {
  const { location, navigate } = useRouter();
  const route = parseRoute(location.pathname, location.search);
  const settingsReady = useContext(AdminContext) !== null;
  const showTag = route.name !== 'tag';
  return (
    <>
      <PageHeader
        actions={
          showTag ? (
            // The list's main action; on other pages their own action is the primary one.
            <Button
              appearance={route.name === 'accounts' ? 'primary' : 'default'}
              onClick={() => navigate(paths.tag())}
            >
              Tag account
            </Button>
          ) : undefined
        }
      >
        Integration accounts
      </PageHeader>
      <Sections>
        <Suspense fallback={<PageSkeleton route={route} />}>
          {settingsReady || NEEDS_NO_SETTINGS.has(route.name) ? page(route) : <PageSkeleton route={route} />}
        </Suspense>
      </Sections>
    </>
  );
}

export function AdminApp() {
  const { state, reload, setData } = useLoad(() => adminApi.getSettings(), 'boot');
  const context = useMemo(
    () =>
      state.status === 'ready'
        ? { settings: state.data, setSettings: (view: SettingsView) => setData(view) }
        : null,
    [state, setData],
  );
  let body: ReactNode;
  if (state.status === 'error' && isApiError(state.error) && state.error.isForbidden) {
    body = (
      <>
        <PageHeader>Integration accounts</PageHeader>
        <RefusalState title="You don’t have access to Integration accounts">{FORBIDDEN_TEXT}</RefusalState>
      </>
    );
  } else if (state.status === 'error') {
    body = (
      <>
        <PageHeader>Integration accounts</PageHeader>
        <ErrorState title="We couldn’t open Integration accounts" error={state.error} onRetry={reload} />
      </>
    );
  } else {
    // Pages start loading while the settings do (the list does not wait for them): see Routed.
    body = (
      <AdminContext.Provider value={context}>
        <RouterProvider
          fallback={
            <>
              <PageHeader>Integration accounts</PageHeader>
              <TableSkeleton label="Loading Integration accounts" />
            </>
          }
        >
          <Routed />
        </RouterProvider>
      </AdminContext.Provider>
    );
  }
  return (
    <Box as="main" paddingInline="space.400" paddingBlockEnd="space.600">
      {body}
    </Box>
  );
}
