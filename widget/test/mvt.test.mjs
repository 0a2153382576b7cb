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

test('the world tile of the régions holds the 18 régions with integer ids, code and nom', async () => {
  const vt = await tile('/tiles/regions/0/0/0.mvt');
  assert.deepEqual(Object.keys(vt.layers), ['region']);
  const layer = vt.layers.region;
  assert.equal(layer.extent, 4096);
  assert.equal(layer.version, 2);
  const all = features(layer);
  assert.equal(all.length, 18);
  assert.equal(new Set(all.map((f) => f.properties.code)).size, 18);
  for (const f of all) {
    assert.equal(f.type, 3, 'polygons');
    assert.ok(Number.isInteger(f.id) && f.id > 0, `integer id: ${f.id}`);
    assert.equal(typeof f.properties.nom, 'string');
  }
  assert.ok(all.some((f) => f.properties.nom === 'Île-de-France'));
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
