// The server's portrait pages (/portrait/{level}/{code}, /portrait/france): read without
// JavaScript, accessible (axe), laid out on A4 in print (the PDF's pages counted), and linked
// from the homepage's and the widget's panels. Screenshots at 1280×800 and 375×812 and the PDF
// go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl, json, launch, openPage, openPartnerPage, screenshot, axeViolations } from './browser.mjs';

let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
const artifacts = process.env.ATLAS_ARTIFACTS ?? join(process.cwd(), '..', 'test-artifacts');

/** Pages of a PDF: its page objects ("/Type /Page", not "/Pages"). */
const pdfPages = (bytes) => (bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

test('a portrait reads without JavaScript: the territory, every indicator, the locator map, no print button', async () => {
  const context = await session.browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/portrait/departement/69`);
  const api = await json('/api/territories/departement/69');
  assert.equal(await page.textContent('h1'), api.nom);
  assert.equal(await page.locator('tbody tr').count(), api.indicators.length, 'a row per indicator');
  assert.ok(await page.locator('svg.locator path.locator-self').isVisible(), 'the locator map is drawn');
  assert.equal(await page.locator('#actions button').count(), 0, 'no button that could not work');
  await context.close();
});

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`a région's portrait (${name}): axe finds nothing, nothing wider than the screen, the print button`, async () => {
    const { page, problems } = await openPage(session.browser, viewport);
    await page.goto(`${baseUrl}/portrait/region/84?indicator=population`);
    const print = page.getByRole('button', { name: 'Imprimer / PDF' });
    await print.waitFor();
    await screenshot(page, `portrait-region-${name}`);
    await page.locator('#theme-contexte').scrollIntoViewIfNeeded();
    await screenshot(page, `portrait-region-${name}-figures`);
    assert.deepEqual(await axeViolations(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow} px wider than the screen`);
    // the map link of each indicator is the homepage centred on the territory
    assert.equal(await page.locator('tr#population a.map-link').getAttribute('href'),
      '/?indicator=population&level=region&territory=84');
    // the button asks the browser to print (the dialog saves a PDF too)
    await page.evaluate(() => { window.print = () => { window.printed = true; }; });
    await print.click();
    assert.equal(await page.evaluate(() => window.printed), true);
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.outside, [], 'nothing fetched from another server');
  });
}

test('France\'s portrait: axe finds nothing, every national value with its method', async () => {
  const { page } = await openPage(session.browser, DESKTOP);
  await page.goto(`${baseUrl}/portrait/france`);
  await screenshot(page, 'portrait-france-desktop');
  const api = await json('/api/territories/france');
  assert.equal(await page.locator('tbody tr').count(), api.indicators.length);
  assert.deepEqual(await axeViolations(page), []);
});

test('in print, a portrait is laid out on A4: no button nor navigation, the table within the page, a few pages', async () => {
  const { page } = await openPage(session.browser, DESKTOP);
  await page.goto(`${baseUrl}/portrait/commune/69123`);
  await page.getByRole('button', { name: 'Imprimer / PDF' }).waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#actions button').isVisible(), false, 'the button is not printed');
  assert.equal(await page.locator('nav.toc').isVisible(), false, 'nor the themes\' links');
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, 'portrait-commune-69123.pdf'), pdf);
  const pages = pdfPages(pdf);
  const rows = await page.locator('tbody tr').count();
  // a commune has every level's indicators (~50 rows): small type fits them on a few pages, and
  // a row is never split (break-inside: avoid)
  assert.ok(pages >= 2 && pages <= 6, `${pages} A4 pages for ${rows} indicators`);
  // A4 is 210 mm wide, 186 mm inside the margins: at 96 px an inch, nothing may be wider than 703 px
  await page.setViewportSize({ width: 703, height: 1000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - 703);
  assert.ok(overflow <= 0, `${overflow} px wider than an A4 page in print`);
  // what the PDF holds, as an image to look at (no PDF rasteriser here)
  await page.screenshot({ path: join(artifacts, 'portrait-commune-print.png'), fullPage: true });
  // France's page too, shorter
  await page.goto(`${baseUrl}/portrait/france`);
  const france = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  assert.ok(france >= 1 && france <= 4, `${france} A4 pages for France`);
});

test('the homepage\'s portrait links to the page, naming the indicator shown', async () => {
  const { page } = await openPage(session.browser, DESKTOP);
  await page.goto(`${baseUrl}/?indicator=population&level=region&territory=84`);
  const link = page.locator('a.atlas-portrait-link');
  await link.waitFor({ timeout: 30_000 });
  assert.equal(await link.getAttribute('href'), `${baseUrl}/portrait/region/84?indicator=population`);
  await link.click();
  await page.waitForURL(/\/portrait\/region\/84\?indicator=population$/);
  assert.equal(await page.textContent('h1'), 'Auvergne-Rhône-Alpes');
});

test('the widget\'s panel links to the page on the atlas\'s server', async () => {
  const { page } = await openPage(session.browser, DESKTOP);
  await openPartnerPage(page, `<script src="${baseUrl}/widget/atlas-widget.js" defer></script>
    <div data-atlas-indicator="part_entreprises_culturelles" data-atlas-level="departement" data-atlas-territory="69" style="height: 500px"></div>`);
  const link = page.locator('.atlas-panel a.atlas-portrait-link');
  await link.waitFor({ timeout: 30_000 });
  assert.equal(await link.getAttribute('href'), `${baseUrl}/portrait/departement/69?indicator=part_entreprises_culturelles`);
  assert.match(await link.textContent(), /Fiche du territoire : Rhône/);
});
