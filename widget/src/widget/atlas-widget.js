// atlas-widget.js: the script partner pages include. It finds every element with a
// data-atlas-indicator attribute and fills it with a widget, and offers the same as a JS API:
//   AtlasWidget.create(element, { indicator, level, cross, territory, palette, height, server })
// The atlas server's URL is the one this script came from, unless `server` says otherwise.
// Each widget lives in a shadow root of its element: the partner page's styles cannot reach it.
import css from './widget.css';
import sharedCss from '../shared/atlas.css';
import { createWidget } from './widget.js';

const VERSION = '1.0.0';
const scriptUrl = document.currentScript?.src ?? `${location.origin}/widget/atlas-widget.js`;
const libBase = new URL('.', scriptUrl).href;
const server = new URL('..', libBase).href;
const instances = new WeakMap();

const ATTRIBUTES = ['indicator', 'level', 'cross', 'territory', 'palette', 'method', 'classes', 'height', 'server', 'table'];

/** data-atlas-indicator="…" data-atlas-level="…" → { indicator, level } */
function optionsOf(el) {
  const opts = {};
  for (const name of ATTRIBUTES) {
    const value = el.getAttribute(`data-atlas-${name}`);
    if (value !== null && value !== '') opts[name] = value;
  }
  return opts;
}

function create(element, options = {}) {
  const el = typeof element === 'string' ? document.querySelector(element) : element;
  if (!el) throw new Error(`AtlasWidget.create : aucun élément ne correspond à ${element}`);
  if (instances.has(el)) return instances.get(el);
  if (!options.indicator) {
    el.textContent = 'Carte non affichée : aucun indicateur indiqué (attribut data-atlas-indicator).';
    console.error('Atlas widget : option « indicator » manquante');
    return null;
  }
  const widget = createWidget(el, options, { libBase, server, css: sharedCss + css, onDestroy: () => instances.delete(el) });
  instances.set(el, widget);
  return widget;
}

function init(root = document) {
  return [...root.querySelectorAll('[data-atlas-indicator]')].map((el) => create(el, optionsOf(el)));
}

// a second copy of this script on the same page reuses the first one's API and libraries
if (!window.AtlasWidget) {
  window.AtlasWidget = { create, init, get: (el) => instances.get(el) ?? null, version: VERSION };
}
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => window.AtlasWidget.init());
} else {
  window.AtlasWidget.init();
}
