import { OFFBOARDING_PANEL_MODULE_KEY } from '../contract/resolver-keys';
import { guardedHandler, newResolver } from './define';
import { offboardingKeys } from './watch-keys';

/** The issue panel's resolver (`jira:issuePanel` on offboarding tickets): the offboarding keys only. */
const keys = offboardingKeys(OFFBOARDING_PANEL_MODULE_KEY);
const resolver = newResolver();
for (const [key, fn] of Object.entries(keys)) resolver.define(key, fn);

export const handler = guardedHandler(resolver, Object.keys(keys));
