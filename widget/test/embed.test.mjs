// The iframe embed (/embed/?indicator=…) on a partner page, and the snippet builder (/builder/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, json, launch, openPage, openPartnerPage, screenshot, elementShot, colourShare, blend, axeViolations, outside } from './browser.mjs';

const INDICATOR = 'bibliotheques_pour_10000_hab';
let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });


const IFRAME = `<iframe id="atlas" src="${baseUrl}/embed/?indicator=${INDICATOR}&level=departement"
  title="Carte des bibliothèques pour 10 000 habitants par département — Atlas Culture des territoires"
  style="width:100%;height:600px;border:0"></iframe>
  <script>
    // the documented resize listener: the iframe follows the height its page reports
    addEventListener('message', (e) => {
      const frame = document.getElementById('atlas');
      if (e.source === frame.contentWindow && e.data && e.data.type === 'atlas:height') frame.style.height = e.data.height + 'px';
    });
  </script>`;

test('iframe embed: colours, legend, hover, focus, search, table, responsive height, axe', async () => {
  const { page, problems } = await openPage(session.browser, { width: 1024, height: 900 });
  await openPartnerPage(page, IFRAME);
  const frame = page.frameLocator('#atlas');
  const inner = page.frames().find((f) => f.url().includes('/embed/'));
  await inner.waitForSelector('.atlas-w[data-map-idle="true"]', { timeout: 30_000 });
  const style = await json(`/styles/choropleth/${INDICATOR}.json?level=departement`);
  const { values } = await json(`/api/indicators/${INDICATOR}/values?level=departement`);
  const classes = style.metadata['atlas:legend'][0].classes;

  const png = await elementShot(frame.locator('.atlas-map'), 'embed-map');
  for (const c of classes) {
    const share = colourShare(png, blend(c.colour, 0.9, '#f2f1ee'), 10);
    assert.ok(share > 0.003, `class colour ${c.colour} covers ${(share * 100).toFixed(2)} %`);
  }
  assert.equal(await frame.locator('.atlas-legend-class').count(), classes.length + 1);
  assert.match(await inner.title(), /Bibliothèques pour 10 000 habitants/);

  // hover over Lyon inside the iframe
  const at = await inner.evaluate(() => {
    const map = window.atlasWidget.map;
    const p = map.latLngToContainerPoint([45.76, 4.84]);
    const box = map.getContainer().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  });
  const frameBox = await page.locator('#atlas').boundingBox();
  await page.mouse.move(frameBox.x + at.x, frameBox.y + at.y);
  await inner.waitForSelector('.atlas-tip:not([hidden])');
  assert.match(await inner.textContent('.atlas-tip'), /Rhône\s*\d+,\d+\s*pour 10\s000 hab\./);
  await page.mouse.move(2, 2);

  // keyboard focus on the map inside the iframe
  await inner.focus('.atlas-select');
  await page.keyboard.press('Tab');
  await inner.waitForSelector('.atlas-tip:not([hidden])');
  const focusTip = await inner.textContent('.atlas-tip');
  assert.ok(values.some((v) => focusTip.startsWith(v.nom)), focusTip);
  assert.match(focusTip, /\d,\d+\s*pour 10\s000 hab\./);

  // search Lyon + Enter
  await inner.fill('[role="combobox"]', 'Lyon');
  await page.keyboard.press('Enter');
  await inner.waitForFunction(() => window.atlasWidget.map.getZoom() > 9);
  const c = await inner.evaluate(() => window.atlasWidget.map.getCenter());
  assert.ok(Math.abs(c.lat - 45.76) < 0.1 && Math.abs(c.lng - 4.84) < 0.1, JSON.stringify(c));

  // the table makes the page taller: the iframe grows with it
  const before = (await page.locator('#atlas').boundingBox()).height;
  await inner.click('text=Voir les données en tableau');
  await inner.waitForSelector('.atlas-table tbody tr');
  assert.equal(await frame.locator('.atlas-table tbody tr').count(), values.length);
  await page.waitForFunction((h) => document.getElementById('atlas').getBoundingClientRect().height > h + 100, before);

  assert.deepEqual(await axeViolations(inner), [], 'axe-core: no violation in the iframe');
  assert.deepEqual(await axeViolations(page), [], 'axe-core: no violation on the partner page');
  await screenshot(page, 'embed-iframe');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(outside(problems), []);
  await page.context().close();
});

test('iframe embed of an unknown indicator says so inside the frame', async () => {
  const { page } = await openPage(session.browser);
  await page.goto(`${baseUrl}/embed/?indicator=inconnu`);
  await page.waitForSelector('.atlas-notice p');
  assert.match(await page.textContent('.atlas-notice'), /Indicateur « inconnu » inconnu/);
  await page.context().close();
});

test('the builder previews the widget and writes both snippets', async () => {
  const { page, problems } = await openPage(session.browser, { width: 1100, height: 900 });
  await page.goto(`${baseUrl}/builder/`);
  await page.waitForSelector('#preview .atlas-legend');
  await page.selectOption('#indicator', 'part_entreprises_culturelles');
  await page.waitForFunction(() => document.querySelector('#level').dataset.for === 'part_entreprises_culturelles');
  await page.selectOption('#level', 'departement');
  await page.fill('#territory', '69');
  await page.selectOption('#palette', 'YlOrRd');
  await page.locator('#territory').dispatchEvent('change');
  const script = await page.textContent('#snippet');
  assert.equal(script, `<script src="${baseUrl}/widget/atlas-widget.js" defer></script>\n`
    + '<div data-atlas-indicator="part_entreprises_culturelles" data-atlas-level="departement" data-atlas-territory="69" data-atlas-palette="YlOrRd" data-atlas-height="420"></div>');
  await page.locator('#preview .atlas-panel', { hasText: 'Rhône' }).waitFor({ timeout: 15_000 })
    .catch(async () => assert.fail(`the preview centres on the Rhône: ${await page.textContent('#preview')}`));
  await page.waitForSelector('#preview .atlas-w[data-map-idle="true"]', { timeout: 30_000 });
  await page.check('input[value="iframe"]');
  const iframe = await page.textContent('#snippet');
  assert.ok(iframe.startsWith(`<iframe src="${baseUrl}/embed/?indicator=part_entreprises_culturelles&level=departement&territory=69&palette=YlOrRd&height=420"`), iframe);
  assert.match(iframe, /title="Carte : Part des entreprises culturelles/);

  // "Copier le code": the snippet goes to the clipboard when the browser allows it…
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copied').textContent !== '');
  assert.equal(await page.textContent('#copied'), 'Code copié.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), iframe);
  // …and when it refuses, the snippet is selected for Ctrl+C, and the page says so
  await page.evaluate(() => {
    document.getElementById('copied').textContent = '';
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
  });
  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copied').textContent !== '');
  assert.equal(await page.textContent('#copied'), 'Code sélectionné : copiez-le avec Ctrl+C.');
  assert.equal(await page.evaluate(() => getSelection().toString()), iframe);
  await screenshot(page, 'builder');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.outside, []);
  await page.context().close();
});
