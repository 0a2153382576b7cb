// Tile URLs name their data version (issue 19). A page left open longer than the grace period
// after a publish holds a TileJSON whose version the server no longer serves: its tiles answer
// 404, which MapLibre draws as holes. When the map moves, the homepage and the widget ask for the
// TileJSON again and, as it names another version, reload the source: the current version drawn,
// no holes. The old TileJSON is made here by rewriting the first one the page gets to a version
// the server never had, which the real server answers with the same 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, blend, colourShare, elementShot, json, launch, openPage, screenshot } from './browser.mjs';

let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });

const GONE = '999999';

/** Rewrites the first versioned TileJSON of each URL to name version GONE; records every tile's URL and status. */
async function withExpiredTileJson(page) {
  const seen = new Set();
  await page.context().route(/\/tiles\/[^/]+\.json/, async (route) => {
    const url = route.request().url();
    // the TileJSON a style names, of its version (?v=), as the page got it before the publish
    if (seen.has(url) || !/[?&]v=\d/.test(url)) return route.continue();
    seen.add(url);
    const response = await route.fetch();
    const json = await response.json();
    json.tiles = json.tiles.map((t) => t.replace(/([?&]v=)\d+/, `$1${GONE}`));
    return route.fulfill({ response, json });
  });
  const tiles = [];
  page.context().on('response', (r) => {
    if (r.url().includes('.mvt')) tiles.push({ version: new URL(r.url()).searchParams.get('v'), status: r.status() });
  });
  return tiles;
}

async function followsTheCurrentVersion(page, tiles, move, drawn) {
  // the 404s of the expired version first: the map shows holes until it moves
  const first = Date.now() + 30_000;
  while (Date.now() < first && !tiles.some((t) => t.version === GONE)) await page.waitForTimeout(200);
  await page.waitForTimeout(1000);
  assert.ok(!tiles.some((t) => t.version !== GONE), 'no tile of another version before the map moves');
  await move();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !tiles.some((t) => t.version !== GONE && t.status === 200)) {
    await page.waitForTimeout(200);
  }
  const gone = tiles.filter((t) => t.version === GONE);
  assert.ok(gone.length > 0 && gone.every((t) => t.status === 404), `tiles of the expired version answer 404: ${JSON.stringify(gone.slice(0, 3))}`);
  const current = tiles.filter((t) => t.version !== GONE);
  assert.ok(current.some((t) => t.status === 200), 'the TileJSON was loaded again and the current version\'s tiles asked for');
  assert.ok(current.every((t) => /^\d+$/.test(t.version) && [200, 204].includes(t.status)),
    `every tile after it is of a version the server serves: ${JSON.stringify(current.slice(0, 3))}`);
  assert.ok(await drawn(), 'the territories are drawn');
}

test('the homepage left open past the grace period draws the current version, not holes', async () => {
  const { page } = await openPage(session.browser, { width: 1280, height: 800 });
  const tiles = await withExpiredTileJson(page);
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });
  await followsTheCurrentVersion(page, tiles, () => page.evaluate(() => window.atlasMap.panBy([60, 0], { duration: 0 })), async () => {
    await page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });
    return page.evaluate(() => new Promise((resolve) => {
      const count = () => window.atlasMap.queryRenderedFeatures().filter((f) => f.source === 'indicator').length;
      if (count() > 0) resolve(true);
      else window.atlasMap.once('idle', () => resolve(count() > 0));
    }));
  });
  // the legend is still the page's first version's: the visitor is told, in French, and offered a reload
  const notice = page.locator('#notice .atlas-notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), /Les données de l’atlas ont été mises à jour/);
  await screenshot(page, 'versions-home-notice');
  await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Recharger la page' }).click()]);
  await page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });
  assert.equal(await page.locator('#notice .atlas-notice').count(), 0, 'a reloaded page has nothing to say');
  await page.context().close();
});

test('the widget does the same, and its legend follows the new version', async () => {
  const { page } = await openPage(session.browser, { width: 1024, height: 768 });
  const tiles = await withExpiredTileJson(page);
  const styles = [];
  page.context().on('response', (r) => { if (r.url().includes('/styles/choropleth/')) styles.push(r.status()); });
  await page.goto(`${baseUrl}/embed/?indicator=bibliotheques_pour_10000_hab&level=departement`);
  await page.waitForSelector('.atlas-w[data-map-idle="true"]', { timeout: 30_000 });
  assert.deepEqual(styles, [200], 'one style to start with');
  await followsTheCurrentVersion(page, tiles, () => page.evaluate(() => window.atlasWidget.map.panBy([60, 0], { animate: false })), async () => {
    await page.waitForTimeout(1500); // the reloaded tiles placed
    // every class of the legend is on the map: the territories are drawn, not holes
    const style = await json('/styles/choropleth/bibliotheques_pour_10000_hab.json?level=departement');
    const png = await elementShot(page.locator('.atlas-map'), 'versions-widget');
    return style.metadata['atlas:legend'][0].classes.every((c) => colourShare(png, blend(c.colour, 0.9, '#f2f1ee'), 10) > 0.003);
  });
  // the partner's page gives no notice: the widget asked for its style (legend and classes) again
  assert.deepEqual(styles, [200, 200], 'the style of the new version asked for once');
  assert.ok(await page.locator('.atlas-legend-class').first().isVisible(), 'the legend is shown');
  await page.context().close();
});
