/**
 * Every date and time the UI shows, in one format, in the viewer's Jira locale and time zone.
 *
 * - A calendar day (`2026-05-01`: review due, credential expiry) is the same day everywhere: it is
 *   shown as is, never shifted by a time zone.
 * - An instant (`2026-05-01T14:03:00Z`: tagged, retired, checked) is shown in the viewer's time zone,
 *   with the zone's name when a time is shown.
 * - Typed dates follow the viewer's locale (`01/05/2026` for en-GB, `05/01/2026` for en-US,
 *   `01.05.2026` for de-DE) and are stored as `YYYY-MM-DD`.
 *
 * The locale and time zone come from Forge's view context (`view.getContext()`: `locale`, `timezone`),
 * read once when a surface boots (`configureDates`, from static/shared/mount.tsx). Formatting reads
 * them from here, so no component passes them around. Tests pass explicit settings instead.
 * Pure: no `@forge/bridge` import here, so unit tests load it without a host.
 */
import { type DatedText, withDate } from '@contract/dated-text';

export interface DateSettings {
  /** BCP 47, e.g. `en-US`, `de-DE` (Forge normalises Jira's `de_DE`). */
  locale: string;
  /** IANA, e.g. `Europe/Berlin`. */
  timeZone: string;
}

/** Before the context answers (and outside a host): Forge's default locale, UTC. */
export const DEFAULT_DATE_SETTINGS: DateSettings = { locale: 'en-US', timeZone: 'UTC' };

let current: DateSettings = DEFAULT_DATE_SETTINGS;

function validLocale(locale: unknown): string | undefined {
  if (typeof locale !== 'string' || !locale.trim()) return undefined;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale.replace('_', '-')])[0];
  } catch {
    return undefined;
  }
}

function validTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || !zone.trim()) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Settings from a Forge view context (`{ locale, timezone }`); unknown values fall back to the defaults. */
export function dateSettingsOf(context: { locale?: unknown; timezone?: unknown } | undefined): DateSettings {
  return {
    locale: validLocale(context?.locale) ?? DEFAULT_DATE_SETTINGS.locale,
    timeZone: validTimeZone(context?.timezone) ?? DEFAULT_DATE_SETTINGS.timeZone,
  };
}

/** Sets the viewer's locale and time zone for every later format (once, at boot). */
export function configureDates(context: { locale?: unknown; timezone?: unknown } | undefined): DateSettings {
  current = dateSettingsOf(context);
  return current;
}

export function dateSettings(): DateSettings {
  return current;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'day' | 'time' | 'numeric', s: DateSettings, zone: string): Intl.DateTimeFormat {
  const key = `${kind}|${s.locale}|${zone}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'numeric'
        ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: zone }
        : { day: 'numeric', month: 'short', year: 'numeric', timeZone: zone };
    if (kind === 'time')
      Object.assign(options, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    f = new Intl.DateTimeFormat(s.locale, options);
    cache.set(key, f);
  }
  return f;
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day or an instant as a date: `2026-05-01` → `May 1, 2026` (en-US), `1 May 2026` (en-GB),
 * `1. Mai 2026` (de-DE). An instant counts in the viewer's time zone. `—` when there is none.
 */
export function formatDate(value: string | undefined, s: DateSettings = current): string {
  if (!value) return '—';
  const day = CALENDAR_DAY.test(value);
  const d = new Date(day ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return formatter('day', s, day ? 'UTC' : s.timeZone).format(d);
}

/** An instant as date and time in the viewer's zone: `1 May 2026, 16:03 CEST`. `—` when there is none. */
export function formatTime(value: string | undefined, s: DateSettings = current): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return formatter('time', s, s.timeZone).format(d);
}

/** Today as the server counts days (a UTC calendar day, `YYYY-MM-DD`): the bound the server checks dates against. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------
// Typed dates in the viewer's locale

export interface DateInputPattern {
  /** The order the locale writes day, month and year in. */
  order: ('day' | 'month' | 'year')[];
  separator: string;
  /** What the empty field shows, e.g. `DD/MM/YYYY`. */
  placeholder: string;
}

/** How the locale writes a date in numbers (`DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YYYY`, `YYYY/MM/DD`). */
export function dateInputPattern(s: DateSettings = current): DateInputPattern {
  const parts = formatter('numeric', s, 'UTC').formatToParts(new Date(Date.UTC(2026, 10, 23)));
  const order = parts
    .map((p) => p.type)
    .filter((t): t is 'day' | 'month' | 'year' => t === 'day' || t === 'month' || t === 'year');
  const separator = parts.find((p) => p.type === 'literal')?.value.trim() || '/';
  const names = { day: 'DD', month: 'MM', year: 'YYYY' } as const;
  return { order, separator, placeholder: order.map((t) => names[t]).join(separator) };
}

/** `2026-05-01` → `01/05/2026` (en-GB); '' for no date. */
export function formatDateInput(iso: string | undefined, s: DateSettings = current): string {
  if (!iso || !CALENDAR_DAY.test(iso)) return iso ?? '';
  const [year, month, day] = iso.split('-') as [string, string, string];
  const p = dateInputPattern(s);
  const value = { day, month, year };
  return p.order.map((t) => value[t]).join(p.separator);
}

/**
 * What a person typed, in their locale's order, as `YYYY-MM-DD`; '' for an empty field; undefined
 * when it is not a date in that order (`31/02/2026`, `12/13/2026` for en-US). Any of `/ . - space`
 * separates; an ISO date is accepted as is.
 */
export function parseDateInput(text: string, s: DateSettings = current): string | undefined {
  const t = text.trim();
  if (!t) return '';
  if (CALENDAR_DAY.test(t)) return realDay(t);
  const pieces = t.split(/[\s./-]+/).filter(Boolean);
  const p = dateInputPattern(s);
  if (pieces.length !== 3 || pieces.some((x) => !/^\d+$/.test(x))) return undefined;
  const v: Record<string, string> = {};
  p.order.forEach((name, i) => (v[name] = pieces[i] ?? ''));
  const year = v.year ?? '';
  if (year.length !== 4) return undefined;
  return realDay(`${year}-${(v.month ?? '').padStart(2, '0')}-${(v.day ?? '').padStart(2, '0')}`);
}

function realDay(iso: string): string | undefined {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Sentences the server wrote (pending asks, notices, audit reasons, rate-limit messages)

/**
 * A server sentence whose date is data (src/contract/dated-text.ts: `{date}` and `date`), written in the
 * viewer's format; a date still inside its text (notices stored before dates were data, audit reasons,
 * which are never rewritten) is formatted too (`localizeDates`).
 */
export function formatDatedText(sentence: DatedText, s: DateSettings = current, now = new Date()): string {
  return localizeDates(
    withDate(sentence, (day) => formatDate(day, s)),
    s,
    now,
  );
}

const ISO_IN_TEXT = /\b(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z)?\b/g;
const UTC_CLOCK = /\b(\d{2}):(\d{2}) UTC\b/g;

/**
 * A server sentence with its dates in the viewer's format: `due on 2026-05-01` → `due on 1 May 2026`;
 * `after 14:00 UTC` → `after 16:00 CEST` (a clock time the server gives is within the next day).
 */
export function localizeDates(text: string, s: DateSettings = current, now = new Date()): string {
  return text
    .replace(ISO_IN_TEXT, (whole: string, day: string, clock: string | undefined) =>
      clock ? formatTime(whole, s) : formatDate(day, s),
    )
    .replace(UTC_CLOCK, (_m, hh: string, mm: string) => {
      const at = new Date(now);
      at.setUTCHours(Number(hh), Number(mm), 0, 0);
      if (at.getTime() < now.getTime() - 12 * 3600_000) at.setUTCDate(at.getUTCDate() + 1);
      return new Intl.DateTimeFormat(s.locale, {
        hour: 'numeric',
        minute: '2-digit',
        timeZone: s.timeZone,
        timeZoneName: 'short',
      }).format(at);
    });
}
