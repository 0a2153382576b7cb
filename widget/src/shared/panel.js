// The panel of a selected territory: its value and rank, its parents' and France's values,
// then what the indicator is (definition, source, year) and the CSV download.
import { h } from './dom.js';
import { coverageNote, formatValue, levelName, NOT_AVAILABLE, rankText } from './format.js';

const PARENT_ORDER = ['epci', 'departement', 'region'];

/**
 * @param portrait /api/territories/{level}/{code}
 * @param def /api/indicators/{id}
 * @param portraitUrl the territory's portrait page (every indicator, printable)
 */
export function territoryPanel(portrait, def, csvUrl, onClose, portraitUrl) {
  const entry = portrait.indicators.find((i) => i.id === def.id);
  const value = entry?.value ?? null;
  const rank = entry?.ranks?.[portrait.level];
  const compare = [];
  for (const level of PARENT_ORDER) {
    const parent = portrait.parents?.[level];
    if (parent && entry?.parentValues && level in entry.parentValues) {
      compare.push(h('li', {}, `${parent.nom} (${levelName(level)}) : `, h('strong', {}, formatValue(entry.parentValues[level], def)),
        entry.parentCoverage?.[level]?.partial ? h('span', { class: 'atlas-muted' }, ' (partiel)') : null));
    }
  }
  if (entry?.france?.value != null) {
    compare.push(h('li', {}, 'France : ', h('strong', {}, formatValue(entry.france.value, def)),
      h('span', { class: 'atlas-muted' }, ` (${entry.france.method})`)));
  }
  return h('div', { class: 'atlas-panel-body' },
    h('p', { class: 'atlas-panel-title' }, `${portrait.nom} `, h('span', { class: 'atlas-muted' }, `(${levelName(portrait.level)} ${portrait.code})`)),
    h('p', { class: 'atlas-panel-value' }, def.label, ' : ', h('strong', {}, entry ? formatValue(value, def) : `${NOT_AVAILABLE} à ce niveau`),
      coverageNote(entry?.coverage) ? h('span', { class: 'atlas-muted atlas-partial' }, ` (partiel : ${coverageNote(entry.coverage)})`) : null),
    rank ? h('p', {}, `Rang : ${rankText(rank, portrait.level)}`) : null,
    compare.length ? h('ul', { class: 'atlas-compare' }, compare) : null,
    def.source || def.year ? h('p', { class: 'atlas-muted' }, `Source : ${[def.source, def.year].filter(Boolean).join(', ')}`) : null,
    h('details', { class: 'atlas-about' },
      h('summary', {}, 'Définition'),
      h('p', {}, def.definition || 'Pas de définition publiée.')),
    h('p', {}, h('a', { href: csvUrl, class: 'atlas-csv', download: '' }, `Télécharger les données (CSV, ${levelName(portrait.level, true)})`)),
    // a new tab: inside a partner's iframe the page may not be framed (frame-ancestors 'self')
    portraitUrl ? h('p', {}, h('a', { href: portraitUrl, class: 'atlas-portrait-link', target: '_blank', rel: 'noopener' },
      `Fiche du territoire : ${portrait.nom}`, h('span', { class: 'atlas-sr' }, ' (nouvel onglet)'))) : null,
    onClose ? h('button', { type: 'button', class: 'atlas-button', onclick: onClose }, 'Fermer') : null);
}
