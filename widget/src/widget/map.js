// The widget's map once the libraries are loaded: a Leaflet map holding one maplibre-gl-leaflet
// layer that draws the generated choropleth style. Territories are found under a point with
// MapLibre's queryRenderedFeatures; hover and selection are MapLibre feature states (the
// style's source promotes `code` to the feature id).

import { highlights, outlineLayer } from '../shared/highlights.js';
import { followVersions } from '../shared/versions.js';
import { toView, viewBounds } from '../shared/layout.js';

/** Room around the France view: the insets' names above them, the attribution below. */
const FRANCE_PADDING = { paddingTopLeft: [8, 8], paddingBottomRight: [8, 22] };

/** The style's France view (metropole and overseas insets) as Leaflet bounds. */
function franceOf(style) {
  const [w, s, e, n] = viewBounds(style);
  return [[s, w], [n, e]];
}

/**
 * The style with line layers added: one that outlines the hovered and the selected territory of
 * the level shown (feature states), and, for a partner's territory of another level (a
 * département over its communes, a commune at département level), one that outlines it. That
 * one reads the indicator's own tileset at the territory's level: the same public tiles, drawn at
 * every zoom, that every client of the level shares in the cache.
 */
function withOutlines(style, level, other) {
  const sources = { ...style.sources };
  const layers = [...style.layers, outlineLayer(level)];
  if (other) {
    const url = new URL(style.sources.indicator.url);
    url.searchParams.set('level', other.level);
    // the same tiles' sources are credited once, by the indicator's source (the style's own attribution wins over TileJSON's)
    sources['atlas-territory'] = { type: 'vector', url: url.href, attribution: '' };
    const line = { type: 'line', source: 'atlas-territory', 'source-layer': other.level,
      filter: ['==', ['get', 'code'], other.code], layout: { 'line-join': 'round' } };
    // a white casing under the dark line: visible on the darkest and the lightest classes alike
    layers.push({ ...line, id: 'atlas-territory-casing', paint: { 'line-color': '#fff', 'line-width': 6 } },
      { ...line, id: 'atlas-territory-line', paint: { 'line-color': '#161616', 'line-width': 3 } });
  }
  return { ...style, sources, layers };
}

/** @param onVersion called when the map has followed a new data version (shared/versions.js) */
export function createMap(lib, container, { style, level, other = null, onVersion }) {
  const { L, maplibreGL } = lib;
  const map = L.map(container, { zoomControl: false, minZoom: 1, maxZoom: 14, zoomSnap: 0.25, keyboardPanDelta: 60 });
  L.control.zoom({ zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer', zoomOutText: '−' }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a> | <a href="https://maplibre.org/">MapLibre</a>');
  let drawn = style;
  map.fitBounds(franceOf(style), FRANCE_PADDING);
  const layer = maplibreGL({ style: withOutlines(style, level, other) }).addTo(map);
  const gl = layer.getMaplibreMap();
  // the Leaflet container is the map for assistive technologies; MapLibre's canvas is drawing only
  for (const el of [gl.getCanvas(), gl.getCanvasContainer()]) {
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
    el.removeAttribute('tabindex');
    el.setAttribute('aria-hidden', 'true');
  }
  let current = level;
  let outlined = other;
  const marks = highlights(gl);
  followVersions(gl, { onVersion });
  const toBounds = (bbox) => {
    const [w, s, e, n] = toView(drawn, bbox);
    return L.latLngBounds([[s, w], [n, e]]);
  };
  // Leaflet 1.9 drops (or, at the same zoom, overwrites) a view set during a zoom animation
  // (Map._tryAnimatedZoom returns at once while _animatingZoom), so a territory framed while the
  // previous one was still zooming in stayed unframed. A frame asked meanwhile waits for the
  // animation's end, the last one asked winning: API calls made without waiting end on the last
  // territory. After a frame, the map counts as busy until the next animation frame, where
  // Leaflet starts the animation that frame asked for (its callback is queued before ours).
  let nextFrame = null;
  let starting = false;
  const flush = () => {
    if (!nextFrame || starting || map._animatingZoom) return;
    const fit = nextFrame;
    nextFrame = null;
    fit();
    starting = true;
    L.Util.requestAnimFrame(() => {
      starting = false;
      flush();
    });
  };
  map.on('zoomend', flush);
  const frame = (fit) => {
    nextFrame = fit;
    flush();
  };

  return {
    leaflet: map,
    gl,
    /** The territory drawn under a point of the Leaflet container, or null. */
    featureAt(point) {
      if (!gl.isStyleLoaded() && !gl.loaded()) return null;
      const ll = map.containerPointToLatLng(point);
      const p = gl.project([ll.lng, ll.lat]);
      const hit = gl.queryRenderedFeatures([p.x, p.y]).find((f) => f.source === 'indicator' && f.layer.type === 'fill');
      return hit ? { code: hit.properties.code, nom: hit.properties.nom } : null;
    },
    centre() {
      return map.getSize().divideBy(2);
    },
    setStyle(next, level, other = null) {
      marks.clear();
      current = level;
      drawn = next;
      outlined = other;
      gl.setStyle(withOutlines(next, level, other));
    },
    /** Outlines a territory of another level than the one shown ({ level, code }), or none (null). */
    outline(other) {
      if (other?.level === outlined?.level && other?.code === outlined?.code) return;
      outlined = other;
      gl.setStyle(withOutlines(drawn, current, other)); // a diff: MapLibre adds or removes the layers
    },
    hover: (code) => marks.set('hover', current, code),
    select: (code) => marks.set('selected', current, code),
    /**
     * Frames a territory's real bounding box where the view shows it (an overseas one in its
     * inset); with `around`, centres that box instead at the zoom that frames `around` (a commune
     * in its département).
     */
    fit(bbox, around = null) {
      frame(() => {
        if (!around) {
          map.fitBounds(toBounds(bbox), { maxZoom: 11, padding: [12, 12] });
        } else {
          const zoom = Math.min(map.getBoundsZoom(toBounds(around), false, L.point(24, 24)), 11);
          map.setView(toBounds(bbox).getCenter(), zoom);
        }
      });
    },
    /** Frames a box of the view itself ([west, south, east, north], an inset's). */
    fitBox: ([w, s, e, n]) => frame(() => map.fitBounds([[s, w], [n, e]], { padding: [12, 12] })),
    fitMetropole: () => frame(() => map.fitBounds(franceOf(drawn), FRANCE_PADDING)),
    /** Runs once MapLibre has drawn everything in view. */
    whenIdle(fn) {
      if (gl.loaded() && !gl.isMoving()) fn();
      else gl.once('idle', fn);
    },
    /**
     * Leaflet 1.9 ends a zoom animation on a timer that reads the map's panes, so a map removed in
     * the middle of one throws from that timer (Leaflet#9575): the builder's preview, remade at
     * each choice, hit it. The listeners go at once; the map goes when its animation is over.
     */
    destroy() {
      map.off();
      if (map._animatingZoom) map.once('zoomend', () => map.remove());
      else map.remove();
    },
  };
}
