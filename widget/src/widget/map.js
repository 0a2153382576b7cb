// The widget's map once the libraries are loaded: a Leaflet map holding one maplibre-gl-leaflet
// layer that draws the generated choropleth style. Territories are found under a point with
// MapLibre's queryRenderedFeatures; hover and selection are MapLibre feature states (the
// style's source promotes `code` to the feature id).

import { highlights } from '../shared/highlights.js';
import { toView, viewBounds } from '../shared/layout.js';

/** Room around the France view: the insets' names above them, the attribution below. */
const FRANCE_PADDING = { paddingTopLeft: [8, 8], paddingBottomRight: [8, 22] };

/** The style's France view (metropole and overseas insets) as Leaflet bounds. */
function franceOf(style) {
  const [w, s, e, n] = viewBounds(style);
  return [[s, w], [n, e]];
}

/** The style with one more line layer that outlines the hovered and the selected territory. */
function withOutline(style, level) {
  return {
    ...style,
    layers: [...style.layers, {
      id: 'atlas-outline', type: 'line', source: 'indicator', 'source-layer': level,
      paint: {
        'line-color': '#161616',
        'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3,
          ['boolean', ['feature-state', 'hover'], false], 2, 0],
      },
    }],
  };
}

export function createMap(lib, container, { style, level }) {
  const { L, maplibreGL } = lib;
  const map = L.map(container, { zoomControl: false, minZoom: 1, maxZoom: 14, zoomSnap: 0.25, keyboardPanDelta: 60 });
  L.control.zoom({ zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer', zoomOutText: '−' }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a> | <a href="https://maplibre.org/">MapLibre</a>');
  let drawn = style;
  map.fitBounds(franceOf(style), FRANCE_PADDING);
  const layer = maplibreGL({ style: withOutline(style, level) }).addTo(map);
  const gl = layer.getMaplibreMap();
  // the Leaflet container is the map for assistive technologies; MapLibre's canvas is drawing only
  for (const el of [gl.getCanvas(), gl.getCanvasContainer()]) {
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
    el.removeAttribute('tabindex');
    el.setAttribute('aria-hidden', 'true');
  }
  let current = level;
  const marks = highlights(gl);

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
    setStyle(next, level) {
      marks.clear();
      current = level;
      drawn = next;
      gl.setStyle(withOutline(next, level));
    },
    hover: (code) => marks.set('hover', current, code),
    select: (code) => marks.set('selected', current, code),
    /** Frames a territory's real bounding box where the view shows it (an overseas one in its inset). */
    fit(bbox) {
      const [w, s, e, n] = toView(drawn, bbox);
      map.fitBounds([[s, w], [n, e]], { maxZoom: 11, padding: [12, 12] });
    },
    fitMetropole: () => map.fitBounds(franceOf(drawn), FRANCE_PADDING),
    /** Runs once MapLibre has drawn everything in view. */
    whenIdle(fn) {
      if (gl.loaded() && !gl.isMoving()) fn();
      else gl.once('idle', fn);
    },
    destroy: () => map.remove(),
  };
}
