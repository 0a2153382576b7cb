// The homepage as its users meet it: on a phone (a sheet under the map, touch targets, nothing
// wider than the screen), through a shared link (every view is a link, Back and Forward walk
// through the visitor's steps), and with an address naming what the atlas does not know.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openPage, screenshot, axeViolations } from './browser.mjs';

const PHONE = { width: 375, height: 812 };
let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });

async function home(query, size = { width: 1280, height: 800 }) {
  const opened = await openPage(session.browser, size);
  await opened.page.goto(`${baseUrl}/${query}`);
  await opened.page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });
  return opened;
}

const params = (page) => Object.fromEntries(new URL(page.url()).searchParams);

/** The boxes of the visible controls a finger has to hit, smaller than 44 × 44 px. */
function smallTargets(page) {
  return page.evaluate(() => [...document.querySelectorAll('button, select, input, a[href], summary, .maplibregl-ctrl button')]
    .filter((el) => el.offsetParent !== null && !el.closest('[hidden]'))
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    // what is scrolled out of its sheet or the screen is not there to be touched
    .filter(({ box }) => box.bottom > 0 && box.top < window.innerHeight && box.width > 0)
    .filter(({ el, box }) => (el.type === 'checkbox' ? el.parentElement.getBoundingClientRect() : box).height < 44
      || (el.type === 'checkbox' ? 44 : box.width) < 44)
    .map(({ el, box }) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`));
}

test('on a phone the map has the screen, the legend stays in view, the territory opens in a sheet that closes', async () => {
  const { page, problems } = await home('?indicator=bibliotheques_pour_10000_hab&level=departement', PHONE);
  const box = async (selector) => page.locator(selector).boundingBox();
  const bar = await box('.atlas-home-bar');
  const map = await box('#map');
  const key = await box('.atlas-home-key');
  assert.ok(bar.height <= 120, `the bar is ${bar.height} px high`);
  assert.ok(map.height >= PHONE.height * 0.5, `the map is ${map.height} px of ${PHONE.height}`);
  assert.ok(key.y >= 0 && key.y + key.height <= PHONE.height, 'the legend is on the screen');
  assert.ok(await page.locator('.atlas-legend-class').first().isVisible());
  assert.equal(await page.locator('#sheet').isVisible(), false, 'no sheet before a choice');
  await screenshot(page, 'home-phone');

  // the other controls fold under "Options"
  assert.equal(await page.locator('#level').isVisible(), false);
  await page.click('#options-toggle');
  assert.equal(await page.getAttribute('#options-toggle', 'aria-expanded'), 'true');
  assert.ok(await page.locator('#level').isVisible());
  assert.deepEqual(await smallTargets(page), [], 'touch targets of 44 px at least');
  await page.click('#options-toggle');
  // the open options had shrunk the map: the tap waits for MapLibre's resize (a ResizeObserver,
  // a frame later), or Rhône's point is computed on the small map and the tap lands off France
  await page.waitForFunction(() => window.atlasMap.getCanvas().clientHeight === window.atlasMap.getContainer().clientHeight);

  // a touch on a territory: its portrait in a sheet over the map's lower part, the legend still in view
  const centre = await page.evaluate(() => window.atlasMap.project([4.64, 45.87])); // Rhône
  await page.mouse.click(map.x + centre.x, map.y + centre.y);
  await page.waitForSelector('#sheet .atlas-portrait');
  const sheet = await box('#sheet');
  assert.ok(sheet.height <= PHONE.height * 0.5 + 1, `the sheet is ${sheet.height} px high`);
  assert.ok(await page.locator('.atlas-legend-class').first().isVisible(), 'the legend stays in view');
  const mapLeft = sheet.y - map.y;
  assert.ok(mapLeft >= 150, `${mapLeft} px of map above the sheet`);
  assert.match(await page.textContent('#sheet .atlas-portrait-title'), /Rhône/);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width, 'nothing wider than the screen');
  assert.deepEqual(await smallTargets(page), [], 'touch targets of 44 px at least, in the sheet too');
  await screenshot(page, 'home-phone-sheet');
  assert.deepEqual(await axeViolations(page), [], 'axe finds nothing in the phone layout with its sheet');

  // the table reads in the sheet, and the sheet closes
  await page.click('#table-toggle');
  await page.waitForSelector('#table tbody tr');
  assert.ok(await page.locator('#table').isVisible());
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width);
  await page.click('#sheet-close');
  assert.equal(await page.locator('#sheet').isVisible(), false, 'the sheet closes');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('the tooltip never widens a phone\'s page', async () => {
  const { page } = await home('?indicator=depenses_communes_bibliotheques_par_habitant&level=departement', PHONE);
  const map = await page.locator('#map').boundingBox();
  // the right edge of the map: a tooltip drawn to the pointer's right would overflow
  const east = await page.evaluate(() => window.atlasMap.project([7.3, 48.3])); // Haut-Rhin / Vosges
  await page.mouse.move(map.x + Math.min(east.x, map.width - 12), map.y + east.y);
  await page.waitForSelector('#tip:not([hidden])');
  const tip = await page.locator('#tip').boundingBox();
  assert.ok(tip.x + tip.width <= PHONE.width, `the tooltip ends at ${tip.x + tip.width}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width);
  await page.context().close();
});

test('a shared link restores indicator, level, map position, territory and comparison', async () => {
  const link = '?indicator=bibliotheques_pour_10000_hab&level=departement&territory=13&compare=departement:69&map=6.50/45.0000/4.9000';
  const { page, problems } = await home(link);
  await page.waitForSelector('.atlas-comparison');
  const headers = await page.locator('.atlas-comparison thead th').allTextContents();
  assert.deepEqual(headers.map((t) => t.split(' (')[0]), ['Indicateur', 'Rhône', 'Bouches-du-Rhône']);
  const view = await page.evaluate(() => ({ zoom: window.atlasMap.getZoom(), ...window.atlasMap.getCenter() }));
  assert.ok(Math.abs(view.zoom - 6.5) < 0.01 && Math.abs(view.lat - 45) < 0.001 && Math.abs(view.lng - 4.9) < 0.001, JSON.stringify(view));
  assert.equal(await page.inputValue('#indicator'), 'bibliotheques_pour_10000_hab');
  assert.equal(await page.inputValue('#level'), 'departement');
  // the address still says all of it
  const p = params(page);
  assert.equal(p.territory, '13');
  assert.equal(p.compare, 'departement:69');
  assert.equal(p.map, '6.50/45.0000/4.9000');
  // the comparison fits its column: both territories can be read
  const fits = await page.evaluate(() => {
    const t = document.querySelector('.atlas-comparison table');
    return t.getBoundingClientRect().right <= document.querySelector('#sheet').getBoundingClientRect().right + 1;
  });
  assert.ok(fits, 'the comparison table is no wider than its column');
  await screenshot(page, 'home-shared-link');
  assert.deepEqual(await axeViolations(page), [], 'axe finds nothing in a comparison');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('a view made by hand round-trips through its address, a comparison waiting for its second territory too', async () => {
  const { page, problems } = await home('?indicator=part_salaries_culturels&level=region');
  await page.click('#table-toggle');
  await page.click('#table button[data-code="84"]');
  await page.waitForSelector('.atlas-portrait');
  await page.click('text=Comparer avec un autre territoire');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('compare') === 'region:84');
  const waiting = page.url();
  await page.click('#table button[data-code="53"]');
  await page.waitForSelector('.atlas-comparison');
  const link = page.url();
  assert.equal(new URL(link).searchParams.get('territory'), '53');

  // opened elsewhere, the link shows the same comparison, the waiting one shows the hint again
  const other = await home(new URL(link).search);
  await other.page.waitForSelector('.atlas-comparison');
  const headers = await other.page.locator('.atlas-comparison thead th').allTextContents();
  assert.deepEqual(headers.map((t) => t.split(' (')[0]), ['Indicateur', 'Auvergne-Rhône-Alpes', 'Bretagne']);
  await other.page.goto(waiting);
  await other.page.waitForSelector('.atlas-portrait .atlas-portrait-title');
  assert.match(await other.page.textContent('#panel .atlas-hint'), /Choisissez un second territoire à comparer à Auvergne-Rhône-Alpes/);
  await other.page.click('#table-toggle');
  await other.page.click('#table button[data-code="11"]');
  await other.page.waitForSelector('.atlas-comparison');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(other.problems.errors, []);
  await other.page.context().close();
  await page.context().close();
});

test('each step is a history entry: Back and Forward walk through indicator, territory and map moves', async () => {
  const { page, problems } = await home('?indicator=bibliotheques_pour_10000_hab&level=departement');
  const start = page.url();
  const entries = await page.evaluate(() => history.length);
  await page.selectOption('#indicator', 'part_entreprises_culturelles');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('indicator') === 'part_entreprises_culturelles');
  await page.click('#table-toggle');
  await page.click('#table button[data-code="69"]');
  await page.waitForSelector('#panel .atlas-portrait');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('territory') === '69');
  // the map's move (the table frames the Rhône) rewrote the entry, it did not add one
  assert.ok(params(page).map, 'the position is in the address');
  assert.equal(await page.evaluate(() => history.length), entries + 2, 'two steps, two entries');

  const framed = await page.evaluate(() => window.atlasMap.getZoom());
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#panel').firstChild);
  // the entry before the choice had the national view: Back shows it again
  assert.ok(await page.evaluate((z) => window.atlasMap.getZoom() < z - 1, framed), 'Back restores the position before the frame');
  assert.equal(params(page).indicator, 'part_entreprises_culturelles');
  assert.equal(params(page).territory, undefined);

  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#indicator').value === 'bibliotheques_pour_10000_hab');
  assert.equal(new URL(page.url()).searchParams.get('indicator'), new URL(start).searchParams.get('indicator'));
  // the map drew the first indicator again (the source names it), its tiles loaded
  await page.waitForFunction(() => window.atlasMap.isStyleLoaded() && window.atlasMap.loaded()
    && JSON.stringify(window.atlasMap.getStyle().sources).includes('bibliotheques_pour_10000_hab'));
  assert.match(await page.textContent('#legend'), /Bibliothèques pour 10 000 habitants/);
  await screenshot(page, 'home-back');

  await page.goForward();
  await page.waitForFunction(() => document.querySelector('#indicator').value === 'part_entreprises_culturelles');
  await page.goForward();
  await page.waitForSelector('#panel .atlas-portrait');
  assert.match(await page.textContent('.atlas-portrait-title'), /Rhône/);
  assert.equal(await page.evaluate(() => window.atlasMap.getFeatureState({ source: 'indicator', sourceLayer: 'departement', id: '69' }).selected), true);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('an address naming an unknown indicator or territory says so in French and suggests the nearest', async () => {
  const { page, problems } = await home('?indicator=monuments_historique_pour_10000&level=departement&territory=6');
  await page.waitForSelector('#notice .atlas-notice');
  await page.waitForFunction(() => document.querySelectorAll('#notice .atlas-notice').length === 2);
  const notice = await page.textContent('#notice');
  assert.match(notice, /Indicateur « monuments_historique_pour_10000 » inconnu : la carte montre « Bibliothèques pour 10 000 habitants »/);
  assert.match(notice, /Vouliez-vous dire « Monuments historiques pour 10 000 habitants » \?/);
  // the territory too: both things the address got wrong are said
  assert.match(notice, /Territoire « 6 » introuvable au niveau département/);
  await page.click('#notice button >> nth=0');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('indicator') === 'monuments_historiques_pour_10000_hab');
  assert.equal(await page.inputValue('#indicator'), 'monuments_historiques_pour_10000_hab');

  await page.goto(`${baseUrl}/?indicator=bibliotheques_pour_10000_hab&level=region&territory=Bretagne`);
  await page.waitForSelector('#notice .atlas-notice');
  assert.match(await page.textContent('#notice'), /Territoire « Bretagne » introuvable au niveau région\. Vouliez-vous dire Bretagne \(région 53\)/);
  await page.click('#notice button');
  await page.waitForSelector('.atlas-portrait');
  assert.equal(params(page).territory, '53');
  await page.goto(`${baseUrl}/?indicator=bibliotheques_pour_10000_hab&level=canton`);
  await page.waitForSelector('#notice .atlas-notice');
  assert.match(await page.textContent('#notice'), /n’existe pas au niveau « canton »/);
  assert.equal(await page.inputValue('#level'), 'region');
  // the browser logs the server's 404 for the unknown territory; nothing else went wrong
  assert.deepEqual(problems.errors.filter((e) => !/status of 404/.test(e)), []);
  await page.context().close();
});

test('portrait: stocks compare as shares of France, the heading\'s population is the chart\'s, one sentence for screen readers', async () => {
  const { page, problems } = await home('?indicator=bibliotheques&level=departement&territory=69');
  await page.waitForSelector('.atlas-portrait');
  const libraries = page.locator('.atlas-chart', { hasText: 'Bibliothèques' }).first();
  assert.match(await libraries.textContent(), /Part du total de la France/);
  const values = await libraries.locator('.atlas-bar-value').allTextContents();
  assert.match(values[0], /^253\slieux · 1,6\s%$/);
  assert.equal(await libraries.locator('.atlas-bar-france').count(), 0, 'no bar of France\'s total beside a département');
  assert.match(await libraries.textContent(), /Rang : 13ᵉ sur 101 départements/);

  const population = await page.locator('.atlas-chart', { hasText: 'Population totale' }).locator('.atlas-bar-value').first().textContent();
  const heading = await page.locator('.atlas-portrait > p').first().textContent();
  assert.ok(heading.includes(population.split(' · ')[0]), `"${heading}" says the chart's "${population}"`);
  assert.doesNotMatch(await page.textContent('#sheet'), /non précisée/);

  assert.equal(await page.getAttribute('#panel', 'aria-live'), null, 'the portrait is not a live region');
  assert.equal((await page.textContent('#live')).replace(/\s/g, ' '), 'Rhône (département) : 253 lieux, 13ᵉ sur 101 départements.');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('search results are above the map\'s buttons; a result at another level says the level changed', async () => {
  const { page, problems } = await home('?indicator=bibliotheques_pour_10000_hab&level=departement', { width: 1280, height: 800 });
  await page.fill('[role="combobox"]', 'Lyon');
  await page.waitForSelector('.atlas-options:not([hidden]) .atlas-option');
  const zoom = await page.locator('.maplibregl-ctrl-zoom-in').boundingBox();
  const list = await page.locator('.atlas-options').boundingBox();
  const overlap = list.x < zoom.x + zoom.width && zoom.x < list.x + list.width && list.y < zoom.y + zoom.height && zoom.y < list.y + list.height;
  if (overlap) {
    const top = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y).closest('.atlas-options') !== null,
      { x: zoom.x + zoom.width / 2, y: zoom.y + zoom.height / 2 });
    assert.ok(top, 'the results cover the zoom buttons');
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector('.atlas-portrait');
  assert.match(await page.textContent('#notice'), /Niveau changé pour « commune »/);
  assert.equal(await page.inputValue('#level'), 'commune');

  await page.check('#venues');
  await page.waitForSelector('.atlas-venues-legend');
  const families = await page.locator('.atlas-venues-legend .atlas-legend-class').allTextContents();
  assert.deepEqual(families.sort(), ['Bibliothèques', 'Monuments historiques']);
  assert.equal(params(page).venues, '1');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
