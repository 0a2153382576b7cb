// The studio's live preview: a MapLibre map drawing the last valid style, its layers with
// visibility switches, the features under the pointer, and the current zoom and centre.
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { h } from '../shared/dom.js';

const decimals = (digits) => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const [two, four] = [decimals(2), decimals(4)];
// where a style that names no centre opens: metropolitan France
const FRANCE = { zoom: 4.5, center: [2.5, 46.6] };
// hovering shows at most this many features: under a label point there may be a dozen layers
const MAX_FEATURES = 6;

/**
 * @param {object} els { map, layers, inspector, view } elements of the page
 * @param {{ zoom, lat, lon }|null} view where to open, or null for the style's own centre and zoom
 */
export function preview(els, view) {
  let map = null;
  // switched off by the student in the list, kept across edits (a layer keeps its id)
  const hidden = new Set();
  let layers = [];

  function show(style) {
    layers = style.layers;
    document.body.dataset.mapIdle = 'false';
    if (!map) {
      map = new maplibregl.Map({ container: els.map, style, attributionControl: { compact: true },
        ...(view ? { zoom: view.zoom, center: [view.lon, view.lat] } : style.center ? {} : FRANCE) });
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      map.on('move', readout);
      // one query per frame: the pointer moves far more often than the screen is redrawn
      let pending = null;
      map.on('mousemove', (e) => {
        if (pending === null) requestAnimationFrame(() => { inspect(pending); pending = null; });
        pending = e.point;
      });
      // touch screens have no hover: a tap inspects
      map.on('click', (e) => inspect(e.point));
      map.on('styledata', applyHidden);
      // for the tests, as on the homepage: the map, and whether it has drawn what it was given
      map.on('idle', () => { document.body.dataset.mapIdle = 'true'; });
      window.atlasMap = map;
      readout();
    } else {
      // diff: an edited colour is a setPaintProperty, not a reload of every source
      map.setStyle(style, { diff: true });
      map.triggerRepaint(); // an edit of whitespace changes nothing to draw, yet must end in 'idle'
      applyHidden();
    }
    list();
  }

  function applyHidden() {
    for (const layer of layers) {
      if (!map.getLayer(layer.id)) continue;
      const own = layer.layout?.visibility ?? 'visible';
      map.setLayoutProperty(layer.id, 'visibility', hidden.has(layer.id) ? 'none' : own);
    }
  }

  function list() {
    els.layers.replaceChildren(...layers.map((layer) => h('li', {},
      h('label', {}, h('input', { type: 'checkbox', checked: !hidden.has(layer.id), onchange: (e) => {
        if (e.target.checked) hidden.delete(layer.id); else hidden.add(layer.id);
        applyHidden();
      } }), ` ${layer.id} `, h('span', { class: 'atlas-muted' }, `(${layer.type})`)))));
  }

  function readout() {
    const { lng, lat } = map.getCenter();
    els.view.textContent = `Zoom ${two.format(map.getZoom())} · centre : longitude ${four.format(lng)}, latitude ${four.format(lat)}`;
  }

  function inspect(point) {
    const features = map.queryRenderedFeatures(point).slice(0, MAX_FEATURES);
    if (features.length === 0) {
      els.inspector.replaceChildren(h('p', { class: 'atlas-muted' }, 'Aucun objet sous le pointeur.'));
      return;
    }
    els.inspector.replaceChildren(...features.map((f) => h('section', { class: 'studio-feature' },
      h('h3', {}, `Couche ${f.layer.id}`, f.sourceLayer ? h('span', { class: 'atlas-muted' }, ` — source-layer ${f.sourceLayer}`) : null),
      h('dl', {}, Object.entries(f.properties).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])))));
  }

  return {
    show,
    /** Where the map looks, for a share link. */
    view: () => (map ? { zoom: map.getZoom(), lat: map.getCenter().lat, lon: map.getCenter().lng } : view),
    map: () => map,
  };
}
