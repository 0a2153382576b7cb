// The legend of a generated choropleth, from the style's own "atlas:legend" metadata: class
// bounds in French number format (readable without colour), counts, and "non disponible".
import { h } from './dom.js';
import { formatNumber, NOT_AVAILABLE, isNumeric } from './format.js';

/**
 * @param style the generated style (/styles/choropleth/{id}.json?level=…)
 * @param def the indicator (/api/indicators/{id})
 */
export function legend(style, def, level) {
  const meta = style.metadata ?? {};
  if (meta['atlas:bivariate']) return bivariateLegend(meta['atlas:bivariate'], meta);
  const entry = (meta['atlas:legend'] ?? []).find((e) => e.level === level) ?? meta['atlas:legend']?.[0];
  // counted by the server: a legend downloads no values
  const missing = entry?.missing ?? 0;
  const unit = isNumeric(def) && def.unit ? ` (${def.unit})` : '';
  if (entry?.symbols) return symbolLegend(entry.symbols, unit, meta, missing);
  const items = (entry?.classes ?? []).map((c) => h('li', { class: 'atlas-legend-class' },
    h('span', { class: 'atlas-swatch', style: { background: c.colour }, 'aria-hidden': 'true' }),
    h('span', { class: 'atlas-legend-label' }, classLabel(c)),
    c.count !== undefined ? h('span', { class: 'atlas-legend-count' }, ` (${c.count})`) : null));
  items.push(notAvailable(meta, missing));
  const method = METHODS[entry?.method];
  return h('div', { class: 'atlas-legend' },
    h('p', { class: 'atlas-legend-title' }, `Légende${unit}`),
    h('ul', { class: 'atlas-legend-list' }, items),
    method ? h('p', { class: 'atlas-legend-method' }, `Classes : ${method}`) : null);
}

const SVG = 'http://www.w3.org/2000/svg';

/** Proportional circles: three reference circles nested at their bottom, each value beside its circle's top. */
function symbolLegend(symbols, unit, meta, missing) {
  const refs = symbols.references ?? [];
  const r = Math.max(...refs.map((c) => c.radius), 4);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'atlas-legend-circles');
  let labelY = -Infinity;
  const base = 2 * r + 8; // the circles' common bottom, below a margin for the first value's text
  let bottom = base;
  for (const c of refs) {
    const top = base - 2 * c.radius;
    const circle = document.createElementNS(SVG, 'circle');
    circle.setAttribute('cx', String(r + 1));
    circle.setAttribute('cy', String(base - c.radius));
    circle.setAttribute('r', String(c.radius));
    circle.setAttribute('fill', 'none');
    circle.setAttribute('stroke', '#444');
    // each value level with its circle's top, and at least a line below the previous one
    labelY = Math.max(top + 4, labelY + 14);
    bottom = Math.max(bottom, labelY + 4);
    const tick = document.createElementNS(SVG, 'line');
    tick.setAttribute('x1', String(r + 1));
    tick.setAttribute('x2', String(2 * r + 8));
    tick.setAttribute('y1', String(top));
    tick.setAttribute('y2', String(labelY - 4));
    tick.setAttribute('stroke', '#767676');
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('x', String(2 * r + 12));
    text.setAttribute('y', String(labelY));
    text.setAttribute('font-size', '12');
    text.textContent = formatNumber(c.value);
    svg.append(circle, tick, text);
  }
  svg.setAttribute('width', String(2 * r + 110));
  svg.setAttribute('height', String(Math.ceil(bottom)));
  const described = refs.map((c) => formatNumber(c.value)).join(', ');
  return h('div', { class: 'atlas-legend' },
    h('p', { class: 'atlas-legend-title' }, `Légende${unit}`),
    h('p', { class: 'atlas-sr' }, `Cercles proportionnels à la valeur ; cercles de référence : ${described}.`),
    svg,
    h('p', { class: 'atlas-legend-method' }, 'Surface des cercles proportionnelle à la valeur'),
    h('ul', { class: 'atlas-legend-list' }, notAvailable(meta, missing)));
}

/** The legend's "non disponible" item, with how many territories have no value. */
function notAvailable(meta, missing) {
  return h('li', { class: 'atlas-legend-class atlas-legend-na' },
    h('span', { class: 'atlas-swatch', style: { background: meta['atlas:not-available'] ?? '#c8c8c8' }, 'aria-hidden': 'true' }),
    h('span', { class: 'atlas-legend-label' }, NOT_AVAILABLE),
    h('span', { class: 'atlas-legend-count' }, ` (${missing})`));
}

/** How the classes were cut (the server's ?method=), in the words of a statistical map's legend. */
export const METHODS = {
  quantile: 'quantiles (effectifs égaux)',
  equal: 'intervalles égaux',
  jenks: 'seuils naturels (Jenks)',
  stddev: 'écarts à la moyenne',
};

function classLabel(c) {
  if ('key' in c) return c.label ?? String(c.key);
  // a class of one value (zero monuments, 100 %): the value alone
  if (c.from === c.to) return formatNumber(c.from);
  return `de ${formatNumber(c.from)} à ${formatNumber(c.to)}`;
}

/**
 * The range shown at a row or column (0, 1, 2) of the square: "de 15,2 à 104,8". An indicator
 * with fewer than three classes has them at the ends (the server's BivariateStyle.Axis.spread).
 */
function third(axis, position) {
  const k = Math.max(1, axis.breaks.length - 1);
  const i = k === 3 ? position : k === 2 ? { 0: 0, 2: 1 }[position] : position === 0 ? 0 : undefined;
  return i === undefined ? '' : classLabel({ from: axis.breaks[i], to: axis.breaks[i + 1] });
}

/**
 * The row or column (0, 1, 2) of a value on a crossed indicator's axis, as the server's style
 * draws it (BivariateStyle.Axis.third): a value equal to a break in the lower third, and an
 * indicator of fewer than three classes at the ends.
 */
export function bivariatePosition(axis, value) {
  const k = Math.max(1, axis.breaks.length - 1);
  let i = 0;
  while (i < k - 1 && value > axis.breaks[i + 1]) i++;
  return k === 1 ? 0 : k === 2 ? 2 * i : i;
}

/** Dark ink on light cells, white on dark ones: the counts keep a 4.5:1 contrast. */
function inkOn(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  // 0.197: where #161616 and white give the same contrast
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.197 ? '#161616' : '#ffffff';
}

/**
 * The square legend of a bivariate map: three columns of x, three rows of y (the highest on top),
 * each cell with its count; readable without colour, as a table.
 */
function bivariateLegend(b, meta) {
  const rows = [2, 1, 0].map((row) => h('tr', {},
    h('th', { scope: 'row', class: 'atlas-num' }, third(b.y, row)),
    [0, 1, 2].map((column) => h('td', { class: 'atlas-bivariate-cell', style: { background: b.colours[row][column], color: inkOn(b.colours[row][column]) },
      title: `${b.counts[row][column]} ${b.counts[row][column] > 1 ? 'territoires' : 'territoire'}` }, String(b.counts[row][column])))));
  const unit = (axis) => (axis.unit ? ` (${axis.unit})` : '');
  return h('div', { class: 'atlas-legend atlas-legend-bivariate' },
    h('p', { class: 'atlas-legend-title' }, 'Légende : deux indicateurs croisés'),
    h('table', { class: 'atlas-bivariate' },
      h('caption', { class: 'atlas-sr' }, `Nombre de territoires selon le tiers de « ${b.x.label} » (colonnes) et de « ${b.y.label} » (lignes)`),
      h('thead', {}, h('tr', {}, h('td', {}), [0, 1, 2].map((column) => h('th', { scope: 'col', class: 'atlas-small' },
        third(b.x, column))))),
      h('tbody', {}, rows)),
    h('p', { class: 'atlas-legend-method' }, `→ ${b.x.label}${unit(b.x)}, en colonnes ; ↑ ${b.y.label}${unit(b.y)}, en lignes. `
      + 'Trois classes par quantiles de chaque indicateur (des valeurs égales peuvent les déséquilibrer) ; plus la couleur est foncée, plus les deux sont élevés.'),
    h('ul', { class: 'atlas-legend-list' }, notAvailable(meta, b.missing)));
}
