// Sprites in MapLibre's format from the SVG icons of styles/sprites/{id}/: for each folder,
// {id}.json + {id}.png (pixel ratio 1) and {id}@2x.json + {id}@2x.png (ratio 2, for HiDPI
// screens), rasterised by resvg (a maintained SVG renderer with prebuilt binaries on npm) into
// dist/sprites/, which the server serves at /sprites/ like any built file.
//
// The server rereads a file whose time or size changed, so an edited icon is served as soon as
// this script has run again: `npm run sprites` once, or `npm run sprites -- --watch` while drawing.
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { mkdirSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = new URL('../styles/sprites/', import.meta.url).pathname;
const OUT = new URL('./dist/sprites/', import.meta.url).pathname;
// rows of icons no wider than this (at ratio 1); a pixel of transparent gap around each icon
// keeps a neighbour from bleeding in when MapLibre samples an icon drawn between two pixels
const ROW_WIDTH = 256;
const GAP = 1;

/** Writes the sprites of every folder of `from` into `to`; returns their ids. */
export function buildSprites(from = SOURCES, to = OUT) {
  mkdirSync(to, { recursive: true });
  const ids = readdirSync(from).filter((name) => statSync(join(from, name)).isDirectory());
  for (const id of ids) {
    const svgs = readdirSync(join(from, id)).filter((n) => n.endsWith('.svg')).sort()
      .map((n) => ({ name: n.slice(0, -4), svg: readFileSync(join(from, id, n)) }));
    for (const ratio of [1, 2]) {
      const { index, png } = sheet(svgs, ratio);
      const suffix = ratio === 1 ? '' : `@${ratio}x`;
      writeFileSync(join(to, `${id}${suffix}.json`), `${JSON.stringify(index, null, 1)}\n`);
      writeFileSync(join(to, `${id}${suffix}.png`), PNG.sync.write(png));
    }
  }
  return ids;
}

/** One sheet: the icons rasterised at `ratio`, placed in rows (a shelf packing), and their index. */
function sheet(svgs, ratio) {
  const icons = svgs.map(({ name, svg }) => {
    const image = new Resvg(svg, { fitTo: { mode: 'zoom', value: ratio } }).render();
    // through its PNG: straight (not premultiplied) alpha, as a PNG sheet must hold it
    return { name, width: image.width, height: image.height, pixels: PNG.sync.read(image.asPng()).data };
  });
  const gap = GAP * ratio;
  let x = gap;
  let y = gap;
  let rowHeight = 0;
  let width = 0;
  for (const icon of icons) {
    if (x > gap && x + icon.width + gap > ROW_WIDTH * ratio) {
      x = gap;
      y += rowHeight + gap;
      rowHeight = 0;
    }
    Object.assign(icon, { x, y });
    x += icon.width + gap;
    rowHeight = Math.max(rowHeight, icon.height);
    width = Math.max(width, x);
  }
  const png = new PNG({ width: Math.max(width, 1), height: y + rowHeight + gap });
  const index = {};
  for (const icon of icons) {
    for (let row = 0; row < icon.height; row++) {
      const from = row * icon.width * 4;
      png.data.set(icon.pixels.subarray(from, from + icon.width * 4), ((icon.y + row) * png.width + icon.x) * 4);
    }
    index[icon.name] = { x: icon.x, y: icon.y, width: icon.width, height: icon.height, pixelRatio: ratio };
  }
  return { index, png };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Sprites: ${buildSprites().join(', ')} → ${OUT}`);
  if (process.argv.includes('--watch')) {
    console.log(`Watching ${SOURCES} (Ctrl+C to stop)`);
    let pending = null;
    // an editor's save is often several events: rebuild once they have settled
    watch(SOURCES, { recursive: true }, () => {
      clearTimeout(pending);
      pending = setTimeout(() => console.log(`Sprites rebuilt: ${buildSprites().join(', ')}`), 100);
    });
  }
}
