/**
 * Deep links for a Custom UI surface: `view.createHistory()` keeps the app's location in step with
 * the host page's URL sub-path (e.g. `/jira/settings/apps/<app>/<env>/accounts/<id>`), so links can
 * be shared and the browser's back button works. Outside a Forge host it falls back to memory.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { view } from '@forge/bridge';

export interface AppLocation {
  pathname: string;
  search: string;
  hash: string;
}

type Action = 'PUSH' | 'POP' | 'REPLACE';

/** The part of the history object `view.createHistory()` resolves to that the app uses. */
interface BridgeHistory {
  location: AppLocation;
  push(to: string): void;
  replace(to: string): void;
  go(delta: number): void;
  /** history v4 calls `(location, action)`, v5 calls `({ location, action })`: both are handled. */
  listen(listener: (a: unknown, b?: unknown) => void): () => void;
}

function memoryHistory(): BridgeHistory {
  const entries: AppLocation[] = [{ pathname: '/', search: '', hash: '' }];
  let index = 0;
  const listeners = new Set<(a: unknown, b?: unknown) => void>();
  const parse = (to: string): AppLocation => {
    const url = new URL(to, 'http://app.local/');
    return { pathname: url.pathname, search: url.search, hash: url.hash };
  };
  const emit = (action: Action) => listeners.forEach((l) => l(history.location, action));
  const history: BridgeHistory = {
    location: entries[0]!,
    push(to) {
      entries.splice(index + 1, entries.length, parse(to));
      index = entries.length - 1;
      history.location = entries[index]!;
      emit('PUSH');
    },
    replace(to) {
      const next = parse(to);
      entries[index] = next;
      history.location = next;
      emit('REPLACE');
    },
    go(delta) {
      index = Math.min(entries.length - 1, Math.max(0, index + delta));
      history.location = entries[index]!;
      emit('POP');
    },
    listen(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return history;
}

function locationOf(a: unknown): AppLocation {
  const v = a as { location?: AppLocation; action?: string } & AppLocation;
  const loc = v.location && typeof v.action === 'string' ? v.location : v;
  return { pathname: loc.pathname || '/', search: loc.search ?? '', hash: loc.hash ?? '' };
}

/**
 * Holds an in-app navigation back (unsaved edits): answers true when it takes over, and then calls
 * `proceed` if the person chooses to leave after all.
 */
export type LeaveGuard = (proceed: () => void) => boolean;

function actionOf(a: unknown, b: unknown): string | undefined {
  if (typeof b === 'string') return b;
  const v = a as { action?: unknown };
  return typeof v.action === 'string' ? v.action : undefined;
}

export interface Router {
  location: AppLocation;
  /** How many times the location changed since the app opened (0: still the first view). */
  moves: number;
  /** Goes to an app path such as `/accounts/abc`; `replace` keeps the history length. */
  navigate: (to: string, opts?: { replace?: boolean }) => void;
  back: () => void;
  /** Installs the guard `navigate` asks first (one at a time); returns its removal. */
  guardLeaving: (guard: LeaveGuard) => () => void;
}

const RouterContext = createContext<Router | null>(null);

export function RouterProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [history, setHistory] = useState<BridgeHistory | null>(null);
  const [location, setLocation] = useState<AppLocation>({ pathname: '/', search: '', hash: '' });
  const [moves, setMoves] = useState(0);

  const guard = useRef<LeaveGuard | null>(null);

  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    const adopt = (h: BridgeHistory) => {
      if (cancelled) return;
      setHistory(h);
      let shown = locationOf(h.location);
      setLocation(shown);
      let leaving = false;
      unlisten = h.listen((a, b) => {
        const next = locationOf(a);
        // The browser's Back/Forward while a guard holds: put the guarded page back in the URL and
        // ask; leaving goes back again, past the restored entry.
        if (actionOf(a, b) === 'POP' && guard.current && !leaving) {
          const here = shown;
          const held = guard.current(() => {
            leaving = true;
            h.go(-1);
          });
          if (held) {
            h.push(here.pathname + here.search + here.hash);
            return;
          }
        }
        leaving = false;
        shown = next;
        setLocation(next);
        setMoves((n) => n + 1);
      });
    };
    (view.createHistory() as Promise<unknown>).then(
      (h) => adopt(h as BridgeHistory),
      (e: unknown) => {
        console.warn('No host history; deep links are off.', e);
        adopt(memoryHistory());
      },
    );
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, []);

  const navigate = useCallback(
    (to: string, opts?: { replace?: boolean }) => {
      if (!history) return;
      const go = () => {
        if (opts?.replace) history.replace(to);
        else history.push(to);
      };
      if (guard.current?.(go)) return;
      go();
    },
    [history],
  );
  const back = useCallback(() => {
    if (!history) return;
    const go = () => history.go(-1);
    if (guard.current?.(go)) return;
    go();
  }, [history]);
  const guardLeaving = useCallback((g: LeaveGuard) => {
    guard.current = g;
    return () => {
      if (guard.current === g) guard.current = null;
    };
  }, []);
  const value = useMemo(
    () => ({ location, moves, navigate, back, guardLeaving }),
    [location, moves, navigate, back, guardLeaving],
  );
  if (!history) return <>{fallback}</>;
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter() needs a <RouterProvider>');
  return router;
}

/** The query parameters of the current location. */
export function useSearchParams(): URLSearchParams {
  const { location } = useRouter();
  return useMemo(() => new URLSearchParams(location.search), [location.search]);
}

/**
 * Moves focus to the element with this id (a view's heading, or its first field) once no modal
 * dialog is open: a closing modal's focus lock would pull focus back into it, then hand it to the
 * control that opened it. A heading is made focusable for this (`tabindex="-1"`, out of the tab order).
 */
export function focusView(id: string): void {
  let frames = 0;
  const attempt = () => {
    const el = document.getElementById(id);
    if (el && !document.querySelector('[role="dialog"]')) {
      if (!el.matches('a[href], button, input, select, textarea, [tabindex]'))
        el.setAttribute('tabindex', '-1');
      el.focus();
      return;
    }
    if (++frames < 120) requestAnimationFrame(attempt);
  };
  attempt();
}

/**
 * After an action moves the user to a new view (Tag account, Save, a link to an account), focus
 * lands on that view's heading or first field, the element with id `id`, once `ready` (its data
 * loaded). The app's first view leaves focus where the host page has it.
 */
export function useFocusOnArrival(id: string, ready = true): void {
  const router = useContext(RouterContext);
  const arrived = useRef((router?.moves ?? 0) > 0);
  useEffect(() => {
    if (!ready || !arrived.current) return;
    arrived.current = false;
    focusView(id);
  }, [id, ready]);
}
