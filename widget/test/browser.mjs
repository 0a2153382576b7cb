// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, against the
// server that ./atlas test started (ATLAS_URL). Records console errors, page errors and any
// request that leaves the server, and keeps screenshots as test artifacts.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export const baseUrl = process.env.ATLAS_URL;

/** A JSON document of the server under test, which must answer 200. */
export async function json(path) {
  const res = await fetch(baseUrl + path);
  assert.equal(res.status, 200, path);
  return res.json();
}
if (!baseUrl) {
  throw new Error('ATLAS_URL is not set: run the widget tests with ./atlas test, which starts a server for them');
}
const artifacts = process.env.ATLAS_ARTIFACTS ?? join(process.cwd(), '..', 'test-artifacts');

export async function launch() {
  // playwright starts Chromium with a fresh, temporary --user-data-dir of its own
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      // WebGL without a GPU: software rendering through SwiftShader
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      // partner pages are simulated on a second loopback origin (localhost vs 127.0.0.1);
      // Chromium's local-network checks would otherwise ask the user's permission
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessPermissionPrompt'],
  });
  return { browser, close: () => browser.close() };
}

/**
 * Opens a page in a context of its own (its own window: a background tab would get no
 * animation frames, and MapLibre would never render) that records what went wrong on it.
 */
export async function openPage(browser, { width = 1024, height = 768 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = { errors: [], outside: [] };
  page.on('console', (msg) => { if (msg.type() === 'error') problems.errors.push(msg.text()); });
  page.on('pageerror', (err) => problems.errors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.outside.push(url);
  });
  return { page, problems };
}

/** Saves a screenshot under test-artifacts/ and returns it decoded. */
export async function screenshot(page, name) {
  const bytes = await page.screenshot();
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, `${name}.png`), bytes);
  return PNG.sync.read(bytes);
}

/** Share of pixels within `tolerance` of the colour [r, g, b]. */
export function colourShare(png, [r, g, b], tolerance = 24) {
  let hits = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i] - r) <= tolerance && Math.abs(png.data[i + 1] - g) <= tolerance
      && Math.abs(png.data[i + 2] - b) <= tolerance) hits++;
  }
  return hits / (png.width * png.height);
}

/** Saves a screenshot of one element (a map) and returns it decoded. */
export async function elementShot(locator, name) {
  const bytes = await locator.screenshot();
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, `${name}.png`), bytes);
  return PNG.sync.read(bytes);
}

/** The colour of a fill drawn at `opacity` over `background` (both '#rrggbb'). */
export function blend(hex, opacity, background) {
  const rgb = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const [c, b] = [rgb(hex), rgb(background)];
  return c.map((v, i) => Math.round(v * opacity + b[i] * (1 - opacity)));
}

/**
 * A partner site: a page on a second origin of the same machine (localhost instead of
 * 127.0.0.1, or the other way round) served by the test itself, so that every request the
 * widget makes to the atlas is cross-origin, as on a real partner site.
 */
export const partnerOrigin = (() => {
  const url = new URL(baseUrl);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.origin;
})();

export async function openPartnerPage(page, body, { title = 'Site partenaire' } = {}) {
  const url = `${partnerOrigin}/partenaire/${Math.random().toString(36).slice(2)}.html`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body:
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title><link rel="icon" href="data:,"></head><body><main><h1>${title}</h1>${body}</main></body></html>` }));
  await page.goto(url);
  return url;
}

const axeSource = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** axe-core's violations on a page or frame, as "rule: target" lines (empty when none). */
export async function axeViolations(target) {
  // evaluated through the DevTools protocol rather than added as an inline <script>: the pages'
  // Content-Security-Policy (script-src 'self') rightly refuses inline scripts
  await target.evaluate(axeSource);
  const result = await target.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary}`));
}

/** Requests that left the atlas server, other than the partner page itself. */
export function outside(problems) {
  return problems.outside.filter((u) => !u.startsWith(`${partnerOrigin}/partenaire/`));
}
