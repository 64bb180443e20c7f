import Lozenge from '@atlaskit/lozenge';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import { plural } from '../ui/format';

/**
 * A row's open findings ("2 findings") that open, by click or by keyboard (Tab to it, Enter or Space;
 * Escape closes), into the list of what they are: a native disclosure (`<details>`), not a hover-only
 * tooltip. The list floats over the rows below, so the narrow column does not break the words. The
 * names are in its accessible name too, so a screen reader hears them on the way past.
 */
export function FindingsBadge({ labels, severe }: { labels: string[]; severe: boolean }) {
  const count = plural(labels.length, 'finding');
  return (
    <details
      style={{ position: 'relative' }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && e.currentTarget.open) {
          e.currentTarget.open = false;
          e.currentTarget.querySelector('summary')?.focus();
        }
      }}
    >
      <summary
        aria-label={`${count}: ${labels.join(', ')}`}
        title={labels.join('\n')}
        style={{ cursor: 'pointer', minHeight: 24, minWidth: 24 }}
      >
        <Lozenge appearance={severe ? 'removed' : 'moved'}>{count}</Lozenge>
      </summary>
      <ul
        style={{
          position: 'absolute',
          insetInlineEnd: 0,
          zIndex: 1,
          width: 260,
          margin: `${token('space.050')} 0 0`,
          padding: `${token('space.100')} ${token('space.150')} ${token('space.100')} ${token('space.300')}`,
          background: token('elevation.surface.overlay'),
          boxShadow: token('elevation.shadow.overlay'),
          borderRadius: token('radius.medium'),
        }}
      >
        {labels.map((label) => (
          <li key={label}>
            <Text size="small">{label}</Text>
          </li>
        ))}
      </ul>
    </details>
  );
}
