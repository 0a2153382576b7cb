// Two indicators crossed, for the homepage and the widget: the scatter plot beside the bivariate
// map (/api/cross), a sentence that
// reads the correlation in plain French, the territories furthest from the trend named, and the
// points as a table for screen readers. The plot and the map are linked: a point hovered or
// reached with the arrows outlines its territory on the map, a territory hovered on the map
// marks its point, and the selected one is ringed.
import { h, uid } from './dom.js';
import { formatNumber, formatValue, levelName } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 240;
const M = { left: 48, right: 10, top: 10, bottom: 30 };
const OUTLIERS = 3;
/**
 * A scatter plot of more points than this would be a blot (and its JSON megabytes): the commune
 * level is crossed on the map and in figures only (/api/cross?points=false).
 */
export const MAX_POINTS = 2000;

/** An axis's name, cut to what the plot's width holds (the table and the sentence give it whole). */
const axisName = (label) => (label.length > 42 ? `${label.slice(0, 40)}…` : label);

function svg(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The strength of a correlation in words; a coefficient near zero says there is no trend. */
function strength(r) {
  const a = Math.abs(r);
  return a < 0.1 ? null : a < 0.3 ? 'faible' : a < 0.5 ? 'modéré' : a < 0.7 ? 'assez fort' : 'fort';
}

/** A coefficient in French, or "non calculable" (an indicator that does not vary). */
const coefficient = (v) => (v == null ? 'non calculable' : formatNumber(v));

/**
 * What the crossing shows, in one or two sentences: the direction and strength of the trend
 * (Spearman's ρ, which a few very large territories do not make), the coefficients, and that a
 * correlation is not a cause. A ρ within what chance gives n territories (|ρ| < 1.96 / √(n − 1),
 * the 5 % level of the test of no correlation) is read as no clear trend: 17 régions with
 * ρ = 0.34 say nothing.
 */
export function readCorrelation(cross) {
  const x = `« ${cross.x.label} »`;
  const y = `« ${cross.y.label} »`;
  const rho = cross.spearman;
  const territories = levelName(cross.level, true);
  const chance = 1.96 / Math.sqrt(Math.max(cross.n - 1, 1));
  const words = rho == null || Math.abs(rho) < chance ? null : strength(rho);
  let trend;
  if (rho == null) {
    trend = `Le lien entre ${x} et ${y} ne se mesure pas : l’un des deux a la même valeur partout.`;
  } else if (words) {
    trend = `Lien ${words} : les ${territories} où ${x} est plus élevé ont en général ${rho > 0 ? 'plus' : 'moins'} de ${y}.`;
  } else {
    trend = `Pas de lien net entre ${x} et ${y} sur ces ${formatNumber(cross.n)} ${territories} : ce qui s’en voit est à la portée du hasard.`;
  }
  const figures = `ρ de Spearman ${coefficient(rho)}, r de Pearson ${coefficient(cross.pearson)}, ${formatNumber(cross.n)} ${levelName(cross.level, cross.n > 1)}.`;
  return `${trend} (${figures}) Une corrélation ne dit pas que l’un explique l’autre.`;
}

/** The territories furthest from the least-squares line (the largest residuals). */
function outliers(cross) {
  const { slope, intercept } = cross.line;
  if (slope == null) return [];
  return [...cross.points].map((p) => ({ p, d: Math.abs(p.y - (slope * p.x + intercept)) }))
    .sort((a, b) => b.d - a.d).slice(0, OUTLIERS).map((o) => o.p);
}

/**
 * @param cross the answer of /api/cross
 * @param colourOf (point) => its colour on the bivariate map
 * @param onHover (code | null) => outline it on the map
 * @param onChoose (code) => select it
 */
export function crossView(cross, { colourOf, onHover, onChoose, heading = 'h2' }) {
  const xs = cross.points.map((p) => p.x);
  const ys = cross.points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (v) => M.left + ((v - x0) / (x1 - x0 || 1)) * (W - M.left - M.right);
  const sy = (v) => H - M.bottom - ((v - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const dx = { kind: 'rate', unit: cross.x.unit };
  const dy = { kind: 'rate', unit: cross.y.unit };

  const plot = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'atlas-scatter', role: 'group', tabindex: 0,
    'aria-label': `Nuage de points : ${cross.x.label} (horizontal) et ${cross.y.label} (vertical). Flèches gauche et droite pour parcourir les territoires, Entrée pour choisir.` });
  const frame = { x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom };
  const clip = uid('atlas-scatter-clip');
  const clipPath = svg('clipPath', { id: clip });
  clipPath.append(svg('rect', frame));
  plot.append(clipPath, svg('rect', { ...frame, class: 'atlas-scatter-frame' }));
  for (const [v, anchor] of [[x0, 'start'], [x1, 'end']]) {
    const t = svg('text', { x: sx(v), y: H - M.bottom + 14, 'text-anchor': anchor, class: 'atlas-scatter-tick' });
    t.textContent = formatNumber(v);
    plot.append(t);
  }
  for (const v of [y0, y1]) {
    const t = svg('text', { x: M.left - 4, y: sy(v) + 4, 'text-anchor': 'end', class: 'atlas-scatter-tick' });
    t.textContent = formatNumber(v);
    plot.append(t);
  }
  const xLabel = svg('text', { x: (M.left + W - M.right) / 2, y: H - 4, 'text-anchor': 'middle', class: 'atlas-scatter-axis' });
  xLabel.textContent = `${axisName(cross.x.label)} →`;
  const yLabel = svg('text', { x: 0, y: 0, transform: `translate(10 ${(M.top + H - M.bottom) / 2}) rotate(-90)`,
    'text-anchor': 'middle', class: 'atlas-scatter-axis' });
  yLabel.textContent = `${axisName(cross.y.label)} →`;
  plot.append(xLabel, yLabel);
  if (cross.line.slope != null) {
    plot.append(svg('line', { x1: sx(x0), y1: sy(cross.line.slope * x0 + cross.line.intercept),
      x2: sx(x1), y2: sy(cross.line.slope * x1 + cross.line.intercept), class: 'atlas-scatter-trend',
      'clip-path': `url(#${clip})` }));
  }
  const dots = new Map();
  for (const p of cross.points) {
    const dot = svg('circle', { cx: sx(p.x), cy: sy(p.y), r: 3.5, fill: colourOf(p), class: 'atlas-scatter-point', 'data-code': p.code });
    dots.set(p.code, dot);
    plot.append(dot);
  }
  const named = outliers(cross);
  for (const p of named) {
    // above the point, or below it at the top of the frame
    const y = sy(p.y) - 6 > M.top + 10 ? sy(p.y) - 6 : sy(p.y) + 14;
    const t = svg('text', { x: sx(p.x) + (sx(p.x) > W / 2 ? -6 : 6), y, 'text-anchor': sx(p.x) > W / 2 ? 'end' : 'start',
      class: 'atlas-scatter-name', 'aria-hidden': 'true' });
    t.textContent = p.nom;
    plot.append(t);
  }
  const label = h('p', { class: 'atlas-scatter-label' });
  // what the arrows reach is said to screen readers; what the mouse passes over is not
  const spoken = h('p', { class: 'atlas-sr', 'aria-live': 'polite' });

  let hovered = null;
  let selected = null;
  function mark(kind, code, previous) {
    if (previous) dots.get(previous)?.classList.remove(`atlas-scatter-${kind}`);
    const dot = code ? dots.get(code) : null;
    if (dot) {
      dot.classList.add(`atlas-scatter-${kind}`);
      dot.parentNode.append(dot); // drawn over the others
    }
  }
  function describe(p) {
    return `${p.nom} : ${formatValue(p.x, dx)} ; ${formatValue(p.y, dy)}`;
  }
  /** A point hovered or reached with the keyboard; null: none. */
  function hover(code, { fromMap = false } = {}) {
    mark('hover', code, hovered);
    hovered = code;
    const p = code ? cross.points.find((q) => q.code === code) : null;
    label.textContent = p ? describe(p) : '';
    if (!fromMap) onHover(code);
  }

  plot.addEventListener('pointermove', (e) => {
    const target = e.target.closest?.('.atlas-scatter-point');
    if (target) hover(target.dataset.code);
  });
  plot.addEventListener('pointerleave', () => hover(null));
  plot.addEventListener('click', (e) => {
    const target = e.target.closest?.('.atlas-scatter-point');
    if (target) onChoose(target.dataset.code);
  });
  // the keyboard walks the points from left to right
  const order = [...cross.points].sort((a, b) => a.x - b.x || a.y - b.y).map((p) => p.code);
  plot.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const i = hovered ? order.indexOf(hovered) : -1;
      const next = e.key === 'ArrowRight' ? Math.min(i + 1, order.length - 1) : Math.max(i - 1, 0);
      hover(order[next]);
      spoken.textContent = label.textContent;
    } else if (e.key === 'Enter' && hovered) {
      onChoose(hovered);
    }
  });

  const table = h('details', { class: 'atlas-scatter-table' },
    h('summary', {}, 'Voir les points en tableau'),
    h('table', { class: 'atlas-table' },
      h('caption', {}, `${cross.x.label} et ${cross.y.label}, par ${levelName(cross.level)}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Territoire'),
        h('th', { scope: 'col' }, `${cross.x.label}${cross.x.unit ? ` (${cross.x.unit})` : ''}`),
        h('th', { scope: 'col' }, `${cross.y.label}${cross.y.unit ? ` (${cross.y.unit})` : ''}`))),
      h('tbody', {}, cross.points.map((p) => h('tr', {},
        h('th', { scope: 'row' }, h('button', { type: 'button', class: 'atlas-link', onclick: () => onChoose(p.code) }, p.nom)),
        h('td', { class: 'atlas-num' }, formatNumber(p.x)), h('td', { class: 'atlas-num' }, formatNumber(p.y)))))));

  const element = h('section', { class: 'atlas-cross', 'aria-label': 'Croisement des deux indicateurs' },
    h(heading, { tabindex: '-1', class: 'atlas-cross-title' }, 'Croisement'),
    h('p', { class: 'atlas-cross-reading' }, readCorrelation(cross)),
    plot, label, spoken,
    named.length ? h('p', { class: 'atlas-small' }, `Les plus éloignés de la tendance : ${named.map((p) => p.nom).join(', ')}.`) : null,
    table);

  return {
    element,
    /** The territory hovered on the map: its point marked. */
    hoverFromMap: (code) => hover(code, { fromMap: true }),
    /** The territory selected: its point ringed. */
    select(code) {
      mark('selected', code, selected);
      selected = code;
    },
  };
}
