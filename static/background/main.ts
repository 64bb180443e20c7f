/**
 * `jira:globalBackgroundScript` (experience: all): an invisible frame on Jira pages. It asks the
 * backend whether something needs the signed-in person (the backend answers `showFlag` at most once
 * a UTC day) and, if so, shows one flag that leads to "My integration accounts".
 * No React: this runs on every page, so it stays a few kilobytes.
 */
import { router, showFlag } from '@forge/bridge';
import { OWNER_PAGE_MODULE_KEY } from '@contract/resolver-keys';
import { ownerApi } from '../shared/api';
import { noticesFlag } from './notices-flag';

function openMyAccounts(): void {
  router.navigate({ target: 'module', moduleKey: OWNER_PAGE_MODULE_KEY }).catch((e: unknown) => {
    console.warn('Could not open My integration accounts.', e);
  });
}

async function main(): Promise<void> {
  const flag = noticesFlag(await ownerApi.notices({}), openMyAccounts);
  if (flag) showFlag(flag);
}

// A background script has no UI to report to: a failure only means no flag today.
main().catch((e: unknown) => console.warn('Integration accounts notices are unavailable.', e));
