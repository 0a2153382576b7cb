// Interoperability: served tiles decode with @mapbox/vector-tile (the decoder of Mapbox GL's
// lineage), with the expected layers, fields and feature counts. GDAL's ogrinfo is the other
// independent decoder (GdalInteropTest on the Java side).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { baseUrl, json } from './browser.mjs';

async function tile(path) {
  const res = await fetch(baseUrl + path);
  assert.equal(res.status, 200, path);
  assert.equal(res.headers.get('content-type'), 'application/vnd.mapbox-vector-tile');
  return new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
}

function features(layer) {
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i));
}

test('the world tile of the régions holds the 18 régions with integer ids and codes, named on their label points', async () => {
  const vt = await tile('/tiles/regions/0/0/0.mvt');
  assert.deepEqual(Object.keys(vt.layers), ['region', 'region-points']);
  const layer = vt.layers.region;
  assert.equal(layer.extent, 1024, 'a lean grid below zoom 8');
  assert.equal(layer.version, 2);
  const all = features(layer);
  // Mayotte, a fiftieth of a pixel at zoom 0, rounds to nothing on the grid; the 17 others are drawn
  assert.deepEqual(all.map((f) => f.properties.code).sort(),
    ['01', '02', '03', '04', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94']);
  for (const f of all) {
    assert.equal(f.type, 3, 'polygons');
    assert.ok(Number.isInteger(f.id) && f.id > 0, `integer id: ${f.id}`);
    assert.equal(f.properties.nom, undefined, 'no name on polygons below zoom 8');
  }
  // one label point per région of 250,000 inhabitants or more, with the same id as its polygon
  // (Mayotte's population is unknown: it is named only where it is large on screen)
  const points = features(vt.layers['region-points']);
  const ids = new Set(all.map((f) => f.id));
  assert.equal(points.length, 17, points.map((p) => p.properties.nom).join(', '));
  assert.ok(!points.some((p) => p.properties.code === '06'), 'Mayotte: no polygon in the tile, no point');
  for (const p of points) {
    assert.equal(p.type, 1, 'points');
    assert.ok(ids.has(p.id), `${p.properties.nom}: the id of its polygon`);
    assert.ok(p.properties.population >= 250_000, `${p.properties.nom}: ${p.properties.population}`);
  }
  assert.ok(points.some((f) => f.properties.nom === 'Île-de-France'));
});

test('the national view of the communes names only large cities and keeps a polygon for every commune it can show', async () => {
  const vt = await tile('/tiles/communes/5/16/11.mvt');
  const polygons = features(vt.layers.commune);
  assert.ok(polygons.length > 2000, `${polygons.length} communes of zoom 5 in the tile`);
  const named = features(vt.layers['commune-points']).filter((f) => f.properties.nom);
  assert.ok(named.some((f) => f.properties.nom === 'Lyon') && named.some((f) => f.properties.nom === 'Marseille'));
  assert.ok(named.every((f) => f.properties.population >= 150_000), named.map((f) => f.properties.nom).join(', '));
});

test('a count\'s tile carries its values on the label points, for proportional symbols', async () => {
  const vt = await tile('/tiles/monuments_historiques/5/16/11.mvt?level=commune');
  const points = features(vt.layers['commune-points']);
  const { values } = await json('/api/indicators/monuments_historiques/values?level=commune');
  const byCode = new Map(values.map((v) => [v.code, v.value]));
  const valued = points.filter((f) => f.properties.monuments_historiques !== undefined);
  assert.ok(valued.length > 300, `${valued.length} communes with monuments`);
  for (const f of valued) {
    assert.equal(f.properties.monuments_historiques, byCode.get(f.properties.code), f.properties.code);
    assert.ok(f.properties.monuments_historiques > 0, 'no circle of zero');
  }
});

test('an indicator tile carries the values the data API gives, absent where not available', async () => {
  // zoom 6 over Massif central: the département level
  const vt = await tile('/tiles/bibliotheques_pour_10000_hab/6/32/22.mvt?indicators=monuments_historiques');
  const all = features(vt.layers.departement);
  assert.ok(all.length > 10, `${all.length} départements`);
  const { values } = await json('/api/indicators/bibliotheques_pour_10000_hab/values?level=departement');
  const byCode = new Map(values.map((v) => [v.code, v.value]));
  for (const f of all) {
    const expected = byCode.get(f.properties.code);
    if (expected === null || expected === undefined) {
      assert.equal(f.properties.bibliotheques_pour_10000_hab, undefined, `${f.properties.code}: absent, not 0`);
    } else {
      assert.ok(Math.abs(f.properties.bibliotheques_pour_10000_hab - expected) < 1e-9, f.properties.code);
    }
    assert.equal(typeof f.properties.monuments_historiques, 'number', 'the second indicator of ?indicators=');
  }
});

test('the venues tile has one layer per family, clusters below zoom 12', async () => {
  const vt = await tile('/tiles/equipements/5/16/11.mvt');
  assert.deepEqual(Object.keys(vt.layers).sort(), ['bibliotheques', 'monuments_historiques']);
  for (const layer of Object.values(vt.layers)) {
    const all = features(layer);
    assert.ok(all.length > 0);
    assert.ok(all.every((f) => f.type === 1 && f.properties.count >= 1 && 'discipline' in f.properties));
  }
});
