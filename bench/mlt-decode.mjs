// Decode time of our tiles in Chromium, MVT against MLT (issue 15): the decoders MapLibre GL JS
// uses (@mapbox/vector-tile on pbf, @maplibre/mlt), bundled by esbuild from the widget's
// node_modules and run in Debian's Chromium; each tile decoded with every feature's geometry and
// properties read, as a map's worker does. Run by ./atlas mlt after MltCompare.java.
//
// Usage: node bench/mlt-decode.mjs DIR   (DIR holds name.mvt and name.mlt pairs)
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const widget = join(dirname(fileURLToPath(import.meta.url)), '..', 'widget');
const require = createRequire(join(widget, 'package.json'));
const esbuild = require('esbuild');
const { chromium } = require('playwright-core');

const dir = process.argv[2];
const names = readdirSync(dir).filter((f) => f.endsWith('.mlt')).map((f) => f.slice(0, -4)).sort();
// base64: 500 tiles as arrays of numbers would not fit the page's argument
const tiles = names.map((n) => ({
  mvt: readFileSync(join(dir, `${n}.mvt`)).toString('base64'),
  mlt: readFileSync(join(dir, `${n}.mlt`)).toString('base64'),
}));

const bundle = await esbuild.build({
  stdin: {
    resolveDir: widget,
    contents: `
      import { VectorTile } from '@mapbox/vector-tile';
      import { PbfReader } from 'pbf';
      import { decodeTile } from '@maplibre/mlt';
      // every feature's geometry and properties, so that a lazy decoder is not flattered
      window.readMvt = (bytes) => {
        const tile = new VectorTile(new PbfReader(bytes));
        let n = 0;
        for (const name of Object.keys(tile.layers)) {
          const layer = tile.layers[name];
          for (let i = 0; i < layer.length; i++) {
            const f = layer.feature(i);
            n += f.loadGeometry().length + Object.keys(f.properties).length;
          }
        }
        return n;
      };
      window.readMlt = (bytes) => {
        let n = 0;
        for (const table of decodeTile(bytes)) {
          for (const f of table.getFeatures()) {
            n += (f.geometry?.coordinates?.length ?? 1) + Object.keys(f.properties ?? {}).length;
          }
        }
        return n;
      };`,
  },
  bundle: true,
  format: 'iife',
  write: false,
});

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const result = await page.evaluate((list) => {
    const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    // the tiles MapLibre's decoder reads: the encoder and the decoder are versioned apart, and
    // the decoder does not read every encoding the encoder writes yet
    const refused = [];
    const readable = list.filter((t, i) => {
      try { window.readMlt(bytes(t.mlt)); return true; } catch (e) { refused.push(e.message); return false; }
    });
    const mvt = readable.map((t) => bytes(t.mvt));
    const mlt = readable.map((t) => bytes(t.mlt));
    const time = (read, tiles) => {
      for (let r = 0; r < 3; r++) tiles.forEach(read); // warm-up
      const start = performance.now();
      const rounds = 10;
      for (let r = 0; r < rounds; r++) tiles.forEach(read);
      return (performance.now() - start) / rounds;
    };
    if (readable.length === 0) return { readable: 0, refused: refused.length, reason: refused[0] };
    return { readable: readable.length, refused: refused.length, reason: refused[0],
      mvtMs: time(window.readMvt, mvt), mltMs: time(window.readMlt, mlt) };
  }, tiles);
  if (result.refused) {
    console.log(`MapLibre's MLT decoder refuses ${result.refused} of ${tiles.length} tiles: ${result.reason}`);
  }
  if (result.readable) {
    console.log(`decode in Chromium, the ${result.readable} tiles it reads, all features read: MVT ${result.mvtMs.toFixed(1)} ms, `
      + `MLT ${result.mltMs.toFixed(1)} ms, MLT/MVT ${(result.mltMs / result.mvtMs).toFixed(2)}`);
  }
} finally {
  await browser.close();
}
