// First views on the wire, as a visitor with an empty cache gets them (issue 15): the widget on a
// partner page and the homepage, counted by Chromium itself (encodedDataLength: headers and
// bodies as transferred, after compression). The time until the map is drawn, with the CPU
// slowed 4× as on a modest phone, is printed as a report, not asserted: timings are not tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage, openPartnerPage } from './browser.mjs';

let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });

/**
 * Opens a view in a fresh context, waits for its map to be drawn and its network to settle, and
 * adds up what every request of the context transferred (Playwright's sizes: headers and bodies
 * as received, compressed), the map's tile requests from its Web Worker included.
 */
async function firstView(open, drawn) {
  const { page } = await openPage(session.browser, { width: 1280, height: 800 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const finished = [];
  page.context().on('requestfinished', (request) => finished.push(request));
  const start = Date.now();
  await open(page);
  await page.waitForSelector(drawn, { timeout: 120_000 });
  const ms = Date.now() - start;
  await page.waitForLoadState('networkidle');
  const sizes = [];
  for (const request of finished) {
    const s = await request.sizes();
    sizes.push([request.url(), s.responseHeadersSize + s.responseBodySize]);
  }
  await page.context().close();
  const bytes = sizes.reduce((sum, [, n]) => sum + n, 0);
  const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 3)
    .map(([url, n]) => `${new URL(url, baseUrl).pathname} ${(n / 1024).toFixed(0)} KB`);
  const tiles = sizes.filter(([url]) => url.includes('.mvt')).length;
  const api = sizes.filter(([url]) => new URL(url, baseUrl).pathname.startsWith('/api/'));
  const apiKb = Math.max(0, ...api.map(([, n]) => n)) / 1024;
  return { kb: bytes / 1024, requests: sizes.length, tiles, ms, largest, apiKb };
}

function report(name, view) {
  console.log(`# ${name}: ${view.kb.toFixed(0)} KB in ${view.requests} requests (${view.tiles} tiles); map drawn after ${view.ms} ms `
    + `with the CPU slowed 4× (largest: ${view.largest.join(', ')})`);
}

test('a widget\'s first view on a partner page is at most 450 KB on the wire', async () => {
  const view = await firstView((page) => openPartnerPage(page, `<script src="${baseUrl}/widget/atlas-widget.js" defer></script>
    <div data-atlas-indicator="bibliotheques_pour_10000_hab" data-atlas-level="departement"></div>`),
  '.atlas-w[data-map-idle="true"]');
  report('widget first view', view);
  assert.ok(view.tiles > 0 && view.kb > 100, 'the map library and the tiles are counted');
  assert.ok(view.kb <= 450, `${view.kb.toFixed(0)} KB`);
});

test('the homepage\'s first view is at most 600 KB on the wire', async () => {
  const view = await firstView((page) => page.goto(`${baseUrl}/`), 'body[data-map-idle="true"]');
  report('homepage first view', view);
  assert.ok(view.tiles > 0 && view.kb > 100, 'the page\'s script and the tiles are counted');
  assert.ok(view.kb <= 600, `${view.kb.toFixed(0)} KB`);
});

test('the homepage\'s commune level downloads no level of values: the map reads them in its tiles', async () => {
  // 34,967 communes: their values as JSON were 1.8 MB; the table and the tooltip ask for what they show
  const view = await firstView((page) => page.goto(`${baseUrl}/?indicator=niveau_vie_median&level=commune`),
    'body[data-map-idle="true"]');
  report('homepage first view, commune level', view);
  assert.ok(view.tiles > 0, 'the tiles are counted');
  assert.ok(view.apiKb < 50, `largest data API answer ${view.apiKb.toFixed(0)} KB`);
  assert.ok(view.kb <= 800, `${view.kb.toFixed(0)} KB`);
});
