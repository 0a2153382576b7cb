// Every style the server ships (styles/) or generates (/styles/choropleth/…) validates with the
// official MapLibre style specification validator, on the JSON as served ({base} rewritten).
// Runs against the server that ./atlas test started (ATLAS_URL); no browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';

const baseUrl = process.env.ATLAS_URL;
if (!baseUrl) {
  throw new Error('ATLAS_URL is not set: run the widget tests with ./atlas test, which starts a server for them');
}

async function getJson(path, expectedStatus = 200) {
  const res = await fetch(baseUrl + path);
  const text = await res.text();
  assert.equal(res.status, expectedStatus, `${path}: ${text.slice(0, 300)}`);
  return { res, text, json: JSON.parse(text) };
}

function assertValid(style, what) {
  const errors = validateStyleMin(style);
  assert.deepEqual(errors.map((e) => e.message), [], `${what} is not a valid MapLibre style`);
}

test('the validator refuses what the server must never send', () => {
  // guards against a validator that accepts anything: a bad colour and a missing source
  const errors = validateStyleMin({ version: 8, sources: {}, layers: [
    { id: 'x', type: 'fill', source: 'nowhere', 'source-layer': 'commune', paint: { 'fill-color': 'not a colour' } }] });
  assert.ok(errors.length >= 1, JSON.stringify(errors));
});

const METHODS = ['quantile', 'equal', 'jenks', 'stddev'];
// numeric on four, two and one level(s), categorical, boolean
const INDICATORS = ['bibliotheques_pour_10000_hab', 'part_entreprises_culturelles', 'densite_population',
  'grille_densite', 'typologie_urbain_rural', 'action_coeur_de_ville'];

test('every style of styles/ is served with {base} rewritten and validates', async () => {
  const { json: list } = await getJson('/styles/');
  for (const id of ['atlas', 'dark', 'choropleth', 'venues', 'boundaries', 'examples/bibliotheques-roses',
    'examples/densite-traits-epais']) {
    assert.ok(list.styles.includes(id), `styles/ lists ${id}: ${list.styles}`);
  }
  assert.deepEqual(list.invalid, [], 'no style file has an invalid edit');
  for (const id of list.styles) {
    const { text, json: style } = await getJson(`/styles/${id}.json`);
    assert.ok(!text.includes('{base}'), `${id}: {base} is rewritten`);
    assertValid(style, `styles/${id}.json`);
    for (const [name, source] of Object.entries(style.sources)) {
      // tiles through TileJSON, and the label points of the data API
      const url = source.url ?? source.tiles?.[0] ?? source.data ?? '';
      const prefix = source.type === 'geojson' ? `${baseUrl}/api/territories/` : `${baseUrl}/tiles/`;
      assert.ok(url.startsWith(prefix), `${id}: source ${name} points at this server: ${url}`);
    }
  }
});

test('every font stack a style names is served from this server', async () => {
  const { json: fonts } = await getJson('/fonts/');
  const { json: list } = await getJson('/styles/');
  const paths = [...list.styles.map((id) => `/styles/${id}.json`), '/styles/choropleth/densite_population.json'];
  const stacks = new Set();
  for (const path of paths) {
    const { json: style } = await getJson(path);
    const labels = style.layers.filter((l) => l.type === 'symbol' && l.layout?.['text-field']);
    assert.ok(labels.length > 0, `${path} labels something`);
    assert.equal(style.glyphs, `${baseUrl}/fonts/{fontstack}/{range}.pbf`, `${path}: glyphs from this server`);
    for (const layer of labels) stacks.add(layer.layout['text-font'].join(','));
  }
  for (const stack of stacks) {
    // the first font of each stack is one the server has: no label falls back unnoticed
    assert.ok(fonts.fonts.includes(stack.split(',')[0]), `${stack}: served fonts are ${fonts.fonts.slice(0, 10)}…`);
    const res = await fetch(`${baseUrl}/fonts/${encodeURIComponent(stack)}/0-255.pbf`);
    assert.equal(res.status, 200, stack);
    assert.equal(res.headers.get('content-type'), 'application/x-protobuf');
    assert.ok((await res.arrayBuffer()).byteLength > 10_000, `${stack}: 0-255 holds the Latin glyphs`);
  }
});

test('generated choropleths validate for every kind, method, class count and level', async () => {
  const { json: catalogue } = await getJson('/api/indicators');
  const defs = new Map(catalogue.themes.flatMap((t) => t.indicators).map((i) => [i.id, i]));
  let checked = 0;
  for (const id of INDICATORS) {
    const def = defs.get(id);
    assert.ok(def, `indicator ${id} exists`);
    const numeric = !['categorical', 'boolean'].includes(def.kind);
    for (const level of [null, ...def.levels]) {
      const variants = numeric
        ? METHODS.flatMap((method) => [3, 9].map((classes) => `method=${method}&classes=${classes}`))
        : ['', 'palette=Set2', 'palette=YlGnBu'];
      for (const variant of variants) {
        const query = [level && `level=${level}`, variant].filter(Boolean).join('&');
        const path = `/styles/choropleth/${id}.json${query ? `?${query}` : ''}`;
        const { json: style } = await getJson(path);
        assertValid(style, path);
        const source = style.sources.indicator;
        // the TileJSON of the version the classes were computed on
        assert.equal(source.url.replace(/\?v=\d+/, '?'), `${baseUrl}/tiles/${id}.json?${level ? `&level=${level}` : ''}`, path);
        const fills = style.layers.filter((l) => l.type === 'fill');
        if (level) {
          assert.deepEqual(fills.map((l) => l['source-layer']), [level], path);
        } else {
          assert.ok(fills.every((l) => def.levels.includes(l['source-layer'])), `${path}: only levels of ${id}`);
        }
        for (const fill of fills) {
          const colour = JSON.stringify(fill.paint['fill-color']);
          assert.ok(colour.includes(`["has","${id}"]`) || colour.startsWith('["match"'), `${path}: not-available case`);
          if (numeric) {
            assert.ok(colour.includes('"step"') || !colour.includes('"get"'), `${path}: a step on the value`);
          } else if (def.kind === 'categorical') {
            for (const c of def.categories) assert.ok(colour.includes(`"${c.key}"`), `${path}: category ${c.key}`);
          }
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 90, `${checked} generated styles checked`);
});

test('category legends count their territories; ordered categories take a sequential palette, the first darkest', async () => {
  const { json: style } = await getJson('/styles/choropleth/grille_densite.json?level=commune');
  const entry = style.metadata['atlas:legend'][0];
  assert.equal(style.metadata['atlas:palette'], 'YlGnBu', 'an ordered variable gets a sequential palette');
  const counts = entry.classes.map((c) => c.count);
  assert.ok(counts.every((n) => n > 0), `every category counts communes: ${counts}`);
  assert.equal(counts.reduce((a, b) => a + b) + entry.missing, entry.territories, 'categories and "non disponible" add up to the level');
  // "Très dense" first and darkest: luminance falls from the last category to the first
  const luminance = (hex) => { const n = parseInt(hex.slice(1), 16); return 0.2126 * (n >> 16) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255); };
  const light = entry.classes.map((c) => luminance(c.colour));
  assert.deepEqual([...light].sort((a, b) => a - b), light, `from dark to light: ${entry.classes.map((c) => c.colour)}`);
  assert.equal(entry.classes[0].label, 'Très dense');

  const { json: unordered } = await getJson('/styles/choropleth/taille_aire_attraction.json?level=commune');
  assert.equal(unordered.metadata['atlas:palette'], 'Dark2', 'unordered categories keep a qualitative palette');
  const { json: yesNo } = await getJson('/styles/choropleth/action_coeur_de_ville.json?level=commune');
  const flags = yesNo.metadata['atlas:legend'][0];
  assert.equal(flags.classes.map((c) => c.count).reduce((a, b) => a + b) + flags.missing, flags.territories);
});

test('a numeric choropleth classes values as the breaks API does', async () => {
  const { json: breaks } = await getJson('/api/indicators/part_entreprises_culturelles/breaks?level=departement&method=jenks&classes=4');
  const { json: style } = await getJson('/styles/choropleth/part_entreprises_culturelles.json?level=departement&method=jenks&classes=4&palette=PuOr');
  const fill = style.layers.find((l) => l.id === 'departement-fill');
  const [, , step] = fill.paint['fill-color'];
  assert.equal(step[0], 'step');
  const stops = step.slice(3).filter((_, i) => i % 2 === 0);
  assert.equal(stops.length, breaks.classes - 1);
  // each stop sits just above its break, so that a value equal to a break stays in the lower class
  stops.forEach((stop, i) => assert.ok(stop > breaks.breaks[i + 1] && stop - breaks.breaks[i + 1] < 1e-9));
  const legend = style.metadata['atlas:legend'][0].classes;
  assert.deepEqual(legend.map((c) => c.count), breaks.counts);
});

test('bad choropleth requests answer 4xx problems that list what is valid', async () => {
  const cases = [
    ['/styles/choropleth/populaton.json', 404, 'known'],
    ['/styles/choropleth/niveau_vie_median.json?level=region', 400, 'available'],
    ['/styles/choropleth/population.json?level=canton', 400, 'available'],
    ['/styles/choropleth/population.json?method=natural', 400, 'methods'],
    ['/styles/choropleth/population.json?classes=2', 400, 'minimum'],
    ['/styles/choropleth/population.json?classes=10', 400, 'maximum'],
    ['/styles/choropleth/population.json?palette=Spectral', 400, 'palettes'],
    ['/styles/choropleth/grille_densite.json?palette=RdYlBu', 400, 'palettes'],
  ];
  for (const [path, status, member] of cases) {
    const { res, json } = await getJson(path, status);
    assert.equal(res.headers.get('content-type'), 'application/problem+json', path);
    assert.ok(Array.isArray(json[member]) || typeof json[member] === 'number', `${path}: lists ${member}`);
  }
});
