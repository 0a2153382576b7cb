// Map clients of `./atlas soak replicas` (bench/soak.sh): each one does what the homepage and
// MapLibre do for a visitor. It loads an indicator's generated style (its classes are of one data
// version, and it names that version's TileJSON), then the TileJSON, then views of 4 × 3 tiles
// from the tile URL the TileJSON gives, 6 tiles at a time like a browser, with a short pause
// between views. After a few views it starts again, as a new visitor would.
//
// A map is "mixed" when its style, its TileJSON and its tiles are not all of one data version:
// the style's TileJSON URL names a version (`v=`), the TileJSON's tile URL another `v`, and each
// tile's ETag ("v<N>-…") the version of its bytes. Every answer other than 200, 204 or 304 is an
// error.
//
//   node bench/maps.mjs URL STOPFILE [CLIENTS]
//
// Runs until STOPFILE exists, then prints one JSON line of figures. A line is also printed every
// 10 s, so that the soak log shows the switch as it happens.
import { existsSync } from 'node:fs';

const [base, stopFile, clientsArg] = process.argv.slice(2);
const CLIENTS = Number(clientsArg ?? 8);
// what the atlas shows by default: a count per 10,000 inhabitants, a sum, a région-level share
const TILESETS = ['bibliotheques_pour_10000_hab', 'population', 'depenses_regions'];
// Paris, Lyon, Marseille, Nantes, Strasbourg
const PLACES = [[2.35, 48.85], [4.83, 45.76], [5.37, 43.30], [-1.55, 47.22], [7.75, 48.58]];
const ZOOMS = [5, 6, 7, 8, 9];
const VIEWS_PER_MAP = 6;

const figures = {
  maps: 0, tiles: 0, tileJsons: 0, errors: 0, mixedMaps: 0,
  statuses: {}, mapsByVersion: {}, errorSamples: [],
};

function tileOf(lon, lat, z) {
  const n = 2 ** z;
  const x = Math.floor((lon + 180) / 360 * n);
  const r = lat * Math.PI / 180;
  const y = Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
  return [x, y];
}

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

function count(status, what) {
  figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
  if (![200, 204, 304].includes(status)) {
    figures.errors++;
    if (figures.errorSamples.length < 5) figures.errorSamples.push(`${status} ${what}`);
  }
}

async function get(url) {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res;
  } catch (e) {
    count('socket', `${url}: ${e.message}`);
    return null;
  }
}

async function json(url) {
  const res = await fetch(url).catch((e) => {
    count('socket', `${url}: ${e.message}`);
    return null;
  });
  if (!res) return null;
  count(res.status, url);
  if (res.status !== 200) {
    await res.arrayBuffer();
    return null;
  }
  return res.json();
}

async function map() {
  const tileset = pick(TILESETS);
  const style = await json(`${base}/styles/choropleth/${tileset}.json`);
  if (!style) return;
  // the TileJSON as MapLibre takes it: the style's own URL, on the host the client reached
  const source = new URL(style.sources.indicator.url);
  const tileJson = await json(`${base}${source.pathname}${source.search}`);
  figures.tileJsons++;
  if (!tileJson) return;
  const template = new URL(tileJson.tiles[0]);
  const version = template.searchParams.get('v');
  let mixed = source.searchParams.get('v') !== version;
  for (let view = 0; view < VIEWS_PER_MAP && !existsSync(stopFile); view++) {
    const [lon, lat] = pick(PLACES);
    const z = pick(ZOOMS);
    const [cx, cy] = tileOf(lon, lat, z);
    const urls = [];
    for (let dx = -2; dx < 2; dx++) {
      for (let dy = -1; dy < 2; dy++) {
        const path = decodeURIComponent(template.pathname).replace('{z}', z).replace('{x}', cx + dx).replace('{y}', cy + dy);
        urls.push(`${base}${path}${template.search}`);
      }
    }
    for (let i = 0; i < urls.length; i += 6) {
      const answers = await Promise.all(urls.slice(i, i + 6).map(get));
      answers.forEach((tile, k) => {
        if (!tile) return;
        figures.tiles++;
        count(tile.status, urls[i + k]);
        const etag = tile.headers.get('etag');
        // a 204 (no territory there) has no ETag; every tile with bytes must be of the map's version
        if (tile.status === 200 && (!etag || !etag.startsWith(`"v${version}-`))) mixed = true;
      });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  figures.maps++;
  figures.mapsByVersion[version] = (figures.mapsByVersion[version] ?? 0) + 1;
  if (mixed) figures.mixedMaps++;
}

async function client() {
  while (!existsSync(stopFile)) {
    await map();
  }
}

const started = Date.now();
const ticker = setInterval(() => {
  console.error(`maps +${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify({
    maps: figures.maps, tiles: figures.tiles, errors: figures.errors, mixedMaps: figures.mixedMaps,
    mapsByVersion: figures.mapsByVersion })}`);
}, 10_000);
await Promise.all(Array.from({ length: CLIENTS }, client));
clearInterval(ticker);
console.log(JSON.stringify({ seconds: Math.round((Date.now() - started) / 1000), ...figures }));
