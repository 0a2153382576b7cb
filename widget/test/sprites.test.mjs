// Sprites (/sprites/{id}.json|png, @2x): built from the SVG icons of styles/sprites/{id}/, the
// index and the image agree at both pixel ratios, the venues style names only icons its sprite
// has, MapLibre draws them, and an edited icon is served without restarting the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PNG } from 'pngjs';
import { baseUrl, json, launch, elementShot, colourShare } from './browser.mjs';
import { buildSprites } from '../sprites.mjs';
import { openStudio, drawn, paste, pretty } from './studio-page.mjs';

const ICONS = new URL('../../styles/sprites/venues/', import.meta.url).pathname;

async function png(path) {
  const res = await fetch(baseUrl + path);
  assert.equal(res.status, 200, path);
  assert.equal(res.headers.get('content-type'), 'image/png');
  return PNG.sync.read(Buffer.from(await res.arrayBuffer()));
}

/** Whether the rectangle of `icon` in `image` holds visible pixels. */
function visible(image, icon) {
  for (let y = icon.y; y < icon.y + icon.height; y++) {
    for (let x = icon.x; x < icon.x + icon.width; x++) if (image.data[(y * image.width + x) * 4 + 3] > 128) return true;
  }
  return false;
}

test('the venues sprite has one icon per SVG, inside its image, at ratios 1 and 2', async () => {
  const svgs = readdirSync(ICONS).filter((n) => n.endsWith('.svg')).map((n) => n.slice(0, -4)).sort();
  const [one, two] = [await json('/sprites/venues.json'), await json('/sprites/venues@2x.json')];
  const [image1, image2] = [await png('/sprites/venues.png'), await png('/sprites/venues@2x.png')];
  for (const [index, image, ratio] of [[one, image1, 1], [two, image2, 2]]) {
    assert.deepEqual(Object.keys(index).sort(), svgs, `one icon per SVG at ratio ${ratio}`);
    for (const [name, icon] of Object.entries(index)) {
      assert.equal(icon.pixelRatio, ratio, name);
      assert.ok(icon.x >= 0 && icon.y >= 0 && icon.x + icon.width <= image.width && icon.y + icon.height <= image.height,
        `${name} (${JSON.stringify(icon)}) inside the ${image.width} × ${image.height} image`);
      assert.ok(visible(image, icon), `${name} is drawn at its place at ratio ${ratio}`);
    }
  }
  for (const name of svgs) {
    assert.deepEqual([two[name].width, two[name].height], [one[name].width * 2, one[name].height * 2], `${name} twice as large at @2x`);
  }
});

test('the venues style names only icons of its sprite, for each family and discipline', async () => {
  const style = await json('/styles/venues.json');
  assert.equal(style.sprite, `${baseUrl}/sprites/venues`);
  const icons = new Set(Object.keys(await json('/sprites/venues.json')));
  const named = style.layers.filter((l) => l.layout?.['icon-image']).map((l) => l.layout['icon-image']);
  assert.equal(named.length, 2, 'one icon layer per venue family');
  for (const expression of named) {
    // ["match", ["get", "discipline"], label, icon, …, fallback]: the icons are the outputs
    const outputs = [...expression.slice(2, -1).filter((_, i) => i % 2 === 1), expression.at(-1)];
    for (const icon of outputs) assert.ok(icons.has(icon), `${icon} is in the sprite`);
  }
});

test('MapLibre draws the venues’ icons from the sprite', async () => {
  const session = await launch();
  try {
    const { page, problems } = await openStudio(session.browser, `?style=${encodeURIComponent('/styles/venues.json')}#carte=15.00/48.85660/2.35220`);
    // MapLibre warns of an icon missing from the sprite; the page's own listener records errors only
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning' && /image/i.test(m.text())) warnings.push(m.text()); });
    const state = await page.evaluate(() => ({
      images: ['patrimoine', 'livre-et-lecture'].map((n) => window.atlasMap.hasImage(n)),
      icons: window.atlasMap.queryRenderedFeatures({ layers: ['monuments_historiques-icons', 'bibliotheques-icons'] }).length,
    }));
    assert.deepEqual(state.images, [true, true], 'the sprite is loaded');
    assert.ok(state.icons > 5, `${state.icons} icons drawn in the centre of Paris`);
    const withIcons = colourShare(await elementShot(page.locator('#map'), 'sprites-venues-paris'), [255, 255, 255], 30);

    // the same style without its icon layers: the white pictograms go
    const style = await json('/styles/venues.json');
    style.layers = style.layers.filter((l) => !l.id.endsWith('-icons'));
    await paste(page, pretty(style));
    await drawn(page, 2);
    const without = colourShare(await elementShot(page.locator('#map'), 'sprites-venues-paris-without'), [255, 255, 255], 30);
    assert.ok(withIcons > without + 0.002, `icons add white pixels (${(withIcons * 100).toFixed(2)} % against ${(without * 100).toFixed(2)} %)`);
    assert.deepEqual(warnings, [], 'no missing image');
    assert.deepEqual(problems.errors, []);
  } finally {
    await session.close();
  }
});

test('an edited icon is served as soon as the sprites are rebuilt, without restarting the server', async () => {
  const dist = process.env.ATLAS_WIDGET_DIR ?? new URL('../dist/', import.meta.url).pathname;
  const id = `essai-${process.pid}`;
  const from = mkdtempSync(join(tmpdir(), 'atlas-sprites-'));
  mkdirSync(join(from, id));
  const icon = (size) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="${size / 2}" cy="${size / 2}" r="${size / 3}" fill="#000091"/></svg>`;
  try {
    writeFileSync(join(from, id, 'rond.svg'), icon(16));
    buildSprites(from, join(dist, 'sprites'));
    assert.equal((await json(`/sprites/${id}.json`)).rond.width, 16);
    // 8 px rather than a size of as many digits: the files' sizes change too, not only their times
    writeFileSync(join(from, id, 'rond.svg'), icon(8));
    buildSprites(from, join(dist, 'sprites'));
    assert.equal((await json(`/sprites/${id}.json`)).rond.width, 8, 'the edit is served');
    assert.equal((await json(`/sprites/${id}@2x.json`)).rond.width, 16);
    assert.equal((await png(`/sprites/${id}@2x.png`)).width, 20, 'the image too: 16 px and a gap of 2 px (1 at ratio 1) on each side');
  } finally {
    rmSync(from, { recursive: true, force: true });
    for (const suffix of ['.json', '.png', '@2x.json', '@2x.png']) rmSync(join(dist, 'sprites', `${id}${suffix}`), { force: true });
  }
});
