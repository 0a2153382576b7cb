// Builds the homepage (and, later, the embeddable widget) into dist/, which the server
// serves as static content. One esbuild call per entry point; no other build tool.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const dist = new URL('./dist/', import.meta.url).pathname;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: { home: 'src/home.js' },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: ['es2020'],
  outdir: dist,
  logLevel: 'warning',
});
cpSync('src/index.html', `${dist}/index.html`);
