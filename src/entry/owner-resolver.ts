import { OWNER_PAGE_MODULE_KEY } from '../contract/resolver-keys';
import { guardedHandler, newResolver } from './define';
import { ownerKeys } from './watch-keys';

/** The owner surfaces' resolver ("My integration accounts" global page and the background-script flag). */
const keys = ownerKeys(OWNER_PAGE_MODULE_KEY);
const resolver = newResolver();
for (const [key, fn] of Object.entries(keys)) resolver.define(key, fn);

export const handler = guardedHandler(resolver, Object.keys(keys));
