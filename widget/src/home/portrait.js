// The homepage's portrait of a territory: every indicator it has, as a small bar chart of the
// territory against its nearest parent and France (a stock as its share of France's total, with
// its rank); and two territories side by side, each value with its rank.
import { h } from '../shared/dom.js';
import { coverageNote, formatValue, levelName, isNumeric, NOT_AVAILABLE, rankText } from '../shared/format.js';

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
function bars(rows) {
  const max = Math.max(...rows.map((r) => Math.abs(r.value ?? 0)), 0) || 1;
  return h('ul', { class: 'atlas-bars' }, rows.map((r) => h('li', { class: `atlas-bar-row atlas-bar-${r.kind}` },
    h('span', { class: 'atlas-bar-name' }, r.nom),
    h('span', { class: 'atlas-bar-track', 'aria-hidden': 'true' },
      h('span', { class: 'atlas-bar', style: { width: `${(Math.abs(r.value ?? 0) / max) * 100}%` } })),
    h('span', { class: 'atlas-bar-value' }, r.text))));
}

/** Stocks that add up over territories: a commune's beside France's total is a bar of nothing. */
const TOTALS = new Set(['count', 'amount']);
const percent = new Intl.NumberFormat('fr-FR', { maximumSignificantDigits: 2 });

/**
 * The rows of an indicator's chart. A rate compares as it is with the parent's and France's;
 * a stock (people, venues, euros) compares as its share of France's total, the parent's share
 * beside it, and its rank says where it stands among its level.
 */
function chartRows(portrait, entry, def, parent) {
  const france = entry.france?.value;
  if (TOTALS.has(def.kind) && france > 0) {
    // a missing value has no share: "non disponible", no bar
    const share = (value) => (value == null ? null : (value * 100) / france);
    const shareText = (value) => (value == null ? NOT_AVAILABLE : `${percent.format(share(value))} %`);
    const rows = [{ nom: portrait.nom, value: share(entry.value), kind: 'self',
      text: entry.value == null ? NOT_AVAILABLE : `${formatValue(entry.value, def)} · ${shareText(entry.value)}` }];
    if (parent) rows.push({ nom: parent.nom, value: share(parent.value), kind: 'parent', text: shareText(parent.value) });
    return rows;
  }
  const rows = [{ nom: portrait.nom, value: entry.value, kind: 'self', text: formatValue(entry.value, def) }];
  if (parent) rows.push({ nom: parent.nom, value: parent.value, kind: 'parent', text: formatValue(parent.value, def) });
  if (france != null) rows.push({ nom: 'France', value: france, kind: 'france', text: formatValue(france, def) });
  return rows;
}

/** "4ᵉ sur 101 départements", or null. */
function rankOf(portrait, entry) {
  const rank = entry.ranks?.[portrait.level];
  return rank ? rankText(rank, portrait.level) : null;
}

/** @param portraitUrl the server's page of the portrait, its link describing the indicator shown */
export function portraitView(portrait, defs, { current, onCompare, csvUrl, portraitUrl }) {
  const entries = portrait.indicators.filter((e) => defs.has(e.id) && isNumeric(defs.get(e.id)));
  entries.sort((a, b) => (b.id === current) - (a.id === current));
  // the population the charts show (the indicator, with its year), so the heading and the chart agree
  const people = portrait.indicators.find((e) => e.id === 'population' && e.value != null);
  const peopleDef = people && defs.get('population');
  return h('div', { class: 'atlas-portrait' },
    h('h2', { class: 'atlas-portrait-title', tabindex: '-1' }, portrait.nom, ' ', h('span', { class: 'atlas-muted' }, `(${levelName(portrait.level)} ${portrait.code})`)),
    peopleDef ? h('p', {}, `${peopleDef.label}${peopleDef.year ? ` (${peopleDef.year})` : ''} : ${formatValue(people.value, peopleDef)}`)
      : portrait.population ? h('p', {}, `Population : ${formatValue(portrait.population, { kind: 'count', unit: 'hab.' })}`) : null,
    h('p', {}, h('a', { href: csvUrl, class: 'atlas-csv', download: '' }, 'Télécharger l’indicateur affiché (CSV)')),
    // the server's page of the same portrait: readable without JavaScript, linkable, printable
    h('p', {}, h('a', { href: portraitUrl, class: 'atlas-portrait-link' }, 'Fiche du territoire (imprimable)')),
    onCompare ? h('button', { type: 'button', class: 'atlas-button', onclick: onCompare }, 'Comparer avec un autre territoire') : null,
    entries.map((e) => {
      const def = defs.get(e.id);
      const parent = nearestParent(portrait, e);
      // names are cut to the bar's width: what is partial is said below the bars, in full
      const rows = chartRows(portrait, e, def, parent);
      const share = TOTALS.has(def.kind) && e.france?.value > 0;
      const rank = rankOf(portrait, e);
      return h('section', { class: `atlas-chart${e.id === current ? ' atlas-chart-current' : ''}`, 'aria-label': def.label },
        h('h3', {}, def.label),
        share ? h('p', { class: 'atlas-muted atlas-small' }, 'Part du total de la France') : null,
        bars(rows),
        rank ? h('p', { class: 'atlas-small' }, `Rang : ${rank}`) : null,
        coverageNote(e.coverage) ? h('p', { class: 'atlas-muted atlas-small atlas-partial' }, `Valeur partielle : ${coverageNote(e.coverage)}.`) : null,
        coverageNote(parent?.coverage) ? h('p', { class: 'atlas-muted atlas-small' }, `${parent.nom}, valeur partielle : ${coverageNote(parent.coverage)}.`) : null,
        e.france?.value != null && coverageNote(e.france.coverage) ? h('p', { class: 'atlas-muted atlas-small' }, `France, valeur partielle : ${coverageNote(e.france.coverage)}.`) : null,
        def.source || def.year ? h('p', { class: 'atlas-muted atlas-small' }, `Source : ${[def.source, def.year].filter(Boolean).join(', ')}`) : null);
    }));
}

/** Two territories side by side: one row per indicator both have. */
export function comparisonView(a, b, defs, onClose) {
  const bEntries = new Map(b.indicators.map((e) => [e.id, e]));
  const rows = a.indicators.filter((e) => bEntries.has(e.id) && defs.has(e.id)).map((e) => {
    const def = defs.get(e.id);
    const other = bEntries.get(e.id);
    // a rank says more than two totals of different sizes, and reads the same for every kind
    const cell = (p, entry) => h('td', { class: 'atlas-num' }, formatValue(entry.value, def),
      rankOf(p, entry) ? h('span', { class: 'atlas-muted atlas-small atlas-block' }, rankOf(p, entry)) : null);
    return h('tr', {}, h('th', { scope: 'row' }, def.label), cell(a, e), cell(b, other));
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
