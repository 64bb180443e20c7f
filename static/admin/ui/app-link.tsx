import type { MouseEvent, ReactNode } from 'react';
import { token } from '@atlaskit/tokens';
import { useRouter } from '../../shared/router';

/**
 * A link to an app path: a real `<a href>` (middle-click, copy link and screen readers see a link),
 * routed through the host history on a plain click.
 */
export function AppLink({ to, children, label }: { to: string; children: ReactNode; label?: string }) {
  const { navigate } = useRouter();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a
      href={to}
      onClick={onClick}
      aria-label={label}
      style={{ color: token('color.link'), fontWeight: token('font.weight.medium'), textDecoration: 'none' }}
      className="ia-link"
    >
      {children}
    </a>
  );
}
