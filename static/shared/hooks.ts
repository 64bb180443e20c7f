/**
 * Hooks on top of the data layer: loading state, stale-answer protection and reloads, so components
 * describe what they show, not how it is fetched.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'error'; error: unknown; data?: T }
  | { status: 'ready'; data: T };

/**
 * Loads `load()` whenever `key` changes; answers of superseded loads are dropped.
 * `reload()` loads again; `setData` replaces what is shown (after a save, say).
 */
export function useLoad<T>(
  load: () => Promise<T>,
  key: string,
): { state: AsyncState<T>; reload: () => void; setData: (data: T) => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(() => {
    const gen = ++generation.current;
    setState((prev) => ({ status: 'loading', ...(prev.data === undefined ? {} : { data: prev.data }) }));
    loadRef.current().then(
      (data) => {
        if (gen === generation.current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (gen === generation.current) setState({ status: 'error', error });
      },
    );
  }, []);

  useEffect(() => {
    run();
    return () => {
      // eslint-disable-next-line react-hooks/exhaustive-deps -- a counter, not a DOM node: bump its live value so late results are dropped
      generation.current++;
    };
  }, [run, key]);

  const setData = useCallback((data: T) => {
    generation.current++;
    setState({ status: 'ready', data });
  }, []);

  return { state, reload: run, setData };
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/**
 * A cursor-paged list: the first page on `key` change, `loadMore()` appends the next one.
 */
export function usePaged<T, P extends { nextCursor?: string | undefined }>(
  loadPage: (cursor: string | undefined) => Promise<P>,
  itemsOf: (page: P) => T[],
  key: string,
): {
  state: AsyncState<{ items: T[]; first: P; last: P; nextCursor?: string | undefined }>;
  loadingMore: boolean;
  moreError: unknown;
  loadMore: () => void;
  reload: () => void;
} {
  const [state, setState] = useState<
    AsyncState<{ items: T[]; first: P; last: P; nextCursor?: string | undefined }>
  >({
    status: 'loading',
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const generation = useRef(0);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const itemsRef = useRef(itemsOf);
  itemsRef.current = itemsOf;

  const reload = useCallback(() => {
    const gen = ++generation.current;
    setLoadingMore(false);
    setMoreError(undefined);
    setState((prev) => ({ status: 'loading', ...(prev.data === undefined ? {} : { data: prev.data }) }));
    loadRef.current(undefined).then(
      (page) => {
        if (gen !== generation.current) return;
        setState({
          status: 'ready',
          data: { items: itemsRef.current(page), first: page, last: page, nextCursor: page.nextCursor },
        });
      },
      (error: unknown) => {
        if (gen === generation.current) setState({ status: 'error', error });
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => {
      // eslint-disable-next-line react-hooks/exhaustive-deps -- a counter, not a DOM node: bump its live value so late results are dropped
      generation.current++;
    };
  }, [reload, key]);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.data.nextCursor || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    setMoreError(undefined);
    loadRef.current(state.data.nextCursor).then(
      (page) => {
        if (gen !== generation.current) return;
        setLoadingMore(false);
        setState((prev) =>
          prev.status === 'ready'
            ? {
                status: 'ready',
                data: {
                  items: prev.data.items.concat(itemsRef.current(page)),
                  first: prev.data.first,
                  last: page,
                  nextCursor: page.nextCursor,
                },
              }
            : prev,
        );
      },
      (error: unknown) => {
        if (gen !== generation.current) return;
        setLoadingMore(false);
        setMoreError(error);
      },
    );
  }, [state, loadingMore]);

  return { state, loadingMore, moreError, loadMore, reload };
}
