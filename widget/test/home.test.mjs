// The homepage in a real Chromium: the generated choropleth of an indicator from the server's
// tiles, legend, hover and keyboard focus, search, table, portrait, comparison, venues, axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, json, launch, openPage, screenshot, colourShare, blend, axeViolations } from './browser.mjs';

const INDICATOR = 'bibliotheques_pour_10000_hab';
let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });


async function home(query = '') {
  const opened = await openPage(session.browser, { width: 1280, height: 800 });
  await opened.page.goto(`${baseUrl}/${query}`);
  await opened.page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });
  return opened;
}

test('the homepage draws the régions in the legend\'s colours and logs no error', async () => {
  const { page, problems } = await home();
  const style = await json(`/styles/choropleth/${INDICATOR}.json?level=region`);
  const classes = style.metadata['atlas:legend'][0].classes;
  const png = await screenshot(page, 'home');
  for (const c of classes) {
    const share = colourShare(png, blend(c.colour, 0.9, '#f2f1ee'), 10);
    assert.ok(share > 0.003, `class colour ${c.colour} covers ${(share * 100).toFixed(2)} % of the page`);
  }
  const rendered = await page.evaluate(() => window.atlasMap.queryRenderedFeatures({ layers: ['region-fill'] })
    .map((f) => f.properties.code));
  for (const code of ['11', '84', '93', '94']) {
    assert.ok(rendered.includes(code), `région ${code} is rendered (got ${[...new Set(rendered)].sort()})`);
  }
  // the legend lists the classes, then "non disponible"
  const items = await page.locator('.atlas-legend-class').allTextContents();
  assert.equal(items.length, classes.length + 1);
  assert.match(items[0], /^de \d+,\d+ à \d+,\d+\s*\(\d+\)$/);
  assert.match(items.at(-1), /non disponible/);
  // the picker groups indicators by theme
  assert.ok(await page.locator('#indicator optgroup[label="Lieux culturels"] option').count() >= 4);
  assert.deepEqual(problems.errors, [], 'no console error');
  assert.deepEqual(problems.outside, [], 'no request outside the server');
  await page.context().close();
});

test('the homepage attributes its sources', async () => {
  const { page } = await home();
  const attribution = await page.textContent('.maplibregl-ctrl-attrib');
  assert.match(attribution, /IGN Admin Express, Insee, Deps/);
  await page.context().close();
});

test('hover and keyboard focus show name and value; Enter shows the portrait with bar charts', async () => {
  const { page, problems } = await home('?indicator=bibliotheques_pour_10000_hab&level=departement');
  const { values } = await json(`/api/indicators/${INDICATOR}/values?level=departement`);
  const at = await page.evaluate(() => {
    const p = window.atlasMap.project([4.84, 45.76]);
    const box = window.atlasMap.getCanvas().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  });
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector('#tip:not([hidden])');
  const tip = await page.textContent('#tip');
  assert.match(tip, /Rhône/);
  assert.match(tip, /\d,\d+\s*pour 10\s000 hab\./);
  await screenshot(page, 'home-hover');
  await page.mouse.move(at.x, 5);

  // Tab from the last link of the header onto the map
  await page.focus('.atlas-home-links a');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement === window.atlasMap.getCanvas()), true, 'the map takes the focus');
  await page.waitForSelector('#tip:not([hidden])');
  await screenshot(page, 'home-focus');
  const focusTip = await page.textContent('#tip');
  const centre = values.find((v) => focusTip.startsWith(v.nom));
  assert.ok(centre, `the focus tooltip names a département: ${focusTip}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.atlas-portrait');
  assert.ok((await page.textContent('.atlas-portrait-title')).includes(centre.nom));
  assert.ok(await page.locator('.atlas-chart').count() >= 4, 'one bar chart per indicator');
  const firstChart = await page.locator('.atlas-chart').first().textContent();
  assert.match(firstChart, /Bibliothèques pour 10 000 habitants/);
  assert.match(firstChart, /France/);
  assert.equal(await page.locator('.atlas-chart').first().locator('.atlas-bar-row').count(), 3, 'territory, parent, France');
  await screenshot(page, 'home-portrait');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('search "Lyon" + Enter zooms to Lyon; comparison of two territories side by side', async () => {
  const { page, problems } = await home('?indicator=bibliotheques_pour_10000_hab&level=departement');
  await page.fill('[role="combobox"]', 'Lyon');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.atlasMap.getZoom() > 9);
  const c = await page.evaluate(() => window.atlasMap.getCenter());
  assert.ok(Math.abs(c.lat - 45.76) < 0.1 && Math.abs(c.lng - 4.84) < 0.1, `centred on Lyon: ${JSON.stringify(c)}`);
  await page.waitForSelector('.atlas-portrait');
  assert.match(await page.textContent('.atlas-portrait-title'), /Lyon/);

  await page.click('text=Comparer avec un autre territoire');
  await page.fill('[role="combobox"]', 'Marseille');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.atlas-comparison');
  const headers = await page.locator('.atlas-comparison thead th').allTextContents();
  assert.deepEqual(headers.map((t) => t.split(' (')[0]), ['Indicateur', 'Lyon', 'Marseille']);
  assert.ok(await page.locator('.atlas-comparison tbody tr').count() >= 10);
  await screenshot(page, 'home-comparison');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('the table has one row per territory at the level; venues toggle; axe finds nothing', async () => {
  const { page, problems } = await home('?indicator=part_entreprises_culturelles&level=departement');
  const { values } = await json('/api/indicators/part_entreprises_culturelles/values?level=departement');
  await page.click('#table-toggle');
  await page.waitForSelector('#table tbody tr'); // the rows are asked for when the table opens
  assert.equal(await page.locator('#table tbody tr').count(), values.length);
  assert.match(await page.textContent('#table caption'), /Part des entreprises culturelles/);

  await page.check('#venues');
  await page.waitForFunction(() => window.atlasMap.getLayer('bibliotheques-clusters') !== undefined);
  await page.evaluate(() => new Promise((r) => window.atlasMap.once('idle', r)));
  const venues = await page.evaluate(() => window.atlasMap.queryRenderedFeatures({ layers: ['bibliotheques-clusters'] }).length);
  assert.ok(venues > 10, `venue clusters drawn: ${venues}`);
  await screenshot(page, 'home-venues');

  assert.deepEqual(await axeViolations(page), [], 'axe-core finds no violation');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.outside, []);
  await page.context().close();
});

test('the homepage labels the régions with glyphs from the server', async () => {
  const { page, problems } = await openPage(session.browser, { width: 1280, height: 800 });
  const glyphs = [];
  page.on('response', (res) => { if (res.url().includes('/fonts/')) glyphs.push([res.url(), res.status()]); });
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });

  assert.ok(glyphs.length > 0, 'MapLibre asked the server for glyphs');
  assert.deepEqual(glyphs.filter(([, status]) => status !== 200), [], 'every glyph range answered 200');
  const names = await page.evaluate(() => window.atlasMap.queryRenderedFeatures({ layers: ['region-label'] })
    .map((f) => f.properties.nom));
  for (const name of ['Île-de-France', 'Bretagne', 'Occitanie']) {
    assert.ok(names.includes(name), `${name} is labelled (placed: ${[...new Set(names)].sort()})`);
  }

  // the labels draw pixels: compare with the same map without them
  const withLabels = await screenshot(page, 'home-labels');
  await page.evaluate(() => new Promise((resolve) => {
    window.atlasMap.setLayoutProperty('region-label', 'visibility', 'none');
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

test('the commune table opens at once: a filter and 200 rows at a time, all reachable', async () => {
  const { page, problems } = await home('?indicator=population&level=commune');
  const { values } = await json('/api/indicators/population/values?level=commune');
  assert.ok(values.length > 30_000, `${values.length} communes`);
  await page.click('#table-toggle');
  await page.waitForSelector('#table tbody tr');
  assert.equal(await page.locator('#table tbody tr').count(), 200);
  const total = values.length.toLocaleString('fr-FR');
  assert.equal(await page.textContent('#table [role="status"]'), `200 lignes affichées sur ${total}`);
  // 200 more
  await page.click('text=Afficher 200 lignes de plus');
  await page.waitForFunction(() => document.querySelectorAll('#table tbody tr').length === 400);
  assert.equal(await page.textContent('#table [role="status"]'), `400 lignes affichées sur ${total}`);
  // the filter finds a commune by its name without accents, or by its code, then selects it
  await page.getByLabel('Filtrer les communes par nom ou code').fill('eveux');
  await page.waitForFunction(() => document.querySelector('#table [role="status"]').textContent.includes('« eveux »'));
  assert.ok(await page.locator('#table tbody tr', { hasText: 'Éveux' }).count() >= 1);
  assert.match(await page.textContent('#table [role="status"]'), /sur \d+ \(filtre « eveux »\)$/);
  await page.getByLabel('Filtrer les communes par nom ou code').fill('69123');
  await page.waitForFunction(() => document.querySelector('#table [role="status"]').textContent.includes('« 69123 »'));
  assert.equal(await page.locator('#table tbody tr').count(), 1);
  assert.equal(await page.locator('text=Afficher 200 lignes de plus').isVisible(), false);
  await page.click('#table tbody button:has-text("Lyon")');
  await page.waitForFunction(() => window.atlasMap.getZoom() > 9);
  assert.deepEqual(await axeViolations(page), [], 'axe-core: no violation with the paged table');
  await screenshot(page, 'home-commune-table');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('an indicator read for communes is mapped by département, and a value from part of the communes says "partiel"', async () => {
  const { page, problems } = await home('?indicator=depenses_communes_par_habitant&level=departement');
  const ain = (await json('/api/indicators/depenses_communes_par_habitant/values?level=departement'))
    .values.find((v) => v.code === '01');
  assert.equal(ain.coverage.partial, true, 'only communes of 3,500 inhabitants and more report their spending');
  await page.click('#table-toggle');
  assert.match(await page.locator('#table tbody tr', { hasText: 'Ain' }).first().locator('td.atlas-num').textContent(),
    / \(partiel\)$/, 'the table marks a partial value');
  await page.click('#table tbody button:has-text("Ain")');
  const panel = page.locator('.atlas-partial').first();
  await panel.waitFor();
  assert.match(await panel.textContent(), new RegExp(`partielle? : ${ain.coverage.counted} communes sur ${ain.coverage.members}, \\d+ % de la population`));
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'home-departement-partial');
  await page.setViewportSize({ width: 375, height: 812 });
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'home-departement-partial-phone');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
