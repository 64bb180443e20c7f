/**
 * The offboarding check, shared by the admin page's "Offboarding check" subpage (`source="pick"`)
 * and the issue panel on offboarding tickets (`source="issue"`). Not a surface: no index.html here.
 */
export { OffboardingCheck, type OffboardingCheckProps } from './OffboardingCheck';
export { PeoplePicker } from './LazyPeoplePicker';
