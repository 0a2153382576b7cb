// Builds everything the server serves as static content into dist/: the homepage (/), the
// embeddable widget (/widget/), the iframe page (/embed/), the snippet builder (/builder/), the
// style studio (/studio/) and the styles' sprites (/sprites/).
// esbuild only; no other build tool.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildSprites } from './sprites.mjs';

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

// Every file but the widget's entry script carries a hash of its content in its name
// (home-3FQ7K2XH.js): the server lets browsers and CDNs keep those a year, and a new build names
// new files. atlas-widget.js keeps its name, the one partner pages embed, and is short-lived.
const hashed = { entryNames: '[name]-[hash]', metafile: true };
const named = (result, ext) => basename(Object.keys(result.metafile.outputs).find((f) => f.endsWith(ext)));

// Leaflet + MapLibre + maplibre-gl-leaflet: loaded once per page, when a widget nears the viewport
const maplib = await build({ ...common, ...hashed, entryPoints: { 'atlas-maplib': 'src/widget/maplib.js' },
  outdir: `${dist}/widget` });
const [home, embed, builder, studio] = await Promise.all([
  build({ ...common, ...hashed, entryPoints: { home: 'src/home/home.js' }, outdir: dist }),
  build({ ...common, ...hashed, entryPoints: { embed: 'src/embed/embed.js' }, outdir: `${dist}/embed` }),
  build({ ...common, ...hashed, entryPoints: { builder: 'src/builder/builder.js' }, outdir: `${dist}/builder` }),
  build({ ...common, ...hashed, entryPoints: { studio: 'src/studio/studio.js' }, outdir: `${dist}/studio` }),
  // the widget's own code: small, loaded by partner pages; its stylesheet travels inside it, and it
  // knows the hashed names of the map libraries it loads
  build({ ...common, entryPoints: { 'atlas-widget': 'src/widget/atlas-widget.js' }, outdir: `${dist}/widget`,
    loader: { ...common.loader, '.css': 'text' },
    define: { ATLAS_MAPLIB_JS: JSON.stringify(named(maplib, '.js')), ATLAS_MAPLIB_CSS: JSON.stringify(named(maplib, '.css')) } }),
]);

/** A copy of a page with its scripts and stylesheets renamed to their hashed names. */
function page(from, to, renames) {
  let html = readFileSync(from, 'utf8');
  for (const [plain, hashedName] of Object.entries(renames)) {
    if (!html.includes(plain)) throw new Error(`${from} does not name ${plain}`);
    html = html.replaceAll(plain, hashedName);
  }
  writeFileSync(to, html);
}
const css = readFileSync('src/builder/builder.css');
const builderCss = `builder-${createHash('sha256').update(css).digest('hex').slice(0, 8).toUpperCase()}.css`;
writeFileSync(`${dist}/builder/${builderCss}`, css);
page('src/index.html', `${dist}/index.html`, { '/home.css': `/${named(home, '.css')}`, '/home.js': `/${named(home, '.js')}` });
page('src/embed/index.html', `${dist}/embed/index.html`, { '/embed/embed.js': `/embed/${named(embed, '.js')}` });
page('src/builder/index.html', `${dist}/builder/index.html`, {
  '/builder/builder.css': `/builder/${builderCss}`, '/builder/builder.js': `/builder/${named(builder, '.js')}` });
page('src/studio/index.html', `${dist}/studio/index.html`, {
  '/studio/studio.css': `/studio/${named(studio, '.css')}`, '/studio/studio.js': `/studio/${named(studio, '.js')}` });

// the styles' icons (/sprites/): rasterised from styles/sprites/ (sprites.mjs, also run alone)
buildSprites();

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
