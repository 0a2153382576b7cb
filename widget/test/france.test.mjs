// The France view as a first-time visitor sees it: metropolitan France without holes, the five
// overseas régions as insets (same classes, hover and selection), labels by population, counts
// as proportional circles. Screenshots at 1280×800 and 375×812 go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, json, launch, openPage, openPartnerPage, screenshot, colourShare, axeViolations } from './browser.mjs';

let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
const OVERSEAS = { '01': '971', '02': '972', '03': '973', '04': '974', '06': '976' };

async function home(query, viewport) {
  const opened = await openPage(session.browser, viewport);
  await opened.page.goto(`${baseUrl}/${query}`);
  await opened.page.waitForSelector('body[data-map-idle="true"]', { timeout: 60_000 });
  return opened;
}

/** Codes of the features a layer draws on screen. */
const rendered = (page, layer) => page.evaluate((l) => [...new Set(window.atlasMap.queryRenderedFeatures({ layers: [l] })
  .map((f) => f.properties.code))], layer);

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`France view of a commune indicator (${name}): every commune region covered, the five overseas in named insets`, async () => {
    const { page, problems } = await home('?indicator=niveau_vie_median&level=commune', viewport);
    const png = await screenshot(page, `france-commune-${name}`);
    const codes = await rendered(page, 'commune-fill');
    assert.ok(codes.length > 1000, `${codes.length} communes drawn in the national view`);
    for (const dep of Object.values(OVERSEAS)) {
      assert.ok(codes.some((c) => c.startsWith(dep)), `communes of ${dep} drawn in their inset`);
    }
    const insets = await page.evaluate(() => window.atlasMap.queryRenderedFeatures({ layers: ['atlas-insets-name'] })
      .map((f) => f.properties.name));
    assert.deepEqual([...new Set(insets)].sort(), ['Guadeloupe', 'Guyane', 'La Réunion', 'Martinique', 'Mayotte']);
    // labels by importance: at the national zoom only large cities, never a village
    const labels = await page.evaluate(() => window.atlasMap.queryRenderedFeatures({ layers: ['commune-label'] })
      .map((f) => [f.properties.nom, f.properties.population]));
    assert.ok(labels.some(([n]) => n === 'Paris'), JSON.stringify(labels));
    assert.ok(labels.every(([, p]) => p >= 150_000), JSON.stringify(labels));
    // no hole: the background colour shows around France, not inside it (under 1 % of the view in
    // the box between Bourges, Lyon, Paris and Dijon)
    const box = await page.evaluate(() => {
      const a = window.atlasMap.project([2.4, 47.1]);
      const b = window.atlasMap.project([4.8, 48.8]);
      const canvas = window.atlasMap.getCanvas().getBoundingClientRect();
      return { x: Math.round(canvas.left + a.x), y: Math.round(canvas.top + b.y),
        width: Math.round(b.x - a.x), height: Math.round(a.y - b.y) };
    });
    const clip = await page.screenshot({ clip: box });
    const { PNG } = await import('pngjs');
    const inland = PNG.sync.read(clip);
    assert.ok(colourShare(inland, [0xf2, 0xf1, 0xee], 4) < 0.01, 'no background inside France');
    assert.ok(png.width > 0);
    assert.deepEqual(problems.errors, [], 'no console error');
    await page.context().close();
  });
}

test('hover, click and keyboard in an inset work as in the metropole: Martinique and La Réunion', async () => {
  const { page, problems } = await home('?indicator=population&level=commune', DESKTOP);
  const style = await json('/styles/choropleth/population.json?level=commune&layout=france');
  const martinique = style.metadata['atlas:layout'].insets.find((i) => i.code === '02');
  // the middle of the island (its real envelope), where the view shows it
  const at = await page.evaluate(({ real, scale, dx, dy }) => {
    const R = 6378137;
    const x = ((real[0] + real[2]) / 2) * Math.PI / 180 * R;
    const y = R * Math.log(Math.tan(Math.PI / 4 + ((real[1] + real[3]) / 2) * Math.PI / 360));
    const lon = (x * scale + dx) / R * 180 / Math.PI;
    const lat = (2 * Math.atan(Math.exp((y * scale + dy) / R)) - Math.PI / 2) * 180 / Math.PI;
    const p = window.atlasMap.project([lon, lat]);
    const box = window.atlasMap.getCanvas().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, martinique);
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector('#tip:not([hidden])');
  const { values } = await json('/api/indicators/population/values?level=commune');
  const tip = await page.textContent('#tip');
  const commune = values.find((v) => v.code.startsWith('972') && tip.startsWith(v.nom));
  assert.ok(commune, `the tooltip names a commune of Martinique: "${tip}"`);
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector('.atlas-portrait-title');
  assert.ok((await page.textContent('.atlas-portrait-title')).includes(commune.nom));
  await screenshot(page, 'france-inset-selected');
  // the keyboard too: with La Réunion's inset under the map's centre, Enter selects the commune there
  const reunion = style.metadata['atlas:layout'].insets.find((i) => i.code === '04');
  await page.evaluate(({ real, scale, dx, dy }) => new Promise((resolve) => {
    const R = 6378137;
    const x = ((real[0] + real[2]) / 2) * Math.PI / 180 * R;
    const y = R * Math.log(Math.tan(Math.PI / 4 + ((real[1] + real[3]) / 2) * Math.PI / 360));
    window.atlasMap.jumpTo({ center: [(x * scale + dx) / R * 180 / Math.PI,
      (2 * Math.atan(Math.exp((y * scale + dy) / R)) - Math.PI / 2) * 180 / Math.PI] });
    window.atlasMap.once('idle', resolve);
  }), reunion);
  await page.focus('#map canvas');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /\(commune 974\d\d\)/.test(document.querySelector('.atlas-portrait-title')?.textContent ?? ''));
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`a count is drawn as proportional circles with reference circles in the legend (${name})`, async () => {
    const { page, problems } = await home('?indicator=monuments_historiques&level=commune', viewport);
    await screenshot(page, `france-count-${name}`);
    const style = await json('/styles/choropleth/monuments_historiques.json?level=commune&layout=france');
    assert.equal(style.metadata['atlas:type'], 'symbols');
    const circles = await page.evaluate(() => window.atlasMap.queryRenderedFeatures({ layers: ['commune-symbols'] })
      .map((f) => f.properties.monuments_historiques));
    assert.ok(circles.length > 300, `${circles.length} circles`);
    assert.ok(circles.every((v) => v > 0), 'no circle of zero');
    // three reference circles, each with a round value
    assert.equal(await page.locator('.atlas-legend-circles circle').count(), 3);
    const refs = await page.locator('.atlas-legend-circles text').allTextContents();
    assert.deepEqual(refs, style.metadata['atlas:legend'][0].symbols.references.map((r) => r.value.toLocaleString('fr-FR')));
    assert.match(await page.textContent('.atlas-legend'), /Surface des cercles proportionnelle à la valeur/);
    assert.deepEqual(await axeViolations(page), [], 'axe-core: no violation');
    assert.deepEqual(problems.errors, []);
    await page.context().close();
  });

  test(`a categorical indicator in the France view (${name})`, async () => {
    const { page, problems } = await home('?indicator=typologie_urbain_rural&level=commune', viewport);
    await screenshot(page, `france-categorical-${name}`);
    const codes = await rendered(page, 'commune-fill');
    for (const dep of Object.values(OVERSEAS)) assert.ok(codes.some((c) => c.startsWith(dep)), dep);
    assert.deepEqual(problems.errors, []);
    await page.context().close();
  });
}

test('skewed counts get distinct classes: zero alone, then the others', async () => {
  const style = await json('/styles/choropleth/monuments_historiques.json?level=commune&type=choropleth');
  const classes = style.metadata['atlas:legend'][0].classes;
  assert.ok(classes.length >= 4, JSON.stringify(classes));
  assert.equal(classes[0].from, 0);
  assert.equal(classes[0].to, 0, 'zero has a class of its own');
  assert.equal(style.metadata['atlas:legend'][0].method, 'quantile');
});

test('the widget\'s default view is France with its insets', async () => {
  const { page, problems } = await openPage(session.browser, DESKTOP);
  await openPartnerPage(page, `<script src="${baseUrl}/widget/atlas-widget.js" defer></script>
    <div data-atlas-indicator="bibliotheques_pour_10000_hab" data-atlas-level="departement" style="max-width: 900px"></div>`);
  await page.waitForSelector('.atlas-w[data-map-idle="true"]', { timeout: 60_000 });
  const style = await json('/styles/choropleth/bibliotheques_pour_10000_hab.json?level=departement&layout=france');
  const inView = await page.evaluate((insets) => {
    const map = window.AtlasWidget.get(document.querySelector('[data-atlas-indicator]')).map;
    const bounds = map.getBounds();
    return insets.map((i) => bounds.contains([[i.box[1], i.box[0]], [i.box[3], i.box[2]]]));
  }, style.metadata['atlas:layout'].insets);
  assert.deepEqual(inView, [true, true, true, true, true], 'every inset box in the first view');
  await screenshot(page, 'france-widget');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
