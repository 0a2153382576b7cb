// The homepage in a real Chromium: the map draws the régions from the server's tiles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage, screenshot, colourShare } from './browser.mjs';

let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });

test('the homepage draws the régions and logs no error', async () => {
  const { page, problems } = await openPage(session.browser);
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });

  const png = await screenshot(page, 'home');
  // régions are filled with #2a6f97 at 85 % over the #eef3f7 background
  const fill = colourShare(png, [0x4a, 0x83, 0xa6], 30);
  assert.ok(fill > 0.05, `the map shows filled régions (${(fill * 100).toFixed(1)} % of the pixels)`);
  const sea = colourShare(png, [0xee, 0xf3, 0xf7], 4);
  assert.ok(sea > 0.05 && sea < 0.95, `background around France (${(sea * 100).toFixed(1)} %)`);

  const rendered = await page.evaluate(() => window.atlasMap.queryRenderedFeatures({ layers: ['regions-fill'] })
    .map((f) => f.properties.code));
  for (const code of ['11', '84', '93', '94']) {
    assert.ok(rendered.includes(code), `région ${code} is rendered (got ${[...new Set(rendered)].sort()})`);
  }
  assert.deepEqual(problems.errors, [], 'no console error');
  assert.deepEqual(problems.outside, [], 'no request outside the server');
  await page.context().close();
});

test('the homepage attributes its sources', async () => {
  const { page } = await openPage(session.browser);
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });
  const attribution = await page.textContent('.maplibregl-ctrl-attrib');
  assert.match(attribution, /IGN Admin Express, Insee, Deps/);
  await page.context().close();
});

test('the homepage labels the régions with glyphs from the server', async () => {
  const { page, problems } = await openPage(session.browser);
  const glyphs = [];
  page.on('response', (res) => { if (res.url().includes('/fonts/')) glyphs.push([res.url(), res.status()]); });
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });

  assert.ok(glyphs.length > 0, 'MapLibre asked the server for glyphs');
  assert.deepEqual(glyphs.filter(([, status]) => status !== 200), [], 'every glyph range answered 200');
  const names = await page.evaluate(() => window.atlasMap.queryRenderedFeatures({ layers: ['regions-label'] })
    .map((f) => f.properties.nom));
  for (const name of ['Île-de-France', 'Bretagne', 'Occitanie']) {
    assert.ok(names.includes(name), `${name} is labelled (placed: ${[...new Set(names)].sort()})`);
  }

  // the labels draw pixels: compare with the same map without them
  const withLabels = await screenshot(page, 'home-labels');
  await page.evaluate(() => new Promise((resolve) => {
    window.atlasMap.setLayoutProperty('regions-label', 'visibility', 'none');
    window.atlasMap.once('idle', resolve);
  }));
  const without = await screenshot(page, 'home-no-labels');
  let changed = 0;
  for (let i = 0; i < withLabels.data.length; i += 4) {
    if (Math.abs(withLabels.data[i] - without.data[i]) + Math.abs(withLabels.data[i + 1] - without.data[i + 1])
      + Math.abs(withLabels.data[i + 2] - without.data[i + 2]) > 60) changed++;
  }
  assert.ok(changed > 2000, `labels change ${changed} pixels`);
  assert.deepEqual(problems.errors, [], 'no console error');
  await page.context().close();
});
