import { randomBytes } from 'node:crypto';
import api, { route, webTrigger } from '@forge/api';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type {
  OrgAuditDeliveryLog,
  OrgAuditSecretStore,
  TicketAck,
  TicketAckStore,
  WorkflowReader,
} from '../app/enforcement-ports';
import { ORG_AUDIT_WEBTRIGGER_KEY, type OrgAuditLastDelivery } from '../contract/org-audit';
import { JiraError, readJira } from './jira-client';
import { SECRET_KEYS, STORAGE_KEYS } from './storage-keys';

export const kvsTicketAcks: TicketAckStore = {
  get: (issueKey) => kvs.get<TicketAck>(`${STORAGE_KEYS.ticketAckPrefix}${issueKey}`),
  async put(ack) {
    // Kept for a year: the ticket is closed long before; the audit record stays for good.
    await kvs.set(`${STORAGE_KEYS.ticketAckPrefix}${ack.issueKey}`, ack, {
      ttl: { value: 365, unit: 'DAYS' },
    });
  },
};

/** Bearer secrets: 32 random bytes, base64url (no characters an HTTP header would mangle). */
export const ORG_AUDIT_SECRET_FORMAT = /^[A-Za-z0-9_-]{32,128}$/;

/** `ORG_AUDIT_WEBHOOK_SECRET`, when set (32–128 URL-safe characters), wins over a generated secret. */
export function orgAuditEnvironmentSecret(): string | undefined {
  const value = process.env.ORG_AUDIT_WEBHOOK_SECRET?.trim();
  return value && ORG_AUDIT_SECRET_FORMAT.test(value) ? value : undefined;
}

interface StoredSecret {
  secret: string;
  createdAt: string;
}

export const kvsOrgAuditSecret: OrgAuditSecretStore = {
  async current() {
    const fromEnv = orgAuditEnvironmentSecret();
    if (fromEnv) return fromEnv;
    const stored = await kvs.getSecret<StoredSecret>(SECRET_KEYS.orgAuditWebhook);
    return typeof stored?.secret === 'string' ? stored.secret : undefined;
  },
  async status() {
    if (orgAuditEnvironmentSecret()) return { source: 'environment' };
    const stored = await kvs.getSecret<StoredSecret>(SECRET_KEYS.orgAuditWebhook);
    return stored ? { source: 'stored', createdAt: stored.createdAt } : { source: 'none' };
  },
  async rotate(now) {
    const value: StoredSecret = {
      secret: randomBytes(32).toString('base64url'),
      createdAt: now.toISOString(),
    };
    await kvs.setSecret(SECRET_KEYS.orgAuditWebhook, value);
    return { ...value, authorization: `Bearer ${value.secret}` };
  },
};

export const kvsOrgAuditLog: OrgAuditDeliveryLog = {
  last: () => kvs.get<OrgAuditLastDelivery>(STORAGE_KEYS.orgAuditLastDelivery),
  async record(delivery) {
    await kvs.set(STORAGE_KEYS.orgAuditLastDelivery, delivery);
  },
};

/** The URL to paste in Atlassian Administration (`webTrigger.getUrl`, FORGE-FACTS §1.4). */
export const orgAuditUrl = (): Promise<string | undefined> => webTrigger.getUrl(ORG_AUDIT_WEBTRIGGER_KEY);

const issueProjectAndField = z.object({
  fields: z.object({ project: z.object({ key: z.string().min(1) }).passthrough() }).catchall(z.unknown()),
});
const statusDetails = z.object({ id: z.string(), name: z.string() }).passthrough();
const userRef = z.object({ accountId: z.string().min(1).max(128) }).passthrough();

/** As the app: a workflow validator runs with no user (asUser() is unavailable there). */
export const jiraWorkflowReader: WorkflowReader = {
  async issue(issueKey, userFieldId) {
    try {
      // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
      const issue = await readJira(
        () =>
          api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=project,${userFieldId}`, {
            headers: { Accept: 'application/json' },
          }),
        'issue',
        issueProjectAndField,
      );
      const person = userRef.safeParse(issue.fields[userFieldId]);
      return {
        projectKey: issue.fields.project.key,
        ...(person.success ? { personId: person.data.accountId } : {}),
      };
    } catch (e) {
      if (e instanceof JiraError && e.status === 404) return undefined;
      throw e;
    }
  },
  async statusName(statusId) {
    try {
      // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-statuses/#api-rest-api-3-status-idorname-get
      const status = await readJira(
        () =>
          api.asApp().requestJira(route`/rest/api/3/status/${statusId}`, {
            headers: { Accept: 'application/json' },
          }),
        'status',
        statusDetails,
      );
      return status.name;
    } catch (e) {
      if (e instanceof JiraError && e.status === 404) return undefined;
      throw e;
    }
  },
};
