import { z } from 'zod';

/**
 * The parts of Jira's `User` the app reads.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/
 */
export const jiraUser = z.object({
  accountId: z.string().min(1).max(128),
  accountType: z.enum(['atlassian', 'app', 'customer', 'unknown']).catch('unknown'),
  appType: z.string().max(50).optional(),
  active: z.boolean(),
  displayName: z.string().default(''),
  emailAddress: z.string().nullish(),
  avatarUrls: z.record(z.string(), z.string()).optional(),
});
export type JiraUser = z.infer<typeof jiraUser>;

/** `GET /rest/api/3/mypermissions` */
export const myPermissions = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

/** `PageBeanUser` of `GET /rest/api/3/user/bulk`. */
export const pageBeanUser = z.object({
  isLast: z.boolean().optional(),
  maxResults: z.number().optional(),
  startAt: z.number().optional(),
  total: z.number().optional(),
  values: z.array(jiraUser).default([]),
});
