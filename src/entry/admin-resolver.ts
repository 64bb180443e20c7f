import Resolver from '@forge/resolver';
import { ADMIN_KEYS } from '../contract/resolver-keys';
import { siteUsersInput } from '../contract/site-users';
import { listSiteUsers } from '../app/list-site-users';
import { jiraCallerPermissions, jiraDirectory } from '../infra/jira-directory';
import { kvsSettings } from '../infra/kvs-settings';
import { requireJiraAdmin, type ResolverContext } from './authorize';
import { envelope, parsePayload } from './envelope';

interface ResolverRequest {
  payload: unknown;
  context: ResolverContext;
}

const resolver = new Resolver();

resolver.define(ADMIN_KEYS.siteUsers, ({ payload, context }: ResolverRequest) =>
  envelope(async () => {
    const viewerId = await requireJiraAdmin(context, jiraCallerPermissions);
    const input = parsePayload(siteUsersInput, payload);
    return listSiteUsers(input, viewerId, { directory: jiraDirectory, settings: kvsSettings });
  }),
);

export const handler = resolver.getDefinitions();
