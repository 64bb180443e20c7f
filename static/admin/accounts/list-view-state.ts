/**
 * The accounts list's state hooks: the view kept in the URL, the search box's text, and how many
 * accounts the searches have looked through.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AccountsPage as Page } from '@contract/accounts';
import { useDebounced } from '../../shared/hooks';
import { useRouter } from '../../shared/router';
import { paths } from '../routes';
import { type ListView, parseView, viewQuery } from './list-query';

/** The list's view, read from and written to the app path's query string. */
export function useListView(): [ListView, (next: ListView, opts?: { replace?: boolean }) => void] {
  const { location, navigate } = useRouter();
  const view = useMemo(() => parseView(location.search), [location.search]);
  const setView = useCallback(
    (next: ListView, opts?: { replace?: boolean }) => {
      const to = `${paths.accounts}${viewQuery(next)}`;
      if (to !== `${location.pathname}${location.search}`) navigate(to, opts);
    },
    [location.pathname, location.search, navigate],
  );
  return [view, setView];
}

/** The search box's text: typed freely, put in the URL once typing pauses, and reset by back/forward. */
export function useSearchText(view: ListView, setView: (v: ListView) => void): [string, (s: string) => void] {
  const [text, setText] = useState(view.search);
  const typed = useRef(false);
  const debounced = useDebounced(text, 350);
  useEffect(() => {
    // The URL changed (back, forward, a tile, "Clear filters"): show its search.
    if (!typed.current) setText(view.search);
  }, [view.search]);
  useEffect(() => {
    if (!typed.current) return;
    typed.current = false;
    if (debounced.trim() !== view.search.trim()) setView({ ...view, search: debounced });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled search writes the URL
  }, [debounced]);
  return [
    text,
    (s: string) => {
      typed.current = true;
      setText(s);
    },
  ];
}

/** How many accounts the searches of the pages loaded so far looked through. */
export function useExamined(key: string) {
  const [examined, setExamined] = useState<{ key: string; total: number }>({ key, total: 0 });
  const record = useCallback(
    (page: Page, cursor: string | undefined) =>
      setExamined((e) =>
        !cursor || e.key !== key
          ? { key, total: page.examined ?? 0 }
          : { key, total: e.total + (page.examined ?? 0) },
      ),
    [key],
  );
  return [examined.key === key ? examined.total : 0, record] as const;
}
