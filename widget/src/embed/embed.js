// /embed?indicator=…&level=…&territory=…&palette=…&height=…: one widget filling the page, for
// partners who embed with an <iframe>. The page tells its parent its height
// ({ type: 'atlas:height', height }) so that the iframe can grow with the panel and the table.
const params = new URLSearchParams(location.search);
const options = Object.fromEntries(['indicator', 'level', 'cross', 'territory', 'palette', 'method', 'classes', 'height', 'table']
  .filter((name) => params.get(name)).map((name) => [name, params.get(name)]));
const el = document.getElementById('atlas');

if (!options.indicator) {
  el.textContent = 'Carte non affichée : indiquez un indicateur, par exemple /embed?indicator=bibliotheques_pour_10000_hab.';
  console.error('Atlas embed : paramètre « indicator » manquant');
} else {
  const widget = window.AtlasWidget.create(el, options);
  window.atlasWidget = widget;
  // the widget's own title (in its shadow root) names the map; the page title follows it for the iframe's users
  const title = () => el.shadowRoot?.querySelector('.atlas-title')?.textContent;
  new MutationObserver(() => { if (title()) document.title = `${title()} — Atlas Culture des territoires`; })
    .observe(el.shadowRoot ?? el, { subtree: true, childList: true, characterData: true });
}

let last = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.scrollHeight);
  if (height !== last && window.parent !== window) {
    last = height;
    window.parent.postMessage({ type: 'atlas:height', height, href: location.href }, '*');
  }
}).observe(document.body);
