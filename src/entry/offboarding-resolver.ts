import { OFFBOARDING_PANEL_MODULE_KEY } from '../contract/resolver-keys';
import { resolverHandler } from './define-key';
import { offboardingKeys } from './offboarding-keys';

/** The issue panel's resolver (`jira:issuePanel` on offboarding tickets): the offboarding keys only. */
export const handler = resolverHandler(OFFBOARDING_PANEL_MODULE_KEY, offboardingKeys);
