import { describe, expect, it } from 'vitest';
import {
  dateInputPattern,
  dateSettingsOf,
  formatDate,
  formatDateInput,
  formatTime,
  localizeDates,
  parseDateInput,
  type DateSettings,
} from '../../static/shared/dates';

const berlin: DateSettings = { locale: 'de-DE', timeZone: 'Europe/Berlin' };
const london: DateSettings = { locale: 'en-GB', timeZone: 'Europe/London' };
const newYork: DateSettings = { locale: 'en-US', timeZone: 'America/New_York' };
const auckland: DateSettings = { locale: 'en-NZ', timeZone: 'Pacific/Auckland' };
const tokyo: DateSettings = { locale: 'ja-JP', timeZone: 'Asia/Tokyo' };

describe('the view context', () => {
  it("takes Jira's locale and zone, and falls back to Forge's default and UTC for unknown ones", () => {
    expect(dateSettingsOf({ locale: 'de_DE', timezone: 'Europe/Berlin' })).toEqual(berlin);
    expect(dateSettingsOf({ locale: 'fr-FR', timezone: 'Mars/Olympus' })).toEqual({
      locale: 'fr-FR',
      timeZone: 'UTC',
    });
    expect(dateSettingsOf(undefined)).toEqual({ locale: 'en-US', timeZone: 'UTC' });
    expect(dateSettingsOf({ locale: 42, timezone: '' })).toEqual({ locale: 'en-US', timeZone: 'UTC' });
  });
});

describe('one date format, in the viewer’s locale', () => {
  it('writes a calendar day the way the locale does', () => {
    expect(formatDate('2026-05-01', newYork)).toBe('May 1, 2026');
    expect(formatDate('2026-05-01', london)).toBe('1 May 2026');
    expect(formatDate('2026-05-01', berlin)).toBe('1. Mai 2026');
    expect(formatDate('2026-05-01', tokyo)).toBe('2026年5月1日');
  });

  it('never moves a calendar day with the time zone (a due date is the same day everywhere)', () => {
    for (const s of [newYork, auckland, { locale: 'en-US', timeZone: 'Pacific/Honolulu' }])
      expect(formatDate('2026-05-01', { ...s, locale: 'en-GB' })).toBe('1 May 2026');
  });

  it('counts an instant in the viewer’s zone: 23:30 UTC is already tomorrow in Berlin and Auckland', () => {
    const late = '2026-05-01T23:30:00.000Z';
    expect(formatDate(late, berlin)).toBe('2. Mai 2026');
    expect(formatDate(late, auckland)).toBe('2 May 2026');
    expect(formatDate(late, newYork)).toBe('May 1, 2026');
  });

  it('shows times in the viewer’s zone, named', () => {
    const at = '2026-05-01T14:03:00.000Z';
    expect(formatTime(at, berlin)).toBe('1. Mai 2026, 16:03 MESZ');
    expect(formatTime(at, london)).toBe('1 May 2026, 15:03 BST');
    expect(formatTime(at, newYork)).toMatch(/^May 1, 2026, 10:03\s?AM EDT$/);
    expect(formatTime('2026-01-15T14:03:00.000Z', berlin)).toBe('15. Jan. 2026, 15:03 MEZ');
  });

  it('says “—” for nothing and leaves what is not a date as written', () => {
    expect(formatDate(undefined, berlin)).toBe('—');
    expect(formatTime('', berlin)).toBe('—');
    expect(formatDate('soon', berlin)).toBe('soon');
  });
});

describe('date inputs in the viewer’s locale', () => {
  it('follows the locale’s order and separator', () => {
    expect(dateInputPattern(newYork).placeholder).toBe('MM/DD/YYYY');
    expect(dateInputPattern(london).placeholder).toBe('DD/MM/YYYY');
    expect(dateInputPattern(berlin).placeholder).toBe('DD.MM.YYYY');
    expect(dateInputPattern(tokyo).placeholder).toBe('YYYY/MM/DD');
  });

  it('shows a stored day in that order and reads it back', () => {
    for (const s of [newYork, london, berlin, tokyo]) {
      const shown = formatDateInput('2026-11-23', s);
      expect(parseDateInput(shown, s)).toBe('2026-11-23');
    }
    expect(formatDateInput('2026-05-01', london)).toBe('01/05/2026');
    expect(formatDateInput('2026-05-01', newYork)).toBe('05/01/2026');
    expect(formatDateInput('2026-05-01', berlin)).toBe('01.05.2026');
  });

  it('reads the same digits by the locale: 01/05 is 1 May in London and 5 January in New York', () => {
    expect(parseDateInput('01/05/2026', london)).toBe('2026-05-01');
    expect(parseDateInput('01/05/2026', newYork)).toBe('2026-01-05');
    expect(parseDateInput('1.5.2026', berlin)).toBe('2026-05-01');
    expect(parseDateInput('1 5 2026', berlin)).toBe('2026-05-01');
  });

  it('accepts ISO, empties to "", refuses what is no day', () => {
    expect(parseDateInput('2026-05-01', berlin)).toBe('2026-05-01');
    expect(parseDateInput('  ', berlin)).toBe('');
    expect(parseDateInput('31/02/2026', london)).toBeUndefined();
    expect(parseDateInput('13/25/2026', newYork)).toBeUndefined();
    expect(parseDateInput('01/05/26', london)).toBeUndefined();
    expect(parseDateInput('tomorrow', london)).toBeUndefined();
    expect(parseDateInput('2026-02-30', london)).toBeUndefined();
  });
});

describe('sentences the server wrote', () => {
  it('get their dates and UTC clock times in the viewer’s format and zone', () => {
    const now = new Date('2026-05-01T13:20:00.000Z');
    expect(localizeDates('The review of Jenkins was due on 2026-05-01.', berlin, now)).toBe(
      'The review of Jenkins was due on 1. Mai 2026.',
    );
    expect(localizeDates('Try again after 14:00 UTC, in about 40 minutes.', berlin, now)).toBe(
      'Try again after 16:00 MESZ, in about 40 minutes.',
    );
    expect(localizeDates('Checked 2026-05-01T14:03:00.000Z.', london, now)).toBe(
      'Checked 1 May 2026, 15:03 BST.',
    );
    expect(localizeDates('No dates here.', berlin, now)).toBe('No dates here.');
  });
});
