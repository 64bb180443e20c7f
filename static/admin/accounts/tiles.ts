/** The registry's summary tiles as data: each one's count, and the filter it applies and clears. */
import type { RegistryCounts } from '@contract/accounts';
import type { ListView } from './list-query';

export interface Tile {
  key: string;
  label: string;
  value: (c: RegistryCounts) => number;
  tone?: 'danger' | 'warning';
  /** Is the list showing this tile's filter? */
  pressed: (v: ListView) => boolean;
  /** The view after pressing the tile. */
  press: (v: ListView) => ListView;
}

const tagged = (v: ListView): ListView => ({ ...v, status: 'active' });

export const TILES: Tile[] = [
  {
    key: 'active',
    label: 'Tagged accounts',
    value: (c) => c.active,
    pressed: (v) => v.status === 'active' && v.attention === 'any' && v.risk === 'any',
    press: (v) => ({ ...v, status: 'active', attention: 'any', risk: 'any' }),
  },
  {
    key: 'retired',
    label: 'Retired',
    value: (c) => c.retired,
    pressed: (v) => v.status === 'retired',
    press: (v) =>
      v.status === 'retired'
        ? { ...v, status: 'active' }
        : {
            ...v,
            status: 'retired',
            attention: 'any',
            risk: 'any',
            sort: v.sort === 'updated' ? 'updated' : 'name',
          },
  },
  ...(
    [
      ['review', 'Reviews overdue', (c: RegistryCounts) => c.reviewOverdue, 'danger'],
      ['expiring', 'Credentials expiring', (c: RegistryCounts) => c.credentialExpiring, 'warning'],
      ['expired', 'Credentials expired', (c: RegistryCounts) => c.credentialExpired, 'danger'],
      ['nobackup', 'No backup owner', (c: RegistryCounts) => c.noBackupOwner, 'warning'],
    ] as const
  ).map(([attention, label, value, tone]): Tile => ({
    key: attention,
    label,
    value,
    tone,
    pressed: (v) => v.status === 'active' && v.attention === attention,
    press: (v) =>
      v.status === 'active' && v.attention === attention
        ? { ...v, attention: 'any' }
        : { ...tagged(v), attention },
  })),
  {
    key: 'high',
    label: 'High risk',
    value: (c) => c.risk.high,
    tone: 'danger',
    pressed: (v) => v.status === 'active' && v.risk === 'high',
    press: (v) =>
      v.status === 'active' && v.risk === 'high' ? { ...v, risk: 'any' } : { ...tagged(v), risk: 'high' },
  },
];
