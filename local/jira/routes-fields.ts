/**
 * Issue fields (@see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get).
 * `GET /field` answers a bare array of `FieldDetails`: the system fields, then the custom fields. The
 * demo site's user-picker fields come from the seed (`userPickerFields`); a few custom fields of other
 * types stand beside them so a client has to filter by `schema.custom`, as on a real site.
 */
import { hasPermission } from './permissions';
import type { Reply, Route, RouteContext } from './route';

/** `schema.custom` of Jira's built-in custom field types (OpenAPI `CustomFieldDefinitionJsonBean.type`). */
export const CUSTOM_FIELD_TYPES = {
  userPicker: 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker',
  multiUserPicker: 'com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker',
  groupPicker: 'com.atlassian.jira.plugin.system.customfieldtypes:grouppicker',
  datePicker: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker',
  float: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
} as const;

interface FieldSchema {
  type: string;
  items?: string;
  system?: string;
  custom?: string;
  customId?: number;
}

interface SystemField {
  id: string;
  name: string;
  schema: FieldSchema;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
}

/** [assumed] A representative part of Jira Cloud's system fields (a real site has ~40). */
const SYSTEM_FIELDS: SystemField[] = [
  ['summary', 'Summary', { type: 'string', system: 'summary' }],
  ['description', 'Description', { type: 'string', system: 'description' }],
  ['issuetype', 'Work type', { type: 'issuetype', system: 'issuetype' }],
  ['project', 'Project', { type: 'project', system: 'project' }],
  ['status', 'Status', { type: 'status', system: 'status' }],
  ['assignee', 'Assignee', { type: 'user', system: 'assignee' }],
  ['reporter', 'Reporter', { type: 'user', system: 'reporter' }],
  ['labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }],
  ['created', 'Created', { type: 'datetime', system: 'created' }],
  ['updated', 'Updated', { type: 'datetime', system: 'updated' }],
].map(([id, name, schema]) => ({
  id: id as string,
  name: name as string,
  schema: schema as FieldSchema,
  orderable: !['status', 'created', 'updated', 'project'].includes(id as string),
  navigable: true,
  searchable: true,
}));

/** Custom fields of other types on the demo site (ids after the seed's `customfield_10050`). */
const OTHER_CUSTOM_FIELDS: { id: string; name: string; type: string; schemaType: string; items?: string }[] =
  [
    {
      id: 'customfield_10015',
      name: 'Start date',
      type: CUSTOM_FIELD_TYPES.datePicker,
      schemaType: 'date',
    },
    {
      id: 'customfield_10016',
      name: 'Story point estimate',
      type: CUSTOM_FIELD_TYPES.float,
      schemaType: 'number',
    },
    {
      id: 'customfield_10051',
      name: 'Team members',
      type: CUSTOM_FIELD_TYPES.multiUserPicker,
      schemaType: 'array',
      items: 'user',
    },
    {
      id: 'customfield_10052',
      name: 'Approving group',
      type: CUSTOM_FIELD_TYPES.groupPicker,
      schemaType: 'group',
    },
  ];

const customId = (id: string): number => Number(id.slice('customfield_'.length));

function customFieldJson(id: string, name: string, schema: FieldSchema): Record<string, unknown> {
  return {
    id,
    key: id,
    name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${String(customId(id))}]`, name],
    schema,
  };
}

/** Every field of the site, system fields first, as `FieldDetails`. */
export function siteFields(ctx: Pick<RouteContext, 'site'>): Record<string, unknown>[] {
  const system = SYSTEM_FIELDS.map((f) => ({
    id: f.id,
    key: f.id,
    name: f.name,
    custom: false,
    orderable: f.orderable,
    navigable: f.navigable,
    searchable: f.searchable,
    clauseNames: [f.id],
    schema: f.schema,
  }));
  const userPickers = ctx.site.userPickerFields().map((f) =>
    customFieldJson(f.id, f.name, {
      type: 'user',
      custom: CUSTOM_FIELD_TYPES.userPicker,
      customId: customId(f.id),
    }),
  );
  const others = OTHER_CUSTOM_FIELDS.map((f) =>
    customFieldJson(f.id, f.name, {
      type: f.schemaType,
      ...(f.items ? { items: f.items } : {}),
      custom: f.type,
      customId: customId(f.id),
    }),
  );
  return [...system, ...[...userPickers, ...others].sort((a, b) => String(a.id).localeCompare(String(b.id)))];
}

/**
 * GET /field: "only returns the fields that the user has permission to view (that is, the field is used
 * in at least one project that the user has Browse Projects permission for)". On the demo site every
 * custom field is on some project's screens, so someone without Browse Projects (a customer) sees the
 * system fields only. Declares 200 and 401 only.
 */
function getFields(ctx: RouteContext): Reply {
  const all = siteFields(ctx);
  const canBrowse = hasPermission(ctx.site, ctx.caller.accountId, 'BROWSE_PROJECTS');
  return { status: 200, body: canBrowse ? all : all.filter((f) => f.custom === false) };
}

export const fieldRoutes: Route[] = [{ method: 'GET', template: '/field', handler: getFields }];
