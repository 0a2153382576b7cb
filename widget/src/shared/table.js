// The data behind the map as an HTML table: caption, column headers, one row per territory at
// the level, "n.d." where the value is not available. Each name is a button that selects the
// territory, which makes every territory reachable with the keyboard.
//
// A level with many territories (35,000 communes) gets a filter by name or code and its rows
// a page at a time: building every row at once froze the page for seconds, and nobody reads
// 35,000 rows without looking for one.
import { h, uid } from './dom.js';
import { formatNumber, formatValue, levelName, mapTitle, isNumeric, partialMark } from './format.js';

export const PAGE = 200;

/** Lower case without accents, so that "eveux" finds "Éveux". */
function fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function dataTable(def, level, values, onChoose) {
  const unit = isNumeric(def) && def.unit ? ` (${def.unit})` : '';
  const row = (v) => h('tr', {},
    h('th', { scope: 'row' }, h('button', { type: 'button', class: 'atlas-link', 'data-code': v.code,
      onclick: () => onChoose(v.code) }, v.nom)),
    h('td', {}, v.code),
    h('td', { class: 'atlas-num' }, v.value === null || v.value === undefined ? 'n.d.' : formatValue(v.value, def) + partialMark(v)));
  const tbody = h('tbody', {});
  const table = h('table', { class: 'atlas-table' },
    h('caption', {}, `${mapTitle(def, level)} — ${formatNumber(values.length)} ${levelName(level, values.length > 1)}`),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Territoire'),
      h('th', { scope: 'col' }, 'Code'),
      h('th', { scope: 'col' }, `Valeur${unit}`))),
    tbody);
  if (values.length <= PAGE) {
    tbody.append(...values.map(row));
    return table;
  }

  const keys = values.map((v) => `${fold(v.nom)} ${v.code.toLowerCase()}`);
  let matching = values;
  let shown = PAGE;
  const status = h('p', { class: 'atlas-table-status', role: 'status' });
  const more = h('button', { type: 'button', class: 'atlas-more', onclick: () => { shown += PAGE; render(); } },
    `Afficher ${PAGE} lignes de plus`);
  const filterId = uid('atlas-filter');
  const filter = h('input', { type: 'search', id: filterId, class: 'atlas-filter', autocomplete: 'off',
    oninput: () => {
      const wanted = fold(filter.value.trim());
      matching = wanted ? values.filter((v, i) => keys[i].includes(wanted)) : values;
      shown = PAGE;
      render();
    } });
  function render() {
    tbody.replaceChildren(...matching.slice(0, shown).map(row));
    const n = Math.min(shown, matching.length);
    status.textContent = `${formatNumber(n)} ${n > 1 ? 'lignes affichées' : 'ligne affichée'} sur `
      + `${formatNumber(matching.length)}${matching.length < values.length ? ` (filtre « ${filter.value.trim()} »)` : ''}`;
    more.hidden = shown >= matching.length;
  }
  render();
  return h('div', { class: 'atlas-table-pages' },
    h('label', { for: filterId }, `Filtrer les ${levelName(level, true)} par nom ou code`), ' ', filter,
    status, table, more);
}
