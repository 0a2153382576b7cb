// The legend of a generated choropleth, from the style's own "atlas:legend" metadata: class
// bounds in French number format (readable without colour), counts, and "non disponible".
import { h } from './dom.js';
import { formatNumber, NOT_AVAILABLE, isNumeric } from './format.js';

/**
 * @param style the generated style (/styles/choropleth/{id}.json?level=…)
 * @param def the indicator (/api/indicators/{id})
 * @param values the rows of /values at the level, to count "non disponible"
 */
export function legend(style, def, level, values) {
  const meta = style.metadata ?? {};
  const entry = (meta['atlas:legend'] ?? []).find((e) => e.level === level) ?? meta['atlas:legend']?.[0];
  const missing = values.filter((v) => v.value === null || v.value === undefined).length;
  const unit = isNumeric(def) && def.unit ? ` (${def.unit})` : '';
  const items = (entry?.classes ?? []).map((c) => h('li', { class: 'atlas-legend-class' },
    h('span', { class: 'atlas-swatch', style: { background: c.colour }, 'aria-hidden': 'true' }),
    h('span', { class: 'atlas-legend-label' }, classLabel(c)),
    c.count !== undefined ? h('span', { class: 'atlas-legend-count' }, ` (${c.count})`) : null));
  items.push(h('li', { class: 'atlas-legend-class atlas-legend-na' },
    h('span', { class: 'atlas-swatch', style: { background: meta['atlas:not-available'] ?? '#c8c8c8' }, 'aria-hidden': 'true' }),
    h('span', { class: 'atlas-legend-label' }, NOT_AVAILABLE),
    h('span', { class: 'atlas-legend-count' }, ` (${missing})`)));
  return h('div', { class: 'atlas-legend' },
    h('p', { class: 'atlas-legend-title' }, `Légende${unit}`),
    h('ul', { class: 'atlas-legend-list' }, items));
}

function classLabel(c) {
  if ('key' in c) return c.label ?? String(c.key);
  return `de ${formatNumber(c.from)} à ${formatNumber(c.to)}`;
}
