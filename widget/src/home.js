// The atlas homepage: a full-page MapLibre map drawn with the server's own style and tiles,
// the same public contract partner sites and students use.
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';

const map = new maplibregl.Map({
  container: 'map',
  style: `${window.location.origin}/styles/boundaries.json`,
  center: [2.5, 46.6],
  zoom: 4.6,
  attributionControl: { compact: false },
});
map.addControl(new maplibregl.NavigationControl(), 'top-right');
map.on('idle', () => { document.body.dataset.mapIdle = 'true'; });
map.on('error', (e) => { console.error('Carte : ', e.error?.message ?? e); });
window.atlasMap = map;
