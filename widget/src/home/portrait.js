// The homepage's portrait of a territory: every indicator it has, as a small bar chart of the
// territory against its nearest parent and France; and two territories side by side.
import { h } from '../shared/dom.js';
import { coverageNote, formatValue, levelName, isNumeric } from '../shared/format.js';

const PARENTS = ['departement', 'region', 'epci'];

function nearestParent(portrait, entry) {
  for (const level of PARENTS) {
    if (portrait.parents?.[level] && entry.parentValues && level in entry.parentValues) {
      return { nom: portrait.parents[level].nom, value: entry.parentValues[level], coverage: entry.parentCoverage?.[level] };
    }
  }
  return null;
}

/** Bars of comparable values; the numbers are written beside them, so colour is not needed. */
function bars(rows, def) {
  const max = Math.max(...rows.map((r) => Math.abs(r.value ?? 0)), 0) || 1;
  return h('ul', { class: 'atlas-bars' }, rows.map((r) => h('li', { class: `atlas-bar-row atlas-bar-${r.kind}` },
    h('span', { class: 'atlas-bar-name' }, r.nom),
    h('span', { class: 'atlas-bar-track', 'aria-hidden': 'true' },
      h('span', { class: 'atlas-bar', style: { width: `${(Math.abs(r.value ?? 0) / max) * 100}%` } })),
    h('span', { class: 'atlas-bar-value' }, formatValue(r.value, def)))));
}

export function portraitView(portrait, defs, { current, onCompare, csvUrl }) {
  const entries = portrait.indicators.filter((e) => defs.has(e.id) && isNumeric(defs.get(e.id)));
  entries.sort((a, b) => (b.id === current) - (a.id === current));
  return h('div', { class: 'atlas-portrait' },
    h('h2', { class: 'atlas-portrait-title' }, portrait.nom, ' ', h('span', { class: 'atlas-muted' }, `(${levelName(portrait.level)} ${portrait.code})`)),
    portrait.population ? h('p', {}, `Population : ${formatValue(portrait.population, { kind: 'count', unit: 'hab.' })}`) : null,
    h('p', {}, h('a', { href: csvUrl, class: 'atlas-csv', download: '' }, 'Télécharger l’indicateur affiché (CSV)')),
    onCompare ? h('button', { type: 'button', class: 'atlas-button', onclick: onCompare }, 'Comparer avec un autre territoire') : null,
    entries.map((e) => {
      const def = defs.get(e.id);
      const parent = nearestParent(portrait, e);
      // names are cut to the bar's width: what is partial is said below the bars, in full
      const rows = [{ nom: portrait.nom, value: e.value, kind: 'self' }];
      if (parent) rows.push({ nom: parent.nom, value: parent.value, kind: 'parent' });
      if (e.france?.value != null) rows.push({ nom: 'France', value: e.france.value, kind: 'france' });
      return h('section', { class: `atlas-chart${e.id === current ? ' atlas-chart-current' : ''}`, 'aria-label': def.label },
        h('h3', {}, def.label), bars(rows, def),
        coverageNote(e.coverage) ? h('p', { class: 'atlas-muted atlas-small atlas-partial' }, `Valeur partielle : ${coverageNote(e.coverage)}.`) : null,
        coverageNote(parent?.coverage) ? h('p', { class: 'atlas-muted atlas-small' }, `${parent.nom}, valeur partielle : ${coverageNote(parent.coverage)}.`) : null,
        e.france?.value != null && coverageNote(e.france.coverage) ? h('p', { class: 'atlas-muted atlas-small' }, `France, valeur partielle : ${coverageNote(e.france.coverage)}.`) : null,
        h('p', { class: 'atlas-muted atlas-small' }, `Source : ${def.source || 'non précisée'}${def.year ? `, ${def.year}` : ''}`));
    }));
}

/** Two territories side by side: one row per indicator both have. */
export function comparisonView(a, b, defs, onClose) {
  const bEntries = new Map(b.indicators.map((e) => [e.id, e]));
  const rows = a.indicators.filter((e) => bEntries.has(e.id) && defs.has(e.id)).map((e) => {
    const def = defs.get(e.id);
    const other = bEntries.get(e.id);
    return h('tr', {}, h('th', { scope: 'row' }, def.label),
      h('td', { class: 'atlas-num' }, formatValue(e.value, def)),
      h('td', { class: 'atlas-num' }, formatValue(other.value, def)));
  });
  return h('div', { class: 'atlas-comparison' },
    h('h2', {}, 'Comparaison'),
    h('table', { class: 'atlas-table' },
      h('caption', {}, `${a.nom} et ${b.nom}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Indicateur'),
        h('th', { scope: 'col' }, `${a.nom} (${levelName(a.level)})`), h('th', { scope: 'col' }, `${b.nom} (${levelName(b.level)})`))),
      h('tbody', {}, rows)),
    h('button', { type: 'button', class: 'atlas-button', onclick: onClose }, 'Fermer la comparaison'));
}
