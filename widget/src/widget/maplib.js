// The map libraries of the widget, one chunk loaded once per page by loader.js: Leaflet 1.9
// for the map and its controls, MapLibre GL drawing the vector tiles inside it through
// maplibre-gl-leaflet, so that the widget draws the same styles as every other client.
import L from 'leaflet';
import maplibregl from 'maplibre-gl';
import { maplibreGL } from '@maplibre/maplibre-gl-leaflet';
import 'leaflet/dist/leaflet.css';
import 'maplibre-gl/dist/maplibre-gl.css';

window.AtlasMapLib = { L, maplibregl, maplibreGL };
