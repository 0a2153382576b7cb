// The atlas homepage: a full-page MapLibre map of any indicator, drawn with the server's
// generated choropleth style and tiles, the same public contract partner sites use. Indicator
// picker by theme, level switch, territory search, portrait with bar charts, comparison of
// two territories, venues layer, and the data as a table.
//
// Every view is a link (address.js): each step of the visitor (indicator, level, territory,
// comparison, venues) is a history entry that Back and Forward walk through; moving the map
// only rewrites the current entry, as on openstreetmap.org, or Back would replay every drag.
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../shared/atlas.css';
import './home.css';
import { createApi } from '../shared/api.js';
import { h } from '../shared/dom.js';
import { formatNumber, formatValue, isCrossable, learnLevels, levelName, mapTitle, partialMark, rankText } from '../shared/format.js';
import { describer } from '../shared/describe.js';
import { bivariatePosition, legend } from '../shared/legend.js';
import { dataTable } from '../shared/table.js';
import { combobox } from '../shared/combobox.js';
import { nearestIndicator } from '../shared/suggest.js';
import { portraitView, comparisonView } from './portrait.js';
import { toView, viewBounds } from '../shared/layout.js';
import { highlights, outlineLayer } from '../shared/highlights.js';
import { followVersions } from '../shared/versions.js';
import { readAddress, writeAddress } from './address.js';
import { crossView, MAX_POINTS, readCorrelation } from '../shared/cross.js';

const api = createApi(window.location.origin);
const $ = (id) => document.getElementById(id);
// the France view: metropolitan France with the five overseas régions as insets beside it
const LAYOUT = 'france';
const DEFAULT_INDICATOR = 'bibliotheques_pour_10000_hab';
const PHONE = window.matchMedia('(max-width: 700px)');

const state = { defs: new Map(), def: null, level: null, style: null, describe: null,
  cross: null, crossData: null, crossing: null, sheetClosed: false, venues: null, selected: null, pinned: null, table: false };
let map = null;
// the hovered and selected territories, outlined by feature states that survive style changes
let marks = null;
// the territory the tooltip is for
const hovered = { pointer: null };

// --- the address ----------------------------------------------------------------------------

/** The view shown, as address.js writes it. */
function currentView() {
  const c = map?.getCenter();
  return {
    indicator: state.def.id,
    level: state.level,
    cross: state.cross?.id ?? null,
    territory: state.selected?.level === state.level ? state.selected.code : null,
    compare: state.pinned ? { level: state.pinned.level, code: state.pinned.code } : null,
    venues: state.venues !== null,
    map: map ? { zoom: map.getZoom(), lat: c.lat, lng: c.lng } : null,
  };
}

/** A step of the visitor: a new history entry. */
function record() {
  const address = writeAddress(currentView());
  // the same view again (the territory already chosen): no entry that Back would seem to skip
  if (address === window.location.search) history.replaceState(null, '', address);
  else history.pushState(null, '', address);
}

// while a step or a restored view moves the map, the entry it leaves must not follow the move
let changing = 0;

/** The map moved: the current entry follows it. */
function follow() {
  if (changing) return;
  history.replaceState(null, '', writeAddress(currentView()));
}

/**
 * A message above the legend (an address naming what the atlas does not know), with an optional
 * way out. Messages add up until the visitor's next step: an address can get two things wrong.
 */
function notify(text, action) {
  $('notice').append(h('div', { class: 'atlas-notice' }, h('p', {}, text),
    action ? h('p', {}, h('button', { type: 'button', class: 'atlas-link', onclick: action.run }, action.label)) : null));
}

function clearNotice() {
  $('notice').replaceChildren();
}

// --- the indicator shown --------------------------------------------------------------------

function compose() {
  const layers = [...state.style.layers, outlineLayer(state.level)];
  const sources = { ...state.style.sources };
  if (state.venues) {
    // the venues of the overseas in their insets too
    const venues = state.venues.sources.equipements;
    sources.equipements = { ...venues, url: `${venues.url}${venues.url.includes('?') ? '&' : '?'}layout=${LAYOUT}` };
    layers.push(...state.venues.layers.filter((l) => l.source === 'equipements'));
  }
  // the venues' icons (their discipline's pictogram) come from the venues style's sprite
  return { ...state.style, sources, layers, ...(state.venues?.sprite ? { sprite: state.venues.sprite } : {}) };
}

/** The indicator `id` if it can be crossed with `def` at `level` (rates both, both at the level), else null and a notice. */
function crossable(def, level, id) {
  if (!id) return null;
  const other = state.defs.get(id);
  if (!other || other.id === def.id || !isCrossable(other) || !isCrossable(def) || !other.levels.includes(level)) {
    notify(`« ${other?.label ?? id} » ne se croise pas avec « ${def.label} » par ${levelName(level)} : la carte montre « ${def.label} » seul.`);
    return null;
  }
  return other;
}

/** The indicators the one shown can be crossed with at its level, by theme. */
function crossChoices() {
  const themes = new Map();
  for (const d of state.defs.values()) {
    if (d.id === state.def.id || !isCrossable(d) || !isCrossable(state.def) || !d.levels.includes(state.level)) continue;
    if (!themes.has(d.themeLabel)) themes.set(d.themeLabel, []);
    themes.get(d.themeLabel).push(d);
  }
  $('cross').disabled = themes.size === 0; // a stock or categories cross with nothing
  $('cross').replaceChildren(h('option', { value: '' }, '— aucun —'),
    ...[...themes].map(([label, defs]) => h('optgroup', { label }, defs.map((d) => h('option', { value: d.id, selected: d.id === state.cross?.id }, d.label)))));
}

/** The scatter plot of the crossing shown, in the sheet, linked to the map. */
function showCrossing() {
  const b = state.style.metadata?.['atlas:bivariate'];
  if (!state.cross || !b) {
    state.crossing = null;
    $('crossing').replaceChildren();
    return;
  }
  if (!state.crossData.points) {
    // too many territories for a plot: the reading of the relation alone
    state.crossing = null;
    $('crossing').replaceChildren(h('section', { class: 'atlas-cross' }, h('h2', { tabindex: '-1' }, 'Croisement'),
      h('p', { class: 'atlas-cross-reading' }, readCorrelation(state.crossData)),
      h('p', {}, `Le nuage de points est proposé jusqu’à ${formatNumber(MAX_POINTS)} territoires (par intercommunalité, département ou région) ; la carte croise les ${b.territories} ${levelName(state.level, true)}.`)));
    return;
  }
  state.crossing = crossView(state.crossData, {
    colourOf: (p) => b.colours[bivariatePosition(b.y, p.y)][bivariatePosition(b.x, p.x)],
    onHover: (code) => marks?.set('hover', state.level, code),
    onChoose: (code) => step(() => select(state.level, code)),
  });
  $('crossing').replaceChildren(state.crossing.element);
  if (state.selected?.level === state.level) state.crossing.select(state.selected.code);
}

/**
 * Shows an indicator at a level, crossed with another when `crossId` names one. An id or level
 * the atlas does not know (a mistyped link) shows the nearest indicator, or the default one, and
 * says so with a suggestion.
 */
async function showIndicator(id, level, crossId = state.cross?.id) {
  let def = state.defs.get(id);
  if (!def) {
    const near = id ? nearestIndicator(id, [...state.defs.values()]) : null;
    def = state.defs.get(DEFAULT_INDICATOR) ?? state.defs.values().next().value;
    if (id) {
      notify(`Indicateur « ${id} » inconnu : la carte montre « ${def.label} ».${near ? ` Vouliez-vous dire « ${near.label} » ?` : ''}`,
        near ? { label: `Afficher « ${near.label} »`, run: () => step(() => showIndicator(near.id, level)) } : null);
    }
  } else if (level && !def.levels.includes(level)) {
    notify(`« ${def.label} » n’existe pas au niveau « ${levelName(level)} » : la carte le montre par ${levelName(def.levels[0])}. Niveaux possibles : ${def.levels.map((l) => levelName(l)).join(', ')}.`);
  }
  const shown = def.levels.includes(level) ? level : def.levels[0];
  // the style only: the map's values are in its tiles, a tooltip asks for its territory, the table
  // for its page; asked for before anything changes, so that a failure leaves the view as it was
  let cross = crossable(def, shown, crossId);
  let style = null;
  let crossData = null;
  if (cross) {
    try {
      style = await api.bivariate(def.id, cross.id, { level: shown, layout: LAYOUT });
      const many = style.metadata['atlas:bivariate'].territories > MAX_POINTS;
      crossData = await api.cross(def.id, cross.id, shown, { points: !many });
    } catch (e) {
      if (e.kind !== 'bad-request') throw e;
      // the server's reason, written for visitors (fewer than 3 territories with both…), and x alone
      notify(`${e.message} La carte montre « ${def.label} » seul.`);
      cross = null;
    }
  }
  if (!cross) style = await api.style(def.id, { level: shown, layout: LAYOUT });
  state.crossData = crossData;
  state.def = def;
  state.level = shown;
  state.style = style;
  state.cross = cross;
  state.describe = describer(api, def, state.level);
  $('indicator').value = def.id;
  $('level').replaceChildren(...def.levels.map((l) => h('option', { value: l, selected: l === state.level }, levelName(l))));
  $('legend').replaceChildren(h('p', { class: 'atlas-home-subtitle' }, title()), legend(style, def, state.level));
  crossChoices();
  // on a phone a new crossing leaves the map in view: its scatter plot opens with its button
  if (cross && state.crossing === null) state.sheetClosed = PHONE.matches;
  showCrossing();
  updateSheet();
  labelMap();
  if (state.table) $('table').replaceChildren(table());
  if (map) {
    marks.clear();
    map.setStyle(compose());
  }
  // the territory chosen stays chosen at its level; at another level it is unmarked
  if (state.selected && state.selected.level === state.level) marks?.set('selected', state.level, state.selected.code);
}

/** "Dépenses …, 2019, par département, croisé avec Bibliothèques pour 10 000 habitants" */
function title() {
  return state.cross ? `${mapTitle(state.def, state.level)}, croisé avec ${state.cross.label}` : mapTitle(state.def, state.level);
}

/** The map's canvas is the focusable map region; its name states indicator, year, level and crossing. */
function labelMap() {
  map?.getCanvas().setAttribute('aria-label', `Carte : ${title()}. Flèches pour se déplacer, + et − pour zoomer, Entrée pour choisir le territoire au centre.`);
}

/** The venue families drawn, each in its colour, from the venues style's own point layers. */
function venuesLegend() {
  if (!state.venues) return [];
  const families = state.venues.layers.filter((l) => l.source === 'equipements' && l.type === 'circle' && l.id.endsWith('-points'));
  return [h('div', { class: 'atlas-legend atlas-venues-legend' },
    h('p', { class: 'atlas-legend-title' }, 'Lieux culturels'),
    h('ul', { class: 'atlas-legend-list' }, families.map((l) => h('li', { class: 'atlas-legend-class' },
      h('span', { class: 'atlas-swatch', style: { background: l.paint['circle-color'] }, 'aria-hidden': 'true' }),
      h('span', { class: 'atlas-legend-label' }, state.defs.get(l['source-layer'])?.label ?? l['source-layer'])))),
    h('p', { class: 'atlas-legend-method' }, 'Un point par lieu de près ; de loin, des cercles proportionnels au nombre de lieux.'))];
}

async function showVenues(on) {
  state.venues = on ? await api.baseStyle('venues') : null;
  $('venues').checked = on;
  $('venues-legend').replaceChildren(...venuesLegend());
  map?.setStyle(compose());
}

// --- the sheet: territory, comparison, table ------------------------------------------------

/** The sheet is open while it has something to show; on a phone it covers the map's lower part. */
function updateSheet() {
  $('table').hidden = !state.table;
  $('table-toggle').setAttribute('aria-expanded', String(state.table));
  $('table-toggle').textContent = state.table ? 'Masquer le tableau' : 'Voir les données en tableau';
  const empty = !state.table && !$('panel').firstChild && !$('crossing').firstChild;
  $('sheet').hidden = empty || state.sheetClosed;
  // a crossing waits behind its button while the sheet is closed (on a phone, until asked for)
  $('cross-toggle').hidden = !$('crossing').firstChild || !$('sheet').hidden;
}

function showTable(show) {
  state.table = show;
  if (show) state.sheetClosed = false;
  // built when first shown: a commune level has 35 000 rows
  if (show && !$('table').firstChild) $('table').append(table());
  updateSheet();
}

/** The table of the indicator shown, its rows asked for a page at a time. */
function table() {
  const { def, level } = state;
  return dataTable(def, level, (page) => api.page(def.id, level, page), (code) => step(() => select(level, code, { zoom: true })));
}

function closeSheet() {
  state.selected = null;
  state.pinned = null;
  marks?.set('selected', null, null);
  $('panel').replaceChildren();
  state.table = false;
  // the crossing stays on the map and comes back with its button
  state.sheetClosed = true;
  updateSheet();
}

// --- the map --------------------------------------------------------------------------------

function featureAt(point) {
  const hit = map.queryRenderedFeatures([point.x, point.y]).find((f) => f.source === 'indicator' && f.layer.type === 'fill');
  return hit ? hit.properties.code : null;
}

/**
 * The tooltip of the territory under the pointer (or the centre), once its description is
 * known: at once for a territory seen before, after the server's answer otherwise (unless the
 * pointer has moved on to another one).
 */
async function showTip(code, point) {
  const tip = $('tip');
  hovered.pointer = code ?? null;
  state.crossing?.hoverFromMap(code ?? null);
  if (!code) { tip.hidden = true; marks?.set('hover', null, null); return null; }
  marks?.set('hover', state.level, code);
  const describe = state.describe;
  let d = describe.known(code);
  if (!d) {
    tip.hidden = true; // not the previous territory's value beside this one while it loads
    d = await describe.get(code);
  }
  if (hovered.pointer !== code || describe !== state.describe) return null;
  if (!d) { tip.hidden = true; return null; }
  tip.replaceChildren(...(d.row ? [h('strong', {}, d.row.nom), h('br'), formatValue(d.row.value, state.def) + partialMark(d.row),
    d.rank ? h('span', { class: 'atlas-muted' }, ` (${d.rank})`) : null] : [d.text]));
  tip.hidden = false;
  // inside the map, whatever the pointer's side: a tooltip never widens the page
  const box = tip.parentElement;
  const x = Math.min(point.x + 14, box.clientWidth - tip.offsetWidth - 4);
  const y = Math.max(point.y - tip.offsetHeight - 8, 4);
  tip.style.transform = `translate(${Math.round(Math.max(x, 4))}px, ${Math.round(y)}px)`;
  return d;
}

/**
 * Chooses a territory: its portrait in the sheet (or the comparison with the pinned one), its
 * outline, one sentence for screen readers; `zoom` frames it. False when it is not found (the
 * notice says so, with the nearest territory of that name or code).
 */
async function select(level, code, { zoom = false } = {}) {
  let portrait;
  try {
    portrait = await api.territory(level, code);
  } catch (e) {
    if (e.kind !== 'not-found') {
      console.error('Atlas : ', e);
      notify(e.kind === 'unreachable' ? e.message : `Le territoire « ${code} » n’a pas pu être affiché ; le détail est dans la console du navigateur.`);
      return false;
    }
    // a name or a mistyped code: the search's first answer is the likeliest territory
    const found = code.length >= 2 ? (await api.search(code).catch(() => ({ results: [] }))).results?.[0] : null;
    notify(`Territoire « ${code} » introuvable au niveau ${levelName(level)}.${found ? ` Vouliez-vous dire ${found.nom} (${levelName(found.level)} ${found.code}) ?` : ''}`,
      found ? { label: `Afficher ${found.nom}`, run: () => step(() => choose(found)) } : null);
    return false;
  }
  state.selected = portrait;
  state.sheetClosed = false;
  marks?.set('selected', level, level === state.level ? code : null);
  state.crossing?.select(level === state.level ? code : null);
  const entry = portrait.indicators.find((i) => i.id === state.def.id);
  const rank = entry?.ranks?.[portrait.level];
  $('live').textContent = `${portrait.nom} (${levelName(portrait.level)}) : ${entry ? formatValue(entry.value, state.def) : 'non disponible'}`
    + `${rank ? `, ${rankText(rank, portrait.level)}` : ''}.`;
  const pinned = state.pinned;
  if (pinned && (pinned.code !== portrait.code || pinned.level !== portrait.level)) {
    $('panel').replaceChildren(comparisonView(pinned, portrait, state.defs,
      () => step(async () => {
        state.pinned = null;
        const shown = await select(level, code);
        $('panel').querySelector('h2')?.focus(); // the button that had the focus is gone
        return shown;
      })));
  } else {
    $('panel').replaceChildren(portraitView(portrait, state.defs, {
      current: state.def.id,
      csvUrl: api.csvUrl(state.def.id, state.level),
      portraitUrl: api.portraitUrl(portrait.level, portrait.code, state.def.id),
      onCompare: () => {
        pin(portrait);
        record();
      },
    }));
  }
  // the pinned territory itself: still waiting for the second one
  if (pinned && !$('panel').querySelector('.atlas-comparison')) pin(portrait);
  updateSheet();
  // the top of the new portrait, unless it was chosen in the table below it, which stays in view
  if (!state.table) $('sheet').scrollTop = 0;
  if (zoom) frame(portrait.bbox);
  return true;
}

/** Frames a territory's bounding box (an overseas one in its inset), above the sheet on a phone. */
function frame(bbox) {
  if (!map) return;
  const [w, s, e, n] = toView(state.style, bbox);
  const below = PHONE.matches && !$('sheet').hidden ? $('sheet').offsetHeight : 0;
  map.fitBounds([[w, s], [e, n]], { padding: { top: 40, left: 40, right: 40, bottom: 40 + below }, maxZoom: 11, duration: 0 });
}

/** Keeps a territory for a comparison with the next one chosen. */
function pin(portrait) {
  state.pinned = portrait;
  $('panel').prepend(h('p', { role: 'status', class: 'atlas-hint' }, `Choisissez un second territoire à comparer à ${portrait.nom}, sur la carte, dans le tableau ou par la recherche.`));
}

/**
 * A search result: at the map's level, or at its own level when the indicator has it (the
 * level changes, and the notice says so); else the map frames it over the level shown.
 */
async function choose(result) {
  if (result.level === state.level) return select(result.level, result.code, { zoom: true });
  if (state.def.levels.includes(result.level)) {
    await showIndicator(state.def.id, result.level);
    notify(`Niveau changé pour « ${levelName(result.level)} » : ${result.nom} y est choisi.`);
    return select(result.level, result.code, { zoom: true });
  }
  notify(`« ${state.def.label} » n’existe pas au niveau ${levelName(result.level)} : la carte montre ${result.nom} par ${levelName(state.level)}.`);
  frame(result.bbox);
  return true;
}

// Steps and restored views run one after the other, in the order they were asked for: a click on
// A then B ends on B whichever answer comes first.
let queue = Promise.resolve();
// bumped by Back and Forward: a step under way then records no entry (the browser has moved
// already, and the view it moved to is shown next)
let generation = 0;

function enqueue(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

/**
 * A step of the visitor: what it changes, then a history entry for the view it leads to. The
 * notices were about the view before.
 */
function step(change) {
  const seen = generation;
  return enqueue(async () => {
    clearNotice();
    changing++;
    try {
      if ((await change()) !== false && seen === generation) record();
    } catch (e) {
      console.error('Atlas : ', e);
      notify(e.kind === 'unreachable' ? e.message : 'Cette vue n’a pas pu être affichée ; le détail est dans la console du navigateur.');
      // the controls say what is shown, not the choice that failed
      $('indicator').value = state.def.id;
      $('level').value = state.level;
      $('cross').value = state.cross?.id ?? '';
    } finally {
      changing--;
    }
  });
}

/** Shows the view an address names (the page's own at start, an entry of the history on Back). */
function restore(view, { first = false } = {}) {
  return enqueue(async () => {
    changing++;
    try {
      await showView(view, first);
    } finally {
      changing--;
    }
  });
}

async function showView(view, first) {
  if (!first) clearNotice(); // at start, the notice says what the address named wrong
  if (view.venues !== (state.venues !== null)) await showVenues(view.venues);
  if (view.indicator !== state.def.id || (view.level && view.level !== state.level) || view.cross !== (state.cross?.id ?? null)) {
    await showIndicator(view.indicator, view.level, view.cross);
  }
  if (map && view.map) map.jumpTo({ center: [view.map.lng, view.map.lat], zoom: view.map.zoom });
  state.pinned = null;
  if (view.compare) {
    state.pinned = await api.territory(view.compare.level, view.compare.code).catch(() => null);
    if (!state.pinned) notify(`Territoire à comparer « ${view.compare.code} » introuvable au niveau ${levelName(view.compare.level)}.`);
  }
  if (view.territory) {
    await select(state.level, view.territory, { zoom: !view.map });
  } else if (state.pinned) {
    // a comparison waiting for its second territory
    await select(state.pinned.level, state.pinned.code);
  } else {
    state.selected = null;
    marks?.set('selected', null, null);
    $('panel').replaceChildren();
    updateSheet();
  }
}

function wireMap() {
  map.on('mousemove', (e) => {
    const code = featureAt(e.point);
    map.getCanvas().style.cursor = code ? 'pointer' : '';
    showTip(code, e.point);
  });
  map.on('mouseout', () => showTip(null));
  map.on('click', (e) => {
    const code = featureAt(e.point);
    if (!code) return;
    step(async () => {
      const chosen = await select(state.level, code);
      // on a phone the sheet opens over the map's lower part: the territory touched there moves up into view
      const visible = PHONE.matches && !$('sheet').hidden ? $('sheet').getBoundingClientRect().top - map.getContainer().getBoundingClientRect().top : Infinity;
      if (chosen && e.point.y > visible - 24) map.panBy([0, e.point.y - visible / 2], { duration: 0 });
      return chosen;
    });
  });
  map.on('moveend', follow);
  // keyboard: the territory under the centre (marked by a crosshair) is the focused one
  const canvas = map.getCanvas();
  const centre = () => ({ x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 });
  const atCentre = () => {
    if (!canvas.matches(':focus-visible')) return;
    const run = async () => {
      const code = featureAt(centre());
      const d = await showTip(code, centre());
      if (hovered.pointer !== code) return; // moved on meanwhile
      $('live').textContent = d ? d.text : 'Aucun territoire au centre de la carte';
    };
    if (map.loaded() && !map.isMoving()) run(); else map.once('idle', run);
  };
  canvas.addEventListener('focus', atCentre);
  map.on('moveend', atCentre);
  canvas.addEventListener('blur', () => showTip(null));
  canvas.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    const code = featureAt(centre());
    if (code) step(() => select(state.level, code));
  });
}

function buildPicker(catalogue) {
  $('indicator').replaceChildren(...catalogue.themes.map((theme) => h('optgroup', { label: theme.label },
    theme.indicators.map((i) => h('option', { value: i.id }, i.label)))));
  for (const theme of catalogue.themes) {
    for (const i of theme.indicators) {
      state.defs.set(i.id, { ...i, themeLabel: theme.label });
      learnLevels(i.levelLabels);
    }
  }
}

function wireControls() {
  const search = combobox({ search: (q) => api.search(q), onChoose: (r) => step(() => choose(r)) });
  $('search').replaceChildren(search.element);
  $('indicator').addEventListener('change', (e) => step(() => showIndicator(e.target.value, state.level)));
  $('level').addEventListener('change', (e) => step(() => showIndicator(state.def.id, e.target.value)));
  $('cross').addEventListener('change', (e) => step(() => showIndicator(state.def.id, state.level, e.target.value || null)));
  $('table-toggle').addEventListener('click', () => showTable(!state.table));
  $('cross-toggle').addEventListener('click', () => {
    state.sheetClosed = false;
    updateSheet();
    $('crossing').querySelector('h2')?.focus();
  });
  $('sheet-close').addEventListener('click', () => step(() => { closeSheet(); $('table-toggle').focus(); }));
  $('venues').addEventListener('change', (e) => step(() => showVenues(e.target.checked)));
  $('options-toggle').addEventListener('click', () => {
    const open = $('options').classList.toggle('atlas-open');
    $('options-toggle').setAttribute('aria-expanded', String(open));
  });
  window.addEventListener('popstate', () => {
    generation++;
    restore(readAddress(window.location.search)).catch((e) => {
      console.error('Atlas : ', e);
      notify('Cette vue n’a pas pu être affichée ; le détail est dans la console du navigateur.');
    });
  });
}

async function main() {
  wireControls();
  const address = readAddress(window.location.search);
  try {
    buildPicker(await api.catalogue());
    await showIndicator(address.indicator, address.level, address.cross);
  } catch (e) {
    $('legend').replaceChildren(h('p', { role: 'alert' }, `Carte indisponible : ${e.message}`));
    console.error('Atlas : ', e.message);
    return;
  }
  const [w, s, e, n] = viewBounds(state.style);
  const padding = PHONE.matches ? 8 : 12;
  // room for the attribution under the insets: a line of text, or on a phone its 44-px touch target
  const below = PHONE.matches ? 44 : 16;
  map = new maplibregl.Map({ container: 'map', style: compose(), bounds: [[w, s], [e, n]],
    fitBoundsOptions: { padding: { top: padding, bottom: padding + below, left: padding, right: padding } }, attributionControl: { compact: PHONE.matches },
    locale: { 'Map.Title': 'Carte', 'NavigationControl.ZoomIn': 'Zoomer', 'NavigationControl.ZoomOut': 'Dézoomer',
      'NavigationControl.ResetBearing': 'Revenir au nord', 'AttributionControl.ToggleAttribution': 'Afficher les sources' } });
  marks = highlights(map);
  // the map's tiles follow a new data version; the legend, panels and table do with the page
  followVersions(map, { onVersion: () => notify('Les données de l’atlas ont été mises à jour : la carte montre déjà '
    + 'la nouvelle version ; la légende et les chiffres le seront en rechargeant la page.',
  { label: 'Recharger la page', run: () => location.reload() }) });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.on('idle', () => { document.body.dataset.mapIdle = 'true'; });
  map.on('error', (err) => { console.error('Carte : ', err.error?.message ?? err); });
  window.atlasMap = map;
  labelMap();
  // the rest of the address (venues, position, territory, comparison), then the address of what is shown
  await restore({ ...address, indicator: state.def.id, level: state.level }, { first: true });
  wireMap();
  follow();
}

main();
