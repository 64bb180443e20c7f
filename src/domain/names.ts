/** Normalised name for the name indexes: lower-case, accents removed, ≤ 200 chars (range values ≤ 900 B). */
export function nameKey(displayName: string): string {
  return displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .slice(0, 200);
}
