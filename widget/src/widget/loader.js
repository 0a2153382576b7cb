// Loads Leaflet + MapLibre (dist/widget/atlas-maplib-[hash].js) once per page: every widget of the
// page, and a second copy of atlas-widget.js, share the same promise on window. Their stylesheet
// goes into each widget's shadow root (mapStyles), where the map is, and nowhere else in the page.
import { AtlasError } from '../shared/api.js';

const KEY = '__atlasMapLib';
// the hashed names of the map libraries, set by build.mjs (plain names when bundled otherwise)
/* global ATLAS_MAPLIB_JS, ATLAS_MAPLIB_CSS */
const JS = typeof ATLAS_MAPLIB_JS === 'string' ? ATLAS_MAPLIB_JS : 'atlas-maplib.js';
const CSS = typeof ATLAS_MAPLIB_CSS === 'string' ? ATLAS_MAPLIB_CSS : 'atlas-maplib.css';

function append(el, parent) {
  return new Promise((resolve, reject) => {
    el.onload = resolve;
    el.onerror = reject;
    parent.append(el);
  });
}

/** The map libraries' stylesheet in a shadow root, once loaded (the browser downloads it once). */
export function mapStyles(libBase, shadow) {
  const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: `${libBase}${CSS}` });
  return append(link, shadow).catch(() => {
    link.remove();
    throw new AtlasError('unreachable', 'Les bibliothèques de la carte ne se chargent pas.');
  });
}

export function loadMapLib(libBase) {
  if (!window[KEY]) {
    if (window.AtlasMapLib) {
      window[KEY] = Promise.resolve(window.AtlasMapLib);
      return window[KEY];
    }
    const js = Object.assign(document.createElement('script'), { src: `${libBase}${JS}`, async: true });
    window[KEY] = append(js, document.head).then(() => window.AtlasMapLib, () => {
      // let a retry ask again
      js.remove();
      delete window[KEY];
      throw new AtlasError('unreachable', 'Les bibliothèques de la carte ne se chargent pas.');
    });
  }
  return window[KEY];
}
