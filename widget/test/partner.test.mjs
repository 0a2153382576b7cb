// The widget on someone else's page: a hostile stylesheet, a territory of another level than the
// one shown, a selection that leaves the view alone, the keyboard crosshair, API calls in order,
// French messages, a narrow column, and the examples of docs/embed.md run as written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { baseUrl, launch, openPage, openPartnerPage, screenshot, axeViolations, outside } from './browser.mjs';

const INDICATOR = 'bibliotheques_pour_10000_hab';
let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });

const snippet = (attrs, style = '') => `<script src="${baseUrl}/widget/atlas-widget.js" defer></script>
  <div ${Object.entries(attrs).map(([k, v]) => `data-atlas-${k}="${v}"`).join(' ')} style="${style}"></div>`;

async function widgetPage(attrs, { css = '', style = '', ...options } = {}) {
  const opened = await openPage(session.browser, options);
  await openPartnerPage(opened.page, `${css ? `<style>${css}</style>` : ''}${snippet(attrs, style)}`);
  await opened.page.waitForSelector('.atlas-w[data-map-idle="true"]', { timeout: 30_000 });
  return opened;
}

/** The widget's state (its API) and its MapLibre map's facts, read in the page. */
const facts = (page) => page.evaluate(() => {
  const widget = window.AtlasWidget.get(document.querySelector('[data-atlas-indicator]'));
  let gl = null;
  widget.map.eachLayer((l) => { gl = l.getMaplibreMap?.() ?? gl; });
  const lines = (layer) => (gl.getLayer(layer) ? gl.queryRenderedFeatures({ layers: [layer] }).map((f) => f.properties.code) : []);
  const { lat, lng } = widget.map.getCenter();
  const b = widget.map.getBounds();
  return {
    state: widget.state, centre: [lng, lat], zoom: widget.map.getZoom(),
    bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
    outlined: [...new Set(lines('atlas-territory-line'))],
    filter: gl.getLayer('atlas-territory-line') ? gl.getFilter('atlas-territory-line') : null,
  };
});

const selectedState = (page, level, id) => page.evaluate(({ level, id }) => {
  let gl = null;
  window.AtlasWidget.get(document.querySelector('[data-atlas-indicator]')).map.eachLayer((l) => { gl = l.getMaplibreMap?.() ?? gl; });
  return gl.getFeatureState({ source: 'indicator', sourceLayer: level, id }).selected ?? false;
}, { level, id });

const json = async (path) => (await fetch(baseUrl + path)).json();
const inside = (outer, inner, eps = 0.02) => inner[0] >= outer[0] - eps && inner[1] >= outer[1] - eps
  && inner[2] <= outer[2] + eps && inner[3] <= outer[3] + eps;

test('a département over its communes: outlined, framed, in the panel', async () => {
  const { page, problems } = await widgetPage({ indicator: INDICATOR, level: 'commune', territory: '69' });
  await page.locator('.atlas-panel', { hasText: 'Rhône' }).waitFor();
  const rhone = await json('/api/territories/departement/69');
  const f = await facts(page);
  assert.equal(f.state.level, 'commune', 'the communes are still shown');
  assert.deepEqual(f.state.territory, { level: 'departement', code: '69', nom: 'Rhône' });
  assert.deepEqual(f.filter, ['==', ['get', 'code'], '69']);
  assert.deepEqual(f.outlined, ['69'], 'the Rhône\'s own outline is drawn');
  assert.ok(inside(f.bounds, rhone.bbox), `the view ${f.bounds} shows the Rhône ${rhone.bbox}`);
  assert.ok(f.zoom > 7, `framed on the Rhône, not France: zoom ${f.zoom}`);
  assert.match(await page.textContent('.atlas-panel'), /Rhône \(département 69\)/);
  assert.equal((await page.textContent('.leaflet-control-attribution')).match(/Sources :/g).length, 1, 'sources credited once');
  await screenshot(page, 'widget-cross-level-departement-over-communes');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('a commune at département level: its département selected, the commune outlined and centred', async () => {
  const { page, problems } = await widgetPage({ indicator: INDICATOR, level: 'departement', territory: '69123' });
  await page.locator('.atlas-panel', { hasText: 'Rhône' }).waitFor();
  const lyon = await json('/api/territories/commune/69123');
  const f = await facts(page);
  assert.deepEqual(f.state.territory, { level: 'commune', code: '69123', nom: 'Lyon' });
  assert.deepEqual(f.state.selected, { level: 'departement', code: '69', nom: 'Rhône' });
  assert.equal(await selectedState(page, 'departement', '69'), true, 'the Rhône is outlined as the selection');
  assert.deepEqual(f.outlined, ['69123'], 'Lyon has its own outline');
  const [w, s, e, n] = lyon.bbox;
  assert.ok(Math.abs(f.centre[0] - (w + e) / 2) < 0.02 && Math.abs(f.centre[1] - (s + n) / 2) < 0.02, `centred on Lyon: ${f.centre}`);
  assert.ok(f.zoom < 10, `at the département's zoom, not the commune's: ${f.zoom}`);
  await screenshot(page, 'widget-cross-level-commune-at-departement');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('a click selects without moving the map; the live region says one sentence', async () => {
  const { page, problems } = await widgetPage({ indicator: INDICATOR, level: 'departement' });
  const before = await facts(page);
  const at = await page.evaluate(() => {
    const map = window.AtlasWidget.get(document.querySelector('[data-atlas-indicator]')).map;
    const p = map.latLngToContainerPoint([45.76, 4.84]);
    const box = map.getContainer().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  });
  await page.mouse.click(at.x, at.y);
  await page.locator('.atlas-panel', { hasText: 'Rhône' }).waitFor();
  await page.waitForTimeout(500); // a fit would animate for 250 ms
  const after = await facts(page);
  assert.deepEqual([after.centre, after.zoom], [before.centre, before.zoom], 'the view is the user\'s');
  assert.equal(await selectedState(page, 'departement', '69'), true);
  const live = await page.locator('.atlas-sr[aria-live]').textContent();
  assert.match(live, /^Sélection : Rhône \(département\), Bibliothèques pour 10 000 habitants : [\d,]+\s+pour 10\s000 hab\.$/);
  assert.equal(await page.locator('[aria-live]').count(), 1, 'the panel is not a live region');

  // the keyboard crosshair: not after the click, and at the map's centre (not the widget's) for the keyboard
  const crosshair = page.locator('.atlas-crosshair');
  assert.equal(await crosshair.isVisible(), false, 'no crosshair after a mouse click');
  await page.focus('.atlas-select');
  await page.keyboard.press('Tab');
  await crosshair.waitFor({ state: 'visible' });
  const [c, m, side] = await Promise.all([crosshair.boundingBox(), page.locator('.atlas-map').boundingBox(), page.locator('.atlas-side').boundingBox()]);
  assert.ok(side.height > m.height, 'the panel is higher than the map (the case where the crosshair was off)');
  assert.ok(Math.abs(c.x + c.width / 2 - (m.x + m.width / 2)) <= 1 && Math.abs(c.y + c.height / 2 - (m.y + m.height / 2)) <= 1,
    `crosshair ${JSON.stringify(c)} at the centre of the map ${JSON.stringify(m)}`);
  await screenshot(page, 'widget-keyboard-crosshair');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('a partner page with hostile CSS does not reach the widget', async () => {
  const hostile = `body { background: #121212; color: #e8e8e8; }
    * { box-sizing: content-box; font: italic 22px/3 "Comic Sans MS", cursive; letter-spacing: 3px; text-transform: uppercase; }
    a, a:visited { color: #8ab4f8; }
    button, select, input { background: #000; color: #0f0; padding: 18px; border: 4px dashed #f0f; }
    div { padding: 30px; border: 2px solid #f00; }
    p, ul, li { margin: 40px; } canvas { opacity: .2; } table, td, th { border: 5px solid yellow; }`;
  // the same widget on a plain page and on the hostile one: what it looks like inside must not change
  const measure = (page) => page.evaluate(() => {
    const root = document.querySelector('[data-atlas-indicator]').shadowRoot;
    const look = (sel) => {
      const el = root.querySelector(sel);
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { font: cs.font, spacing: cs.letterSpacing, transform: cs.textTransform, padding: cs.padding, border: cs.border,
        sizing: cs.boxSizing, color: cs.color, width: Math.round(r.width), height: Math.round(r.height) };
    };
    return { title: look('.atlas-title'), button: look('.atlas-button'), select: look('.atlas-select'), map: look('.atlas-map'),
      legend: look('.atlas-legend'), csv: look('.atlas-csv'), canvas: getComputedStyle(root.querySelector('canvas')).opacity };
  });
  const attrs = { indicator: INDICATOR, level: 'departement', territory: '69' };
  // the host's own size is the page's business: both hosts are 900 px wide, without padding or border
  const style = 'width: 900px; padding: 0; border: 0';
  const plain = await widgetPage(attrs, { style, width: 1000, height: 900 });
  await plain.page.locator('.atlas-csv').waitFor();
  const expected = await measure(plain.page);
  await plain.page.context().close();

  const { page, problems } = await widgetPage(attrs, { css: hostile, style, width: 1000, height: 900 });
  await page.locator('.atlas-csv').waitFor();
  assert.deepEqual(await measure(page), expected, 'the widget looks the same on the hostile page');

  // the CSV link keeps a readable contrast (4.5:1) against what is really behind it
  const ratio = await page.evaluate(() => {
    const link = document.querySelector('[data-atlas-indicator]').shadowRoot.querySelector('.atlas-csv');
    const rgb = (c) => c.match(/[\d.]+/g).map(Number);
    let node = link;
    let bg = null;
    while (node && !bg) {
      if (node.nodeType === 1) {
        const c = rgb(getComputedStyle(node).backgroundColor);
        if (c.length === 3 || c[3] > 0) bg = c;
      }
      node = node.parentNode ?? node.host; // out of the shadow root through its host
    }
    const lum = ([r, g, b]) => [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const [a, b] = [lum(rgb(getComputedStyle(link).color)), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
  assert.ok(ratio >= 4.5, `CSV link contrast ${ratio.toFixed(2)}:1`);
  assert.deepEqual(await axeViolations(page), [], 'axe sees inside the shadow root, and finds nothing');
  await screenshot(page, 'widget-hostile-partner-page');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(outside(problems), []);
  await page.context().close();
});

test('API calls made without waiting end in the order made: the last one wins', async () => {
  const { page, problems } = await openPage(session.browser);
  await openPartnerPage(page, `<script src="${baseUrl}/widget/atlas-widget.js"></script><div id="carte"></div>`);
  const result = await page.evaluate(async () => {
    const widget = window.AtlasWidget.create(document.getElementById('carte'), { indicator: 'part_entreprises_culturelles', level: 'region' });
    const order = [];
    const calls = [
      widget.zoomTo('84').then((t) => order.push(`zoomTo 84: ${t.level} ${t.nom}`)),
      widget.setLevel('departement').then((s) => order.push(`setLevel: ${s.level}`)),
      widget.zoomTo('13').then((t) => order.push(`zoomTo 13: ${t.level} ${t.nom}`)),
      widget.setIndicator('bibliotheques').then((s) => order.push(`setIndicator: ${s.indicator}`)),
      widget.zoomTo('99999').then((t) => order.push(`zoomTo 99999: ${t}`)),
      widget.zoomTo('69').then((t) => order.push(`zoomTo 69: ${t.level} ${t.nom}`)),
    ];
    await Promise.all(calls);
    await widget.whenMapReady();
    const { lat, lng } = widget.map.getCenter();
    return { order, state: widget.state, centre: [lng, lat] };
  });
  assert.deepEqual(result.order, ['zoomTo 84: region Auvergne-Rhône-Alpes', 'setLevel: departement',
    'zoomTo 13: departement Bouches-du-Rhône', 'setIndicator: bibliotheques', 'zoomTo 99999: null', 'zoomTo 69: departement Rhône']);
  assert.deepEqual(result.state.territory, { level: 'departement', code: '69', nom: 'Rhône' });
  assert.equal(result.state.indicator, 'bibliotheques');
  assert.ok(Math.abs(result.centre[0] - 4.7) < 0.3 && Math.abs(result.centre[1] - 45.88) < 0.3, `on the Rhône: ${result.centre}`);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('a territory asked for while the map is zooming is framed once the zoom ends', async () => {
  // Leaflet 1.9 drops a view set during a zoom animation: the widget frames it at the animation's end
  const { page, problems } = await openPage(session.browser);
  await openPartnerPage(page, `<script src="${baseUrl}/widget/atlas-widget.js"></script><div id="carte"></div>`);
  const result = await page.evaluate(async () => {
    const widget = window.AtlasWidget.create(document.getElementById('carte'), { indicator: 'part_entreprises_culturelles', level: 'departement' });
    await widget.whenMapReady();
    const map = widget.map;
    const settle = async () => {
      for (let i = 0; i < 50 && (i < 5 || map._animatingZoom); i++) await new Promise((r) => setTimeout(r, 100));
    };
    // the territory's answers must come within the 250 ms of the animation: a second try if not
    for (const code of ['69', '13']) {
      map.setZoom(map.getZoom() + 1); // animated: Leaflet starts it on the next frame
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const territory = await widget.zoomTo(code); // frames it at once, or when the zoom ends
      const during = map._animatingZoom;
      await settle();
      if (during) {
        const { lat, lng } = map.getCenter();
        return { territory, centre: [lng, lat] };
      }
    }
    return null;
  });
  assert.ok(result, 'zoomTo was asked during a zoom animation');
  const centres = { 69: [4.7, 45.88], 13: [5.1, 43.55] };
  const [x, y] = centres[result.territory.code];
  assert.ok(Math.abs(result.centre[0] - x) < 0.3 && Math.abs(result.centre[1] - y) < 0.3,
    `on ${result.territory.nom}: ${result.centre}`);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('every message is French, names the valid choices in French and suggests the nearest indicator', async () => {
  const cases = [
    [{ indicator: 'bibliotheques_pour_10000', level: 'departement' },
      /^Carte non affichéeIndicateur « bibliotheques_pour_10000 » inconnu\. Vouliez-vous dire « Bibliothèques pour 10 000 habitants » \(bibliotheques_pour_10000_hab\) \?/],
    [{ indicator: INDICATOR, level: 'departement', classes: '12' },
      /Nombre de classes « 12 » impossible : un nombre entier de 3 à 9\.$/],
    [{ indicator: INDICATOR, level: 'departement', method: 'natural' },
      /Méthode de classement « natural » inconnue ; méthodes possibles : « quantile » pour quantiles \(effectifs égaux\), « equal » pour intervalles égaux, « jenks » pour seuils naturels \(Jenks\), « stddev » pour écarts à la moyenne\.$/],
    [{ indicator: INDICATOR, level: 'departement', palette: 'Rainbow' },
      /Palette « Rainbow » impossible pour cet indicateur ; palettes possibles : .*« YlGnBu » pour dégradé jaune-vert-bleu.*« Blues » pour bleus/],
    [{ indicator: 'grille_densite', level: 'canton' },
      /L’indicateur « .+ » n’existe pas au niveau « canton » ; niveaux possibles : .*« commune » pour commune\.$/],
  ];
  for (const [attrs, expected] of cases) {
    const { page } = await openPage(session.browser);
    await openPartnerPage(page, snippet(attrs));
    await page.locator('.atlas-notice p').first().waitFor();
    await page.waitForTimeout(200); // the suggestion waits for the catalogue
    const text = (await page.textContent('.atlas-notice')).replace(/\s+/g, ' ');
    assert.match(text, expected, JSON.stringify(attrs));
    assert.doesNotMatch(text, /\b(must|Unknown|Unsupported|known|not available|whole number)\b/, `no English: ${text}`);
    // the message alone: no empty map box, level list or table button beside it
    for (const part of [page.locator('.atlas-mapbox'), page.locator('.atlas-controls'), page.locator('button', { hasText: 'Voir les données en tableau' })]) {
      assert.equal(await part.count(), 1);
      assert.equal(await part.isVisible(), false, `${part} hidden`);
    }
    if (attrs.classes) await screenshot(page, 'widget-message-classes');
    await page.context().close();
  }
});

test('in a 320-px column and on a phone: nothing overflows, every control is 44 px', async () => {
  for (const [name, viewport, style] of [['widget-column-320px', { width: 1280, height: 800 }, 'width: 320px'],
    ['widget-phone-375px', { width: 375, height: 812 }, '']]) {
    const { page, problems } = await widgetPage({ indicator: INDICATOR, level: 'departement', territory: '69', table: 'true' },
      { style, ...viewport });
    await page.locator('.atlas-table tbody tr').first().waitFor();
    const report = await page.evaluate(() => {
      const host = document.querySelector('[data-atlas-indicator]');
      const root = host.shadowRoot;
      const small = [...root.querySelectorAll('button, select, input, summary, a[href]')]
        .filter((el) => el.getClientRects().length && !el.closest('.leaflet-control-attribution')) // inline attribution links (WCAG 2.5.8 exception)
        .map((el) => [el.textContent.trim().slice(0, 30) || el.className, el.getBoundingClientRect()])
        .filter(([, r]) => r.height < 44 || r.width < 44)
        .map(([what, r]) => `${what}: ${Math.round(r.width)}×${Math.round(r.height)}`);
      const w = root.querySelector('.atlas-w');
      return { small, overflow: w.scrollWidth - w.clientWidth, page: document.documentElement.scrollWidth, width: innerWidth };
    });
    assert.deepEqual(report.small, [], `${name}: touch targets under 44 px`);
    assert.ok(report.overflow <= 0, `${name}: the widget overflows by ${report.overflow} px`);
    assert.ok(report.page <= report.width, `${name}: the page is ${report.page} px wide`);
    await screenshot(page, name);
    assert.deepEqual(await axeViolations(page), [], name);
    assert.deepEqual(problems.errors, [], name);
    await page.context().close();
  }
});

test('the examples of docs/embed.md work as written', async () => {
  const doc = readFileSync(new URL('../../docs/embed.md', import.meta.url), 'utf8');
  const blocks = [...doc.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1].replaceAll('https://atlas.example.fr', baseUrl));
  assert.equal(blocks.length, 3, 'three ways to embed');
  const run = async (block) => {
    const opened = await openPage(session.browser, { width: 1100, height: 900 });
    opened.logged = [];
    opened.page.on('console', (m) => { if (m.type() === 'log') opened.logged.push(m.text()); });
    await openPartnerPage(opened.page, block);
    return opened;
  };
  const stateOf = (page, selector) => page.evaluate(async (sel) => {
    const widget = window.AtlasWidget.get(document.querySelector(sel));
    await widget.whenMapReady();
    return widget.state;
  }, selector);

  // 1. the script and its <div>
  let { page, problems } = await run(blocks[0]);
  assert.deepEqual(await stateOf(page, '[data-atlas-indicator]'), { indicator: INDICATOR, level: 'departement', territories: 101,
    territory: { level: 'departement', code: '69', nom: 'Rhône' }, selected: { level: 'departement', code: '69', nom: 'Rhône' } });
  assert.deepEqual(problems.errors, []);
  await page.context().close();

  // 2. the iframe, which follows its content's height
  ({ page, problems } = await run(blocks[1]));
  const frame = page.frameLocator('iframe');
  await frame.locator('.atlas-w[data-map-idle="true"]').waitFor({ timeout: 30_000 });
  const inner = page.frames().find((f) => f.url().includes('/embed/'));
  const height = await inner.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
  await page.waitForFunction((h) => document.querySelector('iframe').style.height === `${h}px`, height);
  assert.deepEqual(problems.errors, []);
  await page.context().close();

  // 3. the JavaScript API: its calls, made one after the other without waiting, end where they say
  let logged;
  ({ page, problems, logged } = await run(blocks[2]));
  assert.deepEqual(await stateOf(page, '#carte'), { indicator: 'bibliotheques', level: 'departement', territories: 101,
    territory: { level: 'region', code: '84', nom: 'Auvergne-Rhône-Alpes' }, selected: { level: 'region', code: '84', nom: 'Auvergne-Rhône-Alpes' } });
  assert.ok(logged.some((l) => l.startsWith('84 Auvergne-Rhône-Alpes')), `the select listener ran: ${logged}`);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
