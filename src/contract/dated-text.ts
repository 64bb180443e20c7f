/**
 * A sentence for people that speaks of a date carries the date as data, never written into the text:
 * `{date}` marks its place in `text`, and `date` is the calendar day (`YYYY-MM-DD`). Each surface writes
 * it in its reader's format: the Custom UI in the viewer's Jira locale (static/shared/dates.ts), so one
 * date format holds on every surface; where the reader's locale is unknown (a Jira work item the app
 * writes, an export) it is written as ISO 8601, which no locale misreads.
 */
export interface DatedText {
  text: string;
  /** `YYYY-MM-DD`: what `{date}` in `text` stands for. */
  date?: string;
}

export const DATE_SLOT = '{date}';

/** The sentence with its date written by `format` (ISO 8601 by default). */
export function withDate(
  sentence: DatedText,
  format: (isoDay: string) => string = (isoDay) => isoDay,
): string {
  const { text, date } = sentence;
  return date === undefined ? text : text.split(DATE_SLOT).join(format(date));
}
