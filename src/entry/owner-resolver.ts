import { OWNER_PAGE_MODULE_KEY } from '../contract/resolver-keys';
import { resolverHandler } from './define-key';
import { ownerKeys } from './owner-keys';

/** The owner surfaces' resolver ("My integration accounts" global page and the background-script flag). */
export const handler = resolverHandler(OWNER_PAGE_MODULE_KEY, ownerKeys);
