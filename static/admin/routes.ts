/** The admin page's subpages, as app paths under the page's URL (`view.createHistory`). */
export type Route =
  | { name: 'accounts' }
  | { name: 'account'; accountId: string }
  | { name: 'edit'; accountId: string }
  | { name: 'retag'; accountId: string }
  | { name: 'tag'; accountId?: string; displayName?: string }
  | { name: 'candidates' }
  | { name: 'offboarding' }
  | { name: 'import' }
  | { name: 'audit' }
  | { name: 'audit-record'; seq: number }
  | { name: 'settings' }
  | { name: 'not-found'; path: string };

export const SECTIONS = [
  { key: 'accounts', label: 'Accounts', path: '/accounts' },
  { key: 'candidates', label: 'Candidates', path: '/candidates' },
  { key: 'offboarding', label: 'Offboarding check', path: '/offboarding' },
  { key: 'import', label: 'Import / export', path: '/import' },
  { key: 'audit', label: 'Audit log', path: '/audit' },
  { key: 'settings', label: 'Settings', path: '/settings' },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];

export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const [first, second, third] = parts;
  if (!first || (first === 'accounts' && !second)) return { name: 'accounts' };
  if (first === 'accounts' && second) {
    if (!third) return { name: 'account', accountId: second };
    if (third === 'edit' && parts.length === 3) return { name: 'edit', accountId: second };
    if (third === 'retag' && parts.length === 3) return { name: 'retag', accountId: second };
  }
  if (first === 'tag' && !second) {
    const params = new URLSearchParams(search);
    const accountId = params.get('accountId') ?? undefined;
    const displayName = params.get('name') ?? undefined;
    return accountId ? { name: 'tag', accountId, ...(displayName ? { displayName } : {}) } : { name: 'tag' };
  }
  if (first === 'audit' && second && /^[1-9]\d{0,15}$/.test(second) && parts.length === 2)
    return { name: 'audit-record', seq: Number(second) };
  if (
    parts.length === 1 &&
    (first === 'candidates' ||
      first === 'offboarding' ||
      first === 'import' ||
      first === 'audit' ||
      first === 'settings')
  )
    return { name: first };
  return { name: 'not-found', path: pathname };
}

export function sectionOf(route: Route): SectionKey | undefined {
  switch (route.name) {
    case 'accounts':
    case 'account':
    case 'edit':
    case 'retag':
    case 'tag':
      return 'accounts';
    case 'candidates':
    case 'offboarding':
    case 'import':
    case 'audit':
    case 'settings':
      return route.name;
    case 'audit-record':
      return 'audit';
    default:
      return undefined;
  }
}

export const paths = {
  accounts: '/accounts',
  account: (id: string) => `/accounts/${encodeURIComponent(id)}`,
  edit: (id: string) => `/accounts/${encodeURIComponent(id)}/edit`,
  retag: (id: string) => `/accounts/${encodeURIComponent(id)}/retag`,
  audit: '/audit',
  auditRecord: (seq: number) => `/audit/${String(seq)}`,
  tag: (prefill?: { accountId: string; displayName: string }) =>
    prefill
      ? `/tag?${new URLSearchParams({ accountId: prefill.accountId, name: prefill.displayName }).toString()}`
      : '/tag',
};
