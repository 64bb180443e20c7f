/**
 * The permissions the simulator knows, with Jira's keys. Ids and names are Jira Cloud's (the spec
 * does not pin them, FORGE-FACTS §6.2). Grants follow the demo site's simple scheme:
 * - ADMINISTER: `JiraSite.isAdmin` (jira-administrators, or the app via atlassian-addons-admin);
 * - SYSTEM_ADMIN: active members of jira-administrators;
 * - every other permission: active `atlassian` users and the app account, in every project.
 * Customers (JSM portal accounts) and inactive accounts hold nothing.
 */
import { GROUP_JIRA_ADMINISTRATORS } from './seed';
import type { JiraSite } from './jira-site';

export interface PermissionInfo {
  id: string;
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

const list: PermissionInfo[] = [
  {
    id: '0',
    key: 'ADMINISTER',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects. Users with this permission can perform most administration tasks, except: managing users, importing data, and editing system email settings.',
  },
  {
    id: '44',
    key: 'SYSTEM_ADMIN',
    name: 'Jira System Administrators',
    type: 'GLOBAL',
    description:
      'Ability to perform all administration functions. There must be at least one group with this permission.',
  },
  {
    id: '27',
    key: 'USER_PICKER',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description:
      'View and select users or groups from the user picker, and share issues. Users with this permission can see the names of all users and groups on your site.',
  },
  {
    id: '22',
    key: 'CREATE_SHARED_OBJECTS',
    name: 'Share dashboards and filters',
    type: 'GLOBAL',
    description: 'Share dashboards and filters with other users.',
  },
  {
    id: '33',
    key: 'BULK_CHANGE',
    name: 'Make bulk changes',
    type: 'GLOBAL',
    description: 'Modify collections of issues at once. For example, resolve multiple issues in one step.',
  },
  {
    id: '10',
    key: 'BROWSE_PROJECTS',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  {
    id: '11',
    key: 'CREATE_ISSUES',
    name: 'Create Issues',
    type: 'PROJECT',
    description: 'Ability to create issues.',
  },
  {
    id: '12',
    key: 'EDIT_ISSUES',
    name: 'Edit Issues',
    type: 'PROJECT',
    description: 'Ability to edit issues.',
  },
  {
    id: '13',
    key: 'ASSIGN_ISSUES',
    name: 'Assign Issues',
    type: 'PROJECT',
    description: 'Ability to assign issues to other people.',
  },
  {
    id: '17',
    key: 'ASSIGNABLE_USER',
    name: 'Assignable User',
    type: 'PROJECT',
    description: 'Users with this permission may be assigned to issues.',
  },
  {
    id: '15',
    key: 'ADD_COMMENTS',
    name: 'Add Comments',
    type: 'PROJECT',
    description: 'Ability to comment on issues.',
  },
];

export const PERMISSIONS: ReadonlyMap<string, PermissionInfo> = new Map(list.map((p) => [p.key, p]));

/** Whether `accountId` holds `key` (global, or project-wide in every project of the demo site). */
export function hasPermission(site: JiraSite, accountId: string, key: string): boolean {
  const user = site.user(accountId);
  if (!user?.active || user.accountType === 'customer') return false;
  switch (key) {
    case 'ADMINISTER':
      return site.isAdmin(accountId);
    case 'SYSTEM_ADMIN':
      return site.isMember(accountId, GROUP_JIRA_ADMINISTRATORS);
    default:
      return PERMISSIONS.has(key);
  }
}
