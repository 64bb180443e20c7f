/** One of the site's issue fields, as Jira's `GET /field` lists it. */
export interface SiteField {
  id: string;
  name: string;
  /** `schema.custom` of a custom field: its type (e.g. a single user picker). */
  customType?: string;
}

/** What the settings are checked against on the site, asked of Jira as the admin saving them. */
export interface SiteConfig {
  /** Every issue field the admin can see (one request; Jira counts each field returned). */
  fields(): Promise<SiteField[]>;
  /** Which of these group names exist (one request for the settings' at most 10 groups). */
  existingGroups(names: readonly string[]): Promise<Set<string>>;
}
