// Builds everything the server serves as static content into dist/: the homepage (/), the
// embeddable widget (/widget/), the iframe page (/embed/) and the snippet builder (/builder/).
// esbuild only; no other build tool.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('./dist/', import.meta.url).pathname;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  // source maps are for development only (ATLAS_SOURCEMAPS=1): served publicly they are 5 MB
  // that nobody asked for, and they expose the sources' layout
  sourcemap: process.env.ATLAS_SOURCEMAPS === '1',
  format: 'iife',
  target: ['es2020'],
  logLevel: 'warning',
  // Leaflet's stylesheet points at a few small images; inline them so that no file is missing
  loader: { '.png': 'dataurl', '.svg': 'dataurl', '.css': 'css' },
};

await Promise.all([
  build({ ...common, entryPoints: { home: 'src/home/home.js' }, outdir: dist }),
  // the widget's own code: small, loaded by partner pages; its stylesheet travels inside it
  build({ ...common, entryPoints: { 'atlas-widget': 'src/widget/atlas-widget.js' }, outdir: `${dist}/widget`,
    loader: { ...common.loader, '.css': 'text' }, metafile: false }),
  // Leaflet + MapLibre + maplibre-gl-leaflet: loaded once per page, when a widget nears the viewport
  build({ ...common, entryPoints: { 'atlas-maplib': 'src/widget/maplib.js' }, outdir: `${dist}/widget` }),
  build({ ...common, entryPoints: { embed: 'src/embed/embed.js' }, outdir: `${dist}/embed` }),
  build({ ...common, entryPoints: { builder: 'src/builder/builder.js' }, outdir: `${dist}/builder` }),
]);
cpSync('src/index.html', `${dist}/index.html`);
cpSync('src/embed/index.html', `${dist}/embed/index.html`);
cpSync('src/builder/index.html', `${dist}/builder/index.html`);
cpSync('src/builder/builder.css', `${dist}/builder/builder.css`);

// Precompressed forms beside each text file, at the highest levels (the server sends the one the
// client accepts, without compressing anything at request time): brotli, and gzip for the rest.
const TEXT = /\.(js|css|html|json|svg|map)$/;
function precompress(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      precompress(path);
    } else if (TEXT.test(name) && statSync(path).size >= 1024) {
      const bytes = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }));
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    }
  }
}
precompress(dist);
