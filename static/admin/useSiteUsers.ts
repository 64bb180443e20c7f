import { useCallback, useEffect, useRef, useState } from 'react';
import type { SiteUser } from '@contract/site-users';
import { adminApi, isApiError } from '../shared/api';

export const PAGE_SIZE = 50;

export type SiteUsersState =
  | { status: 'loading' }
  | { status: 'forbidden'; message: string }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; users: SiteUser[]; nextCursor?: string; loadingMore: boolean; moreError?: unknown };

/** The site's users, page by page through `site/users`. */
export function useSiteUsers(): { state: SiteUsersState; reload: () => void; loadMore: () => void } {
  const [state, setState] = useState<SiteUsersState>({ status: 'loading' });
  const generation = useRef(0);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    setState({ status: 'loading' });
    adminApi.siteUsers({ pageSize: PAGE_SIZE }).then(
      (page) => {
        if (gen !== generation.current) return;
        setState({ status: 'ready', users: page.users, nextCursor: page.nextCursor, loadingMore: false });
      },
      (error: unknown) => {
        if (gen !== generation.current) return;
        if (isApiError(error) && error.isForbidden) setState({ status: 'forbidden', message: error.message });
        else setState({ status: 'error', error });
      },
    );
  }, []);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.nextCursor || state.loadingMore) return;
    const gen = generation.current;
    const cursor = state.nextCursor;
    setState({ ...state, loadingMore: true, moreError: undefined });
    adminApi.siteUsers({ cursor, pageSize: PAGE_SIZE }).then(
      (page) => {
        if (gen !== generation.current) return;
        setState((prev) => {
          if (prev.status !== 'ready') return prev;
          const seen = new Set(prev.users.map((u) => u.accountId));
          const users = prev.users.concat(page.users.filter((u) => !seen.has(u.accountId)));
          return { status: 'ready', users, nextCursor: page.nextCursor, loadingMore: false };
        });
      },
      (error: unknown) => {
        if (gen !== generation.current) return;
        if (isApiError(error) && error.isForbidden) {
          setState({ status: 'forbidden', message: error.message });
          return;
        }
        setState((prev) =>
          prev.status === 'ready' ? { ...prev, loadingMore: false, moreError: error } : prev,
        );
      },
    );
  }, [state]);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  return { state, reload, loadMore };
}
