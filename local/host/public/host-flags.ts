/** The app's flags (`showFlag`/`closeFlag`), as Jira shows them: in the page's flags region. */
import { BridgeError } from './host-requests';
import { type Frame, postTo } from './host-frames';
import type { WireFlag } from './protocol';

const FLAG_AUTO_DISMISS_MS = 8000;
const flagTimers = new Map<string, number>();

const FLAG_ICONS: Record<string, string> = {
  info: '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="currentColor"/><rect x="11" y="10.5" width="2" height="6" rx="1" fill="var(--flag-icon-fg)"/><circle cx="12" cy="8" r="1.2" fill="var(--flag-icon-fg)"/></svg>',
  success:
    '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="currentColor"/><path d="M8 12.5l2.7 2.7L16 9.8" stroke="var(--flag-icon-fg)" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  warning:
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3.5L22 20.5H2z" fill="currentColor" stroke="currentColor" stroke-linejoin="round" stroke-width="1.5"/><rect x="11" y="9" width="2" height="6" rx="1" fill="var(--flag-icon-fg)"/><circle cx="12" cy="17.3" r="1.1" fill="var(--flag-icon-fg)"/></svg>',
  error:
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M8.3 3h7.4L21 8.3v7.4L15.7 21H8.3L3 15.7V8.3z" fill="currentColor"/><rect x="11" y="7.5" width="2" height="6.5" rx="1" fill="var(--flag-icon-fg)"/><circle cx="12" cy="16.6" r="1.15" fill="var(--flag-icon-fg)"/></svg>',
};

function flagsRegion(): HTMLElement {
  let region = document.getElementById('forge-flags');
  if (!region) {
    region = document.createElement('section');
    region.id = 'forge-flags';
    region.className = 'flags';
    region.setAttribute('aria-label', 'Flags');
    document.body.appendChild(region);
  }
  return region;
}

export function showFlag(frame: Frame, flag: WireFlag): void {
  if (!flag || !flag.id) throw new BridgeError('"id" must be defined in flag options');
  const id = flag.id;
  closeFlag(id);
  const type = flag.appearance ?? flag.type ?? 'info';
  const bold = Boolean(flag.appearance);
  const el = document.createElement('div');
  el.className = `flag flag-${type}${bold ? ' flag-bold' : ''}`;
  el.dataset.flagId = id;
  el.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
  el.setAttribute('aria-live', type === 'error' || type === 'warning' ? 'assertive' : 'polite');

  const icon = document.createElement('span');
  icon.className = 'flag-icon';
  icon.innerHTML = FLAG_ICONS[type] ?? FLAG_ICONS.info ?? '';
  el.appendChild(icon);

  const body = document.createElement('div');
  body.className = 'flag-body';
  if (flag.title) {
    const title = document.createElement('div');
    title.className = 'flag-title';
    title.textContent = flag.title;
    body.appendChild(title);
  }
  if (flag.description) {
    const description = document.createElement('div');
    description.className = 'flag-description';
    description.textContent = flag.description;
    body.appendChild(description);
  }
  if (flag.actions?.length) {
    const actions = document.createElement('div');
    actions.className = 'flag-actions';
    flag.actions.forEach((action, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'flag-action';
      button.textContent = action.text;
      button.addEventListener('click', () =>
        postTo(frame, { forgeLocal: 1, kind: 'event', type: 'flagAction', flagId: id, index }),
      );
      actions.appendChild(button);
    });
    body.appendChild(actions);
  }
  el.appendChild(body);

  // Bold flags have no dismiss button in Jira: they need an action.
  if (!bold) {
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'flag-close';
    close.setAttribute('aria-label', flag.title ? `Dismiss: ${flag.title}` : 'Dismiss');
    close.innerHTML =
      '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 7l10 10M17 7L7 17" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
    close.addEventListener('click', () => closeFlag(id));
    el.appendChild(close);
  }

  flagsRegion().prepend(el);
  if (flag.isAutoDismiss === true) {
    flagTimers.set(
      id,
      window.setTimeout(() => closeFlag(id), FLAG_AUTO_DISMISS_MS),
    );
  }
}

export function closeFlag(id: string): boolean {
  const timer = flagTimers.get(id);
  if (timer !== undefined) window.clearTimeout(timer);
  flagTimers.delete(id);
  const el = document.querySelector<HTMLElement>(`.flag[data-flag-id="${CSS.escape(id)}"]`);
  if (!el) return false;
  el.remove();
  return true;
}
