// Two indicators crossed: /api/cross against statistics computed here from /values, the
// bivariate style against the official validator and the crossing's own tertiles, French 4xx
// problems, and in Chromium the scatter plot linked to the map (hover both ways, keyboard), the
// sentence that reads it, the table alternative and axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { baseUrl, json, launch, openPage, openPartnerPage, screenshot, axeViolations } from './browser.mjs';

const X = 'depenses_communes_par_habitant';
const Y = 'bibliotheques_pour_10000_hab';
const LEVEL = 'departement';
let session;
before(async () => { session = await launch(); });
after(async () => { await session?.close(); });

const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
function pearson(x, y) {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0; let sxx = 0; let syy = 0;
  x.forEach((_, i) => { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; syy += (y[i] - my) ** 2; });
  return sxy / Math.sqrt(sxx * syy);
}
/** Ranks from 1, ties sharing their average rank. */
function ranks(v) {
  const order = v.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
  const r = new Array(v.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) end++;
    for (let k = start; k <= end; k++) r[order[k].i] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return r;
}

test('/api/cross: the correlation is the one computed from the values of /values', async () => {
  const cross = await json(`/api/cross?x=${X}&y=${Y}&level=${LEVEL}`);
  const xs = new Map((await json(`/api/indicators/${X}/values?level=${LEVEL}`)).values.map((v) => [v.code, v.value]));
  const ys = new Map((await json(`/api/indicators/${Y}/values?level=${LEVEL}`)).values.map((v) => [v.code, v.value]));
  const both = [...xs.keys()].filter((c) => xs.get(c) != null && ys.get(c) != null).sort();
  assert.deepEqual(cross.points.map((p) => p.code).sort(), both);
  assert.equal(cross.n, both.length);
  const x = both.map((c) => xs.get(c));
  const y = both.map((c) => ys.get(c));
  assert.ok(Math.abs(cross.pearson - pearson(x, y)) < 1e-9, `${cross.pearson} vs ${pearson(x, y)}`);
  assert.ok(Math.abs(cross.spearman - pearson(ranks(x), ranks(y))) < 1e-9);
  // the least-squares line goes through the means with slope r × sy / sx
  const sd = (v) => Math.sqrt(mean(v.map((a) => (a - mean(v)) ** 2)));
  assert.ok(Math.abs(cross.line.slope - pearson(x, y) * sd(y) / sd(x)) < 1e-9);
  assert.ok(Math.abs(cross.line.slope * mean(x) + cross.line.intercept - mean(y)) < 1e-9);
  assert.equal(cross.x.label, 'Dépenses culturelles des communes par habitant');
});

test('/api/cross and bivariate styles answer 4xx problems in French', async () => {
  for (const [path, status, text] of [
    [`/api/cross?x=grille_densite&y=${Y}`, 400, /est fait de catégories, pas de nombres/],
    [`/api/cross?x=depenses_regions_par_habitant&y=${Y}&level=commune`, 400, /n’existe pas au niveau « commune » ; niveaux possibles : région\./],
    [`/api/cross?x=${X}`, 400, /Il manque l’indicateur \?y= à croiser/],
    [`/api/cross?x=inconnu&y=${Y}`, 404, /inconnu/],
    [`/styles/bivariate/${X}/typologie_urbain_rural.json`, 400, /est fait de catégories/],
    [`/api/cross?x=population&y=${Y}`, 400, /« Population totale » est un effectif, qui grandit avec le territoire : croisez plutôt un taux/],
    [`/styles/bivariate/${Y}/${Y}.json`, 400, /ne se croise pas avec lui-même/],
  ]) {
    const res = await fetch(baseUrl + path);
    assert.equal(res.status, status, path);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.match((await res.json()).detail, text, path);
  }
});

test('the bivariate style validates, draws nine colours from both indicators\' tertiles and counts each cell', async () => {
  const style = await json(`/styles/bivariate/${X}/${Y}.json?level=${LEVEL}&layout=france`);
  assert.deepEqual(validateStyleMin(style).map((e) => e.message), []);
  assert.match(style.sources.indicator.url, new RegExp(`^${baseUrl}/tiles/${X}\\.json\\?v=\\d+&level=${LEVEL}&indicators=${Y}&layout=france$`));
  const tilejson = await json(new URL(style.sources.indicator.url).pathname + new URL(style.sources.indicator.url).search);
  assert.match(tilejson.tiles[0], new RegExp(`indicators=${Y}`), 'the tiles carry the second indicator');
  const b = style.metadata['atlas:bivariate'];
  assert.equal(style.metadata['atlas:type'], 'bivariate');
  assert.equal(new Set(b.colours.flat()).size, 9);
  const tertiles = (await json(`/api/indicators/${Y}/breaks?level=${LEVEL}&method=quantile&classes=3`)).breaks;
  assert.deepEqual(b.y.breaks, tertiles);
  const cross = await json(`/api/cross?x=${X}&y=${Y}&level=${LEVEL}`);
  // each territory in the cell of its thirds, a value equal to a break in the lower one
  const third = (breaks, v) => (v <= breaks[1] ? 0 : v <= breaks[2] ? 1 : 2);
  const counts = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (const p of cross.points) counts[third(b.y.breaks, p.y)][third(b.x.breaks, p.x)]++;
  assert.deepEqual(b.counts, counts);
  assert.equal(b.missing, b.territories - cross.n);
  const fill = style.layers.find((l) => l.id === `${LEVEL}-fill`).paint['fill-color'];
  assert.deepEqual(fill[1], ['all', ['has', X], ['has', Y]]);
});

test('crossing on the homepage: bivariate map, a sentence, a scatter plot linked to the map both ways and by keyboard, axe', async () => {
  const { page, problems } = await openPage(session.browser, { width: 1280, height: 800 });
  await page.goto(`${baseUrl}/?indicator=${X}&level=${LEVEL}`);
  await page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });
  await page.selectOption('#cross', Y);
  await page.waitForSelector('.atlas-scatter');
  assert.equal(new URL(page.url()).searchParams.get('cross'), Y, 'the crossing is in the address');
  assert.match(await page.textContent('.atlas-cross-reading'), /ρ de Spearman 0,077, r de Pearson 0,139, 100 départements\.\) Une corrélation ne dit pas que l’un explique l’autre\./);
  assert.match(await page.textContent('.atlas-legend-bivariate'), /deux indicateurs croisés/);
  assert.equal(await page.locator('.atlas-scatter-point').count(), 100);
  assert.match(await page.textContent('.atlas-cross'), /Les plus éloignés de la tendance : \S/);

  // a point hovered outlines its territory on the map
  await page.hover('.atlas-scatter-point[data-code="69"]');
  await page.waitForFunction(() => window.atlasMap.getFeatureState({ source: 'indicator', sourceLayer: 'departement', id: '69' }).hover === true);
  assert.match(await page.textContent('.atlas-scatter-label'), /^Rhône : /);
  // a territory hovered on the map marks its point
  await page.evaluate(() => new Promise((r) => (window.atlasMap.loaded() ? r() : window.atlasMap.once('idle', r))));
  const box = await page.locator('#map').boundingBox();
  const gironde = await page.evaluate(() => window.atlasMap.project([-0.6, 44.85]));
  await page.mouse.move(box.x + gironde.x, box.y + gironde.y);
  await page.waitForSelector('.atlas-scatter-point.atlas-scatter-hover[data-code="33"]');
  await screenshot(page, 'home-crossing');

  // the keyboard walks the points from the left; Enter chooses one, whose point is ringed
  await page.mouse.move(box.x + 5, box.y + 5); // off every territory: no point hovered
  await page.waitForFunction(() => !document.querySelector('.atlas-scatter-hover'));
  const cross = await json(`/api/cross?x=${X}&y=${Y}&level=${LEVEL}`);
  const leftmost = [...cross.points].sort((a, b) => a.x - b.x || a.y - b.y).map((p) => p.code);
  await page.focus('.atlas-scatter');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('.atlas-scatter-hover', 'data-code'), leftmost[0]);
  await page.keyboard.press('ArrowRight');
  const second = await page.getAttribute('.atlas-scatter-hover', 'data-code');
  assert.equal(second, leftmost[1]);
  assert.match(await page.textContent('.atlas-cross .atlas-sr'), /^.+ : .+ ; .+$/, 'the point reached is said');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.atlas-scatter-point.atlas-scatter-selected[data-code="${second}"]`);
  await page.waitForSelector('.atlas-portrait');
  assert.equal(new URL(page.url()).searchParams.get('territory'), second);

  // the points as a table, for screen readers
  await page.click('.atlas-scatter-table summary');
  assert.equal(await page.locator('.atlas-scatter-table tbody tr').count(), 100);
  assert.deepEqual(await axeViolations(page), [], 'axe finds nothing in the crossing');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('at the commune level the crossing is read without its 35,000 points', async () => {
  const { page, problems } = await openPage(session.browser, { width: 1280, height: 800 });
  await page.goto(`${baseUrl}/?indicator=${X}&level=commune&cross=${Y}`);
  await page.waitForSelector('.atlas-cross-reading');
  assert.match(await page.textContent('.atlas-cross'), /ρ de Spearman -?\d/);
  assert.match(await page.textContent('.atlas-cross'), /Le nuage de points est proposé jusqu’à 2\s000 territoires/);
  assert.equal(await page.locator('.atlas-scatter').count(), 0);
  const figures = await json(`/api/cross?x=${X}&y=${Y}&level=commune&points=false`);
  assert.equal(figures.points, undefined);
  assert.ok(figures.n > 2000, `${figures.n} communes with both values`);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('crossing on a phone: the map stays in view, the scatter plot opens with its button', async () => {
  const { page, problems } = await openPage(session.browser, { width: 375, height: 812 });
  await page.goto(`${baseUrl}/?indicator=${X}&level=${LEVEL}&cross=${Y}`);
  await page.waitForSelector('body[data-map-idle="true"]', { timeout: 30_000 });
  assert.equal(await page.locator('#sheet').isVisible(), false);
  await page.click('#cross-toggle');
  await page.waitForSelector('.atlas-scatter');
  assert.ok(await page.locator('.atlas-scatter').isVisible());
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375);
  await screenshot(page, 'home-crossing-phone');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('the widget crosses with data-atlas-cross, and the builder offers it', async () => {
  const { page, problems } = await openPage(session.browser, { width: 1100, height: 900 });
  await page.goto(`${baseUrl}/builder/`);
  await page.waitForSelector('#preview .atlas-legend');
  await page.selectOption('#indicator', X);
  await page.waitForFunction((x) => document.querySelector('#level').dataset.for === x, X);
  await page.selectOption('#level', LEVEL);
  await page.selectOption('#cross', Y);
  assert.match(await page.textContent('#snippet'), new RegExp(`data-atlas-indicator="${X}" data-atlas-level="${LEVEL}" data-atlas-cross="${Y}"`));
  assert.equal(await page.isDisabled('#palette'), true, 'a bivariate map has its own colours');
  await page.waitForSelector('#preview .atlas-legend-bivariate');
  await page.waitForSelector('#preview .atlas-w[data-map-idle="true"]', { timeout: 30_000 });
  assert.match(await page.textContent('#preview .atlas-title'), /croisé avec Bibliothèques pour 10 000 habitants/);

  // on a partner's page; a crossing with categories says why in French
  await openPartnerPage(page, `<script src="${baseUrl}/widget/atlas-widget.js" defer></script>
    <div data-atlas-indicator="${X}" data-atlas-level="${LEVEL}" data-atlas-cross="${Y}"></div>
    <div id="categories" data-atlas-indicator="${X}" data-atlas-level="commune" data-atlas-cross="grille_densite"></div>`);
  await page.waitForSelector('.atlas-w[data-map-idle="true"]', { timeout: 30_000 });
  const cells = await page.locator('.atlas-legend-bivariate .atlas-bivariate-cell').allTextContents();
  assert.equal(cells.map(Number).reduce((a, b) => a + b), 100, 'the square counts the 100 départements with both values');
  // the same reading and scatter plot as the homepage's, linked to the widget's map
  assert.match(await page.textContent('.atlas-w .atlas-cross-reading'), /Une corrélation ne dit pas que l’un explique l’autre/);
  assert.equal(await page.locator('.atlas-w .atlas-scatter-point').count(), 100);
  await page.click('.atlas-w .atlas-scatter-point[data-code="69"]');
  await page.waitForSelector('.atlas-w .atlas-panel-body');
  assert.match(await page.textContent('.atlas-w .atlas-panel-title'), /Rhône/);
  assert.equal(await page.locator('.atlas-w .atlas-scatter-point.atlas-scatter-selected[data-code="69"]').count(), 1);
  await page.waitForSelector('#categories .atlas-notice p');
  assert.match(await page.textContent('#categories .atlas-notice'), /« Grille communale de densité » est fait de catégories, pas de nombres/);
  await screenshot(page, 'widget-crossing');
  assert.deepEqual(await axeViolations(page), []);
  // the refused crossing is logged (the 400 and the widget's message): nothing else
  assert.deepEqual(problems.errors.filter((e) => !/status of 400|est fait de catégories/.test(e)), []);
  await page.context().close();
});
