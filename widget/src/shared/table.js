// The data behind the map as an HTML table: caption, column headers, one row per territory at
// the level, "n.d." where the value is not available. Each name is a button that selects the
// territory, which makes every territory reachable with the keyboard.
import { h } from './dom.js';
import { formatValue, levelName, mapTitle, isNumeric } from './format.js';

export function dataTable(def, level, values, onChoose) {
  const unit = isNumeric(def) && def.unit ? ` (${def.unit})` : '';
  const rows = values.map((v) => h('tr', {},
    h('th', { scope: 'row' }, h('button', { type: 'button', class: 'atlas-link', 'data-code': v.code,
      onclick: () => onChoose(v.code) }, v.nom)),
    h('td', {}, v.code),
    h('td', { class: 'atlas-num' }, v.value === null || v.value === undefined ? 'n.d.' : formatValue(v.value, def))));
  return h('table', { class: 'atlas-table' },
    h('caption', {}, `${mapTitle(def, level)} — ${values.length} ${levelName(level, values.length > 1)}`),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Territoire'),
      h('th', { scope: 'col' }, 'Code'),
      h('th', { scope: 'col' }, `Valeur${unit}`))),
    h('tbody', {}, rows));
}
