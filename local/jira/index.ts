/** The local Jira Cloud simulator: demo seed, site state and the REST API v3 handler. */
export * from './seed';
export { JiraSite, jiraTimestamp } from './jira-site';
export type { NewIssue, NewUser, SentNotification } from './jira-site';
export { createJiraSimulator, DEFAULT_JIRA_SIM_OPTIONS, rateLimitResetHeader } from './jira-server';
export type { JiraFault, JiraSimOptions, JiraSimStats, JiraSimulator } from './jira-server';
export { POINTS_MODEL, tenantQuotaFor } from './points-model';
export type { PointsState, QuotaSettings } from './rate-limits';
export { AVATAR_PATH_PREFIX, avatarSvg, avatarUrls } from './avatars';
export { PERMISSIONS, hasPermission } from './permissions';
export { USER_BULK_MAX_RESULTS, USER_SEARCH_MAX_RESULTS, GROUP_MEMBER_MAX_RESULTS } from './routes-users';
