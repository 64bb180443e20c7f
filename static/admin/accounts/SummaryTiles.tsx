/**
 * The registry's summary tiles. Each is a toggle button: pressing it applies its filter to the list
 * (shown pressed), pressing it again clears that filter.
 */
import type { RegistryCounts } from '@contract/accounts';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import type { ListView } from './list-query';
import { type Tile, TILES } from './tiles';

export { TILES };

function toneColor(tone: Tile['tone'], value: number): string {
  if (tone === 'danger' && value > 0) return token('color.text.danger');
  if (tone === 'warning' && value > 0) return token('color.text.warning');
  return token('color.text');
}

export function SummaryTiles({
  counts,
  view,
  onChange,
}: {
  counts: RegistryCounts;
  view: ListView;
  onChange: (next: ListView) => void;
}) {
  return (
    <div
      role="group"
      aria-label="Registry summary"
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(118px, 1fr))',
        gap: token('space.150'),
      }}
    >
      {TILES.map((t) => {
        const value = t.value(counts);
        const pressed = t.pressed(view);
        return (
          <button
            key={t.key}
            type="button"
            aria-pressed={pressed}
            data-testid={`tile-${t.key}`}
            onClick={() => onChange(t.press(view))}
            style={{
              textAlign: 'start',
              cursor: 'pointer',
              border: `${pressed ? token('border.width.selected') : token('border.width')} solid ${
                pressed ? token('color.border.selected') : token('color.border')
              }`,
              borderRadius: token('radius.medium'),
              // Same outer size pressed or not: the thicker border eats into the padding.
              padding: pressed
                ? `calc(${token('space.100')} - 1px) calc(${token('space.200')} - 1px)`
                : `${token('space.100')} ${token('space.200')}`,
              background: pressed ? token('color.background.selected') : token('elevation.surface'),
              color: token('color.text'),
            }}
          >
            <span
              style={{
                display: 'block',
                font: token('font.heading.medium'),
                color: toneColor(t.tone, value),
              }}
            >
              {value.toLocaleString('en-GB')}
            </span>
            <Text size="small" color={pressed ? 'color.text.selected' : 'color.text.subtle'}>
              {t.label}
            </Text>
          </button>
        );
      })}
    </div>
  );
}
