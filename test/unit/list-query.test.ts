/**
 * The accounts list's view in the URL (static/admin/accounts/list-query.ts) and what the summary tiles
 * do to it (SummaryTiles' TILES): a view survives its query string, odd values fall back to defaults,
 * each tile applies and clears its own filter.
 */
import { describe, expect, it } from 'vitest';
import { listAccountsInput } from '../../src/contract/accounts';
import {
  DEFAULT_VIEW,
  isFiltered,
  listInput,
  type ListView,
  parseView,
  viewQuery,
} from '../../static/admin/accounts/list-query';
import { TILES } from '../../static/admin/accounts/tiles';

describe('the list view in the URL', () => {
  it('round-trips every field, and the default view is an empty query', () => {
    const view: ListView = {
      search: 'ben backup',
      status: 'active',
      owner: { accountId: 'abc123', displayName: 'Olivia Owner' },
      attention: 'nobackup',
      risk: 'high',
      sort: 'risk',
    };
    expect(parseView(viewQuery(view))).toEqual(view);
    expect(viewQuery(DEFAULT_VIEW)).toBe('');
    expect(parseView('')).toEqual(DEFAULT_VIEW);
    expect(viewQuery({ ...DEFAULT_VIEW, search: '  ops ' })).toBe('?q=ops');
  });

  it('falls back to defaults for values it does not know, and keeps retired views meaningful', () => {
    expect(parseView('?status=deleted&attention=all&risk=extreme&sort=colour')).toEqual(DEFAULT_VIEW);
    // Review, credential, backup and risk filters watch tagged accounts; retired ones sort by name or update.
    expect(parseView('?status=retired&attention=review&risk=high&sort=risk')).toEqual({
      ...DEFAULT_VIEW,
      status: 'retired',
    });
    expect(parseView('?status=retired&sort=updated').sort).toBe('updated');
  });

  it('becomes a resolver input its schema accepts', () => {
    const input = listInput(parseView('?q=sync&attention=nobackup&risk=low&owner=o1&ownerName=O'), 25);
    expect(listAccountsInput.parse(input)).toMatchObject({
      search: 'sync',
      noBackupOwner: true,
      risk: 'low',
      ownerId: 'o1',
      pageSize: 25,
    });
    expect(listInput(parseView('?attention=expired'), 25)).toMatchObject({ credential: 'expired' });
    expect(listInput(parseView('?attention=review'), 25)).toMatchObject({ reviewOverdue: true });
    expect(isFiltered(parseView('?sort=risk&status=retired'))).toBe(false);
    expect(isFiltered(parseView('?q=x'))).toBe(true);
  });
});

describe('summary tiles', () => {
  const tile = (key: string) => TILES.find((t) => t.key === key)!;

  it('apply their filter, show pressed, and clear it when pressed again', () => {
    for (const key of ['review', 'expiring', 'expired', 'nobackup']) {
      const on = tile(key).press({ ...DEFAULT_VIEW, search: 'ci' });
      expect(on).toMatchObject({ attention: key, search: 'ci', status: 'active' });
      expect(tile(key).pressed(on)).toBe(true);
      const off = tile(key).press(on);
      expect(off.attention).toBe('any');
      expect(tile(key).pressed(off)).toBe(false);
    }
    const high = tile('high').press(tile('nobackup').press(DEFAULT_VIEW));
    expect(high).toMatchObject({ risk: 'high', attention: 'nobackup' });
    expect(tile('high').press(high).risk).toBe('any');
  });

  it('Retired switches the status and back; a tagged-only tile brings a retired view back to tagged', () => {
    const retired = tile('retired').press({ ...DEFAULT_VIEW, risk: 'high', sort: 'risk' });
    expect(retired).toMatchObject({ status: 'retired', risk: 'any', sort: 'name' });
    expect(tile('retired').pressed(retired)).toBe(true);
    expect(tile('retired').press(retired).status).toBe('active');
    expect(tile('review').press(retired)).toMatchObject({ status: 'active', attention: 'review' });
    expect(tile('active').pressed(DEFAULT_VIEW)).toBe(true);
    expect(tile('active').pressed({ ...DEFAULT_VIEW, attention: 'review' })).toBe(false);
  });
});
