// The embeddable widget in a real Chromium, on a partner page of another origin: script embed,
// JS API, lazy loading of the map libraries, accessibility, and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { baseUrl, json, launch, openPage, openPartnerPage, elementShot, screenshot, colourShare, blend, axeViolations, outside } from './browser.mjs';

const INDICATOR = 'bibliotheques_pour_10000_hab';
const LEVEL = 'departement';
let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });


/** "1 234,56" (French format, any space) → 1234.56 */
const parseFrench = (text) => Number(text.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));

/** The tooltip shows the value in French format, to the precision shown (1 %). */
function assertShowsValue(text, value) {
  const m = text.match(/(-?\d[\d\s\u202f\u00a0]*(?:,\d+)?)\s*pour 10\s000 hab\./);
  assert.ok(m, `a value with its unit in "${text}"`);
  assert.ok(Math.abs(parseFrench(m[1]) - value) <= Math.abs(value) * 0.01, `${m[1]} ≈ ${value}`);
}

const snippet = (attrs, style = '') => `<script src="${baseUrl}/widget/atlas-widget.js" defer></script>
  <div ${Object.entries(attrs).map(([k, v]) => `data-atlas-${k}="${v}"`).join(' ')} style="${style}"></div>`;

async function widgetPage(attrs, options) {
  const opened = await openPage(session.browser, options);
  await openPartnerPage(opened.page, snippet(attrs));
  return opened;
}

/** The page position of a longitude/latitude on the widget's Leaflet map. */
async function pagePoint(page, lat, lng, host = '[data-atlas-indicator]') {
  return page.evaluate(({ lat, lng, host }) => {
    const map = window.AtlasWidget.get(document.querySelector(host)).map;
    const p = map.latLngToContainerPoint([lat, lng]);
    const box = map.getContainer().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, { lat, lng, host });
}

test('the widget\'s own code is at most 35 KB gzipped', async () => {
  const res = await fetch(`${baseUrl}/widget/atlas-widget.js`);
  assert.equal(res.status, 200);
  const body = Buffer.from(await res.arrayBuffer());
  const size = gzipSync(body, { level: 9 }).length;
  assert.ok(size <= 35 * 1024, `atlas-widget.js is ${(size / 1024).toFixed(1)} KB gzipped`);
  // the map libraries are a separate file that the widget loads itself, under a hashed name
  // kept a year; the widget's own script, the one partners embed, is short-lived
  assert.match(res.headers.get('cache-control'), /max-age=300/);
  const lib = body.toString().match(/atlas-maplib-[A-Z0-9]{8}\.js/);
  assert.ok(lib, 'the widget names the hashed map library');
  const libRes = await fetch(`${baseUrl}/widget/${lib[0]}`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(libRes.status, 200);
  assert.equal(libRes.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(libRes.headers.get('content-encoding'), 'br');
});

test('script embed: choropleth in the legend\'s colours, legend, hover, focus, search, table, axe', async () => {
  const { page, problems } = await widgetPage({ indicator: INDICATOR, level: LEVEL });
  await page.waitForSelector('.atlas-w[data-map-idle="true"]', { timeout: 30_000 });
  const style = await json(`/styles/choropleth/${INDICATOR}.json?level=${LEVEL}`);
  const { values } = await json(`/api/indicators/${INDICATOR}/values?level=${LEVEL}`);
  const classes = style.metadata['atlas:legend'][0].classes;

  // the map draws every class colour (fill-opacity 0.9 over the style's background)
  const background = style.layers.find((l) => l.type === 'background').paint['background-color'];
  const png = await elementShot(page.locator('.atlas-map'), 'widget-script-map');
  for (const c of classes) {
    const share = colourShare(png, blend(c.colour, 0.9, background), 10);
    assert.ok(share > 0.003, `class colour ${c.colour} covers ${(share * 100).toFixed(2)} % of the map`);
  }
  assert.ok(colourShare(png, [0, 0, 0], 30) < 0.2, 'the map is not black');

  // legend: one item per class with its bounds in French format, then "non disponible"
  const items = await page.locator('.atlas-legend-class').allTextContents();
  assert.equal(items.length, classes.length + 1, items.join(' | '));
  classes.forEach((c, i) => {
    const m = items[i].match(/^de (.+) à (.+?)\s*\((\d+)\)$/);
    assert.ok(m, `legend item "${items[i]}"`);
    assert.ok(Math.abs(parseFrench(m[1]) - c.from) <= Math.abs(c.from) * 0.01 + 0.001, `${m[1]} ≈ ${c.from}`);
    assert.ok(Math.abs(parseFrench(m[2]) - c.to) <= Math.abs(c.to) * 0.01 + 0.001, `${m[2]} ≈ ${c.to}`);
    assert.equal(Number(m[3]), c.count);
    assert.match(m[1] + m[2], /,/, 'decimal comma');
  });
  const missing = values.filter((v) => v.value === null).length;
  assert.equal(items.at(-1).replace(/\s+/g, ' ').trim(), `non disponible (${missing})`);

  // the map region is named after indicator, year and level
  const label = await page.getAttribute('.atlas-map', 'aria-label');
  assert.match(label, /Bibliothèques pour 10 000 habitants.*par département/);

  // hover over Lyon shows the Rhône, its value in French format, and its rank
  const rhone = values.find((v) => v.code === '69');
  const at = await pagePoint(page, 45.76, 4.84);
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector('.atlas-tip:not([hidden])');
  const tip = await page.textContent('.atlas-tip');
  assert.match(tip, /Rhône/);
  assertShowsValue(tip, rhone.value);
  assert.match(tip, /rang \d+ sur 100/);
  await screenshot(page, 'widget-script-hover');
  await page.mouse.move(5, 5);

  // keyboard: Tab from the level switch onto the map shows the territory at the centre
  await page.focus('.atlas-select');
  await page.keyboard.press('Tab');
  // the widget is in its element's shadow root: the page's active element is that element
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.classList.contains('atlas-map')), true, 'the map takes the focus');
  await page.waitForSelector('.atlas-tip:not([hidden])');
  const focusTip = await page.textContent('.atlas-tip');
  const centre = values.find((v) => focusTip.startsWith(v.nom));
  assert.ok(centre, `the focus tooltip names a département: ${focusTip}`);
  assertShowsValue(focusTip, centre.value);
  await screenshot(page, 'widget-script-focus');
  // Enter selects it: the panel shows value, comparison, source, year and the CSV link
  await page.keyboard.press('Enter');
  await page.waitForSelector('.atlas-panel-body');
  const panel = await page.textContent('.atlas-panel');
  assert.ok(panel.includes(centre.nom), panel);
  assert.match(panel, /France : /);
  assert.match(panel, /Source : Deps/);
  // an indicator whose files give no year says nothing of it (no "année : non précisée")
  assert.doesNotMatch(panel, /non précisée/);
  const csv = await page.getAttribute('.atlas-csv', 'href');
  assert.equal(csv, `${baseUrl}/api/indicators/${INDICATOR}/values?level=${LEVEL}&format=csv&separator=%3B`);

  // search "Lyon" + Enter zooms to Lyon
  await page.fill('[role="combobox"]', 'Lyon');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.AtlasWidget.get(document.querySelector('[data-atlas-indicator]')).map.getZoom() > 9);
  const view = await page.evaluate(() => {
    const map = window.AtlasWidget.get(document.querySelector('[data-atlas-indicator]')).map;
    return { ...map.getCenter(), zoom: map.getZoom() };
  });
  assert.ok(Math.abs(view.lat - 45.76) < 0.1 && Math.abs(view.lng - 4.84) < 0.1, `centred on Lyon: ${JSON.stringify(view)}`);
  // a commune found at département level: its département is selected, the commune outlined
  await page.locator('.atlas-panel', { hasText: 'Rhône' }).waitFor();
  const found = await page.evaluate(() => window.AtlasWidget.get(document.querySelector('[data-atlas-indicator]')).state);
  assert.deepEqual([found.territory, found.selected], [{ level: 'commune', code: '69123', nom: 'Lyon' },
    { level: 'departement', code: '69', nom: 'Rhône' }]);

  // the table: caption, column headers, one row per département, "n.d." where missing
  await page.click('text=Voir les données en tableau');
  await page.waitForSelector('.atlas-table tbody tr'); // the rows are asked for when the table opens
  assert.match(await page.textContent('.atlas-table caption'), /Bibliothèques pour 10 000 habitants.* — 101 départements/);
  assert.equal(await page.locator('.atlas-table thead th[scope="col"]').count(), 3);
  assert.equal(await page.locator('.atlas-table tbody tr').count(), values.length);
  assert.equal(await page.locator('.atlas-table td', { hasText: /^n\.d\.$/ }).count(), missing);

  assert.deepEqual(await axeViolations(page), [], 'axe-core finds no violation');
  await screenshot(page, 'widget-script');
  assert.deepEqual(problems.errors, [], 'no console error');
  assert.deepEqual(outside(problems), [], 'no request outside the server');
  await page.context().close();
});

test('legend and table come before the map libraries, which load once near the viewport', async () => {
  const { page, problems } = await openPage(session.browser);
  const libs = [];
  page.on('request', (r) => { if (r.url().includes('atlas-maplib')) libs.push(r.url()); });
  await openPartnerPage(page, `<div style="height: 2500px">Haut de page</div>
    ${snippet({ indicator: INDICATOR, level: 'region', table: 'true' })}
    ${snippet({ indicator: 'part_entreprises_culturelles', level: 'departement' })}`);
  await page.waitForSelector('.atlas-table tbody tr');
  await page.locator('.atlas-legend').nth(1).waitFor();
  assert.equal(await page.locator('.atlas-w').first().locator('.atlas-table tbody tr').count(), 18);
  await page.waitForTimeout(500);
  assert.deepEqual(libs, [], 'no map library before the widgets near the viewport');

  await page.locator('.atlas-w').last().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-atlas-indicator]')]
    .every((el) => el.shadowRoot.querySelector('.atlas-w').dataset.mapIdle === 'true'),
    null, { timeout: 30_000 });
  assert.equal(libs.filter((u) => u.endsWith('.js')).length, 1, `one copy of the libraries: ${libs}`);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('JS API: create, on(select), zoomTo, setLevel, setIndicator, destroy', async () => {
  const { page, problems } = await openPage(session.browser);
  await openPartnerPage(page, `<script src="${baseUrl}/widget/atlas-widget.js"></script><div id="carte"></div>`);
  const result = await page.evaluate(async () => {
    const el = document.getElementById('carte');
    const widget = window.AtlasWidget.create(el, { indicator: 'part_entreprises_culturelles', level: 'region' });
    const selections = [];
    widget.on('select', (d) => selections.push(d));
    await widget.whenMapReady();
    await widget.zoomTo('84');
    const afterZoom = widget.map.getBounds().contains([45.76, 4.84]);
    await widget.setLevel('departement');
    const departements = widget.state.territories;
    await widget.setIndicator('bibliotheques');
    const indicator = widget.state;
    widget.destroy();
    // the widget is gone from its shadow root, which shows the element's own content again
    const gone = el.shadowRoot.querySelector('.atlas-w') === null && el.shadowRoot.querySelector('slot') !== null;
    return { selections, afterZoom, departements, indicator, gone };
  });
  assert.equal(result.selections.length, 1);
  assert.equal(result.selections[0].code, '84');
  assert.equal(result.selections[0].nom, 'Auvergne-Rhône-Alpes');
  assert.equal(typeof result.selections[0].value, 'number');
  assert.ok(result.afterZoom, 'zoomTo(84) shows Lyon');
  assert.equal(result.departements, 101);
  // the région asked for stays the widget's territory over the départements, outlined
  const ara = { level: 'region', code: '84', nom: 'Auvergne-Rhône-Alpes' };
  assert.deepEqual(result.indicator, { indicator: 'bibliotheques', level: 'departement', territories: 101, territory: ara, selected: ara });
  assert.equal(result.gone, true, 'destroy removes the widget and shows the element\'s content');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('a widget destroyed in the middle of a zoom leaves no error behind (the builder remakes its preview so)', async () => {
  const { page, problems } = await openPage(session.browser);
  await openPartnerPage(page, `<script src="${baseUrl}/widget/atlas-widget.js"></script><div id="carte"></div>`);
  const animating = await page.evaluate(async () => {
    const widget = window.AtlasWidget.create(document.getElementById('carte'), { indicator: 'part_entreprises_culturelles' });
    await widget.whenMapReady();
    widget.map.zoomIn(); // animated: Leaflet starts it on the next frame and ends it on a timer
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const wasAnimating = widget.map._animatingZoom === true;
    widget.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the animation's end, then a frame
    return wasAnimating;
  });
  assert.equal(animating, true, 'the widget was destroyed during a zoom animation');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('a territory asked for as the map starts is selected and outlined once its style has loaded', async () => {
  const { page, problems } = await openPage(session.browser);
  // The territory's answer arrives just after the map is made, while its style is still loading
  // (the builder's preview of data-atlas-territory once failed with "Style is not done loading"
  // on a busy machine). MapLibre loads a style in an animation frame: frames wait 400 ms here
  // until the answer is in, as on a main thread busy with other work.
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    const caf = window.cancelAnimationFrame.bind(window);
    const waiting = new Map();
    let next = -1;
    window.atlasSlowFrames = true;
    window.requestAnimationFrame = (fn) => {
      if (!window.atlasSlowFrames) return raf(fn);
      const id = next--;
      waiting.set(id, setTimeout(() => { waiting.delete(id); raf(fn); }, 400));
      return id;
    };
    window.cancelAnimationFrame = (id) => (waiting.has(id) ? clearTimeout(waiting.get(id)) : caf(id));
  });
  await page.route('**/api/territories/**', async (route) => {
    await page.waitForSelector('.atlas-mapbox.atlas-ready', { state: 'attached' });
    const res = await route.fetch();
    await route.fulfill({ response: res });
    await page.locator('.atlas-panel-body, .atlas-notice p').first().waitFor();
    await page.evaluate(() => { window.atlasSlowFrames = false; });
  });
  await openPartnerPage(page, snippet({ indicator: 'part_entreprises_culturelles', level: 'departement', territory: '69' }));
  await page.locator('.atlas-panel', { hasText: 'Rhône' }).waitFor({ timeout: 15_000 })
    .catch(async () => assert.fail(`the widget selects the Rhône: ${await page.textContent('.atlas-w')}`));
  await page.waitForSelector('.atlas-w[data-map-idle="true"]', { timeout: 30_000 });
  const state = await page.evaluate(() => {
    let gl = null;
    window.AtlasWidget.get(document.querySelector('[data-atlas-indicator]')).map
      .eachLayer((l) => { gl = l.getMaplibreMap?.() ?? gl; });
    return gl.getFeatureState({ source: 'indicator', sourceLayer: 'departement', id: '69' });
  });
  assert.deepEqual(state, { selected: true }, 'the Rhône is outlined');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('works at 320 px wide without horizontal scrolling', async () => {
  const { page, problems } = await widgetPage({ indicator: INDICATOR, level: 'region' }, { width: 320, height: 640 });
  await page.waitForSelector('.atlas-w[data-map-idle="true"]', { timeout: 30_000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 320, `page is ${overflow} px wide`);
  await screenshot(page, 'widget-320px');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('an unknown indicator shows a readable message in the box and in the console', async () => {
  const { page, problems } = await widgetPage({ indicator: 'bibliotheque_inconnue' });
  await page.waitForSelector('.atlas-notice p');
  const notice = await page.textContent('.atlas-notice');
  assert.match(notice, /Indicateur « bibliotheque_inconnue » inconnu\. Vouliez-vous dire « Bibliothèques » \(bibliotheques\) \?/);
  assert.doesNotMatch(notice, /monuments_historiques/, 'no list of raw ids');
  assert.match(notice, /\/builder\//, 'names the page that lists every indicator');
  assert.ok(problems.errors.some((e) => e.includes('bibliotheque_inconnue')), problems.errors.join('\n'));
  assert.ok(!problems.errors.some((e) => /Uncaught/.test(e)), 'no uncaught exception');
  await screenshot(page, 'widget-unknown-indicator');
  await page.context().close();
});

test('an unknown territory shows a message and keeps the map', async () => {
  const { page } = await widgetPage({ indicator: INDICATOR, level: 'commune', territory: '99999' });
  await page.waitForSelector('.atlas-notice p');
  assert.match(await page.textContent('.atlas-notice'), /Territoire « 99999 » introuvable : aucun territoire \(région, département, intercommunalité, commune\) n’a ce code\./);
  assert.equal(await page.locator('.atlas-legend').count(), 1, 'the legend is still shown');
  await page.context().close();
});

test('an unreachable server shows "Carte indisponible" and a retry that works', async () => {
  // a closed port: nothing answers
  const closed = await widgetPage({ indicator: INDICATOR, server: 'http://127.0.0.1:9' });
  await closed.page.waitForSelector('text=Carte indisponible');
  assert.equal(await closed.page.locator('.atlas-notice button', { hasText: 'Réessayer' }).count(), 1);
  await screenshot(closed.page, 'widget-unreachable');
  await closed.page.context().close();

  // the server comes back: the retry draws the widget
  const { page } = await openPage(session.browser);
  await page.route(`${baseUrl}/api/**`, (route) => route.abort('connectionrefused'));
  await openPartnerPage(page, snippet({ indicator: INDICATOR, level: 'region' }));
  await page.waitForSelector('text=Carte indisponible');
  await page.unroute(`${baseUrl}/api/**`);
  await page.click('text=Réessayer');
  await page.waitForSelector('.atlas-w[data-map-idle="true"]', { timeout: 30_000 });
  assert.equal(await page.locator('.atlas-legend-class').count(), 6);
  assert.equal(await page.locator('text=Carte indisponible').count(), 0);
  await page.context().close();
});
