/**
 * The demo site's people (DESIGN.md §4 "The demo seed"): the named ones of the README's table and about
 * fifty generated colleagues, each with a time zone and a locale from their region, and the Atlassian
 * service accounts.
 */
import type { SeedUser } from './seed-types.js';
import { DEMO_EMAILS, demoAccountId } from './seed-ids.js';

type Region = keyof typeof REGIONS;
const REGIONS = {
  us: ['America/New_York', 'en_US'],
  usc: ['America/Chicago', 'en_US'],
  usw: ['America/Los_Angeles', 'en_US'],
  uk: ['Europe/London', 'en_GB'],
  ie: ['Europe/Dublin', 'en_GB'],
  de: ['Europe/Berlin', 'de_DE'],
  fr: ['Europe/Paris', 'fr_FR'],
  it: ['Europe/Rome', 'it_IT'],
  es: ['Europe/Madrid', 'es_ES'],
  pt: ['Europe/Lisbon', 'pt_PT'],
  br: ['America/Sao_Paulo', 'pt_BR'],
  mx: ['America/Mexico_City', 'es_MX'],
  jp: ['Asia/Tokyo', 'ja_JP'],
  in: ['Asia/Kolkata', 'en_IN'],
  cn: ['Asia/Shanghai', 'zh_CN'],
  ng: ['Africa/Lagos', 'en_GB'],
  za: ['Africa/Johannesburg', 'en_ZA'],
  gh: ['Africa/Accra', 'en_GB'],
  se: ['Europe/Stockholm', 'sv_SE'],
  dk: ['Europe/Copenhagen', 'da_DK'],
  pl: ['Europe/Warsaw', 'pl_PL'],
  ro: ['Europe/Bucharest', 'ro_RO'],
  ee: ['Europe/Tallinn', 'et_EE'],
  ma: ['Africa/Casablanca', 'fr_FR'],
  ae: ['Asia/Dubai', 'en_US'],
  il: ['Asia/Jerusalem', 'en_US'],
  kr: ['Asia/Seoul', 'ko_KR'],
  vn: ['Asia/Ho_Chi_Minh', 'vi_VN'],
  au: ['Australia/Sydney', 'en_AU'],
  utc: ['Etc/UTC', 'en_US'],
} as const satisfies Record<string, readonly [string, string]>;

/** The named people of DESIGN.md §4, in table order. */
export const NAMED: { name: string; email: string; region: Region; active: boolean }[] = [
  { name: 'Site Admin', email: DEMO_EMAILS.siteAdmin, region: 'au', active: true },
  { name: 'Olivia Owner', email: DEMO_EMAILS.olivia, region: 'uk', active: true },
  { name: 'Ben Backup', email: DEMO_EMAILS.ben, region: 'usc', active: true },
  { name: 'Nora Newhire', email: DEMO_EMAILS.nora, region: 'usw', active: true },
  { name: 'Oscar Offboarding', email: DEMO_EMAILS.oscar, region: 'de', active: true },
  // Classic integration users are ordinary `atlassian` accounts named after the tool.
  { name: 'Jenkins CI', email: DEMO_EMAILS.jenkinsCi, region: 'utc', active: true },
  { name: 'GitHub Sync', email: DEMO_EMAILS.githubSync, region: 'utc', active: true },
  { name: 'Release Bot', email: DEMO_EMAILS.releaseBot, region: 'utc', active: true },
  { name: 'Legacy Importer', email: DEMO_EMAILS.legacyImporter, region: 'utc', active: false },
  { name: 'Former Employee', email: DEMO_EMAILS.formerEmployee, region: 'us', active: false },
];

/** About fifty generated colleagues; `false` marks the few who left (inactive). */
export const GENERATED: [name: string, region: Region, active?: false][] = [
  ['Amara Okafor', 'ng'],
  ['Liam Murphy', 'ie'],
  ['Sofia Rossi', 'it'],
  ['Hiroshi Tanaka', 'jp'],
  ['Priya Raman', 'in'],
  ['Mateo García', 'es'],
  ['Chloé Dubois', 'fr'],
  ['Noah Fischer', 'de', false],
  ['Aisha Rahman', 'ae'],
  ['Lucas Silva', 'br'],
  ['Ingrid Johansson', 'se'],
  ['Kwame Mensah', 'gh'],
  ['Mei Lin Chen', 'cn'],
  ['Oliver Smith', 'uk'],
  ['Fatima Zahra El Amrani', 'ma'],
  ['Jakub Nowak', 'pl'],
  ['Elena Petrova', 'ee'],
  ['Ethan Walker', 'us'],
  ['Yuki Sato', 'jp'],
  ['Zanele Dlamini', 'za', false],
  ['Diego Hernández', 'mx'],
  ['Hannah Becker', 'de'],
  ['Arjun Mehta', 'in'],
  ["Siobhan O'Brien", 'ie'],
  ['Tomás Ferreira', 'pt'],
  ['Leila Haddad', 'fr'],
  ['Grace Kim', 'kr'],
  ['Mikkel Nielsen', 'dk'],
  ['Camille Laurent', 'fr'],
  ['Samuel Adeyemi', 'ng'],
  ['Anya Kowalczyk', 'pl'],
  ['Rafael Costa', 'br'],
  ['Nadia Haidari', 'ae'],
  ['Benjamin Cohen', 'il', false],
  ['Isabella Martínez', 'mx'],
  ['Wei Zhang', 'cn'],
  ['Olga Ivanova', 'ee'],
  ['Daniel Nguyen', 'vn'],
  ['Freya Andersen', 'dk'],
  ['Omar Farouk', 'ae'],
  ['Lucía Romero', 'es'],
  ["James O'Connor", 'usw'],
  ['Keiko Yamamoto', 'jp'],
  ['Marco Bianchi', 'it'],
  ['Sara Lindqvist', 'se'],
  ['Tunde Bakare', 'ng', false],
  ['Emily Clarke', 'uk'],
  ['Ravi Shankar', 'in'],
  ['Ana Popescu', 'ro'],
  ['Jonas Weber', 'de'],
];

/** "Siobhan O'Brien" → "siobhan.obrien@example.com". */
export function generatedEmail(displayName: string): string {
  const local = displayName
    .normalize('NFD')
    .replace(/[\u0300-\u036f']/g, '')
    .toLowerCase()
    .split(/\s+/)
    .join('.');
  return `${local}@example.com`;
}

export function person(name: string, email: string, region: Region, active: boolean): SeedUser {
  const [timeZone, locale] = REGIONS[region];
  return {
    accountId: demoAccountId(email),
    accountType: 'atlassian',
    displayName: name,
    emailAddress: email,
    active,
    timeZone,
    locale,
  };
}

/** Atlassian service accounts: `app` accounts with `appType: service` and a generated email. */
export function serviceAccount(name: string, email: string): SeedUser {
  return {
    accountId: demoAccountId(email),
    accountType: 'app',
    appType: 'service',
    displayName: name,
    emailAddress: email,
    active: true,
    timeZone: 'Etc/UTC',
    locale: 'en_US',
  };
}
