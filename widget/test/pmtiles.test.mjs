// The PMTiles archives `./atlas export` wrote (ATLAS_PMTILES_DIR, set by ./atlas test): read by an
// independent reader (the pmtiles package), they hold exactly the tiles the server serves and its
// TileJSON; and MapLibre draws one through the pmtiles protocol from a plain static file server
// that answers range requests, as object storage behind a CDN does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { openSync, readSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { PMTiles } from 'pmtiles';
import { baseUrl, json, launch, openPage, screenshot, colourShare } from './browser.mjs';

const dir = process.env.ATLAS_PMTILES_DIR;
if (!dir) {
  throw new Error('ATLAS_PMTILES_DIR is not set: run the widget tests with ./atlas test, which exports the archives');
}
const require = createRequire(import.meta.url);
let session;
let files;
before(async () => {
  session = await launch();
  files = await staticServer();
});
after(async () => {
  await session?.close();
  files?.server.close();
});

/** An archive read from disk by byte ranges, as the reader asks them. */
function archive(name) {
  const path = join(dir, `${name}.pmtiles`);
  const fd = openSync(path, 'r');
  return new PMTiles({
    getKey: () => path,
    getBytes: async (offset, length) => {
      const bytes = Buffer.alloc(length);
      const n = readSync(fd, bytes, 0, length, offset);
      return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + n) };
    },
  });
}

/**
 * A static server as object storage is: the archive with range requests (206), MapLibre and the
 * pmtiles protocol from node_modules, and a page; on another origin than the atlas.
 */
function staticServer() {
  const routes = {
    '/maplibre-gl.js': [require.resolve('maplibre-gl/dist/maplibre-gl.js'), 'text/javascript'],
    '/maplibre-gl.css': [require.resolve('maplibre-gl/dist/maplibre-gl.css'), 'text/css'],
    '/pmtiles.js': [join(require.resolve('pmtiles').split('/dist/')[0], 'dist/pmtiles.js'), 'text/javascript'],
    '/regions.pmtiles': [join(dir, 'regions.pmtiles'), 'application/octet-stream'],
  };
  const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>PMTiles</title><link rel="icon" href="data:,">
    <link rel="stylesheet" href="/maplibre-gl.css"><script src="/maplibre-gl.js"></script><script src="/pmtiles.js"></script></head>
    <body style="margin:0"><div id="map" style="width:800px;height:600px"></div><script>
      const protocol = new pmtiles.Protocol();
      maplibregl.addProtocol('pmtiles', protocol.tile);
      window.map = new maplibregl.Map({ container: 'map', center: [2.5, 46.6], zoom: 4.5, style: { version: 8,
        sources: { regions: { type: 'vector', url: 'pmtiles://' + location.origin + '/regions.pmtiles' } },
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#ffffff' } },
          { id: 'fill', type: 'fill', source: 'regions', 'source-layer': 'region', paint: { 'fill-color': '#d7301f' } }] } });
      map.on('idle', () => { document.body.dataset.idle = 'true'; });
    </script></body></html>`;
  const ranges = [];
  const server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    const route = routes[req.url];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const [path, type] = route;
    const size = statSync(path).size;
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!range) {
      res.writeHead(200, { 'content-type': type, 'content-length': size }).end(readFileSync(path));
      return;
    }
    const start = Number(range[1]);
    const end = Math.min(Number(range[2]), size - 1);
    ranges.push(req.headers.range);
    res.writeHead(206, { 'content-type': type, 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${size}`,
      'content-length': end - start + 1 }).end(readFileSync(path).subarray(start, end + 1));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, ranges, url: `http://127.0.0.1:${server.address().port}` })));
}

// the boundaries, an indicator, the venues, and the France view (?layout=france: the overseas in
// insets beside the metropole), each as the server serves it
const ARCHIVES = [
  { file: 'regions', tileset: 'regions', query: '' },
  { file: 'bibliotheques_pour_10000_hab', tileset: 'bibliotheques_pour_10000_hab', query: '' },
  { file: 'equipements', tileset: 'equipements', query: '' },
  { file: 'bibliotheques_pour_10000_hab-france', tileset: 'bibliotheques_pour_10000_hab', query: '?layout=france' },
];

for (const { file, tileset, query } of ARCHIVES) {
  test(`the exported ${file} archive holds the server's tiles and TileJSON, read by the pmtiles package`, async () => {
    const pm = archive(file);
    const header = await pm.getHeader();
    assert.equal(header.specVersion, 3);
    assert.equal(header.tileType, 1, 'MVT');
    assert.equal(header.tileCompression, 2, 'gzip, as the server sends them');
    assert.equal(header.minZoom, 0);
    assert.equal(header.maxZoom, 6);
    const served = await json(`/tiles/${tileset}.json${query}`);
    if (!query) {
      assert.ok(header.minLon < -61 && header.maxLon > 55, 'the overseas inside the bounds');
    } else {
      // the composite view's frame: the overseas are drawn in insets inside it, not at their place
      assert.ok(header.minLon > -20 && header.maxLon < 20, `the France view's frame: ${header.minLon} to ${header.maxLon}`);
      assert.deepEqual(served.bounds.map((b) => b.toFixed(4)), [header.minLon, header.minLat, header.maxLon, header.maxLat].map((b) => b.toFixed(4)));
    }
    const metadata = await pm.getMetadata();
    assert.equal(metadata.name, served.name);
    assert.deepEqual(metadata.vector_layers, served.vector_layers);
    assert.equal(metadata.attribution, served.attribution);
    assert.equal(metadata.tiles, undefined, 'the tile URLs are the reader\'s');
    // every tile of zoom 5 over France and a few others, byte for byte what the server answers
    const coords = [[0, 0, 0], [3, 4, 2], [4, 8, 5], [6, 32, 22], [6, 33, 23], [6, 42, 35]];
    for (let x = 15; x <= 17; x++) for (let y = 10; y <= 12; y++) coords.push([5, x, y]);
    let found = 0;
    for (const [z, x, y] of coords) {
      const tile = await pm.getZxy(z, x, y);
      const res = await fetch(`${baseUrl}/tiles/${tileset}/${z}/${x}/${y}.mvt${query}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status === 204 || bytes.length === 0) {
        assert.equal(tile, undefined, `${z}/${x}/${y}: empty on the server, absent from the archive`);
        continue;
      }
      assert.ok(tile, `${z}/${x}/${y} is in the archive`);
      assert.ok(Buffer.from(tile.data).equals(bytes), `${z}/${x}/${y}: the server's bytes`);
      found++;
    }
    assert.ok(found >= 8, `${found} tiles compared`);
  });
}

test('MapLibre draws the archive through the pmtiles protocol from a static file server', async () => {
  const { page, problems } = await openPage(session.browser, { width: 800, height: 600 });
  await page.goto(files.url);
  await page.waitForSelector('body[data-idle="true"]', { timeout: 30_000 });
  const regions = await page.evaluate(() => new Set(window.map.queryRenderedFeatures({ layers: ['fill'] })
    .map((f) => f.properties.code)).size);
  assert.ok(regions >= 12, `${regions} régions drawn`);
  const share = colourShare(await screenshot(page, 'pmtiles-maplibre'), [0xd7, 0x30, 0x1f], 10);
  assert.ok(share > 0.15, `the régions cover ${(share * 100).toFixed(1)} % of the map`);
  assert.ok(files.ranges.length >= 2, `read by range requests: ${files.ranges.join(', ')}`);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
