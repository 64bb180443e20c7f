/**
 * `react-scrolllock` as the Custom UI bundles see it (static/vite.config.ts aliases it here): the two
 * exports `@atlaskit/modal-dialog` uses, without the `<style>` element the original injects to lock the
 * page behind an open modal — Forge's Content-Security-Policy (no `'unsafe-inline'` in `style-src`)
 * blocks and reports it. The same lock through CSSOM (`element.style`), which the policy allows.
 *
 * `TouchScrollable` only passes its child through: the original's iOS inertia-scroll handling matters
 * for a whole page on a phone, not for an app frame inside Jira.
 */
import { useLayoutEffect, type ReactElement, type ReactNode } from 'react';

const LOCKED = { overflow: 'hidden', 'box-sizing': 'border-box', position: 'relative' } as const;
let locks = 0;
let saved: Record<string, [value: string, priority: string]> = {};

function lock(accountForScrollbars: boolean): void {
  const body = document.body;
  if (locks++ > 0) return;
  const scrollbar = window.innerWidth - document.documentElement.clientWidth;
  const padding = parseInt(getComputedStyle(body).paddingRight, 10) || 0;
  const styles: Record<string, string> = { ...LOCKED };
  if (accountForScrollbars && scrollbar > 0) styles['padding-right'] = `${padding + scrollbar}px`;
  saved = {};
  for (const [name, value] of Object.entries(styles)) {
    saved[name] = [body.style.getPropertyValue(name), body.style.getPropertyPriority(name)];
    body.style.setProperty(name, value, 'important');
  }
}

function unlock(): void {
  if (--locks > 0) return;
  const body = document.body;
  for (const [name, [value, priority]] of Object.entries(saved)) {
    if (value) body.style.setProperty(name, value, priority);
    else body.style.removeProperty(name);
  }
  saved = {};
}

export default function ScrollLock({
  isActive = true,
  accountForScrollbars = true,
  children = null,
}: {
  isActive?: boolean;
  accountForScrollbars?: boolean;
  children?: ReactNode;
}): ReactNode {
  useLayoutEffect(() => {
    if (!isActive) return;
    lock(accountForScrollbars);
    return unlock;
  }, [isActive, accountForScrollbars]);
  return children;
}

export function TouchScrollable({
  children,
}: {
  children: ReactElement | ((ref: (element: HTMLElement | null) => void) => ReactElement);
}): ReactElement {
  return typeof children === 'function' ? children(() => undefined) : children;
}
