// The three exercises of docs/styles.md, done in the studio as the guide tells a student to do
// them, each checked on the preview's pixels or features. The guide's pictures are these tests'
// screenshots: ATLAS_DOC_IMAGES=1 writes them into docs/images/ (otherwise test-artifacts/ only).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { json, launch, screenshot, colourShare, blend } from './browser.mjs';
import { openStudio, drawn, paste, scrollTo, pretty } from './studio-page.mjs';

const DOCS = new URL('../../docs/images/', import.meta.url).pathname;
let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });

/** Forks `path` in the studio at `view`, pastes the student's version, shows the edited line. */
async function exercise(path, view, edit, mark) {
  const { page, problems } = await openStudio(session.browser, `?style=${encodeURIComponent(path)}#carte=${view}`);
  const text = pretty(edit(await json(path)));
  await paste(page, text);
  await drawn(page, 2);
  await scrollTo(page, text.split('\n').findIndex((l) => l.includes(mark)) + 1);
  return { page, problems };
}

async function picture(page, name) {
  const png = await screenshot(page, name);
  if (process.env.ATLAS_DOC_IMAGES === '1') {
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(`${DOCS}${name}.png`, await page.screenshot());
  }
  return png;
}

test('exercise 1: a choropleth recoloured in three classes of purple', async () => {
  const PURPLES = ['#efedf5', '#bcbddc', '#756bb1'];
  const { page, problems } = await exercise('/styles/choropleth/bibliotheques_pour_10000_hab.json?level=departement',
    '4.80/46.60000/2.50000', (style) => {
      const fill = style.layers.find((l) => l.id === 'departement-fill');
      fill.paint['fill-color'] = ['case', ['has', 'bibliotheques_pour_10000_hab'],
        ['step', ['get', 'bibliotheques_pour_10000_hab'], PURPLES[0], 2, PURPLES[1], 4, PURPLES[2]], '#c8c8c8'];
      return style;
    }, '"step"');
  const png = await picture(page, 'exercice-1');
  for (const colour of PURPLES) {
    const share = colourShare(png, blend(colour, 0.9, '#f2f1ee'), 6);
    assert.ok(share > 0.01, `${colour} covers ${(share * 100).toFixed(1)} % of the page`);
  }
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('exercise 2: the towns of 100,000 inhabitants and more named, with a halo', async () => {
  const { page, problems } = await exercise('/styles/atlas.json', '6.00/44.60000/3.60000', (style) => {
    style.layers.push({ id: 'villes', type: 'symbol', source: 'communes', 'source-layer': 'commune-points',
      filter: ['>=', ['coalesce', ['get', 'population'], 0], 100000],
      layout: { 'text-field': ['get', 'nom'], 'text-font': ['Noto Sans Bold', 'DejaVu Sans'], 'text-size': 14,
        'symbol-sort-key': ['-', ['get', 'population']] },
      paint: { 'text-color': '#6a1b9a', 'text-halo-color': '#ffffff', 'text-halo-width': 2 } });
    return style;
  }, '"villes"');
  await picture(page, 'exercice-2');
  const towns = await page.evaluate(() => window.atlasMap.queryRenderedFeatures({ layers: ['villes'] })
    .map((f) => ({ nom: f.properties.nom, population: f.properties.population })));
  assert.ok(towns.length >= 8, `${towns.length} towns named: ${towns.map((t) => t.nom)}`);
  assert.ok(towns.every((t) => t.population >= 100000), 'none under the threshold');
  for (const town of ['Lyon', 'Marseille', 'Toulouse']) assert.ok(towns.some((t) => t.nom.startsWith(town)), town);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('exercise 3: proportional circles of the monuments, larger and orange', async () => {
  const { page, problems } = await exercise('/styles/choropleth/monuments_historiques.json?level=departement',
    '4.80/46.60000/2.50000', (style) => {
      const circles = style.layers.find((l) => l.id === 'departement-symbols');
      circles.paint['circle-color'] = '#d95f02';
      circles.paint['circle-radius'][1] = 36;
      return style;
    }, '"circle-color"');
  const png = await picture(page, 'exercice-3');
  const share = colourShare(png, blend('#d95f02', 0.75, '#e4e1da'), 12);
  assert.ok(share > 0.03, `orange circles cover ${(share * 100).toFixed(1)} % of the page`);
  const largest = await page.evaluate(() => Math.max(...window.atlasMap.queryRenderedFeatures({ layers: ['departement-symbols'] })
    .map((f) => window.atlasMap.getLayer('departement-symbols').paint.get('circle-radius').evaluate(f))));
  assert.ok(largest > 24 && largest <= 36, `the largest circle is ${largest} px`);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
