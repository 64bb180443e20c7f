/**
 * Who a shell page acts as and in which colour mode: `?as=<email>` (remembered in the
 * `forge-local-as` cookie), else the cookie, else the site admin; `?theme=light|dark` (remembered in
 * `forge-local-theme`).
 */
import type { IncomingMessage } from 'node:http';
import type { JiraSite } from '../../jira/jira-site.js';
import type { SeedUser } from '../../jira/seed.js';
import { AS_COOKIE, DEFAULT_AS_EMAIL, readCookie } from '../control.js';
import type { ColorMode } from './page-deps.js';

export const THEME_COOKIE = 'forge-local-theme';

export interface Acting {
  user: SeedUser;
  email: string;
  setCookie: string[];
  colorMode: ColorMode;
}

function cookie(name: string, value: string): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; SameSite=Lax; Max-Age=31536000`;
}

/** Who the page acts as: `?as=` (remembered), else the cookie, else the site admin. */
export function actingUser(
  site: JiraSite,
  req: IncomingMessage,
  url: URL,
): Acting | { unknownEmail: string } {
  const setCookie: string[] = [];
  const asParam = url.searchParams.get('as');
  let user: SeedUser | undefined;
  if (asParam !== null && asParam.trim() !== '') {
    user = site.userByEmail(asParam.trim());
    if (!user) return { unknownEmail: asParam.trim() };
    setCookie.push(cookie(AS_COOKIE, user.emailAddress ?? asParam.trim()));
  } else {
    const remembered = readCookie(req, AS_COOKIE);
    user = remembered ? site.userByEmail(remembered) : undefined;
    if (!user) user = site.userByEmail(DEFAULT_AS_EMAIL);
    if (!user) throw new Error(`the seed has no ${DEFAULT_AS_EMAIL}`);
    if (remembered && remembered.toLowerCase() !== (user.emailAddress ?? '').toLowerCase()) {
      // A stale cookie (an address that no longer exists): fall back to the admin and forget it.
      setCookie.push(cookie(AS_COOKIE, user.emailAddress ?? DEFAULT_AS_EMAIL));
    }
  }
  const themeParam = url.searchParams.get('theme');
  let colorMode: ColorMode = readCookie(req, THEME_COOKIE) === 'dark' ? 'dark' : 'light';
  if (themeParam === 'light' || themeParam === 'dark') {
    colorMode = themeParam;
    setCookie.push(cookie(THEME_COOKIE, themeParam));
  }
  return { user, email: user.emailAddress ?? DEFAULT_AS_EMAIL, setCookie, colorMode };
}
