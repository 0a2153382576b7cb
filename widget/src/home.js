// The atlas homepage: a full-page MapLibre map of the server's own tiles.
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';

const origin = window.location.origin;
const ATTRIBUTION = 'Sources : IGN Admin Express, Insee, Deps';

function boundaries(tileset) {
  return {
    type: 'vector',
    tiles: [`${origin}/tiles/${tileset}/{z}/{x}/{y}.mvt`],
    minzoom: 0,
    maxzoom: 12,
    attribution: ATTRIBUTION,
  };
}

const style = {
  version: 8,
  sources: { regions: boundaries('regions'), departements: boundaries('departements') },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#eef3f7' } },
    { id: 'regions-fill', type: 'fill', source: 'regions', 'source-layer': 'region', maxzoom: 6,
      paint: { 'fill-color': '#2a6f97', 'fill-opacity': 0.85 } },
    { id: 'departements-fill', type: 'fill', source: 'departements', 'source-layer': 'departement', minzoom: 6,
      paint: { 'fill-color': '#2a6f97', 'fill-opacity': 0.85 } },
    { id: 'departements-line', type: 'line', source: 'departements', 'source-layer': 'departement', minzoom: 6,
      paint: { 'line-color': '#ffffff', 'line-width': 0.8 } },
    { id: 'regions-line', type: 'line', source: 'regions', 'source-layer': 'region',
      paint: { 'line-color': '#ffffff', 'line-width': 1.5 } },
  ],
};

const map = new maplibregl.Map({
  container: 'map',
  style,
  center: [2.5, 46.6],
  zoom: 4.6,
  attributionControl: { compact: false },
});
map.addControl(new maplibregl.NavigationControl(), 'top-right');
map.on('idle', () => { document.body.dataset.mapIdle = 'true'; });
map.on('error', (e) => { console.error('Carte : ', e.error?.message ?? e); });
window.atlasMap = map;
