// The atlas homepage: a full-page MapLibre map of any indicator, drawn with the server's
// generated choropleth style and tiles, the same public contract partner sites use. Indicator
// picker by theme, level switch, territory search, portrait with bar charts, comparison of
// two territories, venues layer, and the data as a table.
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../shared/atlas.css';
import './home.css';
import { createApi } from '../shared/api.js';
import { h } from '../shared/dom.js';
import { formatValue, learnLevels, levelName, mapTitle, partialMark } from '../shared/format.js';
import { describer } from '../shared/describe.js';
import { legend } from '../shared/legend.js';
import { dataTable } from '../shared/table.js';
import { combobox } from '../shared/combobox.js';
import { portraitView, comparisonView } from './portrait.js';
import { toView, viewBounds } from '../shared/layout.js';
import { highlights } from '../shared/highlights.js';

const api = createApi(window.location.origin);
const params = new URLSearchParams(window.location.search);
const $ = (id) => document.getElementById(id);
// the France view: metropolitan France with the five overseas régions as insets beside it
const LAYOUT = 'france';

const state = { defs: new Map(), def: null, level: null, style: null, describe: null,
  venues: null, selected: null, pinned: null };
let map = null;
// the hovered and selected territories, outlined by feature states that survive style changes
let marks = null;
// the territory the tooltip is for
const hovered = { pointer: null };

function compose() {
  const layers = [...state.style.layers, {
    id: 'atlas-outline', type: 'line', source: 'indicator', 'source-layer': state.level,
    paint: { 'line-color': '#161616', 'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3,
      ['boolean', ['feature-state', 'hover'], false], 2, 0] },
  }];
  const sources = { ...state.style.sources };
  if (state.venues) {
    // the venues of the overseas in their insets too
    const venues = state.venues.sources.equipements;
    sources.equipements = { ...venues, url: `${venues.url}${venues.url.includes('?') ? '&' : '?'}layout=${LAYOUT}` };
    layers.push(...state.venues.layers.filter((l) => l.source === 'equipements'));
  }
  return { ...state.style, sources, layers };
}

async function showIndicator(id, level) {
  const def = state.defs.get(id) ?? state.defs.values().next().value;
  state.def = def;
  state.level = def.levels.includes(level) ? level : def.levels[0];
  // the style only: the map's values are in its tiles, a tooltip asks for its territory, the table for its page
  const style = await api.style(def.id, { level: state.level, layout: LAYOUT });
  state.style = style;
  state.describe = describer(api, def, state.level);
  $('indicator').value = def.id;
  $('level').replaceChildren(...def.levels.map((l) => h('option', { value: l, selected: l === state.level }, levelName(l))));
  $('legend').replaceChildren(h('p', { class: 'atlas-home-subtitle' }, mapTitle(def, state.level)), legend(style, def, state.level));
  labelMap();
  if (!$('table').hidden) $('table').replaceChildren(table());
  else $('table').replaceChildren();
  history.replaceState(null, '', `?indicator=${def.id}&level=${state.level}`);
  if (map) {
    marks.clear();
    map.setStyle(compose());
  }
  if (state.selected) select(state.selected.level, state.selected.code, { zoom: false });
}

/** The map's canvas is the focusable map region; its name states indicator, year and level. */
function labelMap() {
  map?.getCanvas().setAttribute('aria-label', `Carte : ${mapTitle(state.def, state.level)}. Flèches pour se déplacer, + et − pour zoomer, Entrée pour choisir le territoire au centre.`);
}

/** The table of the indicator shown, its rows asked for a page at a time. */
function table() {
  const { def, level } = state;
  return dataTable(def, level, (page) => api.page(def.id, level, page), (code) => select(level, code));
}

function featureAt(point) {
  const hit = map.queryRenderedFeatures([point.x, point.y]).find((f) => f.source === 'indicator' && f.layer.type === 'fill');
  return hit ? hit.properties.code : null;
}

function setHover(code) {
  marks?.set('hover', state.level, code);
}

/**
 * The tooltip of the territory under the pointer (or the centre), once its description is
 * known: at once for a territory seen before, after the server's answer otherwise (unless the
 * pointer has moved on to another one).
 */
async function showTip(code, point) {
  const tip = $('tip');
  hovered.pointer = code ?? null;
  if (!code) { tip.hidden = true; setHover(null); return null; }
  setHover(code);
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
  tip.style.transform = `translate(${Math.round(point.x + 14)}px, ${Math.round(Math.max(point.y - 50, 4))}px)`;
  return d;
}

async function select(level, code, { zoom = true } = {}) {
  let portrait;
  try {
    portrait = await api.territory(level, code);
  } catch (e) {
    $('panel').replaceChildren(h('p', { role: 'alert' }, e.message));
    return;
  }
  state.selected = portrait;
  marks?.set('selected', level, level === state.level ? code : null);
  if (zoom && map) {
    const [w, s, e, n] = toView(state.style, portrait.bbox);
    map.fitBounds([[w, s], [e, n]], { padding: 40, maxZoom: 11, duration: 0 });
  }
  if (state.pinned && state.pinned.code !== portrait.code) {
    $('panel').replaceChildren(comparisonView(state.pinned, portrait, state.defs, () => { state.pinned = null; select(level, code, { zoom: false }); }));
    return;
  }
  $('panel').replaceChildren(portraitView(portrait, state.defs, {
    current: state.def.id,
    csvUrl: api.csvUrl(state.def.id, state.level),
    onCompare: () => {
      state.pinned = portrait;
      $('panel').prepend(h('p', { role: 'status', class: 'atlas-hint' }, `Choisissez un second territoire à comparer à ${portrait.nom}, sur la carte, dans le tableau ou par la recherche.`));
    },
  }));
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
    if (code) select(state.level, code, { zoom: false });
  });
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
    if (code) select(state.level, code, { zoom: false });
  });
}

function buildPicker(catalogue) {
  $('indicator').replaceChildren(...catalogue.themes.map((theme) => h('optgroup', { label: theme.label },
    theme.indicators.map((i) => h('option', { value: i.id }, i.label)))));
  for (const theme of catalogue.themes) {
    for (const i of theme.indicators) {
      state.defs.set(i.id, i);
      learnLevels(i.levelLabels);
    }
  }
}

async function main() {
  const search = combobox({
    search: (q) => api.search(q),
    onChoose: (r) => {
      if (state.def.levels.includes(r.level) && r.level !== state.level) showIndicator(state.def.id, r.level).then(() => select(r.level, r.code));
      else select(r.level, r.code);
    },
  });
  $('search').replaceChildren(search.element);
  $('indicator').addEventListener('change', (e) => showIndicator(e.target.value, state.level));
  $('level').addEventListener('change', (e) => showIndicator(state.def.id, e.target.value));
  $('table-toggle').addEventListener('click', () => {
    const show = $('table').hidden;
    $('table').hidden = !show;
    $('table-toggle').setAttribute('aria-expanded', String(show));
    $('table-toggle').textContent = show ? 'Masquer le tableau' : 'Voir les données en tableau';
    if (show && !$('table').firstChild) $('table').append(table());
  });
  $('venues').addEventListener('change', async (e) => {
    state.venues = e.target.checked ? await api.baseStyle('venues') : null;
    map?.setStyle(compose());
  });

  try {
    buildPicker(await api.catalogue());
    await showIndicator(params.get('indicator') ?? 'bibliotheques_pour_10000_hab', params.get('level'));
  } catch (e) {
    $('legend').replaceChildren(h('p', { role: 'alert' }, `Carte indisponible : ${e.message}`));
    console.error('Atlas : ', e.message);
    return;
  }
  const [w, s, e, n] = viewBounds(state.style);
  map = new maplibregl.Map({ container: 'map', style: compose(), bounds: [[w, s], [e, n]], fitBoundsOptions: { padding: { top: 12, bottom: 28, left: 12, right: 12 } }, attributionControl: { compact: false },
    locale: { 'Map.Title': 'Carte', 'NavigationControl.ZoomIn': 'Zoomer', 'NavigationControl.ZoomOut': 'Dézoomer',
      'NavigationControl.ResetBearing': 'Revenir au nord' } });
  marks = highlights(map);
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.on('idle', () => { document.body.dataset.mapIdle = 'true'; });
  map.on('error', (e) => { console.error('Carte : ', e.error?.message ?? e); });
  labelMap();
  wireMap();
  window.atlasMap = map;
}

main();
