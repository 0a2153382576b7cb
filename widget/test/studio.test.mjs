// The style studio (/studio/) in a real Chromium, against the real server: fork a served style,
// edit it as a student would (a paste into the editor), see the preview's pixels change; an
// invalid edit shows the official validator's message at its line and leaves the preview as it
// was; a share link reopens the same text; the inspector shows a commune's fields; bad input
// (another server, 5 MB, a broken link) is refused in French with nothing sent; axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, json, launch, openPage, elementShot, colourShare, blend, axeViolations } from './browser.mjs';
import { openStudio, drawn, paste, scrollTo, downloaded, pretty } from './studio-page.mjs';

const BOUNDARIES = '/styles/boundaries.json';
const COMMUNES = '/styles/choropleth/bibliotheques_pour_10000_hab.json?level=commune';
let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });
const studio = (address, size) => openStudio(session.browser, address, size);

test('a fill colour edited in the studio changes the preview; an invalid edit shows the validator at its line and keeps it', async () => {
  const { page, problems } = await studio(`?style=${encodeURIComponent(BOUNDARIES)}`);
  const style = await json(BOUNDARIES);
  const map = page.locator('#map');
  const before = await elementShot(map, 'studio-before');
  const red = blend('#d7301f', 0.85, '#eef3f7');
  assert.ok(colourShare(before, red, 12) < 0.001, 'no red before the edit');
  assert.equal(await downloaded(page), pretty(style), 'the editor holds the served style, indented');
  // the layer list names every layer of the style
  assert.deepEqual(await page.locator('#layers label').allTextContents(),
    style.layers.map((l) => ` ${l.id} (${l.type})`));

  const text = pretty(style).replace('"fill-color": "#2a6f97"', '"fill-color": "#d7301f"');
  await paste(page, text);
  await drawn(page, 2);
  const after = await elementShot(map, 'studio-after');
  const share = colourShare(after, red, 12);
  assert.ok(share > 0.05, `the régions are red in the preview (${(share * 100).toFixed(1)} % of it)`);

  // an invalid colour: the validator's message, on the line of the colour; the preview stays red
  const bad = text.replace('"fill-color": "#d7301f"', '"fill-color": "pas-une-couleur"');
  const line = bad.split('\n').findIndex((l) => l.includes('pas-une-couleur')) + 1;
  await paste(page, bad);
  await page.waitForFunction(() => /color expected, "pas-une-couleur" found/.test(document.getElementById('status').textContent));
  // scroll the line into view (the editor draws only what is visible) and read its gutter
  await scrollTo(page, line);
  await page.waitForSelector('.cm-lint-marker-error');
  const marked = await page.evaluate(() => {
    const top = (el) => Math.round(el.getBoundingClientRect().top);
    const range = document.querySelector('.cm-lintRange-error');
    const number = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')]
      .find((el) => Math.abs(top(el) - top(range)) < 4);
    return { text: range.closest('.cm-line').textContent, line: Number(number?.textContent) };
  });
  assert.equal(marked.line, line, 'the diagnostic is on the line of the invalid colour');
  assert.match(marked.text, /pas-une-couleur/);
  await page.hover('.cm-lintRange-error');
  assert.match(await page.textContent('.cm-tooltip-lint'), /fill-color: color expected, "pas-une-couleur" found/);
  const kept = await elementShot(map, 'studio-invalid');
  assert.equal(await page.evaluate(() => document.body.dataset.applied), '2', 'no invalid version applied');
  assert.ok(colourShare(kept, red, 12) > 0.05, 'the preview keeps the last valid version');

  // the layer list hides a layer in the preview, and it stays hidden through the next valid edit
  await page.evaluate(() => { document.body.dataset.mapIdle = 'false'; });
  await page.getByLabel('regions-fill (fill)').uncheck();
  await page.waitForFunction(() => document.body.dataset.mapIdle === 'true');
  assert.ok(colourShare(await elementShot(map, 'studio-hidden'), red, 12) < 0.001, 'the régions are hidden');
  await paste(page, text.replace('"line-width": 1.5', '"line-width": 2'));
  await drawn(page, 3);
  assert.ok(colourShare(await elementShot(map, 'studio-hidden-edited'), red, 12) < 0.001, 'still hidden after an edit');
  assert.equal(await page.getByLabel('regions-fill (fill)').isChecked(), false);
  assert.deepEqual(problems.errors, [], 'no console error');
  assert.deepEqual(problems.outside, [], 'no request outside the server');
  await page.context().close();
});

test('a share link holds the whole style and reopens it exactly, at the same view', async () => {
  const { page } = await studio(`?style=${encodeURIComponent(BOUNDARIES)}#carte=6.00/45.76000/4.84000`);
  const text = pretty(await json(BOUNDARIES)).replace('"background-color": "#eef3f7"', '"background-color": "#fdf6e3"');
  const edited = `${text.slice(0, -2)}\n\n}\n`; // a student's edit, with its own whitespace
  await paste(page, edited);
  await drawn(page, 2);
  await page.click('#share');
  // the link is made asynchronously (compression), then shown
  await page.waitForSelector('#share-link:not([hidden])');
  const link = await page.inputValue('#share-link');
  assert.ok(link.startsWith(`${baseUrl}/studio/#carte=6.00/45.76000/4.84000&style=`), link.slice(0, 80));
  assert.ok(link.length < edited.length, `compressed: ${link.length} characters for ${edited.length}`);

  const { page: other, problems } = await openPage(session.browser, { width: 1280, height: 800 });
  await other.goto(link);
  await drawn(other, 1);
  assert.equal(await downloaded(other), edited, 'the same text, character for character');
  assert.match(await other.textContent('#view'), /^Zoom 6,00 · centre : longitude 4,8400, latitude 45,7600$/);
  assert.deepEqual(problems.outside, []);
  await page.context().close();
  await other.context().close();
});

test('the inspector shows the layer and fields of the commune under the pointer', async () => {
  const { page, problems } = await studio(`?style=${encodeURIComponent(COMMUNES)}#carte=11/45.76000/4.84000`);
  const box = await page.locator('#map').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('#inspector dl');
  const fields = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#inspector dt')]
    .map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
  assert.match(fields.code, /^69\d{3}$/, `a commune of Lyon's département under the centre (${JSON.stringify(fields)})`);
  assert.match(fields.nom, /Lyon/);
  assert.match(await page.textContent('#inspector h3'), /^Couche commune/);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('bad input: another server, a 5 MB paste and a broken share link get a French message and send nothing', async () => {
  const { page, problems } = await studio(`?style=${encodeURIComponent(BOUNDARIES)}`);
  const style = await json(BOUNDARIES);
  const before = await downloaded(page);

  // a style whose tiles are on another server: refused before any request
  const foreign = pretty({ ...style, sources: { ...style.sources, regions: { type: 'vector', url: 'https://tiles.example.org/regions.json' } } });
  await paste(page, foreign);
  await page.waitForFunction(() => /hors de l’atlas/.test(document.getElementById('status').textContent));
  assert.match(await page.textContent('#status'), /Adresse hors de l’atlas : https:\/\/tiles\.example\.org\/regions\.json/);

  // 5 MB: refused whole, the editor keeps its text
  await paste(page, before);
  await drawn(page, 1);
  await paste(page, `{"version": 8, "name": "${'x'.repeat(5_000_000)}", "sources": {}, "layers": []}`);
  await page.waitForFunction(() => /accepte 1 Mo au plus/.test(document.getElementById('status').textContent));
  assert.equal(await downloaded(page), before, 'the editor kept its text');
  assert.equal(await page.evaluate(() => document.body.dataset.applied), '1', 'the preview was not touched');
  assert.deepEqual(problems.outside, [], 'nothing was asked of another server');
  await page.context().close();

  // a share link cut short
  const { page: broken, problems: brokenProblems } = await openPage(session.browser);
  const requests = [];
  broken.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await broken.goto(`${baseUrl}/studio/#carte=5/46/2&style=80xYz-pas-un-style`);
  await broken.waitForFunction(() => /lien de partage est abîmé/.test(document.getElementById('status').textContent));
  assert.equal(await broken.evaluate(() => document.body.dataset.applied), undefined, 'nothing drawn');
  assert.ok(!requests.some((p) => p.startsWith('/styles/boundaries') || p.startsWith('/tiles/')), `no style or tile fetched: ${requests}`);
  assert.deepEqual(brokenProblems.errors, []);
  await broken.context().close();
});

test('the studio has no axe violation, on a screen and on a phone', async () => {
  for (const [width, height] of [[1280, 800], [375, 812]]) {
    const { page } = await studio(`?style=${encodeURIComponent(BOUNDARIES)}`, { width, height });
    await elementShot(page.locator('body'), `studio-${width}`);
    assert.deepEqual(await axeViolations(page), [], `${width} px`);
    await page.context().close();
  }
});
