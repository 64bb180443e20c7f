/**
 * Jira's answers the settings read, as both sides parse them: the settings page's pickers (as the admin,
 * through the bridge) and settings/save's server check (src/infra/jira-site-config.ts).
 */
import { z } from 'zod';
import { USER_PICKER_FIELD_TYPE } from './settings';

/** `GET /rest/api/3/field`: the site's fields, with a custom field's type in `schema.custom`. */
export const jiraFieldList = z.array(
  z.looseObject({
    id: z.string(),
    name: z.string(),
    custom: z.boolean().optional(),
    schema: z.looseObject({ custom: z.string().optional() }).optional(),
  }),
);

/** `GET /rest/api/3/group/bulk`: one page of the groups asked for by name (unknown names left out). */
export const jiraGroupBulkPage = z.looseObject({
  values: z.array(z.looseObject({ name: z.string() })).default([]),
});

/** Is this field a single-user picker, the only kind the departing-person field may be? */
export function isUserPickerField(field: z.infer<typeof jiraFieldList>[number]): boolean {
  return field.custom === true && field.schema?.custom === USER_PICKER_FIELD_TYPE;
}
