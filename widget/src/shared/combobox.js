// Territory search as an ARIA 1.2 combobox (editable, list autocomplete): the input keeps the
// focus, arrows move aria-activedescendant in the listbox, Enter chooses the active option (or
// the first one once the answer arrives), Escape closes, then clears.
import { h, uid } from './dom.js';
import { levelName } from './format.js';

/**
 * @param search (q) => Promise<{results: [{level, code, nom, bbox}]}>
 * @param onChoose (result) => void
 */
export function combobox({ search, onChoose, label = 'Rechercher un territoire' }) {
  const id = uid('atlas-search');
  const input = h('input', { id, type: 'text', class: 'atlas-input', role: 'combobox', autocomplete: 'off',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': `${id}-list`,
    placeholder: 'Commune, département…' });
  const list = h('ul', { id: `${id}-list`, role: 'listbox', class: 'atlas-options', 'aria-label': 'Territoires trouvés', hidden: true });
  const status = h('p', { class: 'atlas-sr', role: 'status' });
  let results = [];
  let active = -1;
  let pending = null;
  let timer = null;

  function open(show) {
    list.hidden = !show;
    input.setAttribute('aria-expanded', String(show));
    if (!show) setActive(-1);
  }

  function setActive(i) {
    active = i;
    [...list.children].forEach((li, n) => li.setAttribute('aria-selected', String(n === i)));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `${id}-opt-${i}`);
      list.children[i].scrollIntoView?.({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function render() {
    list.replaceChildren(...results.map((r, i) => h('li', { id: `${id}-opt-${i}`, role: 'option', 'aria-selected': 'false',
      class: 'atlas-option', onmousedown: (e) => { e.preventDefault(); choose(i); } },
    r.nom, h('span', { class: 'atlas-option-level' }, ` — ${levelName(r.level)} ${r.code}`))));
    status.textContent = results.length ? `${results.length} résultat${results.length > 1 ? 's' : ''}` : 'Aucun résultat';
    open(results.length > 0);
  }

  function lookup() {
    const q = input.value.trim();
    clearTimeout(timer);
    timer = null;
    if (q.length < 2) {
      results = [];
      pending = null;
      open(false);
      return;
    }
    const answer = search(q).then((json) => {
      if (pending === answer) {
        results = json.results;
        render();
      }
      return json.results;
    }, () => {
      status.textContent = 'La recherche ne répond pas';
      return [];
    });
    pending = answer;
  }

  function choose(i) {
    const r = results[i];
    if (!r) return;
    input.value = r.nom;
    open(false);
    onChoose(r);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    // one request per pause in typing, not per key
    timer = setTimeout(lookup, 150);
  });
  input.addEventListener('keydown', async (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden && results.length) open(true);
      const n = results.length;
      if (n) setActive(e.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (active >= 0) { choose(active); return; }
      if (timer) lookup();
      await pending;
      choose(0);
    } else if (e.key === 'Escape') {
      if (!list.hidden) open(false);
      else input.value = '';
    }
  });
  input.addEventListener('blur', () => open(false));

  const element = h('div', { class: 'atlas-combo' },
    h('label', { for: id, class: 'atlas-label' }, label), input, list, status);
  return { element, input };
}
