// One widget in one element of a partner page, inside a shadow root of that element so that the
// page's styles do not reach it. The legend, the table and the panel come from the data API as
// soon as the widget is created; the map libraries are loaded only when the widget nears the
// viewport, and the map is drawn with the generated choropleth style.
//
// Selecting a territory (click, Enter, table) outlines it and never moves the map: the view is
// the user's. The page's territory (data-atlas-territory, zoomTo) is outlined and framed whatever
// its level. API calls run one after the other in the order made, each returning a promise.
import { AtlasError, createApi } from '../shared/api.js';
import { h, uid } from '../shared/dom.js';
import { formatValue, learnLevels, levelName, mapTitle, partialMark } from '../shared/format.js';
import { describer } from '../shared/describe.js';
import { bivariatePosition, legend } from '../shared/legend.js';
import { crossView, MAX_POINTS, readCorrelation } from '../shared/cross.js';
import { dataTable } from '../shared/table.js';
import { combobox } from '../shared/combobox.js';
import { territoryPanel } from '../shared/panel.js';
import { layoutOf } from '../shared/layout.js';
import { versionOf } from '../shared/versions.js';
import { loadMapLib, mapStyles } from './loader.js';
import { createMap } from './map.js';
import { explain, unavailableLevel } from './messages.js';

/** Where the widget goes: a shadow root of the element (or of a <div> in it, for elements that cannot have one). */
function shadowOf(el) {
  if (el.shadowRoot) return el.shadowRoot;
  try {
    return el.attachShadow({ mode: 'open' });
  } catch {
    const host = document.createElement('div');
    el.replaceChildren(host);
    return host.attachShadow({ mode: 'open' });
  }
}

/**
 * @param el the element the widget fills
 * @param options { indicator, level, territory, palette, method, classes, height, server, table }
 * @param env { libBase: URL of dist/widget/, server: the atlas's URL from the script's own, css: the widget's stylesheet }
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
  let selected = null; // the portrait in the panel
  let focus = null; // the page's territory (data-atlas-territory, zoomTo): its portrait
  let pendingView = null; // how to frame the page's territory once the map is drawn
  let selections = 0; // the last selection asked for wins
  let looseLevel = false;
  let pointerFocus = false; // the map was focused by a click, not by the keyboard
  const shadow = shadowOf(el);

  // --- skeleton: present at once, filled as answers arrive --------------------------------
  const title = h('p', { class: 'atlas-title', id: `${id}-title` }, 'Atlas Culture des territoires');
  const notice = h('div', { class: 'atlas-notice', role: 'alert' });
  const levelSelect = h('select', { id: `${id}-level`, class: 'atlas-select', onchange: () => setLevel(levelSelect.value) });
  const search = combobox({ search: (q) => api.search(q), onChoose: (r) => choose(r) });
  const overseas = h('div', { class: 'atlas-overseas', role: 'group', 'aria-label': 'Vues' });
  const tip = h('div', { class: 'atlas-tip', hidden: true });
  const live = h('p', { class: 'atlas-sr', 'aria-live': 'polite' });
  const mapEl = h('div', { class: 'atlas-map', role: 'region', style: { height: opts.height ? `${parseInt(opts.height, 10)}px` : null } });
  const mapBox = h('div', { class: 'atlas-mapbox' }, mapEl, h('div', { class: 'atlas-crosshair', 'aria-hidden': 'true' }), tip,
    h('p', { class: 'atlas-map-status' }, 'Chargement de la carte…'));
  const legendBox = h('div', { class: 'atlas-legend-box' });
  // data-atlas-cross: the sentence that reads the crossing and its scatter plot, linked to the map
  const crossBox = h('div', { class: 'atlas-cross-box' });
  let crossing = null;
  // not a live region: the live region says one sentence per selection, not the whole panel
  const panel = h('div', { class: 'atlas-panel' });
  const sources = h('p', { class: 'atlas-sources' });
  const tableBox = h('div', { class: 'atlas-table-box', id: `${id}-table`, hidden: true });
  const tableToggle = h('button', { type: 'button', class: 'atlas-button', 'aria-expanded': 'false', 'aria-controls': `${id}-table`,
    onclick: () => showTable(tableBox.hidden) }, 'Voir les données en tableau');

  const root = h('div', { class: 'atlas-w' },
    title, notice,
    h('div', { class: 'atlas-controls' }, search.element,
      h('div', {}, h('label', { for: `${id}-level`, class: 'atlas-label' }, 'Niveau'), levelSelect)),
    h('div', { class: 'atlas-body' }, mapBox, h('div', { class: 'atlas-side' }, legendBox, panel, crossBox)),
    overseas, sources, live,
    h('div', {}, tableToggle), tableBox);
  shadow.replaceChildren(h('style', {}, env.css), root);

  // --- data ---------------------------------------------------------------------------------
  async function loadData() {
    const def = await api.indicator(opts.indicator);
    learnLevels(def.levelLabels);
    // after setIndicator, a level the new indicator lacks falls back to its first one
    const level = opts.level && (def.levels.includes(opts.level) || !looseLevel) ? opts.level : def.levels[0];
    if (!def.levels.includes(level)) {
      throw new AtlasError('bad-request', unavailableLevel(def.label, level, def.levels));
    }
    // the France view: the overseas régions as insets beside metropolitan France
    const params = { level, palette: opts.palette, method: opts.method, classes: opts.classes, layout: 'france' };
    // the style only: the map's values are in its tiles, a tooltip asks for its territory, the table for its page
    // crossed with another indicator (data-atlas-cross): the bivariate map of both, its legend square
    const style = opts.cross ? await api.bivariate(def.id, opts.cross, { level, layout: 'france' }) : await api.style(def.id, params);
    const crossed = opts.cross ? style.metadata?.['atlas:bivariate']?.y : null;
    return { def, level, style, crossed, describe: describer(api, def, level) };
  }

  async function load() {
    notice.replaceChildren();
    root.classList.remove('atlas-failed', 'atlas-empty');
    root.setAttribute('aria-busy', 'true');
    try {
      data = await loadData();
      if (destroyed) return null;
      render();
      if (opts.table === true || opts.table === 'true') showTable(true);
      if (map) {
        map.setStyle(data.style, data.level, otherOutline());
      } else {
        watchViewport();
      }
      await showCrossing();
      await showFocus(false);
      return state();
    } catch (e) {
      fail(e);
      return null;
    } finally {
      root.removeAttribute('aria-busy');
    }
  }

  /**
   * Data version `version` published while the page is open (the map has reloaded its tiles):
   * the legend, the map's classes, the texts, the table, the crossing and the selected territory's
   * panel follow it, as a partner's page gives no notice; the visitor's view and selection stay.
   * False when it could not (offline, or a style of the version before): what is shown stays, and
   * the map tells it again on a later move.
   */
  function followVersion(version) {
    return enqueue(async () => {
      try {
        api.forget(version);
        const next = await loadData();
        if (destroyed) return true;
        const named = versionOf(next.style.sources?.indicator?.url);
        if (named && named !== version) return false;
        data = next;
        label();
        // the table's rows of the new version (built again: its filter starts afresh)
        if (tableBox.firstChild) tableBox.replaceChildren(...(tableBox.hidden ? [] : [table()]));
        map.setStyle(data.style, data.level, otherOutline());
        map.hover(pointer);
        const shown = selected;
        const code = shown?.level === data.level ? shown.code : null;
        map.select(code);
        if (crossBox.firstChild) {
          crossing = null;
          crossBox.replaceChildren();
          await showCrossing();
          crossing?.select(code);
          crossing?.hoverFromMap(pointer);
        }
        if (shown) {
          const ticket = selections;
          const portrait = await api.territory(shown.level, shown.code).catch(() => null);
          // unless the visitor chose another territory meanwhile
          if (portrait && ticket === selections && selected === shown && !destroyed) show(portrait, { quiet: true });
        }
        return true;
      } catch (e) {
        console.warn('Atlas : la nouvelle version des données n’a pas pu être lue', e);
        return false;
      }
    });
  }

  /** What the page says of the map: title, level list, legend, sources, insets. */
  function label() {
    const { def, level, style } = data;
    title.textContent = data.crossed ? `${mapTitle(def, level)}, croisé avec ${data.crossed.label}` : mapTitle(def, level);
    levelSelect.replaceChildren(...def.levels.map((l) => h('option', { value: l, selected: l === level }, levelName(l))));
    legendBox.replaceChildren(legend(style, def, level));
    sources.textContent = `Sources : ${def.source || 'Deps'}${def.year ? `, ${def.year}` : ''} ; fonds IGN Admin Express.`;
    mapEl.setAttribute('aria-label', `Carte : ${title.textContent}. Flèches pour se déplacer, + et − pour zoomer, Entrée pour choisir le territoire au centre.`);
    // the composite view's insets (the overseas régions), each a button that frames it
    overseas.replaceChildren(h('button', { type: 'button', class: 'atlas-button', onclick: () => map?.fitMetropole() }, 'France entière'),
      ...(layoutOf(style)?.insets ?? []).map((inset) => h('button', { type: 'button', class: 'atlas-button',
        onclick: () => map?.fitBox(inset.box) }, inset.name)));
  }

  function render() {
    label();
    crossing = null;
    crossBox.replaceChildren();
    if (!tableBox.hidden) tableBox.replaceChildren(table());
    else tableBox.replaceChildren();
    panel.replaceChildren();
    selected = null; // the panel is empty: choosing the same territory again is a new selection
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
    return dataTable(def, level, (page) => api.page(def.id, level, page), (code) => select(code));
  }

  /** A message in French in the widget's box, the server's own words in the console; never a blank box. */
  async function fail(e) {
    console.error(`Atlas widget (${opts.indicator}) : ${e.problem?.detail ?? e.message}`);
    const error = e instanceof AtlasError ? e : new AtlasError('bad-request', 'Erreur inattendue dans la carte ; le détail est dans la console du navigateur.');
    const text = await explain(error, opts, { def: data?.def, catalogue: api.catalogue, builder: `${api.base}/builder/` });
    // nothing to show yet: the message alone, not an empty map, level list and table button
    if (!data) root.classList.add('atlas-empty');
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
    if (!data) enqueue(load);
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
        const [lib] = await Promise.all([loadMapLib(env.libBase), mapStyles(env.libBase, shadow)]);
        if (destroyed || map) return;
        map = createMap(lib, mapEl, { style: data.style, level: data.level, other: otherOutline(), onVersion: followVersion });
        mapBox.classList.add('atlas-ready');
        wireMap();
        map.whenIdle(() => { root.dataset.mapIdle = 'true'; });
        map.select(selected?.level === data.level ? selected.code : null);
        pendingView?.();
        pendingView = null;
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
  /** The crossing's figures and, up to MAX_POINTS territories, its scatter plot. */
  async function showCrossing() {
    const b = data.style.metadata?.['atlas:bivariate'];
    if (!b) return;
    const cross = await api.cross(data.def.id, opts.cross, data.level, { points: b.territories <= MAX_POINTS });
    if (!cross.points) {
      crossBox.replaceChildren(h('p', { class: 'atlas-cross-reading' }, readCorrelation(cross)));
      return;
    }
    crossing = crossView(cross, {
      heading: 'p',
      colourOf: (p) => b.colours[bivariatePosition(b.y, p.y)][bivariatePosition(b.x, p.x)],
      onHover: (code) => map?.hover(code),
      onChoose: (code) => select(code),
    });
    crossBox.replaceChildren(crossing.element);
  }

  async function showTip(code, point) {
    crossing?.hoverFromMap(code ?? null);
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

  /** The map has the focus from the keyboard: the crosshair and the centre's tooltip are for that. */
  const keyboardFocus = () => mapEl.matches(':focus-visible') && !pointerFocus;

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
      if (f) select(f.code);
    });
    // Leaflet focuses its container on a click, which Chromium may show as :focus-visible when the
    // focus was before on a field: the crosshair is for the keyboard only
    mapEl.addEventListener('pointerdown', () => { pointerFocus = true; root.classList.add('atlas-pointer'); });
    // a Tab anywhere in the widget is the keyboard again: the next focus of the map is marked
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Tab') { pointerFocus = false; root.classList.remove('atlas-pointer'); }
    });
    // keyboard: the territory under the centre (marked by a crosshair) is the focused one
    const atCentre = () => {
      if (!keyboardFocus()) return;
      map.whenIdle(async () => {
        const code = map.featureAt(map.centre())?.code ?? null;
        const d = await showTip(code, map.centre());
        if (pointer !== code) return; // moved on meanwhile
        live.textContent = d ? d.text : 'Aucun territoire au centre de la carte';
      });
    };
    mapEl.addEventListener('focus', atCentre);
    lf.on('moveend', atCentre);
    mapEl.addEventListener('blur', () => {
      showTip(null);
      pointerFocus = false;
      root.classList.remove('atlas-pointer');
    });
    mapEl.addEventListener('keydown', (e) => {
      if (pointerFocus) {
        pointerFocus = false;
        root.classList.remove('atlas-pointer');
        atCentre();
      }
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      const f = map.featureAt(map.centre());
      if (f) select(f.code);
    });
  }

  // --- selection ------------------------------------------------------------------------------
  /** Selects a territory of a level (the level shown by default): panel and outline, the map stays. */
  async function select(code, level = data.level) {
    const ticket = ++selections;
    let portrait;
    try {
      portrait = await api.territory(level, code);
    } catch (e) {
      if (ticket === selections) territoryFailed(code, e);
      return null;
    }
    if (ticket !== selections || destroyed) return null; // a later selection won
    show(portrait);
    return portrait;
  }

  /** A territory that could not be shown: said above the map, which stays as it is. */
  function territoryFailed(code, e) {
    console.error(`Atlas widget : ${e.problem?.detail ?? e.message}`);
    notice.replaceChildren(h('p', {}, e.kind === 'unreachable' ? e.message
      : `Le territoire « ${code} » n’a pas pu être affiché ; le détail est dans la console du navigateur.`));
  }

  /** A territory in the panel, outlined if it is of the level shown; a new one is said in one sentence and told to the page. */
  function show(portrait, { quiet = false } = {}) {
    const changed = !quiet && (selected?.level !== portrait.level || selected?.code !== portrait.code);
    selected = portrait;
    notice.replaceChildren();
    map?.select(portrait.level === data.level ? portrait.code : null);
    crossing?.select(portrait.level === data.level ? portrait.code : null);
    const entry = portrait.indicators.find((i) => i.id === data.def.id);
    panel.replaceChildren(territoryPanel(portrait, data.def, api.csvUrl(data.def.id, portrait.level), () => {
      panel.replaceChildren();
      map?.select(null);
      crossing?.select(null);
      selected = null;
    }, api.portraitUrl(portrait.level, portrait.code, data.def.id)));
    if (!changed) return;
    const sentence = `Sélection : ${portrait.nom} (${levelName(portrait.level)}), ${data.def.label} : ${entry ? formatValue(entry.value ?? null, data.def) : 'non disponible à ce niveau'}`;
    live.textContent = sentence.endsWith('.') ? sentence : `${sentence}.`; // "hab." ends it already
    const detail = { indicator: data.def.id, level: portrait.level, code: portrait.code, nom: portrait.nom, value: entry?.value ?? null };
    emit('select', detail);
    el.dispatchEvent(new CustomEvent('atlas:select', { detail, bubbles: true }));
  }

  /** A search result is the user's territory as data-atlas-territory is the page's, framed tight: the map goes there. */
  function choose(result) {
    enqueue(withData(() => zoomTo(result.code, result.level, { tight: true })));
  }

  // --- the page's territory ---------------------------------------------------------------------
  /**
   * The territory of a code: the one of the level shown if there is one, else the one of the
   * nearest level of the indicator (a search by code answers every level at once: "69" is a
   * département, "84" a région and a département). Null when no level has it.
   */
  async function resolve(code, level) {
    const wanted = String(code).trim();
    let candidates = [];
    if (level) {
      candidates = [{ level, code: wanted }];
    } else if (wanted.length >= 2) {
      const { results } = await api.search(wanted);
      candidates = results.filter((r) => r.code.toLowerCase() === wanted.toLowerCase());
    }
    const rank = (l) => {
      const i = data.def.levels.indexOf(l);
      return i < 0 ? Infinity : Math.abs(i - data.def.levels.indexOf(data.level));
    };
    const hit = candidates.sort((a, b) => rank(a.level) - rank(b.level))[0];
    if (!hit) return null;
    try {
      return await api.territory(hit.level, hit.code);
    } catch (e) {
      if (e.kind === 'not-found') return null;
      throw e;
    }
  }

  /** The page's territory when it is of another level than the one shown and the indicator's tiles have its level. */
  function otherOutline() {
    if (!focus || !data || focus.level === data.level || !data.def.levels.includes(focus.level)) return null;
    return { level: focus.level, code: focus.code };
  }

  /**
   * Shows the page's territory at the level shown: itself when it is of that level; else its
   * parent of that level selected (a commune at département level) or itself in the panel (a
   * département over communes), outlined by a line of its own. With `move`, frames it: the
   * territory, or a commune centred at the zoom of its département (`tight`: the commune alone).
   */
  async function showFocus(move, tight = false) {
    if (!focus) return;
    map?.outline(otherOutline());
    const parent = focus.level === data.level ? null : focus.parents?.[data.level];
    const ticket = selections;
    let shown = focus;
    if (parent) {
      try {
        shown = await api.territory(data.level, parent.code);
      } catch (e) {
        territoryFailed(parent.code, e);
        return;
      }
    }
    if (ticket !== selections || destroyed) return; // the user chose another territory meanwhile
    // after a change of level or indicator the page's territory is shown again, not selected anew
    show(shown, { quiet: !move });
    if (!move) return;
    const frame = () => map.fit(focus.bbox, shown === focus || tight ? null : shown.bbox);
    if (map) frame();
    else pendingView = frame;
  }

  async function zoomTo(code, level, { tight = false } = {}) {
    const portrait = await resolve(code, level);
    if (!portrait) {
      const levels = (level ? [level] : data.def.levels).map((l) => levelName(l)).join(', ');
      const text = `Territoire « ${code} » introuvable : aucun territoire (${levels}) n’a ce code.`;
      console.warn(`Atlas widget : ${text}`);
      notice.replaceChildren(h('p', {}, text));
      return null;
    }
    focus = portrait;
    selections += 1; // a selection still on its way gives way to this one
    await showFocus(true, tight);
    if (!map && mapStarting === null) watchViewport();
    return { level: focus.level, code: focus.code, nom: focus.nom };
  }

  function emit(event, detail) {
    for (const fn of listeners.get(event) ?? []) {
      try { fn(detail); } catch (e) { console.error(e); }
    }
  }

  // --- the API: calls run one after the other, in the order made -----------------------------
  let queue = Promise.resolve();
  /** Runs a step after the previous ones (its promise says how it ended; a failure does not stop the next). */
  function enqueue(step) {
    const run = queue.then(() => (destroyed ? null : step()));
    queue = run.catch(() => null);
    return run;
  }
  /** A step that needs the indicator shown: nothing (null) if it could not be loaded. */
  const withData = (step) => () => (data ? step() : null);

  function state() {
    if (!data) return null;
    // a bivariate map counts its territories in its legend square
    const meta = data.style.metadata?.['atlas:legend'] ?? [data.style.metadata?.['atlas:bivariate']].filter(Boolean);
    const entry = meta.find((e) => e.level === data.level) ?? meta[0];
    const brief = (t) => (t ? { level: t.level, code: t.code, nom: t.nom } : null);
    return { indicator: data.def.id, level: data.level, territories: entry?.territories ?? 0,
      territory: brief(focus), selected: brief(selected) };
  }

  function setLevel(level) {
    return enqueue(() => {
      opts.level = level;
      return load();
    });
  }

  enqueue(async () => {
    await load();
    if (data && opts.territory) await zoomTo(opts.territory);
  });

  return {
    element: el,
    setIndicator(indicator) {
      return enqueue(() => {
        opts.indicator = indicator;
        looseLevel = true;
        return load();
      });
    },
    setLevel,
    /** Outlines and frames a territory by its code (of any level), shows its panel; resolves to { level, code, nom } or null. */
    zoomTo: (code, level) => enqueue(withData(() => zoomTo(code, level))),
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
    /** { indicator, level, territories, territory: the page's, selected: the panel's }, or null before the first answer. */
    get state() { return state(); },
    /** Resolves once the calls made before are done and the map is drawn (it loads the map libraries if not yet done). */
    whenMapReady() {
      return enqueue(async () => {
        if (!data) return false;
        await startMap();
        await new Promise((resolve) => (map ? map.whenIdle(resolve) : resolve()));
        return map !== null;
      });
    },
    destroy() {
      destroyed = true;
      observer?.disconnect();
      map?.destroy();
      map = null;
      listeners.clear();
      // the element's own content shows again, as before the widget
      shadow.replaceChildren(document.createElement('slot'));
      env.onDestroy?.();
    },
  };
}
