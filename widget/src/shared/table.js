// The data behind the map as an HTML table: caption, column headers, one row per territory at
// the level, "n.d." where the value is not available. Each name is a button that selects the
// territory, which makes every territory reachable with the keyboard.
//
// Rows come from the server a page at a time (35,000 communes are megabytes of JSON; the table
// loads what it shows). A level of more than a page (the communes, the EPCI) gets a filter by
// name or code, answered by the server too, and "200 more".
import { h, uid } from './dom.js';
import { formatNumber, formatValue, levelName, mapTitle, isNumeric, partialMark } from './format.js';

export const PAGE = 200;

/**
 * @param pages ({ q, offset, limit }) => a page of /api/indicators/{id}/values ({ total, matching, offset, values })
 * @returns the table's element at once; its rows arrive with the first page
 */
export function dataTable(def, level, pages, onChoose) {
  const unit = isNumeric(def) && def.unit ? ` (${def.unit})` : '';
  const row = (v) => h('tr', {},
    h('th', { scope: 'row' }, h('button', { type: 'button', class: 'atlas-link', 'data-code': v.code,
      onclick: () => onChoose(v.code) }, v.nom)),
    h('td', {}, v.code),
    h('td', { class: 'atlas-num' }, v.value === null || v.value === undefined ? 'n.d.' : formatValue(v.value, def) + partialMark(v)));
  const tbody = h('tbody', {});
  const caption = h('caption', {}, mapTitle(def, level));
  const table = h('table', { class: 'atlas-table' }, caption,
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Territoire'),
      h('th', { scope: 'col' }, 'Code'),
      h('th', { scope: 'col' }, `Valeur${unit}`))),
    tbody);
  const box = h('div', { class: 'atlas-table-pages', 'aria-busy': 'true' }, table);
  const failed = (e) => box.replaceChildren(h('p', { role: 'alert' }, `Tableau indisponible : ${e.message}`));

  pages({ offset: 0, limit: PAGE }).then((first) => {
    box.removeAttribute('aria-busy');
    caption.textContent = `${mapTitle(def, level)} — ${formatNumber(first.total)} ${levelName(level, first.total > 1)}`;
    tbody.append(...first.values.map(row));
    if (first.total > PAGE) pager(first);
  }, failed);

  function pager(first) {
    let q = '';
    let shown = first.values.length;
    let matching = first.matching;
    let asked = 0; // the latest request: an older answer arriving late is dropped
    const status = h('p', { class: 'atlas-table-status', role: 'status' });
    const more = h('button', { type: 'button', class: 'atlas-more', onclick: () => load(shown) }, `Afficher ${PAGE} lignes de plus`);
    const filterId = uid('atlas-filter');
    let timer = null;
    const filter = h('input', { type: 'search', id: filterId, class: 'atlas-filter', autocomplete: 'off',
      oninput: () => {
        clearTimeout(timer);
        more.disabled = true;
        timer = setTimeout(() => { q = filter.value.trim(); load(0); }, 150);
      } });
    async function load(offset) {
      const n = ++asked;
      more.disabled = true; // "200 more" of a list being replaced would mix two lists
      let page;
      try {
        page = await pages({ q: q || undefined, offset, limit: PAGE });
      } catch (e) {
        if (n === asked) {
          status.textContent = `Lignes indisponibles : ${e.message}`; // the filter stays, to try again
          more.disabled = false;
        }
        return;
      }
      if (n !== asked) return;
      if (offset === 0) tbody.replaceChildren();
      tbody.append(...page.values.map(row));
      shown = offset + page.values.length;
      matching = page.matching;
      render();
    }
    function render() {
      status.textContent = `${formatNumber(shown)} ${shown > 1 ? 'lignes affichées' : 'ligne affichée'} sur `
        + `${formatNumber(matching)}${q ? ` (filtre « ${q} »)` : ''}`;
      more.hidden = shown >= matching;
      more.disabled = false;
    }
    render();
    box.replaceChildren(
      h('label', { for: filterId }, `Filtrer les ${levelName(level, true)} par nom ou code`), ' ', filter,
      status, table, more);
  }
  return box;
}
