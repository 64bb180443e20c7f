import type { FlagOptions } from '@forge/bridge';
import type { NoticeDto, OwnerNotices } from '@contract/owner';
import { formatDatedText } from '../shared/dates';

/** One flag id: a second page load the same day replaces the flag rather than stacking another. */
export const NOTICES_FLAG_ID = 'integration-accounts-notices';
export const OPEN_PAGE_ACTION = 'Open My integration accounts';

/** News that asks nothing (`NEWS_CODES` in the contract; a type-only import keeps zod out of this bundle). */
const NEWS = new Set<NoticeDto['code']>(['BACKUP_OWNER_NAMED', 'PROPOSAL_DECLINED']);

/** Notices that mean something is broken or about to break: the flag is a warning, not news. */
const URGENT = new Set<NoticeDto['code']>([
  'ACCOUNT_INACTIVE',
  'ACCOUNT_MISSING',
  'OWNER_INACTIVE',
  'OWNER_MISSING',
  'CREDENTIAL_EXPIRED',
]);

/**
 * The flag for what needs the person, or undefined when the backend says not to show one (nothing
 * needs them, or they were already told today).
 */
export function noticesFlag(notices: OwnerNotices, open: () => void): FlagOptions | undefined {
  if (!notices.showFlag || notices.count === 0) return undefined;
  const first = notices.notices[0];
  const more = notices.count - 1;
  // News (a backup owner named, a hand-over declined) asks nothing: the title does not say "needs you".
  const onlyNews = notices.notices.every((n) => NEWS.has(n.code));
  const title = onlyNews
    ? 'News about your integration accounts'
    : notices.count === 1
      ? 'An integration account needs you'
      : `${String(notices.count)} things about your integration accounts need you`;
  const description = first
    ? `${formatDatedText(first)}${more > 0 ? ` And ${String(more)} more.` : ''}`
    : 'Open My integration accounts to see what needs you.';
  return {
    id: NOTICES_FLAG_ID,
    title,
    description,
    type: notices.notices.some((n) => URGENT.has(n.code)) ? 'warning' : 'info',
    isAutoDismiss: false,
    actions: [{ text: OPEN_PAGE_ACTION, onClick: open }],
  };
}
