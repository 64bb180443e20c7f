/**
 * `jira:globalBackgroundScript` (experience: all): an invisible frame on Jira pages. It asks the
 * backend whether something needs the signed-in person (the backend answers `showFlag` at most once
 * a UTC day) and, if so, shows one flag that leads to "My integration accounts".
 * No React: this runs on every page, so it stays a few kilobytes.
 *
 * The flag's dates are in the person's Jira locale and time zone, like every surface: the view context
 * (`view.getContext()`: `locale`, `timezone`) is asked at the same time as the notices, so the notices
 * call never waits for it; the flag waits for the context at most `CONTEXT_WAIT_MS`, then shows its
 * dates in the defaults (static/shared/dates.ts).
 */
import { router, showFlag, view } from '@forge/bridge';
import { OWNER_PAGE_MODULE_KEY } from '@contract/resolver-keys';
import { ownerApi } from '../shared/api';
import { configureDates } from '../shared/dates';
import { noticesFlag } from './notices-flag';

const CONTEXT_WAIT_MS = 3000;

function openMyAccounts(): void {
  router.navigate({ target: 'module', moduleKey: OWNER_PAGE_MODULE_KEY }).catch((e: unknown) => {
    console.warn('Could not open My integration accounts.', e);
  });
}

async function main(): Promise<void> {
  const context = view.getContext().then(configureDates, (e: unknown) => {
    console.warn('The view context did not answer; the flag shows dates in UTC.', e);
  });
  const notices = await ownerApi.notices({});
  await Promise.race([context, new Promise((resolve) => setTimeout(resolve, CONTEXT_WAIT_MS))]);
  const flag = noticesFlag(notices, openMyAccounts);
  if (flag) showFlag(flag);
}

// A background script has no UI to report to: a failure only means no flag today.
main().catch((e: unknown) => console.warn('Integration accounts notices are unavailable.', e));
