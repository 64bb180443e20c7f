/**
 * Avatars of seeded users. The simulator puts `<base>/__local/avatars/<accountId>.svg?s=<size>` in
 * `avatarUrls` (absolute, because `AvatarUrlsBean` values are `format: uri`); the local host serves
 * them with `avatarSvg`.
 */
import { createHash } from 'node:crypto';
import type { SeedUser } from './seed';

export const AVATAR_SIZES = ['16x16', '24x24', '32x32', '48x48'] as const;
export type AvatarUrls = Record<(typeof AVATAR_SIZES)[number], string>;

/** The path prefix the host serves avatars under. */
export const AVATAR_PATH_PREFIX = '/__local/avatars/';

export function avatarUrls(baseUrl: string, accountId: string): AvatarUrls {
  const url = (size: string): string =>
    `${baseUrl}${AVATAR_PATH_PREFIX}${encodeURIComponent(accountId)}.svg?s=${size.split('x')[0] ?? '48'}`;
  return { '16x16': url('16x16'), '24x24': url('24x24'), '32x32': url('32x32'), '48x48': url('48x48') };
}

/** Up to two initials, e.g. "GitHub Sync" → "GS". */
function initials(displayName: string): string {
  const letters = displayName
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() ?? '');
  return (letters.length > 1 ? `${letters[0]}${letters[letters.length - 1]}` : (letters[0] ?? '?')).replace(
    /[<&>"']/g,
    '',
  );
}

/** A round avatar with initials on a colour stable for the account (SVG text). */
export function avatarSvg(
  user: Pick<SeedUser, 'accountId' | 'displayName' | 'accountType'>,
  size = 48,
): string {
  const hue = parseInt(createHash('sha256').update(user.accountId).digest('hex').slice(0, 4), 16) % 360;
  // App accounts get a rounded square, as Atlassian draws app avatars.
  const radius = user.accountType === 'app' ? size * 0.2 : size / 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" rx="${radius}" fill="hsl(${hue} 55% 42%)"/>` +
    `<text x="50%" y="50%" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="${size * 0.4}" fill="#fff">` +
    `${initials(user.displayName)}</text></svg>`
  );
}
