// One widget in one element of a partner page. The legend, the table and the panel come from
// the data API as soon as the widget is created; the map libraries are loaded only when the
// widget nears the viewport, and the map is drawn with the generated choropleth style.
import { AtlasError, createApi } from '../shared/api.js';
import { h, uid } from '../shared/dom.js';
import { formatValue, learnLevels, levelName, mapTitle, partialMark } from '../shared/format.js';
import { describer } from '../shared/describe.js';
import { legend } from '../shared/legend.js';
import { dataTable } from '../shared/table.js';
import { combobox } from '../shared/combobox.js';
import { territoryPanel } from '../shared/panel.js';
import { loadMapLib } from './loader.js';
import { createMap } from './map.js';

const OVERSEAS = [['01', 'Guadeloupe'], ['02', 'Martinique'], ['03', 'Guyane'], ['04', 'La Réunion'], ['06', 'Mayotte']];

/**
 * @param el the element the widget fills
 * @param options { indicator, level, territory, palette, method, classes, height, server, table }
 * @param env { libBase: URL of dist/widget/, server: the atlas's URL from the script's own }
 */
export function createWidget(el, options, env) {
  const opts = { ...options };
  const api = createApi(opts.server || env.server);
  const listeners = new Map();
  const id = uid('atlas-w');
  let data = null; // { def, level, style, describe }
  let pointer = null; // the territory the tooltip is for
  let map = null;
  let mapStarting = null;
  let destroyed = false;
  let observer = null;
  let selected = null;
  let looseLevel = false;

  // --- skeleton: present at once, filled as answers arrive --------------------------------
  const title = h('p', { class: 'atlas-title', id: `${id}-title` }, 'Atlas Culture des territoires');
  const notice = h('div', { class: 'atlas-notice', role: 'alert' });
  const levelSelect = h('select', { id: `${id}-level`, class: 'atlas-select', onchange: () => setLevel(levelSelect.value) });
  const search = combobox({ search: (q) => api.search(q), onChoose: (r) => choose(r) });
  const overseas = h('div', { class: 'atlas-overseas', role: 'group', 'aria-label': 'Outre-mer' },
    h('button', { type: 'button', class: 'atlas-button', onclick: () => map?.fitMetropole() }, 'France entière'),
    OVERSEAS.map(([code, nom]) => h('button', { type: 'button', class: 'atlas-button', onclick: () => zoomTo(code, 'region') }, nom)));
  const tip = h('div', { class: 'atlas-tip', hidden: true });
  const live = h('p', { class: 'atlas-sr', 'aria-live': 'polite' });
  const mapEl = h('div', { class: 'atlas-map', role: 'region', style: { height: opts.height ? `${parseInt(opts.height, 10)}px` : null } });
  const mapBox = h('div', { class: 'atlas-mapbox' }, mapEl, h('div', { class: 'atlas-crosshair', 'aria-hidden': 'true' }), tip,
    h('p', { class: 'atlas-map-status' }, 'Chargement de la carte…'));
  const legendBox = h('div', { class: 'atlas-legend-box' });
  const panel = h('div', { class: 'atlas-panel', 'aria-live': 'polite' });
  const sources = h('p', { class: 'atlas-sources' });
  const tableBox = h('div', { class: 'atlas-table-box', id: `${id}-table`, hidden: true });
  const tableToggle = h('button', { type: 'button', class: 'atlas-button', 'aria-expanded': 'false', 'aria-controls': `${id}-table`,
    onclick: () => showTable(tableBox.hidden) }, 'Voir les données en tableau');

  const root = h('div', { class: 'atlas-w' },
    title, notice,
    h('div', { class: 'atlas-controls' }, search.element,
      h('div', {}, h('label', { for: `${id}-level`, class: 'atlas-label' }, 'Niveau'), levelSelect)),
    h('div', { class: 'atlas-body' }, mapBox, h('div', { class: 'atlas-side' }, legendBox, panel)),
    overseas, sources, live,
    h('div', {}, tableToggle), tableBox);
  el.replaceChildren(root);

  // --- data ---------------------------------------------------------------------------------
  async function loadData() {
    const def = await api.indicator(opts.indicator);
    learnLevels(def.levelLabels);
    // after setIndicator, a level the new indicator lacks falls back to its first one
    const level = opts.level && (def.levels.includes(opts.level) || !looseLevel) ? opts.level : def.levels[0];
    if (!def.levels.includes(level)) {
      throw new AtlasError('bad-request', `L’indicateur « ${def.label} » n’existe pas au niveau « ${level} » ; niveaux possibles : ${def.levels.join(', ')}.`);
    }
    // the France view: the overseas régions as insets beside metropolitan France
    const params = { level, palette: opts.palette, method: opts.method, classes: opts.classes, layout: 'france' };
    // the style only: the map's values are in its tiles, a tooltip asks for its territory, the table for its page
    const style = await api.style(def.id, params);
    return { def, level, style, describe: describer(api, def, level) };
  }

  async function load() {
    notice.replaceChildren();
    root.classList.remove('atlas-failed');
    root.setAttribute('aria-busy', 'true');
    try {
      data = await loadData();
      if (destroyed) return;
      render();
      if (opts.table === true || opts.table === 'true') showTable(true);
      if (map) {
        map.setStyle(data.style, data.level);
      } else {
        watchViewport();
      }
      if (opts.territory) await selectCode(opts.territory);
    } catch (e) {
      fail(e);
    } finally {
      root.removeAttribute('aria-busy');
    }
  }

  function render() {
    const { def, level, style } = data;
    title.textContent = mapTitle(def, level);
    levelSelect.replaceChildren(...def.levels.map((l) => h('option', { value: l, selected: l === level }, levelName(l))));
    legendBox.replaceChildren(legend(style, def, level));
    sources.textContent = `Sources : ${def.source || 'Deps'}${def.year ? `, ${def.year}` : ''} ; fonds IGN Admin Express.`;
    mapEl.setAttribute('aria-label', `Carte : ${mapTitle(def, level)}. Flèches pour se déplacer, + et − pour zoomer, Entrée pour choisir le territoire au centre.`);
    if (!tableBox.hidden) tableBox.replaceChildren(table());
    else tableBox.replaceChildren();
    panel.replaceChildren();
  }

  function showTable(show) {
    tableBox.hidden = !show;
    tableToggle.setAttribute('aria-expanded', String(show));
    tableToggle.textContent = show ? 'Masquer le tableau' : 'Voir les données en tableau';
    // built when first shown: a commune level has 35 000 rows
    if (show && data && !tableBox.firstChild) tableBox.append(table());
  }

  /** The table of the indicator shown, its rows asked for a page at a time. */
  function table() {
    const { def, level } = data;
    return dataTable(def, level, (page) => api.page(def.id, level, page), selectCode);
  }

  /** A message in the widget's box and in the console; never a blank box. */
  function fail(e) {
    const error = e instanceof AtlasError ? e : new AtlasError('bad-request', `Erreur inattendue : ${e.message}`);
    console.error(`Atlas widget (${opts.indicator}) : ${error.message}`);
    let text = error.message;
    if (error.kind === 'not-found' && error.problem?.instance?.includes('/api/indicators/')) {
      const known = error.problem.known ?? [];
      text = `Indicateur « ${opts.indicator} » inconnu.${known.length ? ` Indicateurs disponibles : ${known.join(', ')}.` : ''}`;
    } else if (error.problem?.palettes) {
      text = `Palette « ${opts.palette} » inconnue ; palettes possibles : ${error.problem.palettes.join(', ')}.`;
    }
    if (error.kind === 'unreachable') {
      root.classList.add('atlas-failed');
      notice.replaceChildren(h('p', { class: 'atlas-notice-title' }, 'Carte indisponible'), h('p', {}, text),
        h('button', { type: 'button', class: 'atlas-button', onclick: retry }, 'Réessayer'));
    } else {
      if (!data) root.classList.add('atlas-failed');
      notice.replaceChildren(h('p', { class: 'atlas-notice-title' }, 'Carte non affichée'), h('p', {}, text));
    }
  }

  function retry() {
    if (!data) load();
    else startMap();
  }

  // --- the map, when near the viewport --------------------------------------------------------
  function watchViewport() {
    if (observer || map) return;
    if (!('IntersectionObserver' in window)) { startMap(); return; }
    observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        observer = null;
        startMap();
      }
    }, { rootMargin: '300px' });
    observer.observe(root);
  }

  async function startMap() {
    if (map || mapStarting) return mapStarting;
    notice.replaceChildren();
    mapStarting = (async () => {
      try {
        const lib = await loadMapLib(env.libBase);
        if (destroyed || map) return;
        map = createMap(lib, mapEl, { style: data.style, level: data.level });
        mapBox.classList.add('atlas-ready');
        wireMap();
        map.whenIdle(() => { root.dataset.mapIdle = 'true'; });
        if (selected) map.fit(selected.bbox);
      } catch (e) {
        fail(e);
      } finally {
        mapStarting = null;
      }
    })();
    return mapStarting;
  }

  /**
   * The tooltip of the territory under the pointer (or the centre), once its description is
   * known: at once for a territory seen before, after the server's answer otherwise (unless the
   * pointer has moved on to another one).
   */
  async function showTip(code, point) {
    pointer = code ?? null;
    if (!code) { tip.hidden = true; map?.hover(null); return null; }
    map?.hover(code);
    const { describe } = data;
    let d = describe.known(code);
    if (!d) {
      tip.hidden = true; // not the previous territory's value beside this one while it loads
      d = await describe.get(code);
    }
    if (pointer !== code || describe !== data?.describe || !map) return null;
    if (!d) { tip.hidden = true; return null; }
    tip.replaceChildren(...(d.row ? [h('strong', {}, d.row.nom), h('br'), formatValue(d.row.value, data.def) + partialMark(d.row),
      d.rank ? h('span', { class: 'atlas-muted' }, ` (${d.rank})`) : null] : [d.text]));
    tip.hidden = false;
    const x = Math.min(point.x + 12, mapEl.clientWidth - tip.offsetWidth - 4);
    const y = Math.max(point.y - tip.offsetHeight - 8, 4);
    tip.style.transform = `translate(${Math.max(x, 4)}px, ${y}px)`;
    return d;
  }

  function wireMap() {
    const lf = map.leaflet;
    lf.on('mousemove', (e) => {
      const f = map.featureAt(e.containerPoint);
      mapEl.style.cursor = f ? 'pointer' : '';
      showTip(f?.code, e.containerPoint);
    });
    lf.on('mouseout', () => showTip(null));
    lf.on('click', (e) => {
      const f = map.featureAt(e.containerPoint);
      if (f) selectCode(f.code);
    });
    // keyboard: the territory under the centre (marked by a crosshair) is the focused one
    const atCentre = () => {
      if (!mapEl.matches(':focus-visible')) return;
      map.whenIdle(async () => {
        const code = map.featureAt(map.centre())?.code ?? null;
        const d = await showTip(code, map.centre());
        if (pointer !== code) return; // moved on meanwhile
        live.textContent = d ? d.text : 'Aucun territoire au centre de la carte';
      });
    };
    mapEl.addEventListener('focus', atCentre);
    lf.on('moveend', atCentre);
    mapEl.addEventListener('blur', () => showTip(null));
    mapEl.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      const f = map.featureAt(map.centre());
      if (f) selectCode(f.code, { zoom: false });
    });
  }

  // --- selection ------------------------------------------------------------------------------
  async function selectCode(code, { zoom = true, level = data.level } = {}) {
    let portrait;
    try {
      portrait = await api.territory(level, code);
    } catch (e) {
      if (e.kind === 'not-found') {
        const text = `Territoire « ${code} » introuvable au niveau ${levelName(level)}.`;
        console.warn(`Atlas widget : ${text}`);
        notice.replaceChildren(h('p', {}, text));
        return null;
      }
      fail(e);
      return null;
    }
    selected = portrait;
    notice.replaceChildren();
    if (zoom) map?.fit(portrait.bbox);
    if (level === data.level) map?.select(code);
    panel.replaceChildren(territoryPanel(portrait, data.def, api.csvUrl(data.def.id, level), () => {
      panel.replaceChildren();
      map?.select(null);
      selected = null;
    }));
    const entry = portrait.indicators.find((i) => i.id === data.def.id);
    const detail = { indicator: data.def.id, level, code: portrait.code, nom: portrait.nom, value: entry?.value ?? null };
    emit('select', detail);
    el.dispatchEvent(new CustomEvent('atlas:select', { detail, bubbles: true }));
    return portrait;
  }

  function choose(result) {
    const level = data.def.levels.includes(result.level) ? result.level : data.level;
    if (level === result.level) selectCode(result.code, { level });
    else map?.fit(result.bbox);
  }

  async function zoomTo(code, level) {
    await loading;
    if (!data) return null;
    const portrait = await selectCode(code, { level: level ?? data.level });
    if (portrait && !map && mapStarting === null) watchViewport();
    return portrait;
  }

  function emit(event, detail) {
    for (const fn of listeners.get(event) ?? []) {
      try { fn(detail); } catch (e) { console.error(e); }
    }
  }

  function setLevel(level) {
    opts.level = level;
    loading = load();
    return loading;
  }

  let loading = load();

  return {
    element: el,
    setIndicator(indicator) {
      opts.indicator = indicator;
      looseLevel = true;
      loading = load();
      return loading;
    },
    setLevel,
    zoomTo,
    on(event, fn) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(fn);
      return this;
    },
    off(event, fn) {
      listeners.get(event)?.delete(fn);
      return this;
    },
    /** The Leaflet map once drawn (for tests and advanced pages), else null. */
    get map() { return map?.leaflet ?? null; },
    get state() {
      if (!data) return null;
      const meta = data.style.metadata?.['atlas:legend'] ?? [];
      const entry = meta.find((e) => e.level === data.level) ?? meta[0];
      return { indicator: data.def.id, level: data.level, territories: entry?.territories ?? 0 };
    },
    /** Resolves once the map is drawn (it loads the map libraries if not yet done). */
    async whenMapReady() {
      await loading;
      if (!data) return false;
      await startMap();
      await new Promise((resolve) => (map ? map.whenIdle(resolve) : resolve()));
      return map !== null;
    },
    destroy() {
      destroyed = true;
      observer?.disconnect();
      map?.destroy();
      map = null;
      listeners.clear();
      el.replaceChildren();
      env.onDestroy?.();
    },
  };
}
